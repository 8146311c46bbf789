import { AUD_KEY, JOB_WORKFLOW_REF_KEY, SUB_KEY } from './github-oidc';
import { shortHash } from '../basics/short-hash';
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
  /**
   * The `job_workflow_ref` values a token presenting this `sub` must also carry (any of them): the workflow
   * file and ref allowed to assume the role, e.g. the central reusable workflow at its pinned commit.
   * @default any workflow file of the repository (no `job_workflow_ref` condition)
   */
  readonly workflowRefs?: readonly string[];
}

/** The `Sid`s of the two statements a Lockstep trust policy may have; `lockstep check` looks for them. */
export const TRUST_STATEMENT_IDS = {
  /** `sub` values compared exactly (`StringEquals`). */
  exact: 'GitHubOidcExactSubjects',
  /** `sub` patterns (`StringLike`), kept apart because two operators in one statement must BOTH match. */
  patterns: 'GitHubOidcSubjectPatterns',
  /**
   * Appended, with a hash of the refs, to the Sid of a statement that also requires `job_workflow_ref`
   * (a repository on the central workflow, or a role bound to its workflow file).
   */
  boundSuffix: 'Workflow',
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
 * `StringEquals`. Subjects bound to a workflow file (`workflowRefs`) get statements of their own that
 * also require `job_workflow_ref`. Condition values are always lists, sorted; the same subjects give the same JSON.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_logic_multiple-context-keys-or-values.html
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services#configuring-the-role-and-trust-policy
 */
export function trustPolicy(options: TrustPolicyOptions): PolicyDocument {
  const statement = (sid: string, condition: PolicyStatement['Condition']): PolicyStatement => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Federated: options.providerArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: condition,
  });
  const aud = { [AUD_KEY]: [options.audience] };
  // One statement per (sub operator, workflow binding): a binding is ANDed with the subjects of its own
  // statement only, so subjects bound to different workflow refs (or to none) never share a statement.
  const groups = new Map<string, { operator: SubjectGrant['operator']; refs: readonly string[]; values: Set<string> }>();
  for (const s of options.subjects) {
    const refs = [...new Set(s.workflowRefs ?? [])].sort();
    const key = `${s.operator}\u0000${refs.join('\n')}`;
    const group = groups.get(key) ?? groups.set(key, { operator: s.operator, refs, values: new Set() }).get(key)!;
    group.values.add(s.value);
  }
  const ordered = [...groups.values()].sort((a, b) =>
    (a.refs.length === 0 ? 0 : 1) - (b.refs.length === 0 ? 0 : 1)
    || (a.operator === b.operator ? 0 : a.operator === 'StringEquals' ? -1 : 1)
    || (a.refs.join('\n') < b.refs.join('\n') ? -1 : a.refs.join('\n') > b.refs.join('\n') ? 1 : 0));
  const statements = ordered.map(({ operator, refs, values }) => {
    const subs = [...values].sort();
    const base = operator === 'StringEquals' ? TRUST_STATEMENT_IDS.exact : TRUST_STATEMENT_IDS.patterns;
    if (refs.length === 0) {
      return statement(base, operator === 'StringEquals'
        ? { StringEquals: { ...aud, [SUB_KEY]: subs } }
        : { StringEquals: aud, StringLike: { [SUB_KEY]: subs } });
    }
    // A pull request's job_workflow_ref ends in `@refs/pull/<number>/merge`: such a binding is a pattern.
    // Git ref names can't hold `*` or `?`, so the exact refs mean the same under StringLike.
    const refOperator = refs.some((r) => /[*?]/.test(r)) ? 'StringLike' : 'StringEquals';
    const equals: Record<string, string[]> = { ...aud };
    const like: Record<string, string[]> = {};
    (operator === 'StringEquals' ? equals : like)[SUB_KEY] = subs;
    (refOperator === 'StringEquals' ? equals : like)[JOB_WORKFLOW_REF_KEY] = [...refs];
    return statement(`${base}${TRUST_STATEMENT_IDS.boundSuffix}${shortHash(refs.join('\n'))}`,
      Object.keys(like).length > 0 ? { StringEquals: equals, StringLike: like } : { StringEquals: equals });
  });
  return { Version: '2012-10-17', Statement: statements };
}
