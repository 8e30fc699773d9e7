import { type DefaultMatrix, permissionMatrix } from './access/default-matrix.js';
import type { Matrix, PermissionOf, RoleOf, Scope } from './access/matrix.js';
import type { Mailer } from './mail/mailer.js';
import type { Actor } from './schemas/common.js';
import { createSchemas } from './schemas/inputs.js';
import { MAX_TTL_MS } from './schemas/instant.js';
import { parse } from './schemas/parse.js';
import { parseActor, parseAuthorizeOptions } from './schemas/parse-actor.js';
import { type ActorBinding, type AuthorizeOptions, bindActor, isRefusal } from './services/actor-binding.js';
import { type AuditService, createAuditService } from './services/audit-service.js';
import { checkAccess } from './services/authorization.js';
import { checkedClock, clockProblem } from './services/clock.js';
import type { OrgkitLogEvent, ServiceContext } from './services/context.js';
import { createInvitationService, type InvitationService } from './services/invitation-service.js';
import { KeyedQueue } from './services/keyed-queue.js';
import { type DeliveryReport, deliverPendingMail } from './services/mail-delivery.js';
import { createMemberService, type MemberService } from './services/member-service.js';
import { createOrganizationService, type OrganizationService } from './services/organization-service.js';
import { createProjectService, type ProjectService } from './services/project-service.js';
import type { AuditEvent } from './services/views.js';
import type { Store } from './store/store.js';

export interface OrgkitOptions<M extends Matrix = DefaultMatrix> {
  /** Where the data lives: `memoryStore()`, `sqliteStore(…)`, `postgresStore(…)` or `kyselyStore(…)`. */
  store: Store;
  /** The host's transport for the mail orgkit sends (invitations, email-change confirmations and notices). */
  mailer: Mailer;
  /** The link an invitation mail carries for a token, e.g. `(token) => \`https://app.example/accept#${token}\``. */
  acceptUrl: (token: string) => string;
  /**
   * The link the confirmation of an email change carries, mailed to the new
   * address: `(token) => \`https://app.example/confirm-email#${token}\``. The
   * page posts the token to `members.confirmEmail`.
   */
  confirmEmailUrl: (token: string) => string;
  /** How long an invitation stays valid: a whole number of milliseconds, at most 365 days. Default: 7 days. */
  invitationTtlMs?: number;
  /** How long the link confirming an email change stays valid: at most 365 days. Default: 1 day. */
  emailChangeTtlMs?: number;
  /**
   * How long `mailer.send` may take before the attempt counts as failed (the
   * mail stays pending; a late success may mean it goes twice). Default: 30 s.
   */
  mailTimeoutMs?: number;
  /**
   * The time source, for tests. Default: `() => new Date()`. It must answer a
   * valid Date from 1970-01-01 to 9998-12-31 (so that every expiry is before
   * 10000): checked once here (a `TypeError`), then on every read
   * (`VALIDATION_FAILED` at path `clock`, before anything is written).
   */
  clock?: () => Date;
  /** Called after commit with each audit event; never for a rolled-back change. What it throws goes to `log`. */
  onEvent?: (event: AuditEvent) => void | Promise<void>;
  /**
   * Receives what went wrong after a call had already succeeded: a mail that
   * could not be sent (it stays pending), an `onEvent` handler that threw.
   * Default: one line on `console.error`.
   */
  log?: (event: OrgkitLogEvent) => void;
  /** A matrix from `defineMatrix`. Default: `permissionMatrix`. */
  matrix?: M;
}

export type { ActorBinding, AuthorizeOptions } from './services/actor-binding.js';

