import type { ConfigIssue } from '../config-issue';
import { configPath } from './config-path';

/** Collects every problem of a config, so `resolve()` reports them all at once. */
export class IssueList {
  public readonly issues: ConfigIssue[] = [];

  /** Adds an issue at the config location given by its path segments. */
  public add(path: readonly PropertyKey[], message: string | undefined): void {
    if (message !== undefined) this.issues.push({ path: configPath(...path), message });
  }
}
