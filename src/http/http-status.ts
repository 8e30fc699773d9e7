import { isOrgkitError, type OrgkitErrorCode } from '../errors.js';

const HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LAST_OWNER: 409,
  INVITATION_INVALID: 410,
  INVITATION_EXPIRED: 410,
  STORE_FAILURE: 500,
  INTERNAL: 500,
} as const satisfies Record<OrgkitErrorCode, number>;

/**
 * The HTTP status a host should answer with. Anything that is not an
 * `OrgkitError` (from either build of orgkit) is a bug or an outage on the
 * host's side: 500.
 *
 * ```ts
 * res.status(httpStatusFor(error)); // FORBIDDEN → 403, LAST_OWNER → 409, a TypeError → 500
 * ```
 */
export function httpStatusFor(error: unknown): number {
  return isOrgkitError(error) ? HTTP_STATUS[error.code] : 500;
}
