/**
 * Every error orgkit throws on purpose. Hosts branch on `code`, never on
 * `message`: messages are for humans and may be reworded.
 */
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
} as const;

export type OrgkitErrorCode = keyof typeof ORGKIT_ERROR_CODES;

export interface OrgkitErrorOptions {
  code: OrgkitErrorCode;
  message?: string;
  /** Machine-readable context: zod issues, a denial reason, a constraint name. */
  details?: Readonly<Record<string, unknown>>;
  cause?: unknown;
}

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
};

export class OrgkitError extends Error {
  override readonly name = 'OrgkitError';
  readonly code: OrgkitErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(options: OrgkitErrorOptions) {
    super(options.message ?? DEFAULT_MESSAGES[options.code], { cause: options.cause });
    this.code = options.code;
    this.details = options.details;
  }
}

export function isOrgkitError(error: unknown, code?: OrgkitErrorCode): error is OrgkitError {
  return error instanceof OrgkitError && (code === undefined || error.code === code);
}
