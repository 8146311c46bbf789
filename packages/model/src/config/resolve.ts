import { ConfigIssue } from './config-issue';
import { LockstepConfigError } from './config-error';
import { IssueList } from './private/issue-list';
import { salvage } from './private/salvage';
import { configIssuesFromZod } from './private/zod-issues';
import type { ResolvedConfig } from './resolved-config';
import { loadConfigSchema } from './lazy-config-schema';

/** The outcome of {@link resolve}: the resolved config, or every problem of the input. */
export type ResolveResult = { readonly ok: true; readonly config: ResolvedConfig } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * Validates a Lockstep config and derives everything the generators need from it: subjects, ARNs, trust
 * policies, names. Returns every problem at once rather than the first; nothing is thrown for a bad config.
 *
 * The structure (unknown keys, wrong types, refused triggers) is checked first; the content rules
 * (formats, references, subject safety, sizes) then run on everything whose structure holds, so that a
 * structure error hides no content error elsewhere. Only the rules that would read a refused value skip:
 * the structure issue there says what is wrong. Structure issues come first, then content issues.
 * @param input what `lockstep.config.ts` exports (any value: it is checked, not trusted)
 */
export function resolve(input: unknown): ResolveResult {
  const schema = loadConfigSchema();
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    const issues = new IssueList();
    const config = resolver()(parsed.data, issues);
    return issues.issues.length > 0 ? { ok: false, issues: issues.issues } : { ok: true, config };
  }
  const structure = configIssuesFromZod(parsed.error, input);
  const salvaged = salvage(schema, input, parsed.error);
  if (salvaged === undefined) return { ok: false, issues: structure };
  const issues = new IssueList(salvaged.refused);
  resolver()(salvaged.config, issues);
  return { ok: false, issues: [...structure, ...issues.issues] };
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
 * The resolvers, loaded on the first resolve(). Why: they are most of this package, and a program that takes
 * a resolved config from its cache (`lockstep check` after `npx projen`) never runs them.
 */
function resolver(): typeof import('./private/resolve-config').resolveConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./private/resolve-config') as typeof import('./private/resolve-config')).resolveConfig;
}
