import type { PolicyDocument } from '@lockstep/model';
import { subjectGrantValues, unusedGrants } from '../src/trust-grants';

const PROVIDER = 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com';
const SUB = 'token.actions.githubusercontent.com:sub';
const POLICY: PolicyDocument = {
  Statement: [
    { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [SUB]: ['repo:o/a:pull_request', 'repo:o/a:ref:refs/heads/main'] } } },
    { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { [SUB]: 'repo:o/b:*' } } },
    { Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { [SUB]: 'ignored' } } },
  ],
};

describe('subjectGrantValues', () => {
  it('lists the sub values of Allow statements that trust the GitHub provider', () => {
    expect(subjectGrantValues(POLICY).map((g) => [g.statement, g.operator, g.value])).toEqual([
      [0, 'StringEquals', 'repo:o/a:pull_request'],
      [0, 'StringEquals', 'repo:o/a:ref:refs/heads/main'],
      [1, 'StringLike', 'repo:o/b:*'],
    ]);
  });
});

describe('unusedGrants', () => {
  const grants = subjectGrantValues(POLICY);
  it('keeps the grants no presented subject reaches', () => {
    expect(unusedGrants(grants, new Set(['repo:o/a:pull_request'])).map((g) => g.value)).toEqual(['repo:o/a:ref:refs/heads/main', 'repo:o/b:*']);
  });

  it('counts a pattern grant as used by a subject it matches', () => {
    expect(unusedGrants(grants, new Set(['repo:o/b:ref:refs/heads/x'])).map((g) => g.value)).toEqual(['repo:o/a:pull_request', 'repo:o/a:ref:refs/heads/main']);
  });

  it('counts an exact grant as used by a presented pattern that covers it (any branch)', () => {
    expect(unusedGrants(grants, new Set(['repo:o/a:ref:refs/heads/*'])).map((g) => g.value)).toEqual(['repo:o/a:pull_request', 'repo:o/b:*']);
  });
});
