import { type DefaultMatrix, permissionMatrix } from './access/default-matrix.js';
import type { Matrix, PermissionOf, RoleOf, Scope } from './access/matrix.js';
import { isOrgkitError } from './errors.js';
import type { Mailer } from './mail/mailer.js';
import { type DeliveryReport, deliverPendingMail } from './mail/outbox.js';
import { type Actor, actorSchema } from './schemas/common.js';
import { createSchemas } from './schemas/inputs.js';
import { parse } from './schemas/parse.js';
import { requireActor } from './services/access.js';
import type { ServiceContext } from './services/context.js';
import { createInvitationService, type InvitationService } from './services/invitation-service.js';
import { createOrganizationService, type OrganizationService } from './services/organization-service.js';
import { createProjectService, type ProjectService } from './services/project-service.js';
import type { AuditEvent } from './services/views.js';
import type { Store } from './store/store.js';

export interface OrgkitOptions<M extends Matrix = DefaultMatrix> {
  /** Where the data lives: `memoryStore()`, `sqliteStore(…)`, `postgresStore(…)` or `kyselyStore(…)`. */
  store: Store;
  /** The host's transport for invitation mail. */
  mailer: Mailer;
  /** The link an invitation mail carries for a token. */
  acceptUrl: (token: string) => string;
  /** How long an invitation stays valid. Default: 7 days. */
  invitationTtlMs?: number;
  /** The time source, for tests. Default: `() => new Date()`. */
  clock?: () => Date;
  /** Called after commit with each audit event; never for a rolled-back change. Errors it throws are ignored. */
  onEvent?: (event: AuditEvent) => void | Promise<void>;
  /** A matrix from `defineMatrix`. Default: `permissionMatrix` (SPEC §5). */
  matrix?: M;
}

export interface AuthorizeOptions {
  /** For permissions scoped to assigned projects: the project acted on. */
  projectId?: string;
}

export interface Orgkit<M extends Matrix = DefaultMatrix> {
  readonly organizations: OrganizationService<RoleOf<M>>;
  readonly invitations: InvitationService<RoleOf<M>>;
  readonly projects: ProjectService<RoleOf<M>>;
  readonly matrix: M;
  /**
   * Resolves with the actor's role and the permission's scope, or throws:
   * `UNAUTHENTICATED` (not a member), `FORBIDDEN` with `details.reason`,
   * `NOT_FOUND` (a project of another organization). One store query.
   */
  authorize(
    actor: Actor,
    permission: PermissionOf<M>,
    options?: AuthorizeOptions,
  ): Promise<{ role: RoleOf<M>; scope: Scope }>;
  /** Like `authorize`, answering `false` instead of throwing a refusal. Bad input and store failures still throw. */
  can(actor: Actor, permission: PermissionOf<M>, options?: AuthorizeOptions): Promise<boolean>;
  /** Retries every pending outbox mail once. Call it from a timer or a job. */
  deliverPendingMail(options?: { limit?: number }): Promise<DeliveryReport>;
  /** Creates or upgrades the store's tables. Idempotent. */
  migrate(): Promise<void>;
  /** Releases what orgkit opened itself. */
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

export function createOrgkit<M extends Matrix = DefaultMatrix>(options: OrgkitOptions<M>): Orgkit<M> {
  const matrix = (options.matrix ?? permissionMatrix) as M;
  assertOptions(options);
  const context: ServiceContext = Object.freeze({
    store: options.store,
    matrix,
    schemas: createSchemas(matrix.roles),
    mailer: options.mailer,
    acceptUrl: options.acceptUrl,
    invitationTtlMs: options.invitationTtlMs ?? 7 * DAY_MS,
    clock: options.clock ?? (() => new Date()),
    onEvent: options.onEvent,
  });

  const authorize: Orgkit<M>['authorize'] = async (rawActor, permission, authorizeOptions = {}) => {
    const actor = parse(actorSchema, rawActor);
    const { projectId } = parse(context.schemas.authorizeOptions, authorizeOptions);
    const { role, scope } = await requireActor(context.store, matrix, actor, permission, projectId);
    return { role: role as RoleOf<M>, scope };
  };

  const orgkit: Orgkit<M> = {
    organizations: createOrganizationService<RoleOf<M>>(context),
    invitations: createInvitationService<RoleOf<M>>(context),
    projects: createProjectService<RoleOf<M>>(context),
    matrix,
    authorize,
    async can(actor, permission, authorizeOptions) {
      try {
        await authorize(actor, permission, authorizeOptions);
        return true;
      } catch (error) {
        if (isOrgkitError(error) && REFUSALS.has(error.code)) return false;
        throw error;
      }
    },
    deliverPendingMail: (deliveryOptions) => deliverPendingMail(context, deliveryOptions),
    migrate: () => context.store.migrate(),
    close: () => context.store.close(),
  };
  return Object.freeze(orgkit);
}

/** Misconfiguration is the host's bug, found at startup: a TypeError, not an OrgkitError. */
function assertOptions(options: OrgkitOptions<Matrix>): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('createOrgkit needs an options object.');
  if (typeof options.store?.transaction !== 'function') throw new TypeError('createOrgkit: `store` must be a Store.');
  if (typeof options.mailer?.send !== 'function')
    throw new TypeError('createOrgkit: `mailer.send` must be a function.');
  if (typeof options.acceptUrl !== 'function') throw new TypeError('createOrgkit: `acceptUrl` must be a function.');
  const ttl = options.invitationTtlMs;
  if (ttl !== undefined && !(Number.isSafeInteger(ttl) && ttl > 0)) {
    throw new TypeError('createOrgkit: `invitationTtlMs` must be a positive integer.');
  }
  if (options.clock !== undefined && typeof options.clock !== 'function') {
    throw new TypeError('createOrgkit: `clock` must be a function.');
  }
}
