import { compareStrings } from '../basics/compare-strings';
import { GITHUB_OIDC_HOST, OPTIONAL_GITHUB_CLAIMS, STS_GITHUB_CLAIM_KEYS } from './github-oidc';
import { inspectSubjectContext } from './subject-context';
import { parseArn } from '../iam/arn';
import { PARTITIONS } from '../iam/partition';
import { federatedPrincipals, type PolicyDocument, type PolicyPrincipal, type PolicyStatement } from '../iam/policy-document';
import { DEFAULT_TRUST_POLICY_QUOTA, trustPolicySize } from '../iam/policy-size';
import { conditionValues, ParsedOperator, parseOperator } from '../iam/private/iam-condition';
import { expandPolicyValue, matchPattern } from '../iam/private/iam-string';
import { FindingSeverity, inspectSubject, type SubjectFinding } from './subject-pattern';

/** One problem found in a trust policy; `message` says what is wrong and how to fix it. */
export interface AuditFinding {
  readonly severity: FindingSeverity;
  /** Stable kebab-case identifier, e.g. `owner-wide-sub`, `missing-aud`, `over-quota`. */
  readonly code: string;
  readonly message: string;
  /** Index of the statement the finding is about; absent for the whole policy. */
  readonly statement?: number;
  /** The condition value the finding is about, if any. */
  readonly value?: string;
}

/** Options of {@link auditTrust}. */
export interface AuditTrustOptions {
  /**
   * The account's trust policy quota in characters without whitespace.
   * @default 2048 (IAM's default quota)
   */
  readonly quota?: number;
}

const STS_AUDIENCES = ['sts.amazonaws.com', 'sts.amazonaws.com.cn'];
const KNOWN_CLAIMS: readonly string[] = STS_GITHUB_CLAIM_KEYS;
// Claims that pin the repository, and those that pin the ref or workflow file, of a token: an exact condition on
// one in the same statement narrows a broad sub (research 12, F4.2: keys in one statement are ANDed).
const REPO_PINS = ['repository', 'repository_id'];
const REF_PINS = ['ref', 'environment', 'job_workflow_ref'];
// Subject findings about admitting other repositories, and about admitting any ref of one repository.
const ACROSS_REPOS = ['wildcard-sub', 'owner-wide-sub', 'prefix-collision', 'wildcard-in-owner-or-repo', 'broad-value-later-in-list', 'org-wide-template'];
const ACROSS_REFS = ['repo-wide-sub', 'wildcard-across-ref-kinds', 'branch-wildcard', 'tag-wildcard', 'environment-wildcard'];
const REPOSITORY_CLAIMS = ['sub', 'repository', 'repository_id'];
const SEVERITY_ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Audits a GitHub OIDC trust policy for every pattern that lets the wrong workflows assume the role, or that
 * keeps the right ones out: missing or wildcard `sub`, owner-wide and prefix wildcards, broad values hidden
 * after the first one, set / negated / IfExists operators on claims, a missing or wrong `aud`, and the size quota.
 *
 * Statements that do not trust the GitHub provider are skipped with an `info`. Findings are sorted by severity,
 * statement, code and value, so the output is deterministic.
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export function auditTrust(policy: PolicyDocument, options: AuditTrustOptions = {}): AuditFinding[] {
  const quota = options.quota ?? DEFAULT_TRUST_POLICY_QUOTA;
  const findings: AuditFinding[] = [];
  const size = trustPolicySize(policy);
  if (size > quota) {
    findings.push({ severity: 'error', code: 'over-quota', message: `the trust policy is ${size} characters without whitespace, over the quota of ${quota}; IAM will refuse it: split the subjects over two roles, use fewer statements, or raise the quota (Service Quotas L-C07B4B0D)` });
  } else if (size > quota * 0.9) {
    findings.push({ severity: 'info', code: 'near-quota', message: `the trust policy is ${size} of ${quota} characters without whitespace; a few more subjects will exceed the quota` });
  }
  let github = 0;
  policy.Statement.forEach((statement, index) => {
    const hosts = githubHosts(statement.Principal);
    // "*" admits web identity tokens too, so such a statement is a GitHub statement when it allows that action.
    const wildcard = isEveryone(statement.Principal) && allowsWebIdentity(statement);
    if (statement.Effect === 'Allow' && wildcard) {
      findings.push({ severity: 'error', code: 'wildcard-principal', statement: index, message: 'the statement trusts every principal ("*"), so tokens of any identity provider, and AWS principals, are judged only by its conditions; trust the GitHub provider: {"Federated": "arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com"}' });
    }
    if (hosts.length === 0 && !wildcard) {
      findings.push({ severity: 'info', code: 'non-github-statement', statement: index, message: `the statement trusts ${describePrincipal(statement)}, not the GitHub OIDC provider; not audited` });
      return;
    }
    if (statement.Effect !== 'Allow') return;
    github++;
    findings.push(...auditStatement(statement, index, hosts.length ? hosts : [GITHUB_OIDC_HOST], providerPartition(statement.Principal)));
  });
  if (github === 0) {
    findings.push({ severity: 'info', code: 'no-github-statement', message: 'no Allow statement trusts the GitHub OIDC provider, so no GitHub workflow can assume this role' });
  }
  return findings.sort(compareFindings);
}

