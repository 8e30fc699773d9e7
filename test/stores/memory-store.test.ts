/**
 * What only the memory store promises, beyond the Store contract that
 * conformance.test.ts checks: misuse is reported instead of deadlocking.
 */
import { describe, expect, it } from 'vitest';
import { OrgkitError } from '../../src/errors.js';
import { memoryStore } from '../../src/store/memory/memory-store.js';
import type { StoreTx } from '../../src/store/store.js';
import { anAuditEvent, anOrganization } from '../../src/testing/fixtures.js';

describe('memoryStore', () => {
  it('refuses store.transaction inside a transaction instead of deadlocking', async () => {
    const store = memoryStore();
    const organization = anOrganization();

    const outcome = store.transaction(async (tx) => {
      await tx.insertOrganization(organization);
      return store.transaction(async () => 'never runs');
    });

    await expect(outcome).rejects.toThrow(/fn must use the tx/);
    expect(await store.getOrganization(organization.id)).toBeNull();
  });

  it('refuses a store method inside a transaction instead of deadlocking', async () => {
    const store = memoryStore();

    await expect(store.transaction(async () => store.getOrganization('any'))).rejects.toThrow(
      /store\.getOrganization\(\) was called inside store\.transaction/,
    );
    await expect(store.transaction(async () => store.close())).rejects.toThrow(/fn must use the tx/);
  });

  it('allows the store again once the transaction has ended', async () => {
    const store = memoryStore();
    const organization = anOrganization();
    let later: Promise<unknown> | undefined;

    await store.transaction(async (tx) => {
      await tx.insertOrganization(organization);
      // Runs in fn's async context, but after the transaction is over.
      later = new Promise((resolve) => setTimeout(resolve, 10)).then(() => store.getOrganization(organization.id));
    });

    expect(await later).toEqual(organization);
  });

  it('refuses a tx used after its transaction ended', async () => {
    const store = memoryStore();
    let leaked: StoreTx | undefined;
    await store.transaction(async (tx) => {
      leaked = tx;
    });

    await expect(leaked!.getOrganization('any')).rejects.toThrow(/after its transaction ended/);
  });

  it('makes each call all-or-nothing, even when fn catches its error and carries on', async () => {
    const store = memoryStore();
    const organization = anOrganization();
    const kept = anAuditEvent({ organizationId: organization.id });

    await store.transaction(async (tx) => {
      await tx.insertOrganization(organization);
      const halfValid = [
        anAuditEvent({ organizationId: organization.id }),
        anAuditEvent({ organizationId: 'missing' }),
      ];
      await expect(tx.insertAuditEvents(halfValid)).rejects.toMatchObject({ code: 'STORE_FAILURE' });
      await tx.insertAuditEvents([kept]);
    });

    expect(await store.listAuditEvents({ organizationId: organization.id, limit: 10 })).toEqual([kept]);
  });

  it('migrate is a no-op; after close every call fails with STORE_FAILURE', async () => {
    const store = memoryStore();
    await store.migrate();
    await store.insertOrganization(anOrganization());

    await store.close();
    await store.close();

    for (const call of [
      () => store.getOrganization('any'),
      () => store.transaction(async () => undefined),
      () => store.migrate(),
    ]) {
      const error = await call().then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(OrgkitError);
      expect((error as OrgkitError).code).toBe('STORE_FAILURE');
    }
  });

  it('lets a transaction queued before close finish', async () => {
    const store = memoryStore();
    const organization = anOrganization();

    const write = store.insertOrganization(organization);
    const closing = store.close();

    await expect(write).resolves.toBeUndefined();
    await closing;
  });
});
