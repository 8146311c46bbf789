import type { LockstepConfig } from '../../src/config/config';
import { ConfigIssue, formatIssues } from '../../src/config/config-issue';
import { resolve } from '../../src/config/resolve';
import type { ResolvedConfig } from '../../src/config/resolved-config';

/** A small valid config: one environment, one Lockstep-managed SAM role, one repository with generated tests. */
export function validConfig(): LockstepConfig {
  return {
    github: { owner: 'acme' },
    environments: { testing: { account: '111111111111', region: 'us-west-2' } },
    roles: { 'ci-role': { environment: 'testing', permissions: 'sam-lambda-testing' } },
    repos: {
      app: {
        role: 'ci-role',
        lambdaTests: { on: { pullRequest: true, push: { branches: ['main'] } }, testCommand: 'pytest -v' },
      },
    },
  };
}

/** {@link validConfig} changed by `change` (which may mutate its argument freely). */
export function configWith(change: (config: LockstepConfig) => void): LockstepConfig {
  const config = validConfig();
  change(config);
  return config;
}

/** The issues of a config that must fail to resolve. */
export function issuesOf(input: unknown): readonly ConfigIssue[] {
  const result = resolve(input);
  if (result.ok) throw new Error('expected the config to be refused, but it resolved');
  return result.issues;
}

/** The resolved form of a config that must resolve; the error lists its issues otherwise. */
export function resolved(input: unknown): ResolvedConfig {
  const result = resolve(input);
  if (!result.ok) throw new Error(`expected the config to resolve, got:\n${result.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return result.config;
}

/** `path: message` of each issue, as {@link formatIssues} prints them. */
export function issueLines(input: unknown): string[] {
  return formatIssues(issuesOf(input)).split('\n');
}

/** Asserts the config is refused with an issue at `path` whose message matches `message`. */
export function expectIssue(input: unknown, path: string, message: RegExp): void {
  const issues = issuesOf(input);
  const atPath = issues.filter((i) => i.path === path);
  if (!atPath.some((i) => message.test(i.message))) {
    throw new Error(`no issue at ${path} matching ${message}; got:\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  }
}