function auditStatement(statement: PolicyStatement, index: number, hosts: readonly string[], partition: string | undefined): AuditFinding[] {
  const out: AuditFinding[] = [];
  const add = (severity: FindingSeverity, code: string, message: string, value?: string) =>
    out.push(value === undefined ? { severity, code, message, statement: index } : { severity, code, message, statement: index, value });
  const pins = narrowingPins(statement, hosts);
  if (!allowsWebIdentity(statement)) {
    add('warning', 'action-not-web-identity', 'the statement trusts the GitHub provider but does not allow sts:AssumeRoleWithWebIdentity, so it never applies to a GitHub token; add that action');
    return out;
  }
  const bound = new Set<string>();
  const subOperators: string[] = [];
  let hasAud = false;
  const block = statement.Condition ?? {};
  for (const operator of Object.keys(block)) {
    const op = parseOperator(operator);
    for (const key of Object.keys(block[operator])) {
      const claim = githubClaim(key, hosts);
      if (claim === undefined) {
        const plain = key.trim().toLowerCase().startsWith(`${GITHUB_OIDC_HOST}:`);
        if (plain && !hosts.includes(GITHUB_OIDC_HOST)) {
          add('error', 'key-host-mismatch', `the condition key "${key}" names the provider ${GITHUB_OIDC_HOST}, but the statement trusts ${hosts.join(', ')}: STS fills only "${hosts[0]}:…" keys, so the condition never holds; write "${hosts[0]}:${key.trim().slice(GITHUB_OIDC_HOST.length + 1)}"`);
        }
        continue;
      }
      const values = conditionValues(block[operator][key]);
      // A claim every token carries is evaluated like the plain operator under ForAnyValue:, ForAllValues: or
      // …IfExists (research 12, F4.4-F4.6): it binds the token as much.
      const always = KNOWN_CLAIMS.includes(claim) && !OPTIONAL_GITHUB_CLAIMS.includes(claim);
      const positive = !op.negated && !op.isNull && op.base !== undefined && ((!op.set && !op.ifExists) || always);
      if (positive && KNOWN_CLAIMS.includes(claim)) bound.add(claim);
      if (/\s/.test(key)) add('error', 'whitespace-in-key', `the condition key ${JSON.stringify(key)} contains whitespace, so IAM never finds it in the request; remove the whitespace`);
      const known = KNOWN_CLAIMS.includes(claim);
      operatorFindings(op, key, claim, known && !OPTIONAL_GITHUB_CLAIMS.includes(claim), bound.has('sub') || hasPositiveSub(block, hosts), add);
      if (!known) {
        const holds = op.negated || op.set === 'ForAllValues' || op.ifExists;
        // An error either way: the condition never does what it says (locks the role, or excludes nothing).
        add('error', 'unknown-claim-key', `AWS STS does not evaluate "${claim}" for GitHub tokens (the keys it evaluates: ${KNOWN_CLAIMS.join(', ')}), so the key is never in the request: with ${operator} the condition ${holds ? 'always holds, so it restricts nothing' : 'never holds, so no token can assume the role'}; ${holds ? 'remove it, or' : ''} condition on one of those keys instead`);
      }
      const seen = new Set<string>();
      for (const v of values) {
        if (seen.has(v)) add('info', 'duplicate-value', `${JSON.stringify(v)} is listed twice under ${operator} "${key}"; remove the copy (it costs quota)`, v);
        seen.add(v);
      }
      if (claim === 'sub') {
        if (!op.negated && !op.isNull) subOperators.push(operator);
        if (!op.negated && !op.isNull) values.forEach((v, i) => subjectFindings(v, i, values[0], operator, pins, add));
        if (/IgnoreCase$/.test(op.base?.name ?? '') && !op.negated) {
          // GitHub environment names are not case-sensitive; git refs are (research 12, F3.8, F4.3).
          const refs = values.some((v) => !/^repo:[^:]+:environment:/.test(v));
          add(refs ? 'warning' : 'info', 'ignore-case-sub', refs
            ? `${operator} on sub also admits branches and tags that differ only in case (e.g. "Main" for "main"), which are different refs on GitHub; use StringEquals`
            : `${operator} on sub: GitHub environment names are not case-sensitive, so this admits no other environment; StringEquals says the same`);
        }
      } else if (claim === 'aud') {
        hasAud = true;
        audienceFindings(op, operator, values, partition, add);
      } else {
        for (const v of values) if (/^\s|\s$/.test(v)) add('error', 'whitespace-in-value', `${JSON.stringify(v)} has whitespace at an end, so it never matches; remove it`, v);
        if (claim === 'job_workflow_ref' && !op.negated) {
          for (const v of values) {
            if (/[*?]/.test(v) && /like$/i.test(op.baseName)) continue;
            if (!/^[^/]+\/[^/]+\/\.github\/workflows\/[^@]+@(refs\/(heads|tags)\/.+|[0-9a-f]{40})$/.test(v)) {
              add('error', 'job-workflow-ref-format', `${JSON.stringify(v)} is never a job_workflow_ref: GitHub writes "OWNER/REPO/.github/workflows/FILE.yml@refs/heads/BRANCH" (or @refs/tags/TAG, or @ a commit SHA), so the condition never holds`, v);
            }
          }
        }
        if (claim === 'job_workflow_ref' && /like$/i.test(op.baseName)) {
          for (const v of values) {
            if (/^[^/]*[*?]|^[^/]+\/[^/]*[*?]/.test(v)) add('error', 'wildcard-job-workflow-ref', `${JSON.stringify(v)} has a wildcard in the owner or repository of the workflow file, so workflows of other repositories match; write "OWNER/REPO/.github/workflows/FILE.yml@REF"`, v);
          }
        }
      }
    }
  }
  if (!bound.has('sub') && !bound.has('job_workflow_ref')) {
    const why = REPOSITORY_CLAIMS.some((c) => bound.has(c))
      ? 'IAM refuses to create or update a GitHub trust policy without a sub or job_workflow_ref condition'
      : 'every workflow of every repository on GitHub may assume the role';
    add('error', 'missing-sub', `no condition pins the token's sub with StringEquals or StringLike, so ${why}; add a sub condition, e.g. {"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:OWNER/REPO:ref:refs/heads/main"}}`);
  } else if (!REPOSITORY_CLAIMS.some((c) => bound.has(c))) {
    add('error', 'job-workflow-ref-unbound', 'the statement pins only job_workflow_ref, which names the called workflow file: any repository that calls that reusable workflow gets the role; also pin sub (the caller\'s repository)');
  }
  if (subOperators.length > 1) {
    add('warning', 'sub-conditions-combined', `sub is conditioned under ${subOperators.join(' and ')} in one statement; IAM requires all of them to hold (AND), so a subject must match both lists; put exact and wildcard subjects in separate statements, or all under StringLike`);
  }
  if (!hasAud) {
    add('warning', 'missing-aud', 'the statement does not check aud; add {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}} so tokens minted for other audiences are refused');
  }
  return out;
}

