/** An error caused by the user's input (bad file, flag or value): printed in one line, exit code 2. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Input that failed a schema: every offending field with what is allowed (built by validation.ts's parseWith). */
export class ValidationError extends Error {
  readonly issues: { path: string; message: string }[];
  constructor(what: string, issues: { path: string; message: string }[]) {
    super(`invalid ${what}:\n` + issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n'));
    this.name = 'ValidationError';
    this.issues = issues;
  }
}
