import type { PolicyDocument } from '../iam/policy-document';
import type { NearestMiss } from './nearest-miss';
import { findNearestMiss } from './private/nearest-miss';
import { analyzeStatements, Claims, EvaluatedCondition, StatementAnalysis } from '../iam/private/statement-analysis';

/**
 * A request to assume a role with a web identity token, as STS evaluates it against the role's trust policy.
 * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
 */
export interface TrustRequest {
  /**
   * The condition keys of the request and their values, e.g.
   * `{"token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main", "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}`.
   * Keys are matched without regard to case; a list is a multivalued key; `undefined` means absent.
   */
  readonly claims: Readonly<Record<string, string | readonly string[] | undefined>>;
  /**
   * The ARN of the OIDC provider the token comes through; when given, `Principal.Federated` must name it.
   * @default any `Federated` principal is taken to name the request
   */
  readonly principal?: string;
  /**
   * The STS action.
   * @default 'sts:AssumeRoleWithWebIdentity'
   */
  readonly action?: string;
}

/** One condition key of a statement and whether the request satisfied it. */
export interface TrustCondition {
  /** The operator as the policy writes it, e.g. `StringLike`. */
  readonly operator: string;
  /** The condition key as the policy writes it. */
  readonly key: string;
  /** The policy's values for the key (any may match). */
  readonly values: readonly string[];
  readonly matched: boolean;
}

/** The outcome of {@link evaluateTrust}. */
export interface TrustDecision {
  readonly decision: 'allow' | 'deny';
  /** The statement that decided: the allowing one, or the explicit Deny; absent for an implicit deny. */
  readonly statement?: { readonly index: number; readonly sid?: string };
  /** The decision in plain English. */
  readonly reason: string;
  /** The conditions of the deciding statement, or for an implicit deny of the nearest Allow statement. */
  readonly conditions: readonly TrustCondition[];
  /** For an implicit deny: the nearest Allow statement and what it missed. */
  readonly nearestMiss?: NearestMiss;
}

/**
 * Decides whether a trust policy lets a request assume the role, and says why in plain English.
 *
 * Follows IAM's evaluation: an explicit Deny that applies wins; otherwise an Allow that applies allows;
 * otherwise the request is implicitly denied, and the nearest Allow statement explains what to change.
 * A statement applies when its principal, its action and every one of its conditions match.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
export function evaluateTrust(policy: PolicyDocument, request: TrustRequest): TrustDecision {
  const action = request.action ?? 'sts:AssumeRoleWithWebIdentity';
  const statements = analyzeStatements(policy, new Claims(request.claims), request.principal, action);

  const deny = statements.find((s) => s.effect === 'Deny' && s.applies);
  if (deny) {
    return {
      decision: 'deny',
      statement: ref(deny),
      reason: `denied explicitly by ${name(deny)}: ${summary(deny, 'its Deny applies to every request')}; an explicit Deny overrides any Allow`,
      conditions: outcomes(deny.conditions),
    };
  }
  const allow = statements.find((s) => s.effect === 'Allow' && s.applies);
  if (allow) {
    return {
      decision: 'allow',
      statement: ref(allow),
      reason: `allowed by ${name(allow)}: ${summary(allow, 'it has no condition, so any token from the trusted provider may assume the role')}`,
      conditions: outcomes(allow.conditions),
    };
  }
  const nearest = findNearestMiss(statements, request.principal, action);
  if (!nearest) {
    return {
      decision: 'deny',
      reason: 'denied: the trust policy has no Allow statement, so nothing may assume the role',
      conditions: [],
    };
  }
  return {
    decision: 'deny',
    reason: `denied: no statement allows ${action}; the nearest is ${name(nearest.analysis)}, where ${nearest.miss.message}. Fix: ${nearest.miss.fix}`,
    conditions: outcomes(nearest.analysis.conditions),
    nearestMiss: nearest.miss,
  };
}

function ref(s: StatementAnalysis): { index: number; sid?: string } {
  return s.sid === undefined ? { index: s.index } : { index: s.index, sid: s.sid };
}

function name(s: StatementAnalysis): string {
  return s.sid === undefined ? `statement ${s.index}` : `statement ${s.index} ("${s.sid}")`;
}

function outcomes(conditions: readonly EvaluatedCondition[]): TrustCondition[] {
  return conditions.map(({ operator, key, values, matched }) => ({ operator, key, values, matched }));
}

function summary(s: StatementAnalysis, whenUnconditional: string): string {
  if (s.conditions.length === 0) return whenUnconditional;
  return s.conditions
    .map((c) => `${c.key} ${shown(c.actual)} satisfies ${c.operator} ${c.values.map((v) => JSON.stringify(v)).join(' or ')}`)
    .join('; ');
}

function shown(v: string | readonly string[] | undefined): string {
  if (v === undefined) return '(absent)';
  return typeof v === 'string' ? JSON.stringify(v) : `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
}
