/**
 * Evaluates each statement of a trust policy against one request: principal, action and every condition.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import { federatedPrincipals, type PolicyDocument, type PolicyPrincipal, type PolicyStatement } from '../policy-document';
import { conditionValues, evaluateCondition, ParsedOperator, parseOperator, RequestValue } from './iam-condition';
import { expandPolicyValue, matchPattern, VariableLookup } from './iam-string';

/** The claims of a request, looked up without regard to case as IAM does for condition keys. */
export class Claims {
  private readonly byKey = new Map<string, RequestValue>();

  public constructor(claims: Readonly<Record<string, RequestValue>>) {
    for (const key of Object.keys(claims)) {
      const value = claims[key];
      // The first spelling of a key wins, so the lookup is deterministic when a caller repeats a key in two casings.
      if (value !== undefined && !this.byKey.has(key.toLowerCase())) this.byKey.set(key.toLowerCase(), value);
    }
  }

  public get(key: string): RequestValue {
    return this.byKey.get(key.toLowerCase());
  }
}

/** One condition key of a statement, evaluated. */
export interface EvaluatedCondition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  readonly matched: boolean;
  readonly op: ParsedOperator;
  readonly actual: RequestValue;
}

/** One statement, evaluated against the request. */
export interface StatementAnalysis {
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly principalMatched: boolean;
  readonly actionMatched: boolean;
  readonly conditions: readonly EvaluatedCondition[];
  /** Principal, action and every condition match. */
  readonly applies: boolean;
  readonly statement: PolicyStatement;
}

/** Evaluates every statement of the policy, in document order. */
export function analyzeStatements(
  policy: PolicyDocument,
  claims: Claims,
  principal: string | undefined,
  action: string,
): StatementAnalysis[] {
  // Policy variables exist only in policy language 2012-10-17; in older documents `${…}` is literal text.
  const lookup: VariableLookup =
    policy.Version === '2012-10-17'
      ? (name) => {
        const v = claims.get(name);
        return typeof v === 'string' ? v : undefined;
      }
      : undefined;
  return policy.Statement.map((statement, index) => {
    const principalMatched =
      statement.Principal !== undefined
        ? principalMatches(statement.Principal, principal)
        : statement.NotPrincipal !== undefined && !principalMatches(statement.NotPrincipal, principal);
    const actionMatched =
      statement.Action !== undefined
        ? actionListMatches(statement.Action, action)
        : statement.NotAction !== undefined && !actionListMatches(statement.NotAction, action);
    const conditions: EvaluatedCondition[] = [];
    const block = statement.Condition ?? {};
    for (const operator of Object.keys(block)) {
      const op = parseOperator(operator);
      for (const key of Object.keys(block[operator])) {
        const values = conditionValues(block[operator][key]);
        const actual = claims.get(key);
        const matched = evaluateCondition(op, values, actual, lookup);
        conditions.push({ operator, key, values, matched, op, actual });
      }
    }
    const applies = principalMatched && actionMatched && conditions.every((c) => c.matched);
    return { index, sid: statement.Sid, effect: statement.Effect, principalMatched, actionMatched, conditions, applies, statement };
  });
}

/**
 * Whether a principal element names a web identity request through `principal` (the provider ARN).
 * `"*"` and `{"AWS": "*"}` name everyone; other AWS, Service and CanonicalUser principals never name a
 * federated request. Without a known provider ARN, any `Federated` entry is taken to name it.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
 */
function principalMatches(p: PolicyPrincipal, principal: string | undefined): boolean {
  if (p === '*') return true;
  if (asList(p.AWS).includes('*')) return true;
  const federated = federatedPrincipals(p);
  return principal === undefined ? federated.length > 0 : federated.includes(principal);
}

function actionListMatches(patterns: string | readonly string[], action: string): boolean {
  // Action names are case-insensitive; `*` and `?` are wildcards; there are no policy variables in actions.
  return asList(patterns).some((p) => matchPattern(expandPolicyValue(p, true, undefined)!, action, true));
}

function asList(v: string | readonly string[] | undefined): readonly string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}
