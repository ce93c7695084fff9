// Turns schema failures into one readable error that names each offending field and what is allowed.
import type { z } from 'zod';

export class ValidationError extends Error {
  readonly issues: { path: string; message: string }[];
  constructor(what: string, issues: { path: string; message: string }[]) {
    super(`invalid ${what}:\n` + issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n'));
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

export function parseWith<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ValidationError(
    what,
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}
