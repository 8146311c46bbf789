// Issue 12, "fix suggestions that point the right way": each wrong-way suggestion of the issue's list, with
// the advice the model now gives. Facts: research 12 (GitHub docs oidc.md "Example subject claims"; IAM
// condition operators: StringEquals compares "*" literally, ForAnyValue on a single-valued key).
import { auditTrust } from '../../src/github/audit-trust';
import { evaluateTrust } from '../../src/github/evaluate-trust';
import { AUD_KEY, SUB_KEY } from '../../src/github/github-oidc';
import { resolve } from '../../src/config/resolve';
import type { PolicyDocument } from '../../src/iam/policy-document';

const PROVIDER = 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com';
const SDK_MAIN = 'repo:honeyhiveai/python-sdk:ref:refs/heads/main';

function policy(condition: Record<string, Record<string, string | string[]>>): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [AUD_KEY]: 'sts.amazonaws.com' }, ...condition } }],
  };
}

function denyFix(p: PolicyDocument, sub: string): string {
  const d = evaluateTrust(p, { claims: { [SUB_KEY]: sub, [AUD_KEY]: 'sts.amazonaws.com' }, principal: PROVIDER });
  expect(d.decision).toBe('deny');
  return d.nearestMiss!.fix;
}

describe('fix suggestions point the right way', () => {
  test('a job assuming another repository\'s role is told to assume its own role, not to widen that one', () => {
    const fix = denyFix(policy({ StringLike: { [SUB_KEY]: 'repo:honeyhiveai/deployments:*' } }), SDK_MAIN);
    expect(fix).toMatch(/^assume the role meant for honeyhiveai\/python-sdk instead; only if honeyhiveai\/python-sdk should share this role/);
  });

  test('a job that runs from any branch is told to narrow its trigger, and a pattern only ever under StringLike', () => {
    const fix = denyFix(policy({ StringEquals: { [SUB_KEY]: SDK_MAIN, [AUD_KEY]: 'sts.amazonaws.com' } }), 'repo:honeyhiveai/python-sdk:ref:refs/heads/*');
    expect(fix).toMatch(/^run the job only from refs the policy admits \("repo:honeyhiveai\/python-sdk:ref:refs\/heads\/main"\)/);
    expect(fix).toMatch(/the pattern "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/\*" under StringLike, in a statement of its own \(StringEquals compares "\*" literally\)/);
    expect(fix).not.toMatch(/^add "repo:[^"]*\*"/);
  });

  test('a wildcard repository name is not "fixed" into another invalid name', () => {
    const messages = auditTrust(policy({ StringLike: { [SUB_KEY]: 'repo:honeyhiveai/python-*:pull_request' } })).map((f) => f.message).join('\n');
    expect(messages).not.toMatch(/python-:pull_request/);
    expect(messages).toMatch(/whose name starts with "python-" \(e\.g\. "honeyhiveai\/python-evil"\).*write one subject per repository: "repo:honeyhiveai\/NAME:pull_request"/);
    // An open-ended name still gets its one right spelling.
    expect(auditTrust(policy({ StringLike: { [SUB_KEY]: 'repo:honeyhiveai/python-sdk*' } }))[0].message).toMatch(/write "repo:honeyhiveai\/python-sdk:\*"/);
  });

  test('one bad value gives one message', () => {
    const findings = auditTrust(policy({ StringLike: { [SUB_KEY]: 'repo:honeyhiveai/python-sdk:ref:refs/?eads/main' } }));
    expect(findings.map((f) => f.code)).toEqual(['wildcard-across-ref-kinds']);
    expect(findings[0].message).toMatch(/does not fix the kind of ref.*; also, it contains "\?", which StringLike reads as any one character/);
  });

  test('an immutable subject format without ids reports the missing ids, not wildcards the user never wrote', () => {
    const result = resolve({
      github: { owner: 'honeyhiveai' },
      environments: { testing: { account: '654654498014', region: 'us-west-2' } },
      roles: { R: { environment: 'testing', managedBy: 'terraform' } },
      repos: { 'python-sdk': { role: 'R', subjectFormat: 'immutable', subjects: { branches: ['main'] } } },
    });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((i) => i.message).join('\n')).not.toMatch(/wildcard/);
    expect(issues).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/need repos\.python-sdk\.id and github\.ownerId/) }));
  });

  test('ForAnyValue on sub is described by what it admits, not as "every repository on GitHub"', () => {
    const findings = auditTrust(policy({ 'ForAnyValue:StringLike': { [SUB_KEY]: SDK_MAIN } }));
    expect(findings.map((f) => `${f.severity} ${f.code}`)).toEqual(['warning set-operator-on-claim', 'info stringlike-without-wildcard']);
    expect(findings.map((f) => f.message).join('\n')).not.toMatch(/every repository on GitHub/);
  });
});
