// trustDrift on its own: what counts as a difference from the policy the config resolves, and what doesn't.
// IAM semantics the normalisation rests on: a single value equals a one-element list, condition keys ignore
// case, the order of values and statements does not matter, a Sid has no effect
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html).
import { DEFAULT_TRUST_POLICY_QUOTA, resolveOrThrow, type PolicyDocument } from '@lockstep/model';
import type { KnownRole } from '../src/known-role';
import { trustDrift } from '../src/trust-drift';
import { DEFAULT_CONFIG } from './support/workspace';

const config = resolveOrThrow(DEFAULT_CONFIG);
const sdk = config.roles.find((r) => r.name === 'GitHubActionsOIDCRole-PythonSDK')!;

function role(trustPolicy: PolicyDocument, origin: KnownRole['origin'] = 'template'): KnownRole {
  return { name: sdk.name, trustPolicy, origin, source: 'policy.json', quota: DEFAULT_TRUST_POLICY_QUOTA, configured: sdk };
}
const copy = (): PolicyDocument & { Statement: Record<string, unknown>[] } => JSON.parse(JSON.stringify(sdk.trustPolicy));
const codes = (p: PolicyDocument, origin?: KnownRole['origin']) => trustDrift([role(p, origin)], config).map((f) => `${f.severity} ${f.code}`);

describe('trustDrift', () => {
  test('finds no difference in a policy that says the same in another spelling', () => {
    const p = copy();
    const st = p.Statement[0] as { Sid?: string; Action: unknown; Condition: Record<string, Record<string, unknown>>; Principal: { Federated: unknown } };
    delete st.Sid;
    st.Action = ['sts:AssumeRoleWithWebIdentity'];
    st.Principal.Federated = [st.Principal.Federated];
    const eq = st.Condition.StringEquals;
    st.Condition.StringEquals = {
      'Token.Actions.GitHubUserContent.com:Sub': [...(eq['token.actions.githubusercontent.com:sub'] as string[])].reverse(),
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
    };
    expect(codes(p)).toEqual([]);
    expect(codes(sdk.trustPolicy)).toEqual([]);
  });

  test('reports an added Deny or catch-all statement, and a removed aud check', () => {
    const deny = copy();
    deny.Statement.push({ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' });
    expect(codes(deny)).toEqual(expect.arrayContaining(['error trust-statement-changed', 'error trust-principal-changed']));
    const open = copy();
    open.Statement.push({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' });
    expect(codes(open)).toContain('error trust-principal-changed');
    const noAud = copy();
    delete (noAud.Statement[0] as { Condition: Record<string, Record<string, unknown>> }).Condition.StringEquals['token.actions.githubusercontent.com:aud'];
    const found = trustDrift([role(noAud, 'live')], config);
    expect(found).toContainEqual(expect.objectContaining({ code: 'trust-audience-changed', message: expect.stringMatching(/drops the condition StringEquals token\.actions\.githubusercontent\.com:aud \["sts\.amazonaws\.com"\].*tokens minted for any audience get in/), fix: expect.stringMatching(/^deploy the CDK stack/) }));
  });

  test('reports an operator change of a granted subject', () => {
    const p = copy();
    const c = (p.Statement[0] as { Condition: Record<string, Record<string, unknown>> }).Condition;
    c.StringEqualsIgnoreCase = { 'token.actions.githubusercontent.com:sub': c.StringEquals['token.actions.githubusercontent.com:sub'] };
    delete c.StringEquals['token.actions.githubusercontent.com:sub'];
    const found = trustDrift([role(p)], config);
    expect(found).toContainEqual(expect.objectContaining({ code: 'trust-operator-changed', message: expect.stringMatching(/with StringEqualsIgnoreCase .* lockstep\.config\.ts writes it under StringEquals: it also admits refs that differ only in case/) }));
  });

  test('says nothing without a config, or for a role the config does not have', () => {
    expect(trustDrift([role(copy())], undefined)).toEqual([]);
    expect(trustDrift([{ ...role({ Version: '2012-10-17', Statement: [] }), name: 'Other', configured: undefined }], config)).toEqual([]);
  });
});
