/**
 * The one error class orgkit throws on purpose, with codes a host switches on
 * and `details` typed per code. Hosts branch on `code` (and `details.reason`),
 * never on `message`: messages are for humans and may be reworded.
 */
import type { Denial } from './access/role-rules.js';
import type { StoreConstraint } from './store/store.js';

export const ORGKIT_ERROR_CODES = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  LAST_OWNER: 'LAST_OWNER',
  INVITATION_INVALID: 'INVITATION_INVALID',
  INVITATION_EXPIRED: 'INVITATION_EXPIRED',
  /** A store failed in a way the caller cannot fix (driver down, I/O error). */
  STORE_FAILURE: 'STORE_FAILURE',
  /**
   * Over HTTP only: the server failed and says no more (`orgkit/client`
   * throws it for a 500). The services never throw it.
   */
  INTERNAL: 'INTERNAL',
} as const;

export type OrgkitErrorCode = keyof typeof ORGKIT_ERROR_CODES;

/** Why a `CONFLICT` happened: `details.reason`. */
export const CONFLICT_REASONS = {
  /** The user is already a member of the organization. */
  ALREADY_MEMBER: 'ALREADY_MEMBER',
  /** A pending invitation to this email exists in the organization (`details.invitationId`, when known). */
  INVITATION_PENDING: 'INVITATION_PENDING',
  /** The invitation was accepted, revoked or replaced before this call (`details.status`). */
  INVITATION_NOT_PENDING: 'INVITATION_NOT_PENDING',
  /** Another user already has this email. */
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  /** A store was asked to create a user under an id another user has (the services answer `FORBIDDEN`). */
  USER_ID_TAKEN: 'USER_ID_TAKEN',
  /** A token hash is already in use: only a store fed forged records sees this. */
  TOKEN_TAKEN: 'TOKEN_TAKEN',
} as const;

export type ConflictReason = keyof typeof CONFLICT_REASONS;

/** What `NOT_FOUND` was looking for: `details.what`. `route`: over HTTP, no route has that method and path. */
export type NotFoundTarget = 'organization' | 'member' | 'project' | 'invitation' | 'route';

/** One problem with the input, as `VALIDATION_FAILED` lists it in `details.issues`. */
export interface ValidationIssue {
  /** Where in the input: `['owner', 'email']`. Empty for the input as a whole. */
  path: string[];
  /** A machine-readable kind (zod's issue code, `invalid_cursor`, or `invalid_clock` with path `['clock']`). */
  code: string;
  message: string;
}

/** `details` of each code. `undefined`: the code says it all. */
export interface OrgkitErrorDetails {
  VALIDATION_FAILED: { issues: ValidationIssue[] };
  UNAUTHENTICATED: undefined;
  FORBIDDEN: Denial;
  NOT_FOUND: { what: NotFoundTarget /** With `what: 'project'`: the ids not found. */; projectIds?: string[] };
  CONFLICT: {
    reason: ConflictReason;
    /** For a unique rule the store enforced: its name in the Store contract. */
    constraint?: StoreConstraint;
    invitationId?: string;
    status?: string;
  };
  LAST_OWNER: undefined;
  INVITATION_INVALID: undefined;
  INVITATION_EXPIRED: undefined;
  /** The driver error is the `cause`; `details` names a broken reference or table for store authors. */
  STORE_FAILURE: { reference?: string; table?: string } | undefined;
  INTERNAL: undefined;
}

export type OrgkitErrorOptions<C extends OrgkitErrorCode = OrgkitErrorCode> = {
  [K in C]: {
    code: K;
    message?: string;
    cause?: unknown;
  } & (undefined extends OrgkitErrorDetails[K]
    ? { details?: OrgkitErrorDetails[K] }
    : { details: OrgkitErrorDetails[K] });
}[C];

const DEFAULT_MESSAGES: Record<OrgkitErrorCode, string> = {
  VALIDATION_FAILED: 'The input is not valid.',
  UNAUTHENTICATED: 'The actor is not an active member of this organization.',
  FORBIDDEN: 'The actor is not allowed to do this.',
  NOT_FOUND: 'Not found in this organization.',
  CONFLICT: 'This conflicts with existing data.',
  LAST_OWNER: 'The organization must keep at least one active owner.',
  INVITATION_INVALID: 'This invitation is not valid.',
  INVITATION_EXPIRED: 'This invitation has expired.',
  STORE_FAILURE: 'The store failed to complete the operation.',
  INTERNAL: 'The server failed to complete the request.',
};

/**
 * Marks every `OrgkitError`, whichever copy of orgkit made it: the ESM and the
 * CJS build each have their own class, and a host may load both.
 */
const MARK = Symbol.for('orgkit.error');

/**
 * `new OrgkitError({ code: 'FORBIDDEN', details: { reason: 'ROLE_LACKS_PERMISSION' } })`.
 * `instanceof OrgkitError` holds across orgkit's ESM and CJS builds.
 */
export class OrgkitError<C extends OrgkitErrorCode = OrgkitErrorCode> extends Error {
  override readonly name = 'OrgkitError';
  readonly code: C;
  readonly details: OrgkitErrorDetails[C];

  constructor(options: OrgkitErrorOptions<C>) {
    super(options.message ?? DEFAULT_MESSAGES[options.code], { cause: options.cause });
    this.code = options.code;
    this.details = (options as { details?: OrgkitErrorDetails[C] }).details as OrgkitErrorDetails[C];
    Object.defineProperty(this, MARK, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [MARK]?: unknown })[MARK] === true;
  }
}

/** An `OrgkitError` of any code, narrowed by checking `code`: `if (e.code === 'FORBIDDEN') e.details.reason`. */
export type AnyOrgkitError = { [C in OrgkitErrorCode]: OrgkitError<C> }[OrgkitErrorCode];

/**
 * Whether `error` is an `OrgkitError` (from any build of orgkit), optionally
 * of one code, narrowing `details` to that code's shape:
 *
 * ```ts
 * if (isOrgkitError(error, 'FORBIDDEN')) console.log(error.details.reason);
 * ```
 */
export function isOrgkitError(error: unknown): error is AnyOrgkitError;
export function isOrgkitError<C extends OrgkitErrorCode>(error: unknown, code: C): error is OrgkitError<C>;
export function isOrgkitError(error: unknown, code?: OrgkitErrorCode): boolean {
  return error instanceof OrgkitError && (code === undefined || error.code === code);
}
