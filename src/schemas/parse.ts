import type { z } from 'zod';
import { OrgkitError } from '../errors.js';

/** Parses public input; a failure becomes `VALIDATION_FAILED` with the zod issues in `details`. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new OrgkitError({
    code: 'VALIDATION_FAILED',
    message: `Invalid input: ${result.error.issues.map(describe).join('; ')}.`,
    details: {
      issues: result.error.issues.map((issue) => ({
        path: issue.path.map(String),
        code: issue.code,
        message: issue.message,
      })),
    },
  });
}

function describe(issue: z.core.$ZodIssue): string {
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
