/**
 * Races inside one process, on every store: the invariants must hold however
 * the calls interleave. Multi-process races live in multi-process.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { addMember, seedOrganization, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

for (const factory of STORES) {
  describe(`in-process races: ${factory.name}`, () => {
    const h = useHarness(factory);

    async function activeOwners(owner: { userId: string; organizationId: string }) {
      return await h.store.countActiveOwners(owner.organizationId);
    }

    it('keeps an active owner when two owners demote each other at once', async () => {
      for (let round = 0; round < 5; round += 1) {
        const { owner } = await seedOrganization(h);
        const second = (await addMember(h, owner, 'owner')).actor;
        const results = await Promise.allSettled([
          h.orgkit.members.update(owner, second.userId, { role: 'admin' }),
          h.orgkit.members.update(second, owner.userId, { role: 'admin' }),
        ]);
        expect(await activeOwners(owner)).toBe(1);
        const refused = results.filter((result) => result.status === 'rejected') as PromiseRejectedResult[];
        expect(refused).toHaveLength(1);
        // The loser either finds itself demoted (FORBIDDEN) or the last owner in the way (LAST_OWNER).
        expect(['LAST_OWNER', 'FORBIDDEN']).toContain(refused[0]?.reason.code);
      }
    });

    it('keeps an active owner when owners disable and remove each other at once', async () => {
      const { owner } = await seedOrganization(h);
      const second = (await addMember(h, owner, 'owner')).actor;
      const third = (await addMember(h, owner, 'owner')).actor;
      await Promise.allSettled([
        h.orgkit.members.setStatus(owner, second.userId, 'disabled'),
        h.orgkit.members.remove(second, third.userId),
        h.orgkit.members.remove(third, owner.userId),
        h.orgkit.members.setStatus(second, owner.userId, 'disabled'),
        h.orgkit.members.remove(owner, owner.userId),
        h.orgkit.members.remove(second, second.userId),
        h.orgkit.members.remove(third, third.userId),
      ]);
      expect(await activeOwners(owner)).toBeGreaterThanOrEqual(1);
    });
  });
}
