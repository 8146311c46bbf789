import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveOrThrow } from '@lockstep/model';
import { exportedTrustPolicies } from '../src';
import { evaluateTrustVerdict, simulateTrust } from '../../../packages/constructs/test/support/iam-simulator';
import { trustCases } from '../../../packages/constructs/test/support/trust-cases';
import { defaultConfig, defaultInput, optionAInput } from './support/configs';

const SHARED = 'GitHubActionsOIDCRoleDeployments-testing';
const config = defaultConfig();
const shared = config.roles.find((r) => r.name === SHARED)!;

describe('exportedTrustPolicies', () => {
  test('exports the trust policy of the Terraform-managed shared role, exactly the model\'s, and of no Lockstep role', () => {
    expect(exportedTrustPolicies(config)).toEqual([
      { roleName: SHARED, roleArn: `arn:aws:iam::654654498014:role/${SHARED}`, environment: 'testing', managedBy: 'terraform', trustPolicy: shared.trustPolicy },
    ]);
  });

  test('the committed file is what the config produces (run "npx projen" when this fails)', () => {
    const file = path.join(__dirname, '..', 'trust-policies', `${SHARED}.json`);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toStrictEqual(shared.trustPolicy);
  });

  test('moving python-sdk to the shared role (Option A) adds exactly its workflow subjects to the exported policy', () => {
    const input = defaultInput();
    input.repos['python-sdk'].role = SHARED;
    delete input.roles['GitHubActionsOIDCRole-PythonSDK'];
    const optionA = resolveOrThrow(input);
    const [exported] = exportedTrustPolicies(optionA);
    const subjects = exported.trustPolicy.Statement.flatMap((s) => Object.values(s.Condition ?? {}).flatMap((block) => block['token.actions.githubusercontent.com:sub'] ?? []));
    expect([...subjects].sort()).toEqual([
      'repo:honeyhiveai/deployments:*',
      ...optionA.repos.find((r) => r.name === 'python-sdk')!.lambdaTests!.subjects,
    ].sort());
  });
});

describe('the exported trust policy read back from its file, evaluated by evaluateTrust and by iam-simulate', () => {
  const policy = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'trust-policies', `${SHARED}.json`), 'utf8'));
  test.each(trustCases(config, shared).map((c) => [c.expected, c.sub, c.kind ?? 'granted', c] as const))('%s %s (%s)', (expected, _sub, _kind, c) => {
    expect({ model: evaluateTrustVerdict(policy, c), iamSimulate: simulateTrust(policy, c) }).toEqual({ model: expected, iamSimulate: expected });
  });
});

describe('Option A (python-sdk on the shared role, the dedicated role unused): the exported trust policy, evaluated by evaluateTrust and by iam-simulate', () => {
  const optionA = resolveOrThrow(optionAInput());
  const role = optionA.roles.find((r) => r.name === SHARED)!;
  const [exported] = exportedTrustPolicies(optionA);
  const policy = JSON.parse(JSON.stringify(exported.trustPolicy));
  const cases = trustCases(optionA, role);

  test('exports only the shared role\'s policy, trusting deployments and python-sdk', () => {
    expect(exportedTrustPolicies(optionA).map((p) => p.roleName)).toEqual([SHARED]);
    expect(role.repos).toEqual(['deployments', 'python-sdk']);
  });

  test('admits any workflow of deployments and the subjects of python-sdk\'s generated workflow, not other python-sdk runs', () => {
    const request = (sub: string) => ({ sub, aud: 'sts.amazonaws.com', provider: optionA.environments[0].provider.arn, roleArn: role.arn });
    const verdict = (sub: string) => ({ model: evaluateTrustVerdict(policy, request(sub)), iamSimulate: simulateTrust(policy, request(sub)) });
    const allowed = { model: 'Allowed', iamSimulate: 'Allowed' };
    const sdk = optionA.repos.find((r) => r.name === 'python-sdk')!.lambdaTests!.subjects;
    expect(sdk).toEqual(['repo:honeyhiveai/python-sdk:pull_request', 'repo:honeyhiveai/python-sdk:ref:refs/heads/main']);
    for (const sub of [...sdk, 'repo:honeyhiveai/deployments:ref:refs/heads/main', 'repo:honeyhiveai/deployments:environment:testing']) expect(verdict(sub)).toEqual(allowed);
    const denied = { model: 'ImplicitlyDenied', iamSimulate: 'ImplicitlyDenied' };
    for (const sub of ['repo:honeyhiveai/python-sdk:ref:refs/heads/feature', 'repo:honeyhiveai/python-sdk:environment:testing', 'repo:honeyhiveai/other:pull_request']) expect(verdict(sub)).toEqual(denied);
  });

  test.each(cases.map((c) => [c.expected, c.sub, c.kind ?? 'granted', c] as const))('%s %s (%s)', (expected, _sub, _kind, c) => {
    expect({ model: evaluateTrustVerdict(policy, c), iamSimulate: simulateTrust(policy, c) }).toEqual({ model: expected, iamSimulate: expected });
  });
});
