import { ConfigIssue } from './config-issue';
import { LockstepConfigError } from './config-error';
import { IssueList } from './private/issue-list';
import { resolveConfig } from './private/resolve-config';
import { configIssuesFromZod } from './private/zod-issues';
import type { ResolvedConfig } from './resolved-config';

/** The outcome of {@link resolve}: the resolved config, or every problem of the input. */
export type ResolveResult = { readonly ok: true; readonly config: ResolvedConfig } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * Validates a Lockstep config and derives everything the generators need from it: subjects, ARNs, trust
 * policies, names. Returns every problem at once rather than the first; nothing is thrown for a bad config.
 *
 * Two stages: the structure (unknown keys, wrong types, refused triggers) is checked first, and only a
 * well-formed config goes on to the content rules (formats, references, subject safety, sizes), all of
 * which are then reported together.
 * @param input what `lockstep.config.ts` exports (any value: it is checked, not trusted)
 */
export function resolve(input: unknown): ResolveResult {
  const parsed = configSchema().safeParse(input);
  if (!parsed.success) return { ok: false, issues: configIssuesFromZod(parsed.error, input) };
  const issues = new IssueList();
  const config = resolveConfig(parsed.data, issues);
  return issues.issues.length > 0 ? { ok: false, issues: issues.issues } : { ok: true, config };
}

/**
 * {@link resolve}, throwing a {@link LockstepConfigError} that lists every problem, for code that can't go on
 * without a valid config (tests, the CDK app).
 */
export function resolveOrThrow(input: unknown): ResolvedConfig {
  const result = resolve(input);
  if (!result.ok) throw new LockstepConfigError(result.issues);
  return result.config;
}

/**
 * The schema, loaded on first use: it loads zod (about 60 ms), which code that only evaluates or audits
 * trust policies with this package (the checker, on every run) never needs.
 */
function configSchema(): typeof import('./config-schema').lockstepConfigSchema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./config-schema') as typeof import('./config-schema')).lockstepConfigSchema;
}
