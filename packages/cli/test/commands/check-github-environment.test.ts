import { AUD_KEY, evaluateTrust, SUB_KEY, type LockstepConfig } from '@lockstep/model';
import { DEFAULT_CONFIG, LONG, makeWorkspace, removeTemps, runAll, type CliResult } from '../support/workspace';

/** The default config with python-sdk's job in a GitHub environment that is no AWS environment key. */
function withGitHubEnvironment(name: string): LockstepConfig {
  const config = structuredClone(DEFAULT_CONFIG);
  config.repos['python-sdk'].lambdaTests!.githubEnvironment = name;
  return config;
}

const integration = makeWorkspace({ config: withGitHubEnvironment('integration') });
const prodBlue = makeWorkspace({ config: withGitHubEnvironment('prod:blue') });
// The job's environment edited to the AWS environment's name: the trust admits integration only.
const awsName = makeWorkspace({ config: withGitHubEnvironment('integration') });
awsName.edit(awsName.workflow('python-sdk'), (t) => t.replace('environment: integration', 'environment: testing'));

let results: Record<'integration' | 'prodBlue' | 'awsName', CliResult>;
beforeAll(async () => {
  results = await runAll({
    integration: [['check', '--json'], integration.root],
    prodBlue: [['check', '--json'], prodBlue.root],
    awsName: [['check', '--json'], awsName.root],
  });
}, LONG);
afterAll(removeTemps);

const jobSubjects = (r: CliResult) => (JSON.parse(r.stdout) as { jobs: { subjects: { sub: string; decision: string }[] }[] }).jobs[0].subjects;

describe('a job in GitHub environment integration, with its role in AWS environment testing', () => {
  test('the role stays in AWS environment testing, and the job presents repo:…:environment:integration', () => {
    const repo = integration.config.repos.find((r) => r.name === 'python-sdk')!;
    expect(repo.environment).toBe('testing');
    expect(repo.lambdaTests!.subjects).toEqual(['repo:honeyhiveai/python-sdk:environment:integration']);
    expect(jobSubjects(results.integration)).toEqual([expect.objectContaining({ sub: 'repo:honeyhiveai/python-sdk:environment:integration', decision: 'allow' })]);
  });

  test('the trust policy admits exactly that subject of the repository', () => {
    const role = integration.config.roles.find((r) => r.name === 'GitHubActionsOIDCRole-PythonSDK')!;
    const environment = integration.config.environments.find((e) => e.name === 'testing')!;
    const decide = (sub: string) => evaluateTrust(role.trustPolicy, { claims: { [SUB_KEY]: sub, [AUD_KEY]: 'sts.amazonaws.com' }, principal: environment.provider.arn }).decision;
    expect(decide('repo:honeyhiveai/python-sdk:environment:integration')).toBe('allow');
    for (const other of [
      'repo:honeyhiveai/python-sdk:environment:testing',
      'repo:honeyhiveai/python-sdk:environment:Integration',
      'repo:honeyhiveai/python-sdk:pull_request',
      'repo:honeyhiveai/python-sdk:ref:refs/heads/main',
    ]) expect({ other, decision: decide(other) }).toEqual({ other, decision: 'deny' });
  });

  test('lockstep check agrees', () => {
    expect(results.integration.stderr).toBe('');
    expect(results.integration.status).toBe(0);
    expect(JSON.parse(results.integration.stdout)).toMatchObject({ ok: true, errors: 0 });
  });

  test('lockstep check fails a copy whose job names the AWS environment instead', () => {
    expect(results.awsName.status).toBe(1);
    expect(jobSubjects(results.awsName)).toEqual([expect.objectContaining({ sub: 'repo:honeyhiveai/python-sdk:environment:testing', decision: 'deny' })]);
  });

  test('a : in the GitHub environment is %3A in the sub, and check agrees', () => {
    expect(prodBlue.config.repos.find((r) => r.name === 'python-sdk')!.lambdaTests!.subjects).toEqual(['repo:honeyhiveai/python-sdk:environment:prod%3Ablue']);
    expect(results.prodBlue.status).toBe(0);
    expect(jobSubjects(results.prodBlue)).toEqual([expect.objectContaining({ sub: 'repo:honeyhiveai/python-sdk:environment:prod%3Ablue', decision: 'allow' })]);
  });
});
