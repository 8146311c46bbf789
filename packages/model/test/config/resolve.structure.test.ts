import fc from 'fast-check';
import type { LockstepConfig } from '../../src/config/config';
import { ConfigIssue, formatIssues } from '../../src/config/config-issue';
import { lockstepConfigSchema } from '../../src/config/config-schema';
import { configPath } from '../../src/config/private/config-path';
import { configIssuesFromZod } from '../../src/config/private/zod-issues';
import { resolve } from '../../src/config/resolve';
import { expectIssue, issueLines, issuesOf, validConfig } from '../support/configs';

/**
 * A config that sets every field, with five content mistakes that depend on nothing else: a bad account
 * id, a Lockstep-managed role without permissions, a session out of range, an unknown environment and
 * a branch name git refuses. The rules that compare fields are met just so (the job's session is the
 * role's maximum, east shares testing's account but not its region, the China audience matches its
 * region, lib pushes only branches, infra declares one subject): a refused value read as its default
 * would break them.
 */
function richConfig(): LockstepConfig {
  return {
    github: { owner: 'acme', ownerId: '100' },
    environments: {
      testing: { account: '111111111111', region: 'us-west-2', audience: 'sts.amazonaws.com' },
      prod: { account: '2222', region: 'eu-central-1' },
      east: { account: '111111111111', region: 'us-east-1' },
      china: { account: '333333333333', region: 'cn-north-1', audience: 'sts.amazonaws.com.cn' },
    },
    providers: { testing: 'import', prod: 'create', china: 'create' },
    roles: {
      'ci-role': {
        environment: 'testing', path: '/ci/', managedBy: 'lockstep', permissions: 'sam-lambda-testing', maxSessionDuration: 7200,
        permissionsBoundary: 'arn:aws:iam::111111111111:policy/b', trustPolicyQuota: 4096, splitWhenOverQuota: true, description: 'ci',
      },
      'ops-role': { environment: 'prod' },
      'ext-role': { environment: 'testing', managedBy: 'external', maxSessionDuration: 60 },
    },
    repos: {
      app: {
        role: 'ci-role', id: '200', subjectFormat: 'both', defaultBranch: 'main',
        lambdaTests: {
          on: { pullRequest: { branches: ['main'] }, push: { branches: ['main', 'release/*'], tags: ['v*'] }, workflowDispatch: { branches: ['main'] }, schedule: ['0 4 * * *'], mergeGroup: true },
          environment: 'test', workingDirectory: 'tests', testCommand: 'pytest', pythonVersion: '3.12', timeoutMinutes: 30, sessionDurationSeconds: 7200,
        },
      },
      web: { role: 'ext-role', subjects: { anyRef: 'legacy pipelines', branches: ['feature..x'], tags: ['v1'], environments: ['prod'], pullRequest: true, custom: ['repo:acme/web:environment:x'] } },
      ops: { role: 'ops-role', lambdaTests: { on: { pullRequest: true }, testCommand: 'make test' } },
      lib: { role: 'ops-role', lambdaTests: { on: { push: { branches: ['main'] } }, testCommand: 'make test' } },
      infra: { role: 'ext-role', subjects: { pullRequest: true } },
    },
  };
}

/**
 * The issues of {@link richConfig}, each with the locations it depends on besides its own: a reference
 * can't be checked while the list it refers to is refused.
 */
const RICH_ISSUES: ReadonlyArray<readonly [string, ...PropertyKey[][]]> = [
  ['environments.prod.account: "2222" is not an AWS account id; expected exactly 12 digits (it has 4); an id with leading zeros keeps them, e.g. "012345678901"'],
  ['roles.ops-role.permissions: missing; a role that Lockstep manages needs a permission profile: expected "sam-lambda-testing" (or set managedBy to "terraform" or "external" if other code owns the role)'],
  ['roles.ext-role.maxSessionDuration: 60 is out of range; expected a whole number of seconds from 3600 to 43200'],
  ['repos.app.lambdaTests.environment: "test" is not a configured environment; did you mean "testing"?; expected one of "china", "east", "prod", "testing"', ['environments']],
  ['repos.web.subjects.branches[0]: "feature..x" is not a valid branch name: it contains ".."'],
];

/** Every location of a value inside `value`, outermost first. */
function pathsIn(value: unknown, at: PropertyKey[] = []): PropertyKey[][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...at, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsIn(child, path)];
  });
}

