/**
 * Plain sentences for every refusal the API can answer, so an element never
 * shows a code, a stack or nothing at all. Pure: unit-tested without a DOM.
 */
import type { DenialReason } from '../access/role-rules.js';
import { type ConflictReason, isOrgkitError, type OrgkitErrorCode } from '../errors.js';

const DENIALS: Record<DenialReason, string> = {
  ROLE_LACKS_PERMISSION: 'Your role does not allow this.',
  PROJECT_NOT_ASSIGNED: 'You are not assigned to this project.',
  MEMBER_DISABLED: 'Your access to this organization is disabled. Ask an owner or admin to enable it.',
  TARGET_OUTRANKS_ACTOR: 'This member has a higher role than yours, so you cannot change them.',
  ROLE_NOT_GRANTABLE: 'You cannot give a role higher than your own.',
  PROFILE_SHARED_WITH_OTHER_ORGANIZATION:
    'This person also belongs to another organization, so only they can change their name, email or timezone.',
  INVITATION_EMAIL_MISMATCH: 'This invitation was sent to another email address than the one you are signed in with.',
  USER_EMAIL_MISMATCH: 'That user has another email address.',
};

const CONFLICTS: Record<ConflictReason, string> = {
  ALREADY_MEMBER: 'This person is already a member of the organization.',
  INVITATION_PENDING: 'An invitation to this email is already pending. Resend it from the invitations list.',
  INVITATION_NOT_PENDING: 'This invitation is no longer pending: it was accepted, revoked or replaced.',
  EMAIL_TAKEN: 'Another user already has this email address.',
  USER_ID_TAKEN: 'This user id is already taken.',
  TOKEN_TAKEN: 'Something went wrong. Please try again.',
};

const CODES: Record<OrgkitErrorCode, string> = {
  VALIDATION_FAILED: 'Please check the highlighted fields.',
  UNAUTHENTICATED: 'You are not signed in to this organization, or your access has ended. Sign in again.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'This no longer exists. It may have been removed; reload to see the latest.',
  CONFLICT: 'This conflicts with a change made meanwhile. Reload and try again.',
  LAST_OWNER: 'The organization must keep at least one active owner. Make someone else an owner first.',
  INVITATION_INVALID: 'This invitation link is not valid. It may have been revoked, replaced by a newer one or used.',
  INVITATION_EXPIRED: 'This invitation has expired. Ask for a new one.',
  STORE_FAILURE: 'The server could not save this right now. Please try again.',
  INTERNAL: 'The server could not complete the request. Please try again.',
};

const NOT_FOUND: Record<string, string> = {
  organization: 'This organization no longer exists.',
  member: 'This member no longer exists in the organization.',
  project: 'A chosen project no longer exists.',
  invitation: 'This invitation no longer exists.',
};

/** What to tell a person about `error`: the refusal in a sentence, or a generic line for a failed network call. */
export function describeError(error: unknown): string {
  if (!isOrgkitError(error)) {
    return 'The server could not be reached. Check your connection and try again.';
  }
  switch (error.code) {
    case 'FORBIDDEN':
      return DENIALS[error.details?.reason] ?? CODES.FORBIDDEN;
    case 'CONFLICT':
      return CONFLICTS[error.details?.reason] ?? CODES.CONFLICT;
    case 'NOT_FOUND':
      return NOT_FOUND[error.details?.what] ?? CODES.NOT_FOUND;
    case 'VALIDATION_FAILED': {
      const issues = error.details?.issues ?? [];
      // Input-wide problems (a bad cursor, an empty change) are not tied to a field the form shows.
      const general = issues.find((issue) => issue.path.length === 0);
      return general !== undefined ? general.message : CODES.VALIDATION_FAILED;
    }
    default:
      return CODES[error.code] ?? CODES.INTERNAL;
  }
}

/** zod's message, except for an empty required field, which zod words as a length. */
function fieldMessage(issue: { code: string; message: string }): string {
  return issue.code === 'too_small' && /\b1 character/.test(issue.message.replace('>=', ''))
    ? 'This field is required.'
    : issue.message;
}

/**
 * The server's field messages (`details.issues` of a `VALIDATION_FAILED`),
 * keyed by the first segment of each path: `{ email: 'Invalid email address' }`,
 * for showing beside the field. Empty for any other error.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isOrgkitError(error, 'VALIDATION_FAILED')) return {};
  const fields: Record<string, string> = {};
  for (const issue of error.details?.issues ?? []) {
    const field = issue.path[0];
    if (field !== undefined && fields[field] === undefined) fields[field] = fieldMessage(issue);
  }
  return fields;
}