type Add = (severity: FindingSeverity, code: string, message: string, value?: string) => void;

/**
 * Set operators, `…IfExists` and negations on a claim (research 12, F1.3, F4.4-F4.7). On a claim every token
 * carries they admit what the plain operator admits: a warning to write it plainly. On a claim a token may
 * lack (environment), `ForAllValues:`/`…IfExists` hold without it: an error. A negation admits everything it
 * doesn't list: an error unless a positive sub condition in the statement bounds it.
 */
function operatorFindings(op: ParsedOperator, key: string, claim: string, always: boolean, subBound: boolean, add: Add): void {
  if (op.set) {
    const widens = op.set === 'ForAllValues' && !always;
    add(widens ? 'error' : 'warning', 'set-operator-on-claim', widens
      ? `${op.raw} on "${key}" holds for every token without the ${claim} claim (e.g. a job without an environment); use ${op.baseName} without "${op.set}:"`
      : `${op.raw} on "${key}" is meant for multivalued keys; GitHub's ${claim} claim has one value, so it admits what ${op.baseName} admits (${op.set === 'ForAllValues' ? 'and would admit a token without the claim' : 'no more'}): write ${op.baseName}`);
  }
  if (op.negated) {
    const severity: FindingSeverity = !subBound ? 'error' : claim === 'sub' || always ? 'info' : 'warning';
    add(severity, 'negated-operator-on-claim', !subBound
      ? `${op.raw} on "${key}" in an Allow statement admits every value it does not list, and a token without the claim; list what is allowed with a positive operator instead`
      : always
        ? `${op.raw} on "${key}" only removes values from what the statement's sub condition admits; a positive list of what is allowed is easier to check`
        : `${op.raw} on "${key}" also holds for tokens without the ${claim} claim (jobs without one), so it excludes less than it seems; admit the wanted values with a positive operator`);
  }
  if (op.ifExists && !op.isNull) {
    add(always ? 'warning' : 'error', 'if-exists-operator-on-claim', always
      ? `${op.raw} on "${key}": GitHub always sends ${claim}, so IfExists changes nothing today but would pass a token without it; drop "IfExists"`
      : `${op.raw} on "${key}" holds when the claim is absent (e.g. a job without an environment); drop "IfExists"`);
  }
}

