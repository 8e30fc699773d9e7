import type { z } from 'zod';
import { OrgkitError } from '../errors.js';

/**
 * An input with a million unknown keys makes one zod issue naming them all;
 * a host that logs the error should not log megabytes. The first issues,
 * each message cut short, say enough.
 */
const MAX_ISSUES = 20;
const MAX_MESSAGE_LENGTH = 300;

/** Parses public input; a failure becomes `VALIDATION_FAILED` with the zod issues in `details`. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: issue.path.map(String),
    code: issue.code,
    message: shorten(issue.message),
  }));
  throw new OrgkitError({
    code: 'VALIDATION_FAILED',
    message: `Invalid input: ${issues.map(describe).join('; ')}.`,
    details: { issues },
  });
}

function describe(issue: { path: string[]; message: string }): string {
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

function shorten(message: string): string {
  return message.length <= MAX_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}
