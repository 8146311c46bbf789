/**
 * Explains an implicit deny: which Allow statement came closest, which of its parts failed, and how to fix it.
 */
import type { NearestMiss, NearestMissKind } from '../nearest-miss';
import { describeContext, GithubSubject, isImmutable, parseSubject, subjectPrefix, withPrefix } from './github-subject';
import { expandPolicyValue, matchPattern, tokensText } from '../../iam/private/iam-string';
import { EvaluatedCondition, StatementAnalysis } from '../../iam/private/statement-analysis';
import { federatedPrincipals } from '../../iam/policy-document';

// Lower is nearer: a near-identical subject beats a subject of another repository.
const RANK: Record<NearestMissKind, number> = {
  'case-differs': 0,
  'legacy-vs-immutable': 1,
  'environment-vs-ref': 2,
  'other-branch': 3,
  'wrong-audience': 4,
  'missing-claim': 5,
  'principal': 6,
  'other-repository': 7,
  'other': 8,
};

type Miss = Omit<NearestMiss, 'statement'>;

/** How one policy value missed, with its words built on demand. */
interface ValueMiss {
  readonly kind: Miss['kind'];
  readonly describe: () => Pick<Miss, 'message' | 'fix'>;
}

/**
 * The nearest miss among the Allow statements: fewest failing parts first, then the most specific
 * explanation, then document order. `undefined` when the policy has no Allow statement.
 */
export function findNearestMiss(
  statements: readonly StatementAnalysis[],
  principal: string | undefined,
  action: string,
): { analysis: StatementAnalysis; miss: NearestMiss } | undefined {
  let best: { analysis: StatementAnalysis; miss: Miss; failures: number } | undefined;
  for (const analysis of statements) {
    if (analysis.effect !== 'Allow') continue;
    const misses = statementMisses(analysis, principal, action);
    if (misses.length === 0) continue;
    const miss = misses.reduce((a, b) => (RANK[b.kind] < RANK[a.kind] ? b : a));
    const better =
      !best ||
      misses.length < best.failures ||
      (misses.length === best.failures && RANK[miss.kind] < RANK[best.miss.kind]);
    if (better) best = { analysis, miss, failures: misses.length };
  }
  if (!best) return undefined;
  const { index, sid } = best.analysis;
  return { analysis: best.analysis, miss: { statement: sid === undefined ? { index } : { index, sid }, ...best.miss } };
}

function statementMisses(analysis: StatementAnalysis, principal: string | undefined, action: string): Miss[] {
  const misses: Miss[] = [];
  if (!analysis.principalMatched) {
    const expected = federatedPrincipals(analysis.statement.Principal);
    misses.push({
      kind: 'principal',
      expected: [...expected],
      actual: principal,
      message: expected.length
        ? `the statement trusts ${list(expected)}, but the token comes through ${principal ? `"${principal}"` : 'another provider'}`
        : 'the statement does not name a federated (OIDC) principal',
      fix: expected.length
        ? `use the role in the account whose OIDC provider is ${list(expected)}, or change Principal.Federated to "${principal ?? 'the provider ARN'}"`
        : 'trust the GitHub OIDC provider: "Principal": {"Federated": "arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com"}',
    });
  }
  if (!analysis.actionMatched) {
    misses.push({
      kind: 'other',
      expected: [],
      message: `the statement does not allow the action ${action}`,
      fix: `add "${action}" to the statement's Action`,
    });
  }
  for (const c of analysis.conditions) if (!c.matched) misses.push(conditionMiss(c));
  return misses;
}

function conditionMiss(c: EvaluatedCondition): Miss {
  const base = { operator: c.operator, key: c.key, expected: [...c.values] };
  const actual = c.actual;
  if (actual === undefined) {
    return {
      ...base,
      kind: 'missing-claim',
      message: `the request has no "${c.key}" claim, and ${c.operator} requires one`,
      fix: `supply the "${c.key}" claim, or remove that condition from the statement`,
    };
  }
  if (/:aud$/i.test(c.key)) return audienceMiss(c, base);
  if (typeof actual !== 'string') {
    return {
      ...base,
      actual: [...actual],
      kind: 'other',
      message: `"${c.key}" has several values, which ${c.operator} never matches`,
      fix: `use ForAnyValue:${c.op.baseName} (any value may match) or ForAllValues:${c.op.baseName} on "${c.key}"`,
    };
  }
  if (c.op.negated) {
    return {
      ...base,
      actual,
      kind: 'other',
      message: `${c.operator} excludes "${actual}" for "${c.key}"`,
      fix: `the statement rejects this value on purpose; admit it in another statement if it should assume the role`,
    };
  }
  if (c.values.length === 0) {
    return {
      ...base,
      actual,
      kind: 'other',
      message: `the ${c.operator} condition on "${c.key}" lists no value, so no request matches it`,
      fix: `list the values it should admit, or remove the condition`,
    };
  }
  // Only the winning candidate's words are built: a list of many values would otherwise make a message each.
  const candidates = c.values.map((v) => valueMiss(c, v, actual));
  const miss = candidates.reduce((a, b) => (RANK[b.kind] < RANK[a.kind] ? b : a));
  return { ...base, actual, kind: miss.kind, ...miss.describe() };
}

function audienceMiss(c: EvaluatedCondition, base: Pick<Miss, 'operator' | 'key' | 'expected'>): Miss {
  const actual = typeof c.actual === 'string' ? c.actual : [...(c.actual ?? [])];
  const shown = typeof actual === 'string' ? `"${actual}"` : list(actual);
  const stsDefault = c.values.find((v) => v === 'sts.amazonaws.com' || v === 'sts.amazonaws.com.cn');
  return {
    ...base,
    actual,
    kind: 'wrong-audience',
    message: `the token's audience ${shown} is not ${list(c.values)}`,
    fix: stsDefault
      ? `remove the \`audience:\` input from configure-aws-credentials (it defaults to ${stsDefault}), or add ${shown} to the trust policy's aud condition`
      : `set \`audience: ${c.values[0] ?? ''}\` on configure-aws-credentials, or add ${shown} to the trust policy's aud condition`,
  };
}

