import type { LambdaTestsConfig } from '../../../src/config/config';
import { configWith, expectIssue, issuesOf, resolved } from '../../support/configs';

/** The valid config with `change` applied to its lambda-tests config. */
function withTests(change: (tests: LambdaTestsConfig) => void) {
  return configWith((c) => change(c.repos.app.lambdaTests!));
}
const tests = (change: (t: LambdaTestsConfig) => void) => resolved(withTests(change)).repos[0].lambdaTests!;

describe('lambdaTests', () => {
  test('fills in the defaults', () => {
    expect(tests(() => undefined)).toMatchObject({
      workingDirectory: '.',
      pythonVersion: '3.12',
      timeoutMinutes: 60,
      sessionDurationSeconds: 3600,
      stackPrefix: 'lockstep-app--',
      artifactPrefix: 'app/',
      artifactBucket: 'lockstep-artifacts-111111111111-us-west-2',
    });
  });

  test.each([
    ['pullRequestTarget', 'pull_request_target'],
    ['workflowRun', 'workflow_run'],
    ['issueComment', 'issue_comment'],
  ])('fails for the trigger %p, which outsiders can start in the default branch\'s context', (key, event) => {
    expectIssue(
      withTests((t) => Object.assign(t.on, { [key]: true })),
      `repos.app.lambdaTests.on.${key}`,
      new RegExp(`^${key} \\(${event}\\) runs in the default branch's context and can be triggered by outsiders: never give it a role`),
    );
  });

  test('fails when no trigger is enabled', () => {
    expectIssue(withTests((t) => { t.on = { pullRequest: false }; }), 'repos.app.lambdaTests.on', /no trigger is enabled/);
  });

  test('fails when push lists neither branches nor tags', () => {
    expectIssue(withTests((t) => { t.on.push = {}; }), 'repos.app.lambdaTests.on.push', /lists no branches or tags/);
  });

  test.each([
    ['a..b', /contains "\.\."/],
    ['a b', /space or a control character/],
    ['a\tb', /space or a control character/],
    ['a~b', /contains "~"/],
    ['a^b', /contains "\^"/],
    ['a:b', /contains ":"/],
    ['a?b', /contains "\?"/],
    ['a[b', /contains "\["/],
    ['a\\b', /contains "\\\\"/],
    ['-a', /starts with "-"/],
    ['/a', /starts or ends with "\/"/],
    ['a/', /starts or ends with "\/"/],
    ['a//b', /contains "\/\/"/],
    ['a.', /ends with "\."/],
    ['a.lock', /ends with "\.lock"/],
    ['a/.b', /starts with "\."/],
    ['a@{b', /contains "@\{"/],
    ['@', /"@" alone/],
    ['!main', /negative filter/],
    ['refs/heads/main', /is a full ref; write just the branch name: "main"/],
  ])('fails when a push branch is %p, which git refuses', (branch, message) => {
    expectIssue(withTests((t) => { t.on.push = { branches: ['main', branch] }; }), 'repos.app.lambdaTests.on.push.branches[1]', message);
  });

  test.each(['main', 'feature/x', 'release-1.2', 'a@b', 'user/joe_doe+1', 'release/*', 'release/**'])('accepts the push branch %p', (branch) => {
    expect(tests((t) => { t.on.push = { branches: [branch] }; }).triggers.pushBranches).toEqual([branch]);
  });

  test('fails when a tag is invalid and names it a tag', () => {
    expectIssue(withTests((t) => { t.on.push = { tags: ['v1..0'] }; }), 'repos.app.lambdaTests.on.push.tags[0]', /"v1\.\.0" is not a valid tag name/);
  });

  test('fails when a pull request branch filter is invalid', () => {
    expectIssue(withTests((t) => { t.on.pullRequest = { branches: ['ma in'] }; }), 'repos.app.lambdaTests.on.pullRequest.branches[0]', /is not a valid branch name/);
  });

  test('fails when workflow_dispatch lists a pattern', () => {
    expectIssue(withTests((t) => { t.on.workflowDispatch = { branches: ['release/*'] }; }), 'repos.app.lambdaTests.on.workflowDispatch.branches[0]', /is a pattern; expected an exact branch name/);
  });

  test('fails when workflow_dispatch lists no branch', () => {
    expectIssue(withTests((t) => { t.on.workflowDispatch = { branches: [] }; }), 'repos.app.lambdaTests.on.workflowDispatch.branches', /no branches; expected at least one, or workflowDispatch: true/);
  });

  test('runs workflow_dispatch from the default branch when it is true', () => {
    const config = configWith((c) => { c.repos.app.defaultBranch = 'trunk'; c.repos.app.lambdaTests!.on.workflowDispatch = true; });
    expect(resolved(config).repos[0].lambdaTests!.triggers.workflowDispatch).toEqual({ branches: ['trunk'] });
  });

  test.each(['0 4 * *', 'every day', '0 4 * * * *', '61;4 * * *'])('fails when a schedule is not a 5-field cron (%p)', (cron) => {
    expectIssue(withTests((t) => { t.on.schedule = [cron]; }), 'repos.app.lambdaTests.on.schedule[0]', /is not a cron expression; expected 5 fields/);
  });

  test.each(['0 4 * * *', '*/15 * * * 1-5', '30 5,17 * * MON-FRI', '0 0 1 JAN *'])('accepts the schedule %p', (cron) => {
    expect(tests((t) => { t.on.schedule = [cron]; }).triggers.schedule).toEqual([cron]);
  });

  test('fails when the environment is not configured, and lists the configured ones', () => {
    expectIssue(withTests((t) => { t.environment = 'prod'; }), 'repos.app.lambdaTests.environment', /^"prod" is not a configured environment; expected one of "testing"$/);
  });

  test('suggests the configured environment a name is cut short from or misspelt for', () => {
    expectIssue(withTests((t) => { t.environment = 'test'; }), 'repos.app.lambdaTests.environment', /^"test" is not a configured environment; did you mean "testing"\?; expected one of "testing"$/);
    expectIssue(withTests((t) => { t.environment = 'Testing'; }), 'repos.app.lambdaTests.environment', /^"Testing" is not a configured environment; did you mean "testing"\?; expected one of "testing"$/);
    expectIssue(withTests((t) => { t.environment = 'tesitng'; }), 'repos.app.lambdaTests.environment', /did you mean "testing"\?/);
  });

  test.each([
    ['/tests', /is absolute/],
    ['C:/tests', /is absolute/],
    ['~/tests', /is absolute/],
    ['..', /leaves the repository/],
    ['tests/../../x', /leaves the repository/],
    ['tests\\lambda', /backslash/],
    ['${{ github.ref }}', /"\$\{\{"/],
  ])('fails when the working directory is %p', (dir, message) => {
    expectIssue(withTests((t) => { t.workingDirectory = dir; }), 'repos.app.lambdaTests.workingDirectory', message);
  });

  test.each([
    ['tests/lambda', 'tests/lambda'],
    ['./tests/lambda/', 'tests/lambda'],
    ['tests//lambda', 'tests/lambda'],
    ['a/../tests', 'tests'],
    ['', '.'],
    ['./', '.'],
  ])('normalizes the working directory %p to %p', (dir, expected) => {
    expect(tests((t) => { t.workingDirectory = dir; }).workingDirectory).toBe(expected);
  });

  test('fails when the test command is empty', () => {
    expectIssue(withTests((t) => { t.testCommand = '  '; }), 'repos.app.lambdaTests.testCommand', /is empty; expected the command that runs the tests/);
  });

  test('fails when the test command holds a ${{ }} expression, pointing at environment variables instead', () => {
    expectIssue(withTests((t) => { t.testCommand = 'pytest -k "${{ github.head_ref }}"'; }), 'repos.app.lambdaTests.testCommand', /\(script injection\); use the job's environment variables instead/);
    expect(resolved(withTests((t) => { t.testCommand = 'pytest --stack "$STACK_NAME"'; })).repos[0].lambdaTests?.testCommand).toBe('pytest --stack "$STACK_NAME"');
  });

  test.each(['3.x.y', 'python3', '', '3.12 '])('fails when the Python version is %p', (version) => {
    expectIssue(withTests((t) => { t.pythonVersion = version; }), 'repos.app.lambdaTests.pythonVersion', /is not a Python version/);
  });

  test.each(['3', '3.12', '3.12.4', '3.x', '3.13t', 'pypy3.10'])('accepts the Python version %p', (version) => {
    expect(tests((t) => { t.pythonVersion = version; }).pythonVersion).toBe(version);
  });

  test.each([0, 29, 361, 30.5])('fails when timeoutMinutes is %p', (minutes) => {
    expectIssue(withTests((t) => { t.timeoutMinutes = minutes; }), 'repos.app.lambdaTests.timeoutMinutes', /out of range; expected a whole number of minutes from 30 to 360 \(each step has its own timeout within the job's, and sam delete keeps 10 minutes of it\)/);
  });

  test('fails when the session is longer than the role allows', () => {
    expectIssue(
      withTests((t) => { t.sessionDurationSeconds = 7200; }),
      'repos.app.lambdaTests.sessionDurationSeconds',
      /7200 is out of range; expected a whole number of seconds from 900 to 3600 \(the maxSessionDuration of role "ci-role"\); lower it, or raise roles\.ci-role\.maxSessionDuration/,
    );
  });

  test('accepts a longer session when the role allows it', () => {
    const config = configWith((c) => { c.roles['ci-role'].maxSessionDuration = 7200; c.repos.app.lambdaTests!.sessionDurationSeconds = 7200; });
    expect(resolved(config).repos[0].lambdaTests!.sessionDurationSeconds).toBe(7200);
  });

  test('fails when the session is shorter than STS allows', () => {
    expectIssue(withTests((t) => { t.sessionDurationSeconds = 600; }), 'repos.app.lambdaTests.sessionDurationSeconds', /from 900 to 3600/);
  });

  test('reports an invalid role maximum once, not again on the session', () => {
    const issues = issuesOf(configWith((c) => { c.roles['ci-role'].maxSessionDuration = 10; }));
    expect(issues.map((i) => i.path)).toEqual(['roles.ci-role.maxSessionDuration']);
  });

  test('defaults to the python3.12 runtime and no install step', () => {
    expect(tests(() => undefined)).toMatchObject({ runtime: { id: 'python3.12', language: 'python', version: '3.12' }, pythonVersion: '3.12' });
    expect(tests(() => undefined).installCommand).toBeUndefined();
  });

  test.each([
    ['nodejs22.x', 'nodejs', '22'],
    ['java21', 'java', '21'],
    ['java17.al2023', 'java', '17'],
    ['dotnet10', 'dotnet', '10.0.x'],
    ['ruby3.4', 'ruby', '3.4'],
    ['python3.13', 'python', '3.13'],
    ['provided.al2023', 'provided', ''],
  ])('resolves the runtime %p to %p %p', (id, language, version) => {
    expect(tests((t) => { t.runtime = id; }).runtime).toEqual({ id, language, version });
  });

  test('derives the runtime from a pythonVersion written before runtime existed', () => {
    expect(tests((t) => { t.pythonVersion = '3.13'; }).runtime.id).toBe('python3.13');
  });

  test.each([['nodejs20.x', 'nodejs22.x'], ['java17', 'java17.al2023'], ['python3.11', 'python3.12'], ['go1.x', 'provided.al2023'], ['dotnet8', 'dotnet10']])(
    'refuses the retired runtime %p and names %p',
    (runtime, replacement) => {
      expectIssue(withTests((t) => { t.runtime = runtime; }), 'repos.app.lambdaTests.runtime', new RegExp(`"${runtime.replace(/\./g, '\\.')}" is deprecated.*use "${replacement.replace(/\./g, '\\.')}", or one of .*"python3\\.12"`));
    },
  );

  test('refuses an unknown runtime, lists the choices and suggests the close one', () => {
    expectIssue(withTests((t) => { t.runtime = 'nodejs22'; }), 'repos.app.lambdaTests.runtime', /"nodejs22" is not a Lambda runtime the job can set up; did you mean "nodejs22\.x"\?.*one of .*"java21"/);
  });

  test('refuses a pythonVersion that disagrees with the runtime', () => {
    expectIssue(withTests((t) => { t.runtime = 'python3.12'; t.pythonVersion = '3.13'; }), 'repos.app.lambdaTests.pythonVersion', /differs from runtime "python3\.12"/);
    expectIssue(withTests((t) => { t.runtime = 'nodejs22.x'; t.pythonVersion = '3.12'; }), 'repos.app.lambdaTests.pythonVersion', /goes with a Python runtime/);
  });

  test('keeps the install command, and refuses an empty one or one with an expression', () => {
    expect(tests((t) => { t.installCommand = 'pip install -e . pytest'; }).installCommand).toBe('pip install -e . pytest');
    expectIssue(withTests((t) => { t.installCommand = ' '; }), 'repos.app.lambdaTests.installCommand', /is empty/);
    expectIssue(withTests((t) => { t.installCommand = 'pip install "${{ github.head_ref }}"'; }), 'repos.app.lambdaTests.installCommand', /script injection/);
  });

  test('a GitHub environment that is no AWS environment key decides the sub, with : sent as %3A', () => {
    const t = tests((x) => { x.githubEnvironment = 'integration'; });
    expect(t.environment).toBe('integration');
    expect(t.subjects).toEqual(['repo:acme/app:environment:integration']);
    expect(tests((x) => { x.githubEnvironment = 'prod:blue'; }).subjects).toEqual(['repo:acme/app:environment:prod%3Ablue']);
  });

  test('refuses githubEnvironment together with environment, and names GitHub cannot take', () => {
    expectIssue(withTests((t) => { t.githubEnvironment = 'integration'; t.environment = 'testing'; }), 'repos.app.lambdaTests.githubEnvironment', /both name the job's GitHub environment/);
    for (const name of ['', 'x'.repeat(256), ' padded', 'a${{ github.ref }}']) {
      expectIssue(withTests((t) => { t.githubEnvironment = name; }), 'repos.app.lambdaTests.githubEnvironment', /is not usable as a GitHub environment name; expected 1–255 characters/);
    }
    expect(tests((t) => { t.githubEnvironment = 'x'.repeat(255); }).environment).toBe('x'.repeat(255));
  });
});
