/** An error caused by the user's input (bad file, flag or value): printed in one line, exit code 2. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