/** Classifies why one policy value did not admit the request value. */
function valueMiss(c: EvaluatedCondition, value: string, actual: string): ValueMiss {
  const name = c.op.base?.name ?? '';
  const stringLike = name.startsWith('String') || name.startsWith('Arn');
  const wildcards = /Like$/.test(name);
  const tokens = expandPolicyValue(value, wildcards, undefined);
  const caseOnly = stringLike && !!tokens && (wildcards ? matchPattern(tokens, actual, true) : tokensText(tokens).toLowerCase() === actual.toLowerCase());
  if (caseOnly) {
    return {
      kind: 'case-differs',
      describe: () => ({
        message: `"${actual}" differs from "${value}" only in letter case, and ${c.operator} compares case-sensitively`,
        fix: `write the value exactly as the token carries it ("${actual}"; GitHub uses the canonical casing of owner, repository and branch)`,
      }),
    };
  }
  const want = parseSubject(value);
  const got = parseSubject(actual);
  if (!want || !got) {
    return {
      kind: 'other',
      describe: () => ({
        message: `"${c.key}" is "${actual}", which ${c.operator} ${list(c.values)} does not admit`,
        fix: `add "${actual}" to the condition if this request should assume the role`,
      }),
    };
  }
  if (!sameRepository(want, got, wildcards)) {
    return {
      kind: 'other-repository',
      describe: () => ({
        message: `the token is for ${repoName(got)}, but the condition admits ${list(c.values)}`,
        // The role belongs to other repositories: the usual mistake is the job's role-to-assume, not the policy.
        fix: `assume the role meant for ${repoName(got)} instead; only if ${repoName(got)} should share this role, add ${grantOf(actual)} to its trust policy`,
      }),
    };
  }
  if (isImmutable(want) !== isImmutable(got)) {
    const rewritten = withPrefix(subjectPrefix(got), want);
    return isImmutable(got)
      ? {
        kind: 'legacy-vs-immutable',
        describe: () => ({
          message: `the repository presents the immutable subject "${actual}", but the policy has the name-only "${value}"`,
          fix: `add "${rewritten}" to the trust policy (take the ids from GET /repos/${got.owner}/${got.repo}/actions/oidc/customization/sub)`,
        }),
      }
      : {
        kind: 'legacy-vs-immutable',
        describe: () => ({
          message: `the policy expects the immutable subject "${value}", but the token carries the name-only "${actual}"`,
          fix: `add "${rewritten}" to the trust policy, or opt the repository in to immutable subjects (use_immutable_subject)`,
        }),
      };
  }
  if ((want.kind === 'environment') !== (got.kind === 'environment') && want.kind !== 'other' && got.kind !== 'other') {
    return got.kind === 'environment'
      ? {
        kind: 'environment-vs-ref',
        describe: () => ({
          message: `the job uses ${describeContext(got)}, so its token carries "${actual}" (an environment outranks branch and event), but the policy expects "${value}"`,
          fix: `add "${actual}" to the trust policy, or remove \`environment:\` from the job`,
        }),
      }
      : {
        kind: 'environment-vs-ref',
        describe: () => ({
          message: `the policy expects ${describeContext(want)} ("${value}"), but the job has no environment, so its token carries "${actual}"`,
          fix: `add "${actual}" to the trust policy, or add \`environment: ${want.context.slice('environment:'.length)}\` to the job`,
        }),
      };
  }
  return {
    kind: 'other-branch',
    describe: () => ({
      message: `the token is for ${describeContext(got)} ("${actual}"), but the policy admits ${repoName(got)} only as ${list(c.values)}`,
      fix: actual.includes('*')
        ? `run the job only from refs the policy admits (${list(c.values)}), e.g. with a branches filter or an \`if:\` on github.ref; or admit ${grantOf(actual)}`
        : `add ${grantOf(actual)} to the trust policy, or run the job from a ref the policy admits`,
    }),
  };
}

/**
 * How to write a subject into a policy: an exact value for StringEquals, a pattern (a job that may run from
 * many refs presents one) only under StringLike in a statement of its own — StringEquals compares `*` literally,
 * and operators in one statement are ANDed.
 */
function grantOf(subject: string): string {
  return /[*?]/.test(subject) ? `the pattern "${subject}" under StringLike, in a statement of its own (StringEquals compares "*" literally)` : `"${subject}"`;
}

function sameRepository(want: GithubSubject, got: GithubSubject, wildcards: boolean): boolean {
  // Case is compared elsewhere (case-differs); here a repository is the same when its names match ignoring case.
  const same = (pattern: string, name: string) =>
    wildcards ? matchPattern(expandPolicyValue(pattern, true, undefined)!, name, true) : pattern.toLowerCase() === name.toLowerCase();
  return same(want.owner, got.owner) && same(want.repo, got.repo);
}

function repoName(s: GithubSubject): string {
  return `${s.owner}/${s.repo}`;
}

/** Values for a message: all of a short list, the first few of a long one (a message stays short, and building it stays linear). */
function list(values: readonly string[]): string {
  if (values.length === 1) return `"${values[0]}"`;
  const shown = values.slice(0, LISTED).map((v) => `"${v}"`);
  const more = values.length - shown.length;
  return `[${shown.join(', ')}${more > 0 ? `, … ${more} more` : ''}]`;
}

/** How many values a message lists. */
const LISTED = 5;
