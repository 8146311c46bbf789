import * as fs from 'node:fs';
import { infraStacks } from '@lockstep/model';
import { scaleConfig } from '../../../model/test/support/scale-config';
import { makeWorkspace, runCasesOnce } from '../support/workspace';

// 60 repositories over 3 environments: each environment's roles over several role stacks
// (Lockstep-<env>--NN), the provider in the base stack Lockstep-<env>, as apps/infra lays them out.
const input = scaleConfig(60);
const planned = makeWorkspace({ config: input, layout: 'planned', intrinsics: true });
const single = makeWorkspace({ config: input, layout: 'environment' });
const repo = planned.config.repos.find((r) => r.name === 'service-00004')!;
const cases = {
  planned: [['check', '--json'], planned.root],
  single: [['check', '--json'], single.root],
  explain: [['explain', '--repo', repo.fullName, '--event', 'pull_request', '--json'], planned.root],
} satisfies Record<string, [string[], string]>;
const results = runCasesOnce(cases);

describe('a workspace whose environments have several role stacks', () => {
  test('has the templates of the plan: a base stack and several role stacks per environment', () => {
    const files = fs.readdirSync(planned.file('apps', 'infra', 'templates')).sort();
    expect(files).toEqual(infraStacks(planned.config).map((s) => `${s.stackName}.template.json`).sort());
    for (const env of ['alpha', 'beta', 'gamma']) {
      expect(files.filter((f) => f.startsWith(`Lockstep-${env}--`)).length).toBeGreaterThan(3);
    }
  });

  test('check passes and reads every role, exactly as with one template per environment', () => {
    expect(results.planned.stderr).toBe('');
    expect(results.planned.status).toBe(0);
    const report = JSON.parse(results.planned.stdout);
    const reference = JSON.parse(results.single.stdout);
    expect(report.ok).toBe(true);
    // The same jobs, subjects and decisions; only the template each trust policy was read from differs.
    const withoutFile = (jobs: Array<{ trustPolicy: string }>) => jobs.map((j) => ({ ...j, trustPolicy: j.trustPolicy.replace(/^.*\(/, '(') }));
    expect(withoutFile(report.jobs)).toEqual(withoutFile(reference.jobs));
    const stackOf = new Map(infraStacks(planned.config).flatMap((s) => s.roles.map((r) => [r.logicalId, s.stackName] as const)));
    for (const job of report.jobs as Array<{ trustPolicy: string }>) {
      const [, file, logicalId] = /templates\/(.*)\.template\.json \((\w+)\)$/.exec(job.trustPolicy)!;
      expect(file).toBe(stackOf.get(logicalId));
    }
    expect(report.jobs).toHaveLength(60);
    expect(report.findings).toEqual(reference.findings);
  });

  test('explain finds the role in its role stack, resolving the stack\'s account from its name', () => {
    expect(results.explain.status).toBe(0);
    expect(JSON.parse(results.explain.stdout)).toMatchObject({ decision: 'allow', roleArn: repo.roleArn, sub: `repo:${repo.fullName}:pull_request` });
  });
});
