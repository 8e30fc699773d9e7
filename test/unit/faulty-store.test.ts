import { describe, expect, it } from 'vitest';
import { isOrgkitError } from '../../src/errors.js';
import { memoryStore } from '../../src/memory.js';
import { faultyStore } from '../../src/testing/faulty-store.js';
import { anOrganization, aProject } from '../../src/testing/fixtures.js';

describe('faultyStore', () => {
  it('records each call with its arguments and its transaction, on the store and on tx', async () => {
    const store = faultyStore(memoryStore());
    const organization = anOrganization();
    await store.insertOrganization(organization);
    await store.transaction(async (tx) => {
      await tx.getOrganization(organization.id);
      await tx.listProjects(organization.id);
    });
    await store.transaction((tx) => tx.getOrganization(organization.id));
    expect(store.calls).toEqual([
      { index: 1, method: 'insertOrganization', args: [organization], transaction: null },
      { index: 2, method: 'getOrganization', args: [organization.id], transaction: 1 },
      { index: 3, method: 'listProjects', args: [organization.id], transaction: 1 },
      { index: 4, method: 'commit', args: [], transaction: 1 },
      { index: 5, method: 'getOrganization', args: [organization.id], transaction: 2 },
      { index: 6, method: 'commit', args: [], transaction: 2 },
    ]);
    store.reset();
    await store.transaction((tx) => tx.getOrganization(organization.id));
    expect(store.calls.map(({ index, method, transaction }) => [index, method, transaction])).toEqual([
      [1, 'getOrganization', 1],
      [2, 'commit', 1],
    ]);
  });

  it('wraps every method of the store it is given', async () => {
    const real = memoryStore();
    const store = faultyStore(real);
    store.failWhen(() => true);
    const methods = Object.keys(real).filter((name) => !['transaction', 'migrate', 'close'].includes(name));
    for (const method of methods) {
      const call = (store as unknown as Record<string, () => Promise<unknown>>)[method]!();
      expect(store.isInjected(await call.catch((error: unknown) => error)), method).toBe(true);
    }
    expect(store.calls.map((call) => call.method).sort()).toEqual(methods.sort());
  });

  it('fails the n-th call only, with a STORE_FAILURE, before it reaches the store, so its transaction rolls back', async () => {
    const real = memoryStore();
    const store = faultyStore(real);
    const organization = anOrganization();
    await real.insertOrganization(organization);
    store.failAt(2);
    const error = await store
      .transaction(async (tx) => {
        await tx.insertProject(aProject({ organizationId: organization.id }));
        await tx.insertProject(aProject({ organizationId: organization.id }));
      })
      .catch((thrown: unknown) => thrown);
    expect(isOrgkitError(error, 'STORE_FAILURE')).toBe(true);
    expect(store.isInjected(error)).toBe(true);
    expect(store.isInjected(new Error('other'))).toBe(false);
    expect(await real.listProjects(organization.id)).toEqual([]);
    // Later calls go through: the fault was the second call's alone.
    await store.insertProject(aProject({ organizationId: organization.id }));
    expect(await real.listProjects(organization.id)).toHaveLength(1);
  });

  it('fails a commit by rolling the transaction back', async () => {
    const real = memoryStore();
    const store = faultyStore(real);
    const organization = anOrganization();
    store.failWhen((call) => call.method === 'commit');
    const error = await store
      .transaction((tx) => tx.insertOrganization(organization))
      .catch((thrown: unknown) => thrown);
    expect(store.isInjected(error)).toBe(true);
    expect(await real.getOrganization(organization.id)).toBeNull();
  });

  it('fails what failWhen picks until healed, with the error the options make', async () => {
    const thrown = new Error('disk full');
    const store = faultyStore(memoryStore(), { error: () => thrown });
    store.failWhen((call) => call.method === 'getUser');
    await expect(store.getUser('u')).rejects.toBe(thrown);
    await expect(store.findUserByEmail('a@example.test')).resolves.toBeNull();
    await expect(store.getUser('u')).rejects.toBe(thrown);
    store.heal();
    await expect(store.getUser('u')).resolves.toBeNull();
  });

  it('refuses a call number below 1', () => {
    expect(() => faultyStore(memoryStore()).failAt(0)).toThrow(RangeError);
  });
});
