import { auditTrust } from '../../src/github/audit-trust';
import { AUD_KEY, JOB_WORKFLOW_REF_KEY, SUB_KEY } from '../../src/github/github-oidc';
import { trustPolicySize } from '../../src/iam/policy-size';
import type { ConditionBlock, PolicyDocument, PolicyStatement } from '../../src/iam/policy-document';

const PROVIDER = 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com';
const AUD = { [AUD_KEY]: 'sts.amazonaws.com' };
const SAFE_SUB = 'repo:honeyhiveai/python-sdk:ref:refs/heads/main';

function github(condition: ConditionBlock | undefined, extra: Partial<PolicyStatement> = {}): PolicyStatement {
  return { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition ? { Condition: condition } : {}), ...extra };
}

function policy(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** `severity code` of each finding. */
function codes(p: PolicyDocument, quota?: number): string[] {
  return auditTrust(p, quota === undefined ? {} : { quota }).map((f) => `${f.severity} ${f.code}`);
}

const SAFE = policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD } }));

describe('auditTrust', () => {
  test('finds nothing wrong with exact subjects and an aud check', () => {
    expect(auditTrust(SAFE)).toEqual([]);
  });

  test('reports the seed Terraform trust policy as repo-wide with a missing aud, not as an error', () => {
    const seed = policy(github({ StringLike: { [SUB_KEY]: ['repo:honeyhiveai/deployments:*'] } }));
    expect(codes(seed)).toEqual(['warning missing-aud', 'warning repo-wide-sub']);
  });

  test('reports owner-wide and owner-prefix subjects as errors', () => {
    expect(codes(policy(github({ StringLike: { [SUB_KEY]: 'repo:honeyhiveai/*' }, StringEquals: AUD })))).toEqual(['error owner-wide-sub']);
    expect(codes(policy(github({ StringLike: { [SUB_KEY]: 'repo:honeyhiveai*' }, StringEquals: AUD })))).toEqual(['error prefix-collision']);
  });

  test('reports a broad value hidden after the first one, which IAM\'s create-time check misses', () => {
    const findings = auditTrust(policy(github({ StringLike: { [SUB_KEY]: ['repo:honeyhiveai/deployments:ref:refs/heads/main', '*'] }, StringEquals: AUD })));
    expect(findings.map((f) => f.code)).toEqual(['broad-value-later-in-list', 'stringlike-without-wildcard']);
    expect(findings[0]).toMatchObject({ severity: 'error', statement: 0, value: '*' });
    expect(findings[0].message).toMatch(/looks only at the first value \("repo:honeyhiveai\/deployments:ref:refs\/heads\/main"\)/);
    expect(codes(policy(github({ StringLike: { [SUB_KEY]: ['*', SAFE_SUB] }, StringEquals: AUD })))[0]).toBe('error wildcard-sub');
  });

  test('reports a statement without a sub condition', () => {
    expect(codes(policy(github({ StringEquals: AUD })))).toEqual(['error missing-sub']);
    expect(codes(policy(github(undefined)))).toEqual(['error missing-sub', 'warning missing-aud']);
    const byRepository = auditTrust(policy(github({ StringEquals: { 'token.actions.githubusercontent.com:repository': 'honeyhiveai/python-sdk', ...AUD } })));
    expect(byRepository.map((f) => f.code)).toEqual(['missing-sub']);
    expect(byRepository[0].message).toMatch(/IAM refuses to create or update/);
  });

  test('reports a sub pinned only by a negated operator as both missing and negated', () => {
    expect(codes(policy(github({ StringNotLike: { [SUB_KEY]: 'repo:evil/*' }, StringEquals: AUD })))).toEqual([
      'error missing-sub',
      'error negated-operator-on-claim',
    ]);
  });

  test('reports job_workflow_ref without a repository binding, and accepts it with sub', () => {
    const jwr = { [JOB_WORKFLOW_REF_KEY]: 'honeyhiveai/shared/.github/workflows/deploy.yml@refs/heads/main' };
    expect(codes(policy(github({ StringEquals: { ...jwr, ...AUD } })))).toEqual(['error job-workflow-ref-unbound']);
    expect(codes(policy(github({ StringEquals: { ...jwr, [SUB_KEY]: SAFE_SUB, ...AUD } })))).toEqual([]);
  });

  test('reports a wildcard in the repository of job_workflow_ref', () => {
    const jwr = { [JOB_WORKFLOW_REF_KEY]: 'honeyhiveai/*/.github/workflows/deploy.yml@*' };
    expect(codes(policy(github({ StringLike: jwr, StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD } })))).toEqual(['error wildcard-job-workflow-ref']);
    const pinned = { [JOB_WORKFLOW_REF_KEY]: 'honeyhiveai/shared/.github/workflows/deploy.yml@*' };
    expect(codes(policy(github({ StringLike: pinned, StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD } })))).toEqual([]);
  });

  // A set operator or IfExists on a claim every token carries (sub) admits what the plain operator admits
  // (research 12, F4.4-F4.6): a warning to write it plainly, not "missing sub". On a claim a token may lack
  // (environment), ForAllValues and IfExists hold without it: an error.
  test('reports set operators on claims', () => {
    expect(codes(policy(github({ 'ForAllValues:StringLike': { [SUB_KEY]: 'repo:o/r:*' }, StringEquals: AUD })))).toEqual([
      'warning repo-wide-sub',
      'warning set-operator-on-claim',
    ]);
    const anyValue = auditTrust(policy(github({ 'ForAnyValue:StringEquals': { [SUB_KEY]: SAFE_SUB }, StringEquals: AUD })));
    expect(anyValue.find((f) => f.code === 'set-operator-on-claim')?.message).toMatch(/admits what StringEquals admits \(no more\): write StringEquals/);
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD }, 'ForAllValues:StringEquals': { 'token.actions.githubusercontent.com:environment': 'prod' } })))).toEqual([
      'error set-operator-on-claim',
    ]);
  });

  test('reports IfExists operators on claims', () => {
    expect(codes(policy(github({ StringEqualsIfExists: { [SUB_KEY]: SAFE_SUB }, StringEquals: AUD })))).toEqual(['warning if-exists-operator-on-claim']);
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD }, StringEqualsIfExists: { 'token.actions.githubusercontent.com:environment': 'prod' } })))).toEqual([
      'error if-exists-operator-on-claim',
    ]);
  });

  test('reports a missing aud, a wrong aud and an aud not checked with StringEquals', () => {
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB } })))).toEqual(['warning missing-aud']);
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, [AUD_KEY]: 'https://github.com/honeyhiveai' } })))).toEqual(['warning wrong-aud']);
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB }, StringLike: { [AUD_KEY]: 'sts.*' } })))).toEqual(['warning aud-not-string-equals']);
    // The China audience on a provider of the aws partition (research 12, F3.11).
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, [AUD_KEY]: 'sts.amazonaws.com.cn' } })))).toEqual(['warning wrong-aud']);
  });

  test('reports StringEqualsIgnoreCase on sub', () => {
    expect(codes(policy(github({ StringEqualsIgnoreCase: { [SUB_KEY]: SAFE_SUB }, StringEquals: AUD })))).toEqual(['warning ignore-case-sub']);
  });

  test('reports exact and wildcard subjects combined in one statement, which IAM ANDs', () => {
    const combined = policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD }, StringLike: { [SUB_KEY]: 'repo:honeyhiveai/python-sdk:ref:refs/heads/release-*' } }));
    expect(codes(combined)).toEqual(['warning branch-wildcard', 'warning sub-conditions-combined']);
    const separate = policy(
      github({ StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD } }),
      github({ StringLike: { [SUB_KEY]: 'repo:honeyhiveai/python-sdk:ref:refs/heads/release-*' }, StringEquals: AUD }),
    );
    // Any writer can push a release-… branch (research 12, F3.7).
    expect(codes(separate)).toEqual(['warning branch-wildcard']);
  });

  test('reports a claim key STS does not fill for GitHub', () => {
    const key = 'token.actions.githubusercontent.com:repository_owner';
    expect(auditTrust(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, [key]: 'honeyhiveai', ...AUD } })))).toEqual([
      expect.objectContaining({ severity: 'error', code: 'unknown-claim-key', message: expect.stringMatching(/never holds, so no token can assume the role/) }),
    ]);
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, 'token.actions.githubusercontent.com:repository': 'honeyhiveai/python-sdk', ...AUD } })))).toEqual([]);
  });

  test('reports whitespace in values and keys', () => {
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: `${SAFE_SUB} `, ...AUD } })))).toEqual(['error whitespace-in-value']);
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, [AUD_KEY]: 'sts.amazonaws.com ' } })))).toEqual(['error whitespace-in-value']);
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, [`${AUD_KEY} `]: 'sts.amazonaws.com' } })))).toEqual(['error whitespace-in-key']);
  });

  test('gives info about a value listed twice', () => {
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: [SAFE_SUB, SAFE_SUB], ...AUD } })))).toEqual(['info duplicate-value']);
  });

  test('matches GitHub condition keys without regard to case', () => {
    expect(codes(policy(github({ StringLike: { [SUB_KEY.toUpperCase()]: 'repo:o/*' }, StringEquals: AUD })))).toEqual(['error owner-wide-sub']);
  });

  test('audits statements trusting an enterprise-specific GitHub issuer with its own key prefix', () => {
    const host = 'token.actions.githubusercontent.com/acme';
    const statement = github({ StringLike: { [`${host}:sub`]: 'repo:acme/*', [`${host}:aud`]: 'sts.amazonaws.com' } }, { Principal: { Federated: `arn:aws:iam::1:oidc-provider/${host}` } });
    expect(codes(policy(statement))).toEqual(['error owner-wide-sub', 'info aud-not-string-equals']);
  });

  test('skips statements that do not trust the GitHub provider, with an info', () => {
    const lambda: PolicyStatement = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };
    const findings = auditTrust(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD } }), lambda));
    expect(findings).toEqual([
      { severity: 'info', code: 'non-github-statement', statement: 1, message: 'the statement trusts Service "lambda.amazonaws.com", not the GitHub OIDC provider; not audited' },
    ]);
  });

  test('gives info when no statement trusts GitHub', () => {
    const aws: PolicyStatement = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 'sts:AssumeRole' };
    expect(codes(policy(aws))).toEqual(['info no-github-statement', 'info non-github-statement']);
  });

  test('reports a wildcard principal that admits web identity tokens, and audits its GitHub conditions', () => {
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD } }, { Principal: '*' })))).toEqual(['error wildcard-principal']);
    expect(codes(policy(github({ StringLike: { [SUB_KEY]: 'repo:o/*' }, StringEquals: AUD }, { Principal: { AWS: '*' } })))).toEqual(['error owner-wide-sub', 'error wildcard-principal']);
    const assumeRole = github({ StringEquals: { 'aws:PrincipalOrgID': 'o-123' } }, { Principal: '*', Action: 'sts:AssumeRole' });
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD } }), assumeRole))).toEqual(['info non-github-statement']);
  });

  test('reports a GitHub statement that does not allow AssumeRoleWithWebIdentity', () => {
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD } }, { Action: 'sts:AssumeRole' })))).toEqual(['warning action-not-web-identity']);
  });

  test('does not audit Deny statements, where negated operators are the point', () => {
    const deny = github({ StringNotEquals: { [SUB_KEY]: SAFE_SUB } }, { Effect: 'Deny' });
    expect(codes(policy(github({ StringEquals: { [SUB_KEY]: SAFE_SUB, ...AUD } }), deny))).toEqual([]);
  });

  test('reports a policy over the quota, and respects a raised quota', () => {
    const subjects = Array.from({ length: 60 }, (_, i) => `repo:honeyhiveai/service-${String(i).padStart(2, '0')}:ref:refs/heads/main`);
    const big = policy(github({ StringEquals: { [SUB_KEY]: subjects, ...AUD } }));
    expect(codes(big)).toEqual(['error over-quota']);
    expect(auditTrust(big)[0].message).toMatch(/^the trust policy is \d+ characters without whitespace, over the quota of 2048/);
    expect(codes(big, 4096)).toEqual([]);
    expect(codes(SAFE, 2048)).toEqual([]);
  });

  test('gives info when the policy is close to the quota', () => {
    const subjects = Array.from({ length: 31 }, (_, i) => `repo:honeyhiveai/service-${String(i).padStart(2, '0')}:ref:refs/heads/main`);
    const near = policy(github({ StringEquals: { [SUB_KEY]: subjects, ...AUD } }));
    expect(trustPolicySize(near)).toBeGreaterThan(2048 * 0.9);
    expect(trustPolicySize(near)).toBeLessThanOrEqual(2048);
    expect(codes(near)).toEqual(['info near-quota']);
  });

  test('sorts findings by severity, statement, code and value whatever the statement order', () => {
    const a = github({ StringLike: { [SUB_KEY]: ['repo:o/r:*', 'repo:o/*'] } });
    const b = github({ StringLike: { [SUB_KEY]: 'repo:o/app*' }, StringEquals: AUD });
    const findings = auditTrust(policy(a, b));
    expect(findings.map((f) => `${f.severity} ${f.statement} ${f.code}`)).toEqual([
      'error 0 broad-value-later-in-list',
      'error 1 prefix-collision',
      'warning 0 missing-aud',
      'warning 0 repo-wide-sub',
    ]);
    expect(auditTrust(policy(a, b))).toEqual(findings);
  });
});
