import { evaluateTrust, federatedPrincipals, GITHUB_OIDC_HOST, SUB_KEY, type PolicyDocument } from '@lockstep/model';

/** One `sub` value a trust policy admits: a value of a positive `StringEquals`/`StringLike` condition. */
export interface SubjectGrantValue {
  readonly value: string;
  readonly operator: 'StringEquals' | 'StringLike';
  /** 0-based index of the statement. */
  readonly statement: number;
}

const PROVIDER_SUFFIX = `:oidc-provider/${GITHUB_OIDC_HOST}`;

/**
 * The `sub` values of a trust policy's Allow statements that trust the GitHub provider, in document order.
 * Only plain `StringEquals`/`StringLike` count: the audit reports every other operator on `sub`.
 */
export function subjectGrantValues(policy: PolicyDocument): SubjectGrantValue[] {
  const out: SubjectGrantValue[] = [];
  policy.Statement.forEach((statement, index) => {
    if (statement.Effect !== 'Allow') return;
    const p = statement.Principal;
    const federated = p === '*' ? ['*'] : federatedPrincipals(p);
    if (!federated.some((f) => f === '*' || f.endsWith(PROVIDER_SUFFIX))) return;
    for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
      if (operator !== 'StringEquals' && operator !== 'StringLike') continue;
      for (const [key, v] of Object.entries(block)) {
        if (key.toLowerCase() !== SUB_KEY) continue;
        const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
        for (const value of values) out.push({ value, operator, statement: index });
      }
    }
  });
  return out;
}

/**
 * Whether a grant admits a subject a job presents, as IAM would match it (the model's evaluator on a
 * one-value policy). A presented value with `*` stands for many refs (e.g. any branch): it counts as
 * admitted when the grant admits some of them, so a grant it overlaps is not reported as dead.
 */
export function grantOverlaps(grant: SubjectGrantValue, presented: string): boolean {
  if (admits(grant.operator, grant.value, presented)) return true;
  return presented.includes('*') && admits('StringLike', presented, grant.value);
}

/**
 * The grants no presented subject overlaps. Equal strings overlap under either operator, so a set lookup
 * settles most grants; the evaluator decides the rest (patterns on either side).
 */
export function unusedGrants(grants: readonly SubjectGrantValue[], presented: ReadonlySet<string>): SubjectGrantValue[] {
  const patterns = [...presented].filter(hasWildcard);
  return grants.filter((g) => {
    // A policy variable (`${…}`) is expanded by IAM under either operator: only the evaluator knows.
    const literal = !g.value.includes('${');
    if (literal && presented.has(g.value)) return false;
    if (literal && g.operator === 'StringEquals' && patterns.length === 0) return true;
    const candidates = g.operator === 'StringLike' && hasWildcard(g.value) ? presented : patterns;
    return ![...candidates].some((p) => grantOverlaps(g, p));
  });
}

function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?');
}

/** Whether a presented subject, possibly a pattern such as `…:ref:refs/heads/*`, covers a concrete `sub`. */
export function subjectMatches(pattern: string, sub: string): boolean {
  return admits('StringLike', pattern, sub);
}

function admits(operator: string, value: string, subject: string): boolean {
  const policy: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: '*' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { [operator]: { [SUB_KEY]: value } } }],
  };
  return evaluateTrust(policy, { claims: { [SUB_KEY]: subject } }).decision === 'allow';
}
