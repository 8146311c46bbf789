import { ConfigIssue, formatIssues } from './config-issue';

/** Thrown by `resolveOrThrow()`: a config with problems. Its message lists every issue, one per line. */
export class LockstepConfigError extends Error {
  /** Every problem of the config. */
  public readonly issues: readonly ConfigIssue[];

  public constructor(issues: readonly ConfigIssue[]) {
    super(`the Lockstep config has ${issues.length} problem(s):\n${formatIssues(issues)}`);
    this.name = 'LockstepConfigError';
    this.issues = issues;
    Object.setPrototypeOf(this, LockstepConfigError.prototype);
  }
}
