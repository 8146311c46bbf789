/**
 * A mistake in how the command was called (unknown option, missing value, wrong combination).
 * The CLI boundary prints the message and the command's usage line, and exits 2.
 */
export class UsageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UsageError';
    Object.setPrototypeOf(this, UsageError.prototype);
  }
}

/**
 * A problem with the user's input or setup that is not a finding: a missing, unreadable or malformed file,
 * an invalid config. The CLI boundary prints the one-line message and exits 2, without a stack trace.
 */
export class InputError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'InputError';
    Object.setPrototypeOf(this, InputError.prototype);
  }
}
