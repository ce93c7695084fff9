// Shapes shared by several API methods: validation issues, errors on the wire, opaque scenario objects.
import { z } from 'zod';

/** One problem with one field: `path` is dotted (e.g. `layers.3.kernel`), `message` says what is allowed. */
export const issueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type Issue = z.infer<typeof issueSchema>;

/** How a failed call is reported to the caller, whatever the transport. */
export const apiErrorSchema = z.object({
  /** validation: bad input with field issues; user: other bad input; not-found: unknown run/file; internal: a bug. */
  code: z.enum(['validation', 'user', 'not-found', 'internal']),
  message: z.string(),
  issues: z.array(issueSchema).default([]),
});
export type ApiErrorData = z.infer<typeof apiErrorSchema>;

/** Error thrown by the client when a call fails; carries the field issues for per-field messages. */
export class ApiError extends Error {
  readonly code: ApiErrorData['code'];
  readonly issues: Issue[];
  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.issues = data.issues;
  }
}

/** A scenario travels as a plain object; the engine validates it with the env's own schema. */
export const scenarioObjectSchema = z.record(z.string(), z.unknown());
export type ScenarioObject = z.infer<typeof scenarioObjectSchema>;

/** Run ids are folder names under the runs root: no separators, no parent references. */
export const runIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'run id: letters, digits, ".", "_" and "-" only');

export const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
