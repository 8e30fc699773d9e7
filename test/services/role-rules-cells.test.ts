/**
 * Every cell of the role rules, through the services: for each
 * actor role × target role × action, the call succeeds or is refused with
 * FORBIDDEN and changes nothing. The expected answers are written from the
 * spec, not computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/index.js';
import { addMember, type Harness, seedOrganization, uniqueEmail, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

type Role = 'owner' | 'admin' | 'user';
const ROLES: Role[] = ['owner', 'admin', 'user'];

/** Who may act on (and grant) which role, straight from the spec. */
const MANAGES: Record<Role, Role[]> = { owner: ['owner', 'admin', 'user'], admin: ['admin', 'user'], user: [] };

interface Cell {
  action: string;
  actor: Role;
  target: Role;
  allowed: boolean;
  run(h: Harness, actor: Actor, targetId: string, projectId: string): Promise<unknown>;
}

const cells: Cell[] = [];
for (const actor of ROLES) {
  for (const target of ROLES) {
    const onTarget = MANAGES[actor].includes(target);
    for (const to of ROLES.filter((role) => role !== target)) {
      cells.push({
        action: `change role to ${to}`,
        actor,
        target,
        allowed: onTarget && MANAGES[actor].includes(to),
        run: (h, a, id) => h.orgkit.members.update(a, id, { role: to }),
      });
    }
    cells.push(
      {
        action: 'edit full name',
        actor,
        target,
        allowed: onTarget,
        run: (h, a, id) => h.orgkit.members.update(a, id, { fullName: 'Edited' }),
      },
      {
        action: 'edit email',
        actor,
        target,
        allowed: onTarget,
        run: (h, a, id) => h.orgkit.members.update(a, id, { email: uniqueEmail('edited') }),
      },
      {
        action: 'disable',
        actor,
        target,
        allowed: onTarget,
        run: (h, a, id) => h.orgkit.members.setStatus(a, id, 'disabled'),
      },
      {
        action: 'remove',
        actor,
        target,
        allowed: onTarget,
        run: (h, a, id) => h.orgkit.members.remove(a, id),
      },
      {
        action: 'assign a project',
        actor,
        target,
        allowed: onTarget,
        run: (h, a, id, projectId) => h.orgkit.projects.assign(a, projectId, id),
      },
      {
        action: `invite as ${target}`,
        actor,
        target,
        allowed: MANAGES[actor].includes(target),
        run: (h, a) => h.orgkit.invitations.create(a, { email: uniqueEmail(), role: target }),
      },
    );
  }
}

for (const factory of STORES) {
  describe(`role rules, every cell: ${factory.name}`, () => {
    // One store for every cell: each cell seeds an organization of its own, and
    // a fresh store per cell would make this file the slowest of the suite.
    const h = useHarness(factory, { shared: true });

    it.each(cells.map((cell) => [`${cell.actor} → ${cell.target}: ${cell.action}`, cell] as const))(
      '%s',
      async (_, cell) => {
        const { owner } = await seedOrganization(h);
        const project = await h.orgkit.projects.create(owner, { name: 'P' });
        const actor = (await addMember(h, owner, cell.actor)).actor;
        const target = (await addMember(h, owner, cell.target)).actor;
        const before = await h.orgkit.members.get(owner, target.userId);
        const invitationsBefore = (await h.orgkit.invitations.list(owner)).items.length;

        const outcome = await cell.run(h, actor, target.userId, project.id).then(
          () => 'allowed',
          (error: { code?: string }) => error.code,
        );
        expect(outcome).toBe(cell.allowed ? 'allowed' : 'FORBIDDEN');
        if (!cell.allowed) {
          await expect(h.orgkit.members.get(owner, target.userId)).resolves.toEqual(before);
          expect((await h.orgkit.invitations.list(owner)).items).toHaveLength(invitationsBefore);
        }
      },
    );
  });
}
