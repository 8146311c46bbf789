import type { ConfigIssue } from '../config-issue';
import { configPath } from './config-path';

/**
 * A config location whose value the structure check refused, so that the content rules can't read it
 * (see `salvage`). For an `entry` of `environments`, `roles` or `repos`, the name stands and only the
 * value under it is refused: rules on the name (its format, duplicates, references to it) still apply.
 */
export interface RefusedPath {
  readonly path: readonly PropertyKey[];
  readonly entry: boolean;
}

/**
 * Collects every problem of a config, so `resolve()` reports them all at once.
 *
 * When the config's structure was refused in places, the content rules run on the rest: a content
 * issue at or under a refused location is dropped (the structure issue there says what is wrong), and
 * rules that read several locations ask {@link refused} and skip when one of their inputs was refused.
 */
export class IssueList {
  public readonly issues: ConfigIssue[] = [];
  private readonly refusedPaths: readonly RefusedPath[];

  /** @param refusedPaths the locations the structure check refused; none when the config is well-formed */
  public constructor(refusedPaths: readonly RefusedPath[] = []) {
    this.refusedPaths = refusedPaths;
  }

  /** Adds an issue at the config location given by its path segments, unless that location was refused. */
  public add(path: readonly PropertyKey[], message: string | undefined): void {
    if (message !== undefined && !this.refused(path)) this.issues.push({ path: configPath(...path), message });
  }

  /**
   * Whether the structure check refused the value at `path`, or a value holding it: a rule reading it
   * would judge a stand-in, not what the person wrote. `refused(['roles', name])` also says whether the
   * set of role names is known (false when only that role's value was refused).
   */
  public refused(path: readonly PropertyKey[]): boolean {
    return this.refusedPaths.some((r) =>
      r.path.length + (r.entry ? 1 : 0) <= path.length && r.path.every((segment, i) => String(segment) === String(path[i])));
  }

  /** Whether the structure check refused the value at `path`, a value holding it, or any part of it. */
  public refusedWithin(path: readonly PropertyKey[]): boolean {
    return this.refused(path) || this.refusedPaths.some((r) => r.path.length >= path.length && path.every((segment, i) => String(segment) === String(r.path[i])));
  }
}
