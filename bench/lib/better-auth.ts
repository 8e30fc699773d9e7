/**
 * Better Auth with its organization plugin, headless: a user signs up, makes
 * an organization (and so is its owner), and the measured call is the
 * server-side `auth.api.hasPermission` with that user's session cookie, as a
 * request handler would make it. It reads the session, its user, the member
 * and the member's user (four statements), then checks the role; orgkit's
 * `authorize`, given the actor, runs one.
 */
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { organization } from 'better-auth/plugins';

export interface BetterAuthCheck {
  /** Resolves `true` when the owner may update members of the organization. */
  hasPermission(): Promise<boolean>;
}

/** `database`: a better-sqlite3 `Database` or a node-postgres `Pool`, as Better Auth takes them. */
export async function betterAuthOn(database: unknown, label: string): Promise<BetterAuthCheck> {
  const options = {
    database: database as never,
    secret: 'orgkit-bench-secret-orgkit-bench-secret',
    baseURL: 'http://localhost:3000',
    emailAndPassword: { enabled: true },
    plugins: [organization()],
    telemetry: { enabled: false },
    logger: { disabled: true },
  };
  const auth = betterAuth(options);
  const { runMigrations } = await getMigrations(options as never);
  await runMigrations();
  const signUp = await auth.api.signUpEmail({
    body: {
      email: `owner-${label}@better-auth.example`,
      password: 'correct horse battery staple',
      name: 'Olive Owner',
    },
    returnHeaders: true,
  });
  const cookie = signUp.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const headers = new Headers({ cookie });
  const org = await auth.api.createOrganization({ headers, body: { name: `Bench ${label}`, slug: `bench-${label}` } });
  if (org === null) throw new Error('Better Auth: no organization was created.');
  const body = { organizationId: org.id, permissions: { member: ['update' as const] } };
  return {
    async hasPermission() {
      const answer = await auth.api.hasPermission({ headers, body });
      return answer.success;
    },
  };
}
