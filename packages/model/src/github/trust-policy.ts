import { AUD_KEY, SUB_KEY } from './github-oidc';
import type { PolicyDocument, PolicyStatement } from '../iam/policy-document';

/** One `sub` value a trust policy admits, and why. */
export interface SubjectGrant {
  /** The full `sub` value or pattern, e.g. `repo:honeyhiveai/python-sdk:pull_request`. */
  readonly value: string;
  /** `StringEquals` for exact values, `StringLike` for patterns with `*`. */
  readonly operator: 'StringEquals' | 'StringLike';
  /** The repository (config key) it belongs to. */
  readonly repo: string;
  /** Plain-English why, e.g. `pull_request events` or `push to main`, or the written reason of a repo-wide grant. */
  readonly reason: string;
}

/** The `Sid`s of the two statements a Lockstep trust policy may have; `lockstep check` looks for them. */
export const TRUST_STATEMENT_IDS = {
  /** `sub` values compared exactly (`StringEquals`). */
  exact: 'GitHubOidcExactSubjects',
  /** `sub` patterns (`StringLike`), kept apart because two operators in one statement must BOTH match. */
  patterns: 'GitHubOidcSubjectPatterns',
} as const;

/** What a trust policy is made of. */
export interface TrustPolicyOptions {
  /** The account's GitHub OIDC provider ARN (the `Federated` principal). */
  readonly providerArn: string;
  /** The `aud` every statement requires, e.g. `sts.amazonaws.com`. */
  readonly audience: string;
  /** The subjects to admit; their order and duplicates don't matter. */
  readonly subjects: readonly SubjectGrant[];
}

/**
 * A role's trust policy as plain JSON: one Allow statement for the exact subjects (`StringEquals`) and,
 * only when there are patterns, a second one for them (`StringLike`) — separate because operators in one
 * statement are ANDed, so mixing them would require a token to match both. Both check `aud` with
 * `StringEquals`. Condition values are always lists, sorted; the same subjects give the same JSON.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_logic_multiple-context-keys-or-values.html
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services#configuring-the-role-and-trust-policy
 */
export function trustPolicy(options: TrustPolicyOptions): PolicyDocument {
  const values = (operator: SubjectGrant['operator']) =>
    [...new Set(options.subjects.filter((s) => s.operator === operator).map((s) => s.value))].sort();
  const statement = (sid: string, condition: PolicyStatement['Condition']): PolicyStatement => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Federated: options.providerArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: condition,
  });
  const exact = values('StringEquals');
  const patterns = values('StringLike');
  const aud = { [AUD_KEY]: [options.audience] };
  const statements: PolicyStatement[] = [];
  if (exact.length > 0) statements.push(statement(TRUST_STATEMENT_IDS.exact, { StringEquals: { ...aud, [SUB_KEY]: exact } }));
  if (patterns.length > 0) {
    statements.push(statement(TRUST_STATEMENT_IDS.patterns, { StringEquals: aud, StringLike: { [SUB_KEY]: patterns } }));
  }
  return { Version: '2012-10-17', Statement: statements };
}
