/**
 * Seeding and assertion helpers shared by the conformance files. Seeding goes
 * through the Store itself, so the suite needs nothing but the contract.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { expect } from 'vitest';
import { OrgkitError } from '../../errors.js';
import { newId } from '../../services/ids.js';
import type {
  InvitationRecord,
  MembershipRecord,
  OrganizationRecord,
  ProjectRecord,
  UserRecord,
} from '../../store/records.js';
import { STORE_CONSTRAINTS, type Store, type StoreConstraint } from '../../store/store.js';
import { aMembership, anInvitation, anOrganization, aProject, aTime, aUser } from '../fixtures.js';

/** Hands each test the store `beforeEach` created for it. */
export type StoreSource = () => Store;

/**
 * An id no store has: deliberately not UUID-shaped, since services pass ids
 * from requests straight to the store, and a lookup by a malformed id must
 * answer "none", not fail.
 */
export function missingId(): string {
  return `missing-${randomBytes(6).toString('hex')}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A promise settled from outside (`Promise.withResolvers` arrives only in Node 22). */
export function deferred<T>() {
  let resolve!: (value: T | PromiseLike<T>) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

export function ids(rows: ReadonlyArray<{ id: string }>): string[] {
  return rows.map((row) => row.id);
}

/** Code-unit order, as `ORDER BY` gives for orgkit's ASCII ids. */
export function byCreatedThenId<T extends { createdAt: Date }>(id: (row: T) => string) {
  return (a: T, b: T) => a.createdAt.getTime() - b.createdAt.getTime() || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}

/**
 * Ids in an order that is neither ascending nor descending (for three or
 * more), so a store that orders ties by insertion, either way, is caught.
 */
export function outOfOrder(sortedIds: string[]): string[] {
  return [...sortedIds.slice(1), ...sortedIds.slice(0, 1)];
}

/** `count` fresh ids, sorted ascending. */
export function sortedIds(count: number): string[] {
  return Array.from({ length: count }, () => newId()).sort();
}

export async function seedOrganization(store: Store, overrides: Partial<OrganizationRecord> = {}) {
  const organization = anOrganization(overrides);
  await store.insertOrganization(organization);
  return organization;
}

export async function seedUser(store: Store, overrides: Partial<UserRecord> = {}) {
  const user = aUser(overrides);
  const { created } = await store.ensureUser(user);
  expect(created).toBe(true);
  return user;
}

export async function seedMember(
  store: Store,
  organizationId: string,
  options: Partial<Omit<MembershipRecord, 'organizationId' | 'userId'>> & { user?: Partial<UserRecord> } = {},
) {
  const { user: userOverrides, ...membershipOverrides } = options;
  const user = await seedUser(store, userOverrides);
  const membership = aMembership({ organizationId, userId: user.id, ...membershipOverrides });
  await store.insertMembership(membership);
  return { user, membership };
}

export async function seedProject(store: Store, organizationId: string, overrides: Partial<ProjectRecord> = {}) {
  const project = aProject({ organizationId, ...overrides });
  await store.insertProject(project);
  return project;
}

export async function seedInvitation(store: Store, organizationId: string, overrides: Partial<InvitationRecord> = {}) {
  const invitation = anInvitation({ organizationId, ...overrides });
  await store.insertInvitation(invitation);
  return invitation;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return expect.unreachable('expected the call to reject, but it resolved');
}

/** Asserts a unique violation named as the Store contract names it. */
export async function expectConflict(promise: Promise<unknown>, constraint: StoreConstraint): Promise<void> {
  expectConflictError(await rejectionOf(promise), constraint);
}

export function expectConflictError(error: unknown, constraint: StoreConstraint): void {
  expect(error).toBeInstanceOf(OrgkitError);
  expect((error as OrgkitError).code).toBe('CONFLICT');
  // The rule by its contract name, and what it means to a host.
  expect((error as OrgkitError<'CONFLICT'>).details).toMatchObject({
    constraint,
    reason: STORE_CONSTRAINTS[constraint],
  });
}

/** Asserts a failure that is not a unique violation, such as a dangling reference. */
export async function expectStoreFailure(promise: Promise<unknown>): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(OrgkitError);
  expect((error as OrgkitError).code).toBe('STORE_FAILURE');
}

/** Splits `Promise.allSettled` results of a race. */
export function settle<T>(results: Array<PromiseSettledResult<T>>) {
  return {
    values: results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
    errors: results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : [])),
  };
}

/**
 * An organization whose members have these full names, in `createdAt` order,
 * each email starting with its row's `label`; `search(text)` answers the
 * indexes of the rows a member search finds, in list order.
 */
export async function seedNamedMembers(store: Store, rows: Array<{ fullName: string; label?: string }>) {
  const organization = await seedOrganization(store);
  const userIds: string[] = [];
  for (const [index, row] of rows.entries()) {
    // Digits only after the label: a hex id could contain the letters a search looks for.
    const email = `${row.label ?? 'member'}-${randomInt(1e9)}${index}@example.test`;
    const { user } = await seedMember(store, organization.id, {
      createdAt: aTime(index),
      user: { fullName: row.fullName, email },
    });
    userIds.push(user.id);
  }
  const search = async (text: string) =>
    (await store.listMembers({ organizationId: organization.id, search: text, limit: 50 })).map((member) =>
      userIds.indexOf(member.userId),
    );
  return { organization, userIds, search };
}