/** Statement-level positive exact conditions that narrow a broad sub: the repository, and the ref or workflow file. */
interface Pins {
  readonly repo?: string;
  readonly ref?: string;
}

function narrowingPins(statement: PolicyStatement, hosts: readonly string[]): Pins {
  let repo: string | undefined;
  let ref: string | undefined;
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    const op = parseOperator(operator);
    if (op.negated || op.isNull || op.base === undefined || op.set === 'ForAllValues') continue;
    const like = /like$/i.test(op.baseName);
    for (const [key, v] of Object.entries(block)) {
      const claim = githubClaim(key, hosts);
      if (claim === undefined) continue;
      const values = conditionValues(v);
      if (values.length === 0 || (like && values.some((x) => /[*?]/.test(x)))) continue;
      if (REPO_PINS.includes(claim)) repo = `${claim} ${values.join(', ')}`;
      if (REF_PINS.includes(claim) && !(op.ifExists && OPTIONAL_GITHUB_CLAIMS.includes(claim))) ref = `${claim} ${values.join(', ')}`;
    }
  }
  return { repo, ref };
}

function hasPositiveSub(block: NonNullable<PolicyStatement['Condition']>, hosts: readonly string[]): boolean {
  return Object.entries(block).some(([operator, b]) => {
    const op = parseOperator(operator);
    return !op.negated && !op.isNull && op.base !== undefined && Object.keys(b).some((k) => githubClaim(k, hosts) === 'sub');
  });
}

function providerPartition(p: PolicyPrincipal | undefined): string | undefined {
  return federatedPrincipals(p).map(parseArn).find((arn) => arn?.service === 'iam' && PARTITIONS.includes(arn.partition))?.partition;
}

function subjectFindings(value: string, index: number, first: string, operator: string, pins: Pins, add: Add): void {
  const like = /like(IfExists)?$/i.test(operator);
  for (const f of onePerValue([...inspectSubject(value, operator), ...inspectSubjectContext(value, like)])) {
    // Another condition of the statement pins what the sub leaves open (research 12, F4.2: ANDed).
    if (ACROSS_REFS.includes(f.code) && pins.ref !== undefined) continue;
    if (ACROSS_REPOS.includes(f.code) && pins.repo !== undefined) {
      if (pins.ref === undefined) {
        add('warning', 'repo-wide-sub', `${JSON.stringify(value)} admits any repository, but the statement pins ${pins.repo}: it admits every branch, tag, pull request and environment of that repository; pin the ref too (a ref or environment condition, or the sub)`, value);
      }
      continue;
    }
    if (ACROSS_REPOS.includes(f.code) && pins.ref !== undefined && /^job_workflow_ref /.test(pins.ref)) {
      add('warning', f.code, `${f.message}; the statement pins ${pins.ref}, so only jobs that run that workflow file get in, but from any repository the sub admits`, value);
      continue;
    }
    if (index > 0 && (f.code === 'wildcard-sub' || f.code === 'owner-wide-sub')) {
      // IAM refuses a sub "scoped to all" only when it is the first value, and never rechecks existing roles.
      add('error', 'broad-value-later-in-list', `${f.message}. IAM's create-time check looks only at the first value (${JSON.stringify(first)}), so it let this one through`, value);
    } else {
      add(f.severity, f.code, f.message, value);
    }
  }
}

/**
 * One finding per value: the most severe, with what the others add after it, so one bad value is one message
 * (e.g. "?" that also leaves the ref kind open). Advice (`info`) is kept apart.
 */
function onePerValue(found: readonly SubjectFinding[]): SubjectFinding[] {
  const rank = (f: SubjectFinding) => SEVERITY_ORDER[f.severity];
  const serious = [...found].filter((f) => f.severity !== 'info').sort((a, b) => rank(a) - rank(b));
  if (serious.length <= 1) return [...found];
  const [first, ...rest] = serious;
  const message = `${first.message}; also, ${rest.map((r) => r.message.replace(/^"[^"]*" /, 'it ')).join('; also, ')}`;
  return [{ ...first, message }, ...found.filter((f) => f.severity === 'info')];
}

