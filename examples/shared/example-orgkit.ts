/**
 * The orgkit both HTTP examples serve: a SQLite file, mail printed to the
 * console, and a demo organization seeded on first start.
 */
import { type Actor, createOrgkit, type Mailer, type Orgkit } from '../../src/index.js';
import { sqliteStore } from '../../src/sqlite.js';
import type { Store } from '../../src/store.js';
import type { Person } from './pages.js';

export interface ExampleOrgkit {
  orgkit: Orgkit;
  /** The demo organization's owner, acting in it. */
  owner: Actor;
  organizationId: string;
}

/** How a test or `npm run example:*` starts an example server. */
export interface StartOptions {
  /** 0 picks a free port. */
  port: number;
  /** A SQLite file, or `:memory:`. */
  database: string;
  mailer?: Mailer;
}

/** A started example: its URL and demo organization, and how to stop it. */
export interface RunningExample extends ExampleOrgkit {
  url: string;
  close(): Promise<void>;
}

/** The demo organization's members, for the development sign-in. */
export async function demoPeople({ orgkit, owner }: ExampleOrgkit): Promise<Person[]> {
  const { items } = await orgkit.members.list(owner, { limit: 200 });
  return items.map(({ userId, fullName, email, role }) => ({ userId, fullName, email, role }));
}

export interface ExampleOptions {
  /** A SQLite file path, or `:memory:`. */
  database: string;
  /** Where the example serves, for the links in mail: read when a mail is sent. */
  baseUrl: () => string;
  /** Default: print each mail's recipient, subject and link. */
  mailer?: Mailer;
}

const OWNER_EMAIL = 'olivia@acme.example';

/** Prints what a real mailer would send. */
export const consoleMailer: Mailer = {
  async send(mail) {
    const link = mail.kind === 'invitation' ? mail.acceptUrl : mail.kind === 'email-change' ? mail.confirmUrl : '';
    console.log(`\n[mail] to ${mail.to}: ${mail.subject}\n       ${link}\n`);
  },
};

/**
 * Opens orgkit on `database`, migrating it, and seeds Acme Robotics with an
 * owner, an admin and a project the first time.
 *
 * ```ts
 * const { orgkit, organizationId } = await openExampleOrgkit({ database: 'example.sqlite', baseUrl: () => url });
 * ```
 */
export async function openExampleOrgkit(options: ExampleOptions): Promise<ExampleOrgkit> {
  const store = sqliteStore({ database: options.database });
  const mailer = options.mailer ?? consoleMailer;
  const orgkit = createOrgkit({
    store,
    mailer,
    // The token travels in the fragment: browsers never send it, so no server log sees it.
    acceptUrl: (token) => `${options.baseUrl()}/accept#${token}`,
    confirmEmailUrl: (token) => `${options.baseUrl()}/confirm-email#${token}`,
  });
  await orgkit.migrate();
  const existing = await store.findUserByEmail(OWNER_EMAIL);
  const [membership] = existing === null ? [] : await orgkit.organizations.listForUser(existing.id);
  if (existing !== null && membership !== undefined) {
    const organizationId = membership.organization.id;
    return { orgkit, organizationId, owner: { userId: existing.id, organizationId } };
  }
  const { organization, owner } = await orgkit.organizations.create({
    name: 'Acme Robotics',
    owner: { email: OWNER_EMAIL, fullName: 'Olivia Owner', timezone: 'Europe/Berlin' },
  });
  const actor = { userId: owner.userId, organizationId: organization.id };
  await orgkit.projects.create(actor, { name: 'Support bots' });
  // The admin joins the way anyone does, by an accepted invitation.
  const seeding = joiningOrgkit(store);
  await seeding.orgkit.invitations.create(actor, { email: 'ada@acme.example', role: 'admin' });
  await seeding.orgkit.invitations.accept({
    token: seeding.lastToken(),
    fullName: 'Ada Admin',
    timezone: 'America/New_York',
  });
  return { orgkit, organizationId: organization.id, owner: actor };
}

/**
 * An orgkit on `store` for seeding, whose invitation mail only records its
 * token, so that seeded members join the way anyone does: by an accepted
 * invitation. `lastToken()` answers the token of the latest invitation.
 */
export function joiningOrgkit(store: Store): { orgkit: Orgkit; lastToken: () => string } {
  let token = '';
  const orgkit = createOrgkit({
    store,
    mailer: {
      send: async (mail) => {
        if (mail.kind === 'invitation') token = mail.acceptUrl;
      },
    },
    acceptUrl: (minted) => minted,
    confirmEmailUrl: (minted) => minted,
  });
  return { orgkit, lastToken: () => token };
}