/** What `createOrgkit` answers: one service per resource, plus authorization and upkeep. */
export interface Orgkit<M extends Matrix = DefaultMatrix> {
  readonly organizations: OrganizationService<RoleOf<M>>;
  readonly members: MemberService<RoleOf<M>>;
  readonly invitations: InvitationService<RoleOf<M>>;
  readonly projects: ProjectService<RoleOf<M>>;
  readonly audit: AuditService;
  /** The matrix in use. `orgkit.matrix.can(role, permission)` is the pure check. */
  readonly matrix: M;
  /**
   * Resolves with the actor's role and the permission's scope, or throws:
   * `UNAUTHENTICATED` (not a member), `FORBIDDEN` with `details.reason`,
   * `NOT_FOUND` (a project of another organization). One store query.
   *
   * ```ts
   * await orgkit.authorize(actor, 'bots:update', { projectId }); // throws FORBIDDEN (PROJECT_NOT_ASSIGNED) for a user elsewhere
   * ```
   */
  authorize(
    actor: Actor,
    permission: PermissionOf<M>,
    options?: AuthorizeOptions,
  ): Promise<{ role: RoleOf<M>; scope: Scope }>;
  /**
   * Like `authorize`, answering `false` instead of throwing a refusal. Bad
   * input and store failures still throw.
   *
   * ```ts
   * if (await orgkit.can(actor, 'members:read')) showMembersTab();
   * ```
   */
  can(actor: Actor, permission: PermissionOf<M>, options?: AuthorizeOptions): Promise<boolean>;
  /**
   * The actor of one request, bound once: its `authorize` and `can` load the
   * actor's membership on the first check and answer every later check from
   * it, so a request reaches the store once (once per distinct project)
   * however many permissions it checks. Bad input throws `VALIDATION_FAILED`
   * here.
   *
   * It does not see changes made after its first check: make one per
   * request, never keep one. Writes stay safe either way, since each service
   * checks its actor again inside its own transaction.
   *
   * ```ts
   * app.use((req, _res, next) => {
   *   req.access = orgkit.forActor({ userId: req.user.id, organizationId: req.params.orgId });
   *   next();
   * });
   * // later in the same request: one store query for both
   * if (await req.access.can('members:read')) showMembersTab();
   * await req.access.authorize('bots:update', { projectId });
   * ```
   */
  forActor(actor: Actor): ActorBinding<M>;
  /**
   * Retries up to `limit` (default 100, at most 10,000) pending outbox mails
   * once each, oldest first. Call it from a timer or a job; several
   * processes may run it at once without sending an attempt twice: a mail
   * another run is still sending is left to it (until its claim lapses,
   * `mailTimeoutMs` plus a minute, should that run die).
   *
   * ```ts
   * setInterval(() => orgkit.deliverPendingMail().catch(console.error), 60_000);
   * ```
   */
  deliverPendingMail(options?: { limit?: number }): Promise<DeliveryReport>;
  /** Creates or upgrades the store's tables. Idempotent, and safe to run from several processes at once. */
  migrate(): Promise<void>;
  /** Releases what orgkit opened itself; a pool or database the host passed in stays open. */
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Builds orgkit over a store. Misconfiguration throws a `TypeError` here, at
 * startup, not on the first call.
 *
 * ```ts
 * import { createOrgkit } from 'orgkit';
 * import { sqliteStore } from 'orgkit/sqlite';
 *
 * const orgkit = createOrgkit({
 *   store: sqliteStore({ database: 'orgkit.sqlite' }),
 *   mailer: { send: async (mail) => smtp.send(mail) },
 *   acceptUrl: (token) => `https://app.example/accept#${token}`,
 * });
 * await orgkit.migrate();
 * ```
 */
export function createOrgkit<M extends Matrix = DefaultMatrix>(options: OrgkitOptions<M>): Orgkit<M> {
  assertOptions(options);
  const matrix = (options.matrix ?? permissionMatrix) as M;
  const log = options.log ?? logToConsole;
  const context: ServiceContext = Object.freeze({
    store: options.store,
    matrix,
    schemas: createSchemas(matrix.roles),
    mailer: options.mailer,
    acceptUrl: options.acceptUrl,
    confirmEmailUrl: options.confirmEmailUrl,
    invitationTtlMs: options.invitationTtlMs ?? 7 * DAY_MS,
    emailChangeTtlMs: options.emailChangeTtlMs ?? DAY_MS,
    mailTimeoutMs: options.mailTimeoutMs ?? 30_000,
    queue: new KeyedQueue(),
    clock: checkedClock(options.clock ?? (() => new Date())),
    onEvent: options.onEvent,
    log: (event: OrgkitLogEvent) => {
      try {
        log(event);
      } catch {
        // A logger that throws must not turn a committed call into a failure.
      }
    },
  });

  const parseOptions = (raw: unknown) => parseAuthorizeOptions(context.schemas.authorizeOptions, raw);
  // The hot path: no zod for well-formed input, one store call, no copy of what the store answered.
  const authorize: Orgkit<M>['authorize'] = async (rawActor, permission, authorizeOptions) => {
    const actor = parseActor(rawActor);
    const { projectId } = parseOptions(authorizeOptions);
    const access = await context.store.getAccess(actor.organizationId, actor.userId, projectId);
    const { role, scope } = checkAccess(matrix, access, permission, projectId);
    return { role: role as RoleOf<M>, scope };
  };

  const orgkit: Orgkit<M> = {
    organizations: createOrganizationService<RoleOf<M>>(context),
    members: createMemberService<RoleOf<M>>(context),
    invitations: createInvitationService<RoleOf<M>>(context),
    projects: createProjectService<RoleOf<M>>(context),
    audit: createAuditService(context),
    matrix,
    authorize,
    async can(actor, permission, authorizeOptions) {
      try {
        await authorize(actor, permission, authorizeOptions);
        return true;
      } catch (error) {
        if (isRefusal(error)) return false;
        throw error;
      }
    },
    forActor: (actor) => bindActor(context.store, matrix, parseActor(actor), parseOptions),
    async deliverPendingMail(deliveryOptions = {}) {
      const { limit } = parse(context.schemas.deliverPendingMail, deliveryOptions);
      return deliverPendingMail(context, limit);
    },
    migrate: () => context.store.migrate(),
    close: () => context.store.close(),
  };
  return Object.freeze(orgkit);
}

function logToConsole(event: OrgkitLogEvent): void {
  const what = event.source === 'mail' ? `mail ${event.mailId} was not sent` : `onEvent threw for ${event.event.id}`;
  console.error(`orgkit: ${what}:`, event.error);
}

/** Misconfiguration is the host's bug, found at startup: a TypeError, not an OrgkitError. */
function assertOptions(options: OrgkitOptions<Matrix>): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('createOrgkit needs an options object.');
  if (typeof options.store?.transaction !== 'function') throw new TypeError('createOrgkit: `store` must be a Store.');
  if (typeof options.mailer?.send !== 'function')
    throw new TypeError('createOrgkit: `mailer.send` must be a function.');
  for (const name of ['acceptUrl', 'confirmEmailUrl'] as const) {
    if (typeof options[name] !== 'function') throw new TypeError(`createOrgkit: \`${name}\` must be a function.`);
  }
  // A longer one makes expiries no store holds alike: every invitation would fail, but only once made.
  for (const name of ['invitationTtlMs', 'emailChangeTtlMs'] as const) {
    const ttl = options[name];
    if (ttl !== undefined && !(Number.isSafeInteger(ttl) && ttl > 0 && ttl <= MAX_TTL_MS)) {
      throw new TypeError(`createOrgkit: \`${name}\` must be a positive integer of at most 365 days.`);
    }
  }
  const timeout = options.mailTimeoutMs;
  if (timeout !== undefined && !(Number.isSafeInteger(timeout) && timeout > 0)) {
    throw new TypeError('createOrgkit: `mailTimeoutMs` must be a positive integer.');
  }
  for (const name of ['clock', 'onEvent', 'log'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TypeError(`createOrgkit: \`${name}\` must be a function.`);
    }
  }
  if (options.clock !== undefined) assertClock(options.clock);
}

/** A clock wrong from the start is misconfiguration; one that goes wrong later is caught per call. */
function assertClock(clock: () => Date): void {
  let now: unknown;
  try {
    now = clock();
  } catch (cause) {
    throw new TypeError('createOrgkit: `clock` threw.', { cause });
  }
  const problem = clockProblem(now);
  if (problem !== null) throw new TypeError(`createOrgkit: \`clock\` must answer a valid Date: ${problem}.`);
}
