/**
 * What a world's store holds, read through the Store's own reads on the
 * real (unwrapped) store: both organizations with their members, projects,
 * invitations (every status) and audit trails, every seeded user, the
 * organizations of the shared one, the fresh addresses, and the outbox.
 */
import type { Store } from '../../../src/store/store.js';
import type { StoreCall } from '../../../src/testing/faulty-store.js';
import type { World } from './fault-world.js';

const ALL = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HASH = /^[0-9a-f]{64}$/;

/** Everything observable about `world`, plus the outbox mails named by `mailIds`. */
export async function observe(real: Store, world: World, mailIds: Iterable<string> = []) {
  const organizations = [];
  for (const organizationId of Object.values(world.orgs)) {
    organizations.push({
      organization: await real.getOrganization(organizationId),
      members: await real.listMembers({ organizationId, limit: ALL }),
      projects: await real.listProjects(organizationId),
      invitations: await real.listInvitations({ organizationId, now: new Date(0), limit: ALL }),
      audit: await real.listAuditEvents({ organizationId, limit: ALL }),
    });
  }
  // A membership elsewhere needs an organization: `leftovers` finds a new one; `shared` may be given one for good.
  const users = [];
  for (const { id } of Object.values(world.users)) users.push(await real.getUser(id));
  const memberships = await real.listMembershipsOfUser(world.users.shared.id);
  // The addresses a call may give a new user; `leftovers` finds any other user a failed call made.
  const addresses = [];
  for (const email of Object.values(world.fresh)) addresses.push(await real.findUserByEmail(email));
  const mails = [];
  for (const id of new Set([...mailIds, ...world.mailer.sent.map((mail) => mail.id)])) {
    mails.push(await real.getMail(id));
  }
  return { organizations, users, memberships, addresses, pending: await real.listPendingMail(ALL), mails };
}

/**
 * The rows a failed call's recorded writes would have made under new ids:
 * an organization, a user or a mail that must not exist after a rollback.
 * (New memberships, projects, invitations and events show in `observe`'s lists.)
 */
export async function leftovers(real: Store, calls: readonly StoreCall[]): Promise<unknown[]> {
  const found: unknown[] = [];
  for (const { method, args } of calls) {
    const id = (args[0] as { id?: string } | undefined)?.id;
    if (id === undefined) continue;
    const row =
      method === 'insertOrganization'
        ? await real.getOrganization(id)
        : method === 'insertMail'
          ? await real.getMail(id)
          : method === 'ensureUser'
            ? await real.getUser(id)
            : null;
    if (row !== null) found.push({ method, row });
  }
  return found;
}

/**
 * An observation with the world's ids, addresses and token hashes replaced
 * by their names, new ones by placeholders, and lists sorted: two worlds
 * where the same calls had the same effect normalize alike. Since every
 * seeded value has a name, a seeded world normalizes with no placeholder,
 * and any row or token a call made shows as one.
 */
export function normalized(world: World, value: unknown): unknown {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const label = world.labels.get(node);
      if (label !== undefined) return label;
      if (UUID.test(node)) return '<new id>';
      if (HASH.test(node)) return '<token hash>';
      if (node.includes('@')) return '<other address>';
      return node;
    }
    if (node instanceof Date) return node.toISOString();
    if (Array.isArray(node)) return node.map(walk).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    }
    return node;
  };
  return walk(value);
}

/** The ids of the mails `calls` inserted. */
export function insertedMailIds(calls: readonly StoreCall[]): string[] {
  return calls.filter((call) => call.method === 'insertMail').map((call) => (call.args[0] as { id: string }).id);
}
