import { evaluateTrust, TrustRequest } from '../../src/github/evaluate-trust';
import type { NearestMiss } from '../../src/github/nearest-miss';
import { AUD_KEY, SUB_KEY } from '../../src/github/github-oidc';
import type { PolicyDocument, PolicyStatement } from '../../src/iam/policy-document';

const PROVIDER = 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com';
const REPO = 'repo:honeyhiveai/python-sdk';

function statement(subjects: string | string[], operator = 'StringEquals', sid?: string): PolicyStatement {
  return {
    ...(sid ? { Sid: sid } : {}),
    Effect: 'Allow',
    Principal: { Federated: PROVIDER },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: operator === 'StringEquals'
      ? { StringEquals: { [SUB_KEY]: subjects, [AUD_KEY]: 'sts.amazonaws.com' } }
      : { [operator]: { [SUB_KEY]: subjects }, StringEquals: { [AUD_KEY]: 'sts.amazonaws.com' } },
  };
}

function policy(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

function job(sub: string, extra: { aud?: string; principal?: string } = {}): TrustRequest {
  return { claims: { [SUB_KEY]: sub, [AUD_KEY]: extra.aud ?? 'sts.amazonaws.com' }, principal: extra.principal ?? PROVIDER };
}

function miss(p: PolicyDocument, r: TrustRequest): NearestMiss {
  const d = evaluateTrust(p, r);
  expect(d.decision).toBe('deny');
  expect(d.nearestMiss).toBeDefined();
  return d.nearestMiss!;
}

describe('evaluateTrust: the nearest miss of an implicit deny', () => {
  test('classifies a subject that differs only in case', () => {
    const m = miss(policy(statement('repo:HoneyHiveAI/python-sdk:ref:refs/heads/main')), job(`${REPO}:ref:refs/heads/main`));
    expect(m).toMatchObject({ kind: 'case-differs', operator: 'StringEquals', key: SUB_KEY, actual: `${REPO}:ref:refs/heads/main` });
    expect(m.fix).toContain(`"${REPO}:ref:refs/heads/main"`);
  });

  test('classifies an environment job against a branch subject, and suggests both fixes', () => {
    const m = miss(policy(statement(`${REPO}:ref:refs/heads/main`)), job(`${REPO}:environment:prod`));
    expect(m.kind).toBe('environment-vs-ref');
    expect(m.fix).toBe(`add "${REPO}:environment:prod" to the trust policy, or remove \`environment:\` from the job`);
  });

  test('classifies a job without environment against an environment subject', () => {
    const m = miss(policy(statement(`${REPO}:environment:testing`)), job(`${REPO}:pull_request`));
    expect(m.kind).toBe('environment-vs-ref');
    expect(m.fix).toBe(`add "${REPO}:pull_request" to the trust policy, or add \`environment: testing\` to the job`);
  });

  test('classifies an immutable subject against a name-only policy, and rewrites the policy value', () => {
    const m = miss(policy(statement(`${REPO}:ref:refs/heads/main`)), job('repo:honeyhiveai@1234/python-sdk@5678:ref:refs/heads/main'));
    expect(m.kind).toBe('legacy-vs-immutable');
    expect(m.fix).toMatch(/^add "repo:honeyhiveai@1234\/python-sdk@5678:ref:refs\/heads\/main" to the trust policy/);
  });

  test('classifies a name-only subject against an immutable policy', () => {
    const m = miss(policy(statement('repo:honeyhiveai@1234/python-sdk@5678:environment:prod')), job(`${REPO}:environment:prod`));
    expect(m.kind).toBe('legacy-vs-immutable');
    expect(m.fix).toMatch(/use_immutable_subject/);
  });

  test('classifies another branch of the same repository', () => {
    const m = miss(policy(statement(`${REPO}:ref:refs/heads/main`)), job(`${REPO}:ref:refs/heads/feature`));
    expect(m.kind).toBe('other-branch');
    expect(m.message).toMatch(/the branch "feature"/);
  });

  test('classifies another repository', () => {
    const m = miss(policy(statement('repo:honeyhiveai/deployments:*', 'StringLike')), job(`${REPO}:ref:refs/heads/main`));
    expect(m.kind).toBe('other-repository');
    // The job assumes a role meant for other repositories: its own role first, widening only as a deliberate choice.
    expect(m.fix).toMatch(/^assume the role meant for honeyhiveai\/python-sdk instead; only if honeyhiveai\/python-sdk should share this role, add "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/main" to its trust policy/);
  });

  test('classifies a wrong audience and suggests dropping the audience input', () => {
    const m = miss(policy(statement(`${REPO}:*`, 'StringLike')), job(`${REPO}:pull_request`, { aud: 'https://github.com/honeyhiveai' }));
    expect(m).toMatchObject({ kind: 'wrong-audience', key: AUD_KEY, expected: ['sts.amazonaws.com'] });
    expect(m.fix).toMatch(/remove the `audience:` input from configure-aws-credentials/);
  });

  test('classifies a token from another provider as a principal miss', () => {
    const other = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
    const m = miss(policy(statement(`${REPO}:*`, 'StringLike')), job(`${REPO}:pull_request`, { principal: other }));
    expect(m).toMatchObject({ kind: 'principal', expected: [PROVIDER], actual: other });
  });

  test('classifies a claim the request does not carry', () => {
    const m = miss(policy(statement(`${REPO}:*`, 'StringLike')), { claims: { [SUB_KEY]: `${REPO}:pull_request` }, principal: PROVIDER });
    expect(m).toMatchObject({ kind: 'missing-claim', key: AUD_KEY });
  });

  test('classifies a value that is not a GitHub subject as other', () => {
    const m = miss(policy(statement('environment:prod')), job('environment:dev'));
    expect(m.kind).toBe('other');
  });

  test('picks the statement of the same repository over one of another repository', () => {
    const p = policy(statement('repo:honeyhiveai/deployments:*', 'StringLike', 'Deployments'), statement(`${REPO}:ref:refs/heads/main`, 'StringEquals', 'PythonSdk'));
    const d = evaluateTrust(p, job(`${REPO}:ref:refs/heads/dev`));
    expect(d.nearestMiss).toMatchObject({ kind: 'other-branch', statement: { index: 1, sid: 'PythonSdk' } });
    expect(d.conditions.map((c) => [c.key, c.matched])).toEqual([[SUB_KEY, false], [AUD_KEY, true]]);
    expect(d.reason).toMatch(/^denied: no statement allows sts:AssumeRoleWithWebIdentity; the nearest is statement 1 \("PythonSdk"\), where .* Fix: add /);
  });

  test('picks the closest value within one condition list', () => {
    const m = miss(policy(statement(['repo:honeyhiveai/deployments:pull_request', `${REPO}:environment:prod`])), job(`${REPO}:ref:refs/heads/main`));
    expect(m.kind).toBe('environment-vs-ref');
  });

  test('prefers the statement with fewer failing conditions', () => {
    const p = policy(statement('repo:honeyhiveai/deployments:*', 'StringLike'), statement(`${REPO}:*`, 'StringLike'));
    const d = evaluateTrust(p, job(`${REPO}:pull_request`, { aud: 'sts.amazonaws.com.cn' }));
    expect(d.nearestMiss).toMatchObject({ kind: 'wrong-audience', statement: { index: 1 } });
  });

  test('gives the same answer for the same input', () => {
    const p = policy(statement('repo:honeyhiveai/deployments:*', 'StringLike'), statement(`${REPO}:environment:prod`));
    const r = job(`${REPO}:ref:refs/heads/main`);
    expect(evaluateTrust(p, r)).toEqual(evaluateTrust(JSON.parse(JSON.stringify(p)), r));
  });
});
