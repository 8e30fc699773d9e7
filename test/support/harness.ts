/**
 * One orgkit over a fresh store, with a recording mailer and a clock the test
 * moves by hand, plus shortcuts for the setup most tests share.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type Actor, createOrgkit, type Orgkit, type OrgkitLogEvent, type OrgkitOptions } from '../../src/index.js';
import type { AuditEvent, Member } from '../../src/services/views.js';
import type { Store } from '../../src/store/store.js';
import { MemoryMailer } from '../../src/testing/memory-mailer.js';
import type { StoreFactory } from './stores.js';

export const START = new Date('2026-01-05T09:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Harness {
  orgkit: Orgkit;
  store: Store;
  mailer: MemoryMailer;
  events: AuditEvent[];
  /** What orgkit handed to `log`: failures after a call had succeeded. */
  logs: OrgkitLogEvent[];
  /** Moves the injected clock forward. */
  advance(ms: number): void;
  now(): Date;
  close(): Promise<void>;
}

let emailCounter = 0;
/** A fresh address per call, so tests never collide on a shared database. */
export function uniqueEmail(label = 'person'): string {
  emailCounter += 1;
  return `${label}.${process.pid}.${Date.now().toString(36)}.${emailCounter}@example.test`;
}

export async function createHarness(factory: StoreFactory, options: Partial<OrgkitOptions> = {}): Promise<Harness> {
  const store = await factory.create();
  const mailer = new MemoryMailer();
  const events: AuditEvent[] = [];
  const logs: OrgkitLogEvent[] = [];
  let now = START.getTime();
  const orgkit = createOrgkit({
    store,
    mailer,
    acceptUrl: (token) => `https://app.example/invite/${token}`,
    confirmEmailUrl: (token) => `https://app.example/confirm-email#${token}`,
    clock: () => new Date(now),
    onEvent: (event) => {
      events.push(event);
    },
    log: (event) => {
      logs.push(event);
    },
    ...options,
  });
  return {
    orgkit,
    store,
    mailer,
    events,
    logs,
    advance: (ms) => {
      now += ms;
    },
    now: () => new Date(now),
    close: () => factory.destroy(store),
  };
}

/**
 * Registers the hooks that give each test (or, with `shared`, the whole
 * describe block) a fresh harness, and answers a stand-in that always points
 * at the current one. `shared` suits tests that each seed an organization of
 * their own and read nothing store-wide.
 */
export function useHarness(factory: StoreFactory, options: { shared?: boolean } = {}): Harness {
  let current: Harness | undefined;
  const [setUp, tearDown] = options.shared ? [beforeAll, afterAll] : [beforeEach, afterEach];
  setUp(async () => {
    current = await createHarness(factory);
  });
  tearDown(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as Harness, {
    get(_, key: keyof Harness) {
      if (current === undefined) throw new Error('useHarness: no harness outside a test');
      const value = current[key];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

export interface Seeded {
  owner: Actor;
  organizationId: string;
  ownerEmail: string;
}

export async function seedOrganization(h: Harness, name = 'Acme'): Promise<Seeded> {
  const ownerEmail = uniqueEmail('owner');
  const { organization, owner } = await h.orgkit.organizations.create({
    name,
    owner: { email: ownerEmail, fullName: 'Olivia Owner', timezone: 'Europe/Berlin' },
  });
  return {
    owner: { userId: owner.userId, organizationId: organization.id },
    organizationId: organization.id,
    ownerEmail,
  };
}

/** Invites `email` as `role` and accepts through the mailed link: the real path a member takes. */
export async function addMember(
  h: Harness,
  inviter: Actor,
  role: string,
  options: { email?: string; fullName?: string; projectIds?: string[] } = {},
): Promise<{ actor: Actor; member: Member; email: string }> {
  const email = options.email ?? uniqueEmail(role);
  await h.orgkit.invitations.create(inviter, { email, role: role as never, projectIds: options.projectIds ?? [] });
  const token = h.mailer.tokenFor(email);
  if (token === undefined) throw new Error(`no invitation mail to ${email}`);
  const { member } = await h.orgkit.invitations.accept({ token, fullName: options.fullName ?? `${role} person` });
  return { actor: { userId: member.userId, organizationId: member.organizationId }, member, email };
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code?: string; details?: Record<string, unknown>; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; details?: Record<string, unknown>; message: string };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
