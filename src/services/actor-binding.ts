/**
 * `orgkit.forActor(actor)`: the actor of one request, bound once, whose
 * checks share one store query instead of making one each.
 */
import type { DefaultMatrix } from '../access/default-matrix.js';
import type { Matrix, PermissionOf, RoleOf, Scope } from '../access/matrix.js';
import { isOrgkitError } from '../errors.js';
import type { Actor } from '../schemas/common.js';
import type { AccessRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { checkAccess } from './authorization.js';

/** Options of a check: for permissions scoped to assigned projects, the project acted on. */
export interface AuthorizeOptions {
  /** For permissions scoped to assigned projects: the project acted on. */
  projectId?: string;
}

/**
 * The checks of one actor, for one request. The first check loads the
 * actor's membership (with the project, when it names one) and every later
 * check of the binding reuses it: a request that checks five permissions
 * reaches the store once, or once per distinct project.
 *
 * What it loaded is not refreshed: a role changed or a member disabled after
 * the first check is seen by the next binding, not by this one. So make one
 * per request and drop it with the request; never keep one across requests.
 * The services (`orgkit.members.update`, …) check the actor again in their
 * own transaction, so a stale binding never lets a write through.
 */
export interface ActorBinding<M extends Matrix = DefaultMatrix> {
  /** The actor, validated. */
  readonly actor: Actor;
  /** `orgkit.authorize(actor, permission, options)`, answered from the binding's access. */
  authorize(permission: PermissionOf<M>, options?: AuthorizeOptions): Promise<{ role: RoleOf<M>; scope: Scope }>;
  /** `orgkit.can(actor, permission, options)`, answered from the binding's access. */
  can(permission: PermissionOf<M>, options?: AuthorizeOptions): Promise<boolean>;
}

/** Key of the access loaded without a project: no id is empty. */
const NO_PROJECT = '';

/**
 * Binds a validated `actor`; `parseOptions` validates each check's options.
 * The access records live in this binding only, never beyond it.
 */
export function bindActor<M extends Matrix>(
  store: Store,
  matrix: M,
  actor: Actor,
  parseOptions: (raw: unknown) => { projectId?: string | undefined },
): ActorBinding<M> {
  const loaded = new Map<string, Promise<AccessRecord | null>>();

  function access(projectId: string | undefined): Promise<AccessRecord | null> {
    const cacheKey = projectId ?? NO_PROJECT;
    const known = loaded.get(cacheKey);
    if (known !== undefined) return known;
    const loading = store.getAccess(actor.organizationId, actor.userId, projectId);
    loaded.set(cacheKey, loading);
    loading.then(
      (record) => {
        // The membership came with the project: checks without one need no query of their own.
        if (!loaded.has(NO_PROJECT)) {
          loaded.set(NO_PROJECT, Promise.resolve(record && { ...record, projectExists: false, assigned: false }));
        }
      },
      // A failed load is not kept: the next check tries again.
      () => loaded.delete(cacheKey),
    );
    return loading;
  }

  const authorize: ActorBinding<M>['authorize'] = async (permission, rawOptions) => {
    const { projectId } = parseOptions(rawOptions);
    const { role, scope } = checkAccess(matrix, await access(projectId), permission, projectId);
    return { role: role as RoleOf<M>, scope };
  };

  const binding: ActorBinding<M> = {
    actor: Object.freeze({ ...actor }),
    authorize,
    async can(permission, options) {
      try {
        await authorize(permission, options);
        return true;
      } catch (error) {
        if (isRefusal(error)) return false;
        throw error;
      }
    },
  };
  return Object.freeze(binding);
}

/** The answers `can` turns into `false`; bad input and store failures still throw. */
export function isRefusal(error: unknown): boolean {
  return (
    isOrgkitError(error, 'UNAUTHENTICATED') || isOrgkitError(error, 'FORBIDDEN') || isOrgkitError(error, 'NOT_FOUND')
  );
}
