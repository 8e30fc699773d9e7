/**
 * Errors as HTTP answers. A refusal (an `OrgkitError` below 500) answers its
 * own code, message and details; anything else answers a bare 500
 * `INTERNAL` and goes to the host's `onError`, so no driver text, stack or
 * other organization's data can reach a response.
 *
 * The transport's own refusals (no such route, not JSON, too large) are
 * `OrgkitError`s too, so every error body has one shape and the client can
 * throw them like any other.
 */
import { isOrgkitError, OrgkitError, type OrgkitErrorCode, type ValidationIssue } from '../errors.js';
import { httpStatusFor } from './http-status.js';

/** The body of every error response. `message` is absent only for `INTERNAL`. */
export interface ErrorBody {
  error: { code: OrgkitErrorCode; message?: string; details?: unknown };
}

/** Statuses that differ from the code's own (`VALIDATION_FAILED` as 413 or 415). */
const statusOverrides = new WeakMap<OrgkitError, number>();

function validationFailure(status: number, issue: ValidationIssue): OrgkitError {
  const error = new OrgkitError({ code: 'VALIDATION_FAILED', message: issue.message, details: { issues: [issue] } });
  statusOverrides.set(error, status);
  return error;
}

/** The request body, in bytes, that any route accepts. */
export const BODY_LIMIT = 64 * 1024;

export const noSuchRoute = () =>
  new OrgkitError({ code: 'NOT_FOUND', message: 'No such route.', details: { what: 'route' } });

export const unsupportedMediaType = () =>
  validationFailure(415, {
    path: [],
    code: 'unsupported_media_type',
    message: 'Send Content-Type: application/json with every request but GET (a body is optional).',
  });

export const bodyTooLarge = () =>
  validationFailure(413, { path: [], code: 'too_big', message: `The body exceeds ${BODY_LIMIT / 1024} KiB.` });

export const malformedBody = (message: string) => validationFailure(400, { path: [], code: 'invalid_json', message });

export const unauthenticated = () =>
  new OrgkitError({ code: 'UNAUTHENTICATED', message: 'Sign in to call this route.' });

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Not a refusal: a bug or an outage, for `onError`. */
  unexpected: boolean;
}

/**
 * The answer to a thrown value.
 *
 * ```ts
 * const { status, body, unexpected } = errorResponse(error);
 * if (unexpected) onError(error, request);
 * ```
 */
export function errorResponse(error: unknown): ErrorResponse {
  const status = isOrgkitError(error) ? (statusOverrides.get(error) ?? httpStatusFor(error)) : 500;
  if (!isOrgkitError(error) || status >= 500) {
    return { status: 500, body: { error: { code: 'INTERNAL' } }, unexpected: true };
  }
  const { code, message, details } = error;
  return {
    status,
    body: { error: details === undefined ? { code, message } : { code, message, details } },
    unexpected: false,
  };
}

/**
 * `onError`, made safe to call: a reporter that throws must not turn one
 * error into a second, unanswered one.
 *
 * ```ts
 * const report = safeReporter(options.onError ?? ((error) => console.error('orgkit:', error)));
 * ```
 */
export function safeReporter<Q>(onError: (error: unknown, request: Q) => void): (error: unknown, request: Q) => void {
  return (error, request) => {
    try {
      onError(error, request);
    } catch {
      // Nothing sensible is left to do with it.
    }
  };
}

/**
 * Runs a host hook that comes after the change is committed (`onAccepted`):
 * its failure is reported, never answered, since the change stands.
 *
 * ```ts
 * await afterCommit(() => options.onAccepted?.(accepted, request, reply), (error) => report(error, request));
 * ```
 */
export async function afterCommit(hook: () => unknown, report: (error: unknown) => void): Promise<void> {
  try {
    await hook();
  } catch (error) {
    report(error);
  }
}
