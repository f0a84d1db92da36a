/**
 * A mistake in the user's input (spec, config, flags, HCL): printed as its
 * message alone, without a stack trace, and the process exits 2.
 */
export class UserError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** Generated HCL that does not carry its spec's values: a bug in gen-modules or a template, exit 1. */
export class VerifyError extends Error {
  readonly exitCode = 1;
  constructor(readonly problems: string[]) {
    super(`verify: the generated HCL does not match the specs:\n${problems.join('\n')}`);
    this.name = 'VerifyError';
  }
}

/**
 * A worker thread of the run failed or exited before it answered: the run
 * cannot finish. Printed as its message alone, exit 2.
 */
export class ThreadError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ThreadError';
  }
}

/** The message of anything thrown: an Error's message, else its text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
