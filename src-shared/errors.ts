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

/**
 * Bad input in one field, found after the schema (a file, a name, a cross-field rule): "<field>: <detail>" in one
 * line. Routes that nest the input (an experiment request's `scenario`) re-address it with `within`.
 */
export class FieldError extends UserError {
  readonly field: string;
  readonly detail: string;
  constructor(field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.name = 'FieldError';
    this.field = field;
    this.detail = detail;
  }

  /** The same error with `prefix` in front of its field ("scenario" + "mobility.file"). */
  within(prefix: string): FieldError {
    return new FieldError(`${prefix}.${this.field}`, this.detail);
  }
}