function audienceFindings(op: ParsedOperator, operator: string, values: readonly string[], partition: string | undefined, add: Add): void {
  const wildcards = /like$/i.test(op.baseName);
  if (op.base?.name !== 'StringEquals' && op.base?.name !== 'StringLike') {
    if (op.base && !op.negated) add('warning', 'aud-not-string-equals', `aud is checked with ${operator}; use StringEquals with "sts.amazonaws.com"`);
  } else if (wildcards) {
    const wild = values.some((v) => /[*?]/.test(v));
    add(wild ? 'warning' : 'info', 'aud-not-string-equals', wild ? `aud is matched with StringLike and a wildcard, which admits tokens minted for other audiences; use StringEquals with "sts.amazonaws.com"` : `aud is checked with StringLike but has no wildcard; StringEquals says the same and cannot be widened by accident`);
  }
  if (op.negated) return;
  for (const v of values) {
    if (/\s/.test(v)) {
      add('error', 'whitespace-in-value', `the audience ${JSON.stringify(v)} contains whitespace, so it never matches; remove it`, v);
    } else if (v === 'sts.amazonaws.com.cn' && partition === 'aws') {
      add('warning', 'wrong-aud', `the audience "sts.amazonaws.com.cn" is for the China partition, but the provider is in the aws partition, where configure-aws-credentials sends "sts.amazonaws.com"; use "sts.amazonaws.com"`, v);
    } else if (!STS_AUDIENCES.includes(v) && !(wildcards && STS_AUDIENCES.some((a) => matchPattern(expandPolicyValue(v, true, undefined)!, a, false)))) {
      add('warning', 'wrong-aud', `the audience ${JSON.stringify(v)} is not what configure-aws-credentials sends ("sts.amazonaws.com", or "sts.amazonaws.com.cn" in China), so only workflows that set \`audience: ${v}\` can assume the role; use "sts.amazonaws.com"`, v);
    }
  }
}

/** The GitHub provider hosts (`token.actions.githubusercontent.com`, or with an enterprise slug) a principal trusts. */
function githubHosts(p: PolicyPrincipal | undefined): string[] {
  const hosts: string[] = [];
  for (const arn of federatedPrincipals(p)) {
    // The end of the ARN only: a template audited with placeholders has `arn:<AWS::Partition>:iam::<AWS::AccountId>:…`.
    const m = /:oidc-provider\/(token\.actions\.githubusercontent\.com(?:\/[^/]+)?)$/.exec(arn);
    if (m) hosts.push(m[1]);
  }
  return hosts;
}

function isEveryone(p: PolicyPrincipal | undefined): boolean {
  if (p === '*') return true;
  const aws = p?.AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

/** The claim name (`sub`, `aud`, …) of a condition key of one of the hosts; condition keys ignore case. */
function githubClaim(key: string, hosts: readonly string[]): string | undefined {
  const lower = key.trim().toLowerCase();
  for (const host of hosts) {
    if (lower.startsWith(`${host.toLowerCase()}:`)) return lower.slice(host.length + 1);
  }
  return undefined;
}

function allowsWebIdentity(s: PolicyStatement): boolean {
  const matches = (patterns: string | readonly string[]) =>
    (typeof patterns === 'string' ? [patterns] : patterns).some((p) => matchPattern(expandPolicyValue(p, true, undefined)!, 'sts:AssumeRoleWithWebIdentity', true));
  return s.Action !== undefined ? matches(s.Action) : s.NotAction !== undefined && !matches(s.NotAction);
}

function describePrincipal(s: PolicyStatement): string {
  const p = s.Principal ?? s.NotPrincipal;
  const prefix = s.Principal ? '' : 'everyone but ';
  if (p === undefined) return 'no principal';
  if (p === '*') return `${prefix}every principal`;
  const parts = Object.keys(p).sort().map((type) => {
    const v = (p as Record<string, string | readonly string[]>)[type];
    return `${type} ${(typeof v === 'string' ? [v] : v).map((x) => JSON.stringify(x)).join(', ')}`;
  });
  return `${prefix}${parts.join('; ')}`;
}

function compareFindings(a: AuditFinding, b: AuditFinding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.statement ?? -1) - (b.statement ?? -1) ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.value ?? '', b.value ?? '') ||
    compareStrings(a.message, b.message)
  );
}
