import repositoryConfig from '../../../../lockstep.config';
import { LockstepConfigError } from '../../src/config/config-error';
import { resolve, resolveOrThrow } from '../../src/config/resolve';
import { configWith, expectIssue, issueLines, issuesOf, resolved, validConfig } from '../support/configs';
import { seedConfig } from '../support/seed-config';

/** The same object with its keys, at every level, in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)])) as T;
}

describe('resolve', () => {
  test('resolves the default config the repository ships (the seed)', () => {
    const config = resolved(seedConfig());
    expect(config.roles.map((r) => r.name)).toEqual(['GitHubActionsOIDCRole-PythonSDK', 'GitHubActionsOIDCRoleDeployments-testing']);
    expect(config.repos.map((r) => r.name)).toEqual(['deployments', 'python-sdk']);
  });

  test("resolves the repository's lockstep.config.ts as it is now, whatever it onboards", () => {
    expect(() => resolved(repositoryConfig)).not.toThrow();
  });

  test('resolves a small valid config', () => {
    expect(resolve(validConfig()).ok).toBe(true);
  });

  test('reports every problem at once, across environments, roles and repositories', () => {
    const lines = issueLines(configWith((c) => {
      c.github.owner = '-acme';
      c.environments.testing.account = '12345678901';
      c.environments.testing.region = 'us-west2';
      c.roles['ci-role'].maxSessionDuration = 60;
      c.repos.app.lambdaTests!.environment = 'prod';
      c.repos.app.lambdaTests!.on.push = { branches: ['feature..x'] };
      c.repos.other = { role: 'missing-role', subjects: { branches: ['main'] } };
    }));
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^github\.owner: "-acme" is not a GitHub owner name/),
      expect.stringMatching(/^environments\.testing\.account: "12345678901" is not an AWS account id/),
      expect.stringMatching(/^environments\.testing\.region: "us-west2" is not an AWS region.*did you mean "us-west-2"\?/),
      expect.stringMatching(/^roles\.ci-role\.maxSessionDuration: 60 is out of range/),
      expect.stringMatching(/^repos\.app\.lambdaTests\.environment: "prod" is not a configured environment; expected one of "testing"/),
      expect.stringMatching(/^repos\.app\.lambdaTests\.on\.push\.branches\[0\]: "feature\.\.x" is not a valid branch name/),
      expect.stringMatching(/^repos\.other\.role: "missing-role" is not a configured role; expected one of "ci-role"/),
    ]));
    expect(lines).toHaveLength(7);
  });

  test('reports every structural problem at once', () => {
    const lines = issueLines({ github: { owner: 1 }, environments: { testing: { account: '111111111111' } }, roles: {}, repos: {}, extra: true });
    expect(lines).toEqual([
      'github.owner: 1 is a number; expected a string; write it in quotes: "1"',
      'environments.testing.region: missing; expected a string (or stackSet for many accounts and regions)',
      'extra: unknown key "extra"; expected one of "environments", "github", "noRepositories", "providers", "repos", "roles", "sweeper"',
    ]);
  });

  test('names an unknown key, the valid keys and the closest one', () => {
    expectIssue(
      configWith((c) => Object.assign(c.roles['ci-role'], { permission: 'sam-lambda-testing' })),
      'roles.ci-role.permission',
      /^unknown key "permission"; did you mean "permissions"\?; expected one of "bindWorkflow", "description", "environment", "extraStatements", "managedBy", /,
    );
  });

  test('finds the camelCase key behind a snake_case one', () => {
    expectIssue(
      configWith((c) => Object.assign(c.repos.app.lambdaTests!.on, { pull_request: true })),
      'repos.app.lambdaTests.on.pull_request',
      /did you mean "pullRequest"\?/,
    );
  });

  test('lists the valid choices of an enumeration', () => {
    expectIssue(
      configWith((c) => Object.assign(c.roles['ci-role'], { managedBy: 'Terraform' })),
      'roles.ci-role.managedBy',
      /^"Terraform" is not a valid choice; did you mean "terraform"\?; expected one of "external", "lockstep", "terraform"$/,
    );
  });

  test('explains what a branch filter may be', () => {
    expectIssue(
      configWith((c) => Object.assign(c.repos.app.lambdaTests!.on, { pullRequest: 'main' })),
      'repos.app.lambdaTests.on.pullRequest',
      /"main" is not valid; expected true, false or \{ branches: \[\.\.\.\] \}/,
    );
    expectIssue(
      configWith((c) => Object.assign(c.repos.app.lambdaTests!.on, { pullRequest: { branch: ['main'] } })),
      'repos.app.lambdaTests.on.pullRequest.branch',
      /unknown key "branch"; did you mean "branches"\?/,
    );
  });

  test('refuses a config that is not an object', () => {
    expect(issueLines(undefined)).toEqual(['missing; expected an object']);
    expect(issuesOf('lockstep')[0].message).toBe('"lockstep" is a string; expected an object');
  });

  test('gives the same JSON for the same config in any key order', () => {
    const config = configWith((c) => {
      c.environments.prod = { account: '222222222222', region: 'eu-central-1' };
      c.roles['prod-role'] = { environment: 'prod', managedBy: 'external' };
      c.repos.web = { role: 'prod-role', subjects: { branches: ['main', 'release/*'], environments: ['prod'], pullRequest: true } };
      c.repos.app.lambdaTests!.on.workflowDispatch = true;
      c.repos.app.lambdaTests!.on.schedule = ['0 4 * * *'];
    });
    expect(JSON.stringify(resolved(reversedKeys(config)))).toBe(JSON.stringify(resolved(config)));
  });

  test('gives the same JSON for branch lists in any order', () => {
    const a = configWith((c) => { c.repos.app.lambdaTests!.on.push = { branches: ['main', 'develop'] }; });
    const b = configWith((c) => { c.repos.app.lambdaTests!.on.push = { branches: ['develop', 'main'] }; });
    expect(JSON.stringify(resolved(a))).toBe(JSON.stringify(resolved(b)));
  });

  test('leaves absent optional fields absent rather than undefined', () => {
    const role = resolved(validConfig()).roles[0];
    expect(Object.keys(role)).not.toContain('description');
    expect(Object.keys(role)).not.toContain('permissionsBoundary');
  });
});

describe('resolveOrThrow', () => {
  test('returns the resolved config of a valid config', () => {
    expect(resolveOrThrow(validConfig()).repos[0].fullName).toBe('acme/app');
  });

  test('throws a LockstepConfigError listing every issue', () => {
    const bad = configWith((c) => { c.environments.testing.account = '1'; c.github.owner = 'a--b'; });
    expect(() => resolveOrThrow(bad)).toThrow(LockstepConfigError);
    try {
      resolveOrThrow(bad);
    } catch (e) {
      const error = e as LockstepConfigError;
      expect(error.issues).toHaveLength(2);
      expect(error.message).toMatch(/^the Lockstep config has 2 problem\(s\):\ngithub\.owner: .*\nenvironments\.testing\.account: /);
    }
  });
});