/** `config` with the value at each path replaced. */
function withValues(config: LockstepConfig, changes: ReadonlyArray<readonly [PropertyKey[], unknown]>): unknown {
  const copy = JSON.parse(JSON.stringify(config)) as Record<PropertyKey, unknown>;
  for (const [path, value] of changes) {
    const holder = path.slice(0, -1).reduce<Record<PropertyKey, unknown>>((o, k) => o[k] as Record<PropertyKey, unknown>, copy);
    holder[path[path.length - 1]] = value;
  }
  return copy;
}

const line = (issue: ConfigIssue) => formatIssues([issue]);
const isAtOrUnder = (issuePath: string, path: readonly PropertyKey[]) => {
  const at = configPath(...path);
  return issuePath === at || issuePath.startsWith(`${at}.`) || issuePath.startsWith(`${at}[`);
};

/**
 * What resolve() must report when `changes` break the structure of {@link richConfig} in places: the
 * structure issues first, then every content mistake of the rich config that isn't at or under a changed
 * location, and nothing else outside the changed locations (no issue caused by a refused value).
 * Returns the differences, empty when it holds.
 */
function differences(changes: ReadonlyArray<readonly [PropertyKey[], unknown]>): string[] {
  const input = withValues(richConfig(), changes);
  const parsed = lockstepConfigSchema.safeParse(input);
  if (parsed.success) return [];
  const structure = configIssuesFromZod(parsed.error, input).map(line);
  const actual = issuesOf(input);
  const lines = actual.map(line);
  const changed = changes.map(([path]) => path);
  const kept = RICH_ISSUES
    .filter(([l, ...reads]) => !changed.some((path) => isAtOrUnder(l.slice(0, l.indexOf(': ')), path) || reads.some((r) => configPath(...r) === configPath(...path))))
    .map(([l]) => l);
  const where = `after setting ${changes.map(([path, value]) => `${configPath(...path)} to ${String(JSON.stringify(value))}`).join(', ')}`;
  const found: string[] = [];
  if (JSON.stringify(lines.slice(0, structure.length)) !== JSON.stringify(structure)) found.push(`${where}: the structure issues don't come first, as zod reports them`);
  for (const l of kept) if (!lines.includes(l)) found.push(`${where}: hidden: ${l}`);
  for (const issue of actual.slice(structure.length)) {
    if (kept.includes(line(issue)) || changed.some((path) => isAtOrUnder(issue.path, path))) continue;
    found.push(`${where}: caused by a refused value: ${line(issue)}`);
  }
  return found;
}

/**
 * Wrong values of every type; undefined takes a required value away. (Not `{}`: in place of an object it
 * takes the optional values away too, which may be mistakes of their own.)
 */
const JUNK: readonly unknown[] = [null, 42, true, 'text', [], undefined];

