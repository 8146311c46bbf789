import * as fs from 'node:fs';
import * as path from 'node:path';
import { simulateCall, simulateTrust } from '../../../packages/constructs/test/support/iam-simulator';

// The committed instance template of the StackSet fixture (test/stack-set.test.ts keeps it current), as the
// stack instance in one account and region would deploy it: pseudo parameters are that account's.
const FIXTURE = path.join(__dirname, 'fixtures', 'stackset', 'Lockstep-testing--stackset.template.json');
const template = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };

const A = '111111111111';
const B = '222222222222';

/** The template's values in `account`'s home-region instance: Fn::Sub, Ref and Fn::Join of pseudo parameters only. */
function inAccount(value: unknown, account: string, region = 'us-west-2'): any {
  const pseudo: Record<string, string> = { 'AWS::AccountId': account, 'AWS::Region': region, 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };
  if (Array.isArray(value)) return value.map((v) => inAccount(v, account, region));
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  if ('Fn::Sub' in o) return (o['Fn::Sub'] as string).replace(/\$\{([^}!]+)\}/g, (_, name: string) => pseudo[name] ?? fail(name)).replace(/\$\{!/g, '${');
  if ('Ref' in o && typeof o.Ref === 'string' && o.Ref.startsWith('AWS::')) return pseudo[o.Ref] ?? fail(o.Ref);
  if ('Fn::Join' in o) {
    const [delimiter, parts] = o['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => inAccount(p, account, region)).join(delimiter);
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, inAccount(v, account, region)]));
}

function fail(name: string): never {
  throw new Error(`unexpected reference ${name} in the StackSet template`);
}

const role = Object.values(template.Resources).find((r) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === 'GitHubActionsOIDCRole-PythonSDK')!;
const policies = Object.values(template.Resources).filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes('PythonSDK')).map((r) => r.Properties.PolicyDocument);
const provider = (account: string) => `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`;
const roleArn = (account: string) => `arn:aws:iam::${account}:role/GitHubActionsOIDCRole-PythonSDK`;

// The independent evaluator (@cloud-copilot/iam-simulate), on the template as account A's instance deploys it.
describe('the StackSet roles in one account, by the independent IAM evaluator', () => {
  test('the trust in account A admits python-sdk\'s subjects through A\'s own provider, and nothing else', () => {
    const trust = inAccount(role.Properties.AssumeRolePolicyDocument, A);
    expect(simulateTrust(trust, { sub: 'repo:honeyhiveai/python-sdk:pull_request', provider: provider(A), roleArn: roleArn(A) })).toBe('Allowed');
    expect(simulateTrust(trust, { sub: 'repo:honeyhiveai/python-sdk:ref:refs/heads/main', provider: provider(A), roleArn: roleArn(A) })).toBe('Allowed');
    expect(simulateTrust(trust, { sub: 'repo:honeyhiveai/python-sdk-extras:pull_request', provider: provider(A), roleArn: roleArn(A) })).not.toBe('Allowed');
    expect(simulateTrust(trust, { sub: 'repo:honeyhiveai/python-sdk:pull_request', aud: 'sts.amazonaws.com.evil', provider: provider(A), roleArn: roleArn(A) })).not.toBe('Allowed');
    // Another account's provider (a token federated in B) is not A's.
    expect(simulateTrust(trust, { sub: 'repo:honeyhiveai/python-sdk:pull_request', provider: provider(B), roleArn: roleArn(A) })).not.toBe('Allowed');
  });

  test('the role in account A writes python-sdk\'s artifacts in A\'s bucket, never a same-named path in another account\'s bucket or another repository\'s prefix', async () => {
    const identity = policies.map((p) => inAccount(p, A));
    const object = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;
    const put = (resource: string, owner: string) => simulateCall({ principal: roleArn(A), action: 's3:PutObject', resource, context: { 's3:ResourceAccount': owner } }, identity);
    expect(await put(object(`lockstep-artifacts-${A}-us-west-2`, 'python-sdk/lockstep-python-sdk--1/0f34'), A)).toBe('Allowed');
    // A bucket of that name owned by B (bucket names are global; s3:ResourceAccount pins the owner to A).
    expect(await put(object(`lockstep-artifacts-${A}-us-west-2`, 'python-sdk/lockstep-python-sdk--1/0f34'), B)).not.toBe('Allowed');
    // B's own bucket: the StackSet gives B's role B's bucket, not A's role.
    expect(await put(object(`lockstep-artifacts-${B}-us-west-2`, 'python-sdk/lockstep-python-sdk--1/0f34'), B)).not.toBe('Allowed');
    expect(await put(object(`lockstep-artifacts-${A}-us-west-2`, 'python-sdk-extras/x/0f34'), A)).not.toBe('Allowed');
  });
});
