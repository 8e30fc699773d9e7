/**
 * The demo's orgkit: a SQLite file, mail kept in the development Mailbox,
 * and Acme Robotics seeded the first time the file is opened.
 */
import { type Actor, createOrgkit, type Orgkit } from '../../src/index.js';
import { sqliteStore } from '../../src/sqlite.js';
import { joiningOrgkit } from '../shared/example-orgkit.js';
import { type Mailbox, mailbox } from './mailbox.js';
import { OWNER, seedDemo } from './seed.js';

export interface DemoOrgkit {
  orgkit: Orgkit;
  mailbox: Mailbox;
  /** The seeded owner, acting in Acme Robotics. */
  owner: Actor;
  organizationId: string;
  /** Whether this start seeded the database. */
  seeded: boolean;
}

export interface DemoOrgkitOptions {
  /** A SQLite file path, or `:memory:`. */
  database: string;
  /** Where the demo serves, for the links in mail: read when a mail is sent. */
  baseUrl: () => string;
}

/**
 * Opens (and migrates) the demo database, seeding it when it holds no owner yet.
 *
 * ```ts
 * const demo = await openDemoOrgkit({ database: 'orgkit-demo.db', baseUrl: () => url });
 * ```
 */
export async function openDemoOrgkit(options: DemoOrgkitOptions): Promise<DemoOrgkit> {
  const store = sqliteStore({ database: options.database });
  const mail = mailbox();
  const orgkit = createOrgkit({
    store,
    mailer: mail,
    // The token travels in the fragment: browsers never send it, so no server log sees it.
    acceptUrl: (token) => `${options.baseUrl()}/accept#${token}`,
    confirmEmailUrl: (token) => `${options.baseUrl()}/confirm-email#${token}`,
  });
  await orgkit.migrate();
  const existing = await store.findUserByEmail(OWNER.email);
  const [membership] = existing === null ? [] : await orgkit.organizations.listForUser(existing.id);
  if (existing !== null && membership !== undefined) {
    const organizationId = membership.organization.id;
    return { orgkit, mailbox: mail, organizationId, owner: { userId: existing.id, organizationId }, seeded: false };
  }
  const joining = joiningOrgkit(store);
  const owner = await seedDemo(orgkit, joining.orgkit, joining.lastToken);
  return { orgkit, mailbox: mail, organizationId: owner.organizationId, owner, seeded: true };
}
