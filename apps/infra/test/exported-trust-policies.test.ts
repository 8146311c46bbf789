import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportedTrustPolicies, resolveOrThrow, type PolicyDocument } from '@lockstep/model';
import { evaluateTrustVerdict, simulateTrust } from '../../../packages/constructs/test/support/iam-simulator';
import { trustCases } from '../../../packages/constructs/test/support/trust-cases';
import { defaultConfig, defaultInput, optionAInput, repositoryConfig } from './support/configs';

const TRUST_POLICIES = path.join(__dirname, '..', 'trust-policies');
/** The repository's lockstep.config.ts as it is now: the committed files are what it produces. */
const repository = repositoryConfig();

const SHARED = 'GitHubActionsOIDCRoleDeployments-testing';
const config = defaultConfig();
const shared = config.roles.find((r) => r.name === SHARED)!;

describe('exportedTrustPolicies', () => {
  test('exports the trust policy of the Terraform-managed shared role, exactly the model\'s, and of no Lockstep role', () => {
    expect(exportedTrustPolicies(config)).toEqual([
      { roleName: SHARED, roleArn: `arn:aws:iam::654654498014:role/${SHARED}`, environment: 'testing', managedBy: 'terraform', trustPolicy: shared.trustPolicy },
    ]);
  });

  test('the committed files are what the config produces, one per exported role (run "npx projen" when this fails)', () => {
    const exported = exportedTrustPolicies(repository);
    const files = fs.existsSync(TRUST_POLICIES) ? fs.readdirSync(TRUST_POLICIES).filter((f) => f.endsWith('.json')).sort() : [];
    expect(files).toEqual(exported.map((p) => `${p.roleName}.json`));
    for (const p of exported) expect(JSON.parse(fs.readFileSync(path.join(TRUST_POLICIES, `${p.roleName}.json`), 'utf8'))).toStrictEqual(p.trustPolicy);
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

describe('the exported trust policies read back from their committed files, evaluated by evaluateTrust and by iam-simulate', () => {
  // Every role lockstep.config.ts exports now; the seed exports one, the shared Terraform role.
  const table = exportedTrustPolicies(repository).flatMap(({ roleName }) => {
    const file = path.join(TRUST_POLICIES, `${roleName}.json`);
    // A missing file fails its cases (and the test of the committed files above), not the whole suite.
    const policy = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as PolicyDocument) : undefined;
    const role = repository.roles.find((r) => r.name === roleName)!;
    return trustCases(repository, role).map((c) => [roleName, c.expected, c.sub, c.kind ?? 'granted', { policy, c }] as const);
  });

  // test.each refuses an empty table: a config may export no trust policy at all.
  if (table.length > 0) {
    test.each(table)('%s: %s %s (%s)', (_role, expected, _sub, _kind, { policy, c }) => {
      expect({ model: evaluateTrustVerdict(policy!, c), iamSimulate: simulateTrust(policy, c) }).toEqual({ model: expected, iamSimulate: expected });
    });
  }
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