describe('resolve, when the structure is refused in places', () => {
  test('reports every mistake of a config in one run: structure and content, in different repositories and in one', () => {
    const config = withValues(validConfig(), [
      [['environments', 'testing', 'account'], '12345'], // a bad account id
      [['roles', 'ci-role'], { environment: 'testing' }], // permissions missing on a role Lockstep manages
      [['roles', 'ext-role'], { environment: 'testing', managedBy: 'external' }],
      [['repos', 'app', 'lambdaTests', 'environment'], 'test'], // an unknown environment
      [['repos', 'app', 'lambdaTests', 'on', 'pullRequestTarget'], true], // a structure error in the same repository
      [['repos', 'web'], { role: 'ext-role', subjects: { branches: ['feature..x'] } }], // a bad branch name in another
      [['repos', 'docs'], { role: 'ext-role', defaultBranch: 'main', subjects: { pullRequest: 'yes' } }], // a structure error in a third
    ]);
    expect(issueLines(config)).toEqual([
      'repos.app.lambdaTests.on.pullRequestTarget: pullRequestTarget (pull_request_target) runs in the default branch\'s context and can be triggered by outsiders: never give it a role; use pullRequest for pull requests, or push for the default branch',
      'repos.docs.subjects.pullRequest: "yes" is a string; expected true or false',
      'environments.testing.account: "12345" is not an AWS account id; expected exactly 12 digits (it has 5); an id with leading zeros keeps them, e.g. "012345678901"',
      'roles.ci-role.permissions: missing; a role that Lockstep manages needs a permission profile: expected "sam-lambda-testing" (or set managedBy to "terraform" or "external" if other code owns the role)',
      'repos.app.lambdaTests.environment: "test" is not a configured environment; did you mean "testing"?; expected one of "testing"',
      'repos.web.subjects.branches[0]: "feature..x" is not a valid branch name: it contains ".."',
    ]);
  });

  test('reports a content error beside a misspelt permissions value, which it used to hide until the value was fixed', () => {
    const config = withValues(validConfig(), [
      [['roles', 'ci-role', 'permissions'], 'sam-lambda-tests'],
      [['repos', 'app', 'lambdaTests', 'environment'], 'test'],
    ]);
    expect(issueLines(config)).toEqual([
      'roles.ci-role.permissions: "sam-lambda-tests" is not a valid choice; expected one of "sam-lambda-testing"',
      'repos.app.lambdaTests.environment: "test" is not a configured environment; did you mean "testing"?; expected one of "testing"',
    ]);
  });

  test('reports a misspelt key once, not also the absence of the key it stands for', () => {
    const config = withValues(validConfig(), [[['roles', 'ci-role'], { environment: 'testing', permission: 'sam-lambda-testing' }]]);
    expect(issueLines(config)).toEqual([
      'roles.ci-role.permission: unknown key "permission"; did you mean "permissions"?; expected one of "bindWorkflow", "description", "environment", "extraStatements", "managedBy", "maxSessionDuration", "path", "permissions", "permissionsBoundary", "splitWhenOverQuota", "trustPolicyQuota"',
    ]);
  });

  test('keeps the name of a refused role, so the repositories mapped to it are not reported as unmapped', () => {
    expect(issueLines(withValues(validConfig(), [[['roles', 'ci-role'], 'sam-lambda-testing']]))).toEqual([
      'roles.ci-role: "sam-lambda-testing" is a string; expected an object',
    ]);
  });

  test('still checks the name of a refused entry', () => {
    const config = withValues(validConfig(), [[['roles', 'spare role'], null]]);
    expectIssue(config, 'roles["spare role"]', /is null; expected an object/);
    expectIssue(config, 'roles["spare role"]', /is not a valid IAM role name/);
  });

  test('checks the other items of a list with a refused item, at their own index', () => {
    const config = withValues(validConfig(), [[['repos', 'app', 'lambdaTests', 'on', 'push', 'branches'], ['main', 5, 'a..b']]]);
    expect(issueLines(config)).toEqual([
      'repos.app.lambdaTests.on.push.branches[1]: 5 is a number; expected a string; write it in quotes: "5"',
      'repos.app.lambdaTests.on.push.branches[2]: "a..b" is not a valid branch name: it contains ".."',
    ]);
  });

  test('does not change the config it is given', () => {
    const config = withValues(validConfig(), [[['repos', 'app', 'lambdaTests', 'on'], { pull_request: true, push: { branches: [1] } }]]);
    const before = JSON.stringify(config);
    resolve(config);
    expect(JSON.stringify(config)).toBe(before);
  });

  test('a structure error anywhere hides no content error elsewhere and causes none (every location, every kind of wrong value)', () => {
    expect(issueLines(richConfig())).toEqual(RICH_ISSUES.map(([l]) => l));
    const found = pathsIn(richConfig()).flatMap((path) => JUNK.flatMap((junk) => differences([[path, junk]])));
    expect(found).toEqual([]);
  });

  test('several structure errors at once hide no content error and cause none', () => {
    const refusedAlone = pathsIn(richConfig())
      .flatMap((path) => JUNK.map((junk) => [path, junk] as const))
      .filter((change) => !lockstepConfigSchema.safeParse(withValues(richConfig(), [change])).success);
    const changes = fc.uniqueArray(fc.constantFrom(...refusedAlone), { minLength: 2, maxLength: 4, selector: ([path]) => configPath(...path) });
    fc.assert(fc.property(changes, (all) => {
      // A change inside a value another change replaced has nothing to change.
      fc.pre(!all.some(([path], i) => all.some(([other], j) => j !== i && isAtOrUnder(configPath(...path), other))));
      expect(differences(all)).toEqual([]);
    }), { numRuns: 300, seed: 20260815 });
  });
});
