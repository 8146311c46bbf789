import { parse } from 'yaml';
import { RUNNER_IMAGE, RUNNER_IMAGE_TOOLS, TOOLS_FROM_ACTIONS } from '../src/runner-tools';
import { configVariants, configWith, pythonSdk, resolveConfig, synthRepoFiles } from './support/configs';
import { BASH_BUILTINS, calledExecutables, installedExecutables } from './support/executables';

const WORKFLOW = 'apps/repos/python-sdk/.github/workflows/lambda-tests.yml';

interface Step { name: string; uses?: string; run?: string }

const jobOf = (config: ReturnType<typeof configWith>) => {
  const text = synthRepoFiles(resolveConfig(config))[WORKFLOW].text;
  return (parse(text) as { jobs: { 'lambda-tests': { 'runs-on': string; 'steps': Step[] } } }).jobs['lambda-tests'];
};

/** For each run: step, the executables it calls that no earlier step installed and the image doesn't have. */
function unprovided(steps: readonly Step[]): Record<string, string[]> {
  const available = new Set([...RUNNER_IMAGE_TOOLS, ...BASH_BUILTINS]);
  const missing: Record<string, string[]> = {};
  for (const step of steps) {
    if (step.uses !== undefined) {
      for (const tool of TOOLS_FROM_ACTIONS[step.uses.split('@')[0]] ?? []) available.add(tool);
      continue;
    }
    const called = calledExecutables(step.run!);
    missing[step.name] = called.filter((c) => !available.has(c));
    if (step.name === 'Install the test dependencies') for (const tool of installedExecutables(step.run!)) available.add(tool);
  }
  return missing;
}

describe.each(configVariants().map((v) => [v.name, v.config] as const))('the job of %s', (_name, config) => {
  test('runs on the image RUNNER_IMAGE_TOOLS describes', () => {
    expect(jobOf(config)['runs-on']).toBe(RUNNER_IMAGE);
  });

  test('calls in each run: step only what an earlier set-up or install step provides, or the runner image has', () => {
    const missing = unprovided(jobOf(config).steps);
    expect(Object.keys(missing).length).toBeGreaterThanOrEqual(5);
    for (const [step, tools] of Object.entries(missing)) expect({ step, tools }).toEqual({ step, tools: [] });
  });
});

describe('the check catches what it is here for', () => {
  test('the job as generated before install steps existed: pytest, which nothing installed', () => {
    const missing = unprovided(jobOf(configWith((c) => void delete pythonSdk(c).lambdaTests.installCommand)).steps);
    expect(missing['Run the Lambda tests']).toEqual(['pytest']);
  });

  test('a Node.js test command in a job set up for Python: npx', () => {
    const missing = unprovided(jobOf(configWith((c) => void (pythonSdk(c).lambdaTests.testCommand = 'npx jest tests/lambda'))).steps);
    expect(missing['Run the Lambda tests']).toEqual(['npx']);
  });

  test('reads the commands of the generated scripts', () => {
    const steps = jobOf(configVariants()[0].config).steps;
    const called = (name: string) => calledExecutables(steps.find((s) => s.name === name)!.run!);
    expect(called('Check the SAM CLI version')).toEqual(['sam', 'echo', 'command', 'exit', 'echo']);
    expect(called('Show the claims AWS compared')).toEqual(expect.arrayContaining(['curl', 'jq', 'cut', 'tr', 'base64']));
    expect(called('Show the claims AWS compared')).not.toContain('npx');
    expect(called('sam delete')).toEqual([':', 'sam', 'echo', 'exit']);
  });
});

describe('the sweeper workflow', () => {
  const text = synthRepoFiles(resolveConfig(configWith((c) => void (c.sweeper = { repo: 'deployments' }))))['apps/repos/deployments/.github/workflows/lockstep-sweeper.yml'].text;
  const jobs = (parse(text) as { jobs: Record<string, { 'runs-on': string; 'steps': Step[] }> }).jobs;

  test('runs on the image RUNNER_IMAGE_TOOLS describes and calls only what it has (aws, jq), reading past loops and redirections', () => {
    for (const job of Object.values(jobs)) {
      expect(job['runs-on']).toBe(RUNNER_IMAGE);
      const missing = unprovided(job.steps);
      for (const [step, tools] of Object.entries(missing)) expect({ step, tools }).toEqual({ step, tools: [] });
      const sweep = job.steps.find((s) => s.name.startsWith('Delete test stacks'))!;
      expect(new Set(calledExecutables(sweep.run!))).toEqual(new Set(['aws', 'jq', 'echo', 'exit']));
    }
  });
});
