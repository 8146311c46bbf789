import {
  AUD_KEY,
  evaluateTrust,
  exportedTrustPolicyFile,
  REPO_FILES,
  SUB_KEY,
  type PolicyDocument,
  type PolicyStatement,
  type ResolvedConfig,
  type ResolvedRole,
  type SubjectGrant,
} from '@lockstep/model';
import type { CheckFinding } from './check-finding';
import type { KnownRole } from './known-role';
import { refOfSubject, runClaims } from './run-claims';

/**
 * How a trust policy Lockstep reads differs from the one lockstep.config.ts resolves, most dangerous first:
 * `rank` orders the findings of one file (see {@link CheckFinding.rank}).
 */
const KINDS = {
  'trust-foreign-owner': 0,
  'trust-principal-changed': 1,
  'trust-other-repo': 2,
  'trust-widened': 3,
  'trust-extra-subject': 4,
  'trust-operator-changed': 5,
  'trust-audience-changed': 6,
  'trust-condition-changed': 7,
  'trust-statement-changed': 8,
  'trust-grant-lost': 9,
  'trust-policy-differs': 10,
} as const;
type Kind = keyof typeof KINDS;

/** One `sub` value of a trust policy, with the operator it is under and its statement. */
interface SubValue {
  readonly operator: string;
  readonly value: string;
  readonly statement: number;
}

// `repo:OWNER/REPO:…`, also in the immutable form `repo:OWNER@ID/REPO@ID:…` (GitHub docs, oidc.md,
// "immutable subject format"); owner and repository may hold wildcards.
const SUB_REPO = /^repo:([^/:@]*)(?:@[^/:]*)?\/([^/:@]*)(?:@[^:]*)?(?::|$)/;

/**
 * Compares the trust policy of every role Lockstep knows — a committed template, an exported policy, or a
 * live policy given with `--trust-policy` — with the one lockstep.config.ts resolves for it. Every
 * difference is an error: a subject, pattern or operator the config doesn't grant (a foreign owner's
 * repository first), a principal, audience or extra condition it doesn't write, and every grant the config
 * declares that the policy no longer admits, with the repository whose workflows break. The fix names the
 * place that restores the policy: `npx projen` for a committed file, a deploy or `terraform apply` for a
 * live role — never lockstep.config.ts for a value that isn't in it.
 *
 * A README promise: `check` proves every job's `sub` is admitted "and nothing else is".
 */
export function trustDrift(roles: readonly KnownRole[], config: ResolvedConfig | undefined): CheckFinding[] {
  const findings: CheckFinding[] = [];
  if (config === undefined) return findings;
  // By name, once: a template holds roles the config doesn't (e.g. CloudFormation execution roles), and
  // searching the config's list for each of them grew with the square of the repositories.
  const byName = new Map<string, ResolvedRole>();
  for (const r of config.roles) if (!byName.has(r.name)) byName.set(r.name, r);
  for (const role of roles) {
    const actual = role.trustPolicy;
    const configured = role.configured ?? byName.get(role.name);
    if (actual === undefined || configured === undefined) continue;
    const expected = configured.trustPolicy;
    if (sameStatements(actual, expected) || canonical(actual) === canonical(expected)) continue;
    const fix = restore(role, configured);
    const out: CheckFinding[] = [];
    const add = (kind: Kind, message: string, extra: { subject?: string; fix?: string } = {}) =>
      out.push({ severity: 'error', code: kind, file: role.source, role: role.name, rank: KINDS[kind], message, fix: extra.fix ?? fix, ...(extra.subject !== undefined ? { subject: extra.subject } : {}) });
    const where = describeOrigin(role);

    // Subjects the policy admits that the config doesn't grant.
    const expectedSubs = subValues(expected);
    const expectedKeys = new Set(expectedSubs.map((s) => `${s.operator}\u0000${s.value}`));
    const expectedValues = new Set(expectedSubs.map((s) => s.value));
    for (const s of subValues(actual)) {
      if (expectedKeys.has(`${s.operator}\u0000${s.value}`)) continue;
      if (expectedValues.has(s.value)) {
        const was = expectedSubs.find((e) => e.value === s.value)!.operator;
        add('trust-operator-changed', `${where} matches sub "${s.value}" with ${s.operator} (statement ${s.statement}), but lockstep.config.ts writes it under ${was}${operatorRisk(s.operator)}`, { subject: s.value });
        continue;
      }
      const added = classifySubject(s, role, configured, config);
      add(added.kind, `${where} admits "${s.value}" (statement ${s.statement}), which lockstep.config.ts does not grant: ${added.who}`, {
        subject: s.value,
        fix: added.onboard !== undefined ? `${fix}; ${added.onboard}` : fix,
      });
    }

    // Grants the config declares that the policy no longer admits: the workflows that present them break.
    const audience = audienceOf(expected);
    const provider = providerOf(expected);
    for (const grant of configured.subjects) {
      // The run's other claims: the generated workflow's job_workflow_ref, when Lockstep generates it.
      const repo = config.repos.find((r) => r.name === grant.repo);
      const generated = repo?.lambdaTests !== undefined;
      const run = repo === undefined ? {} : runClaims({
        repo: repo.fullName,
        repoId: repo.id,
        workflowFile: generated ? REPO_FILES.lambdaTestsWorkflow : '',
        ref: refOfSubject(grant.value, repo.defaultBranch),
        // A grant bound to a workflow file: a run of that file (a pull request's number stands for `*`).
        jobWorkflowRef: grant.workflowRefs?.[0]?.replace(/\*/g, '1'),
      });
      const decision = evaluateTrust(actual, { claims: { ...run, [SUB_KEY]: grant.value, ...(audience !== undefined ? { [AUD_KEY]: audience } : {}) }, principal: provider });
      if (decision.decision === 'allow') continue;
      // A claim Lockstep can't know for a workflow it doesn't generate: the added condition is reported below.
      if (!generated && decision.nearestMiss?.kind === 'missing-claim') continue;
      add('trust-grant-lost', `${where} no longer admits "${grant.value}", which lockstep.config.ts grants ${grantOwner(grant, config)} (${grant.reason}): ${whoBreaks(grant, config)}${grant.operator === 'StringEquals' && decision.nearestMiss !== undefined ? ` (${decision.nearestMiss.message})` : ''}`, {
        subject: grant.value,
      });
    }

    // Everything else a statement says: principal, action, effect, audience, other conditions.
    statementDifferences(actual, expected, where, add);

    if (out.length === 0) {
      add('trust-policy-differs', `${where} differs from the trust policy lockstep.config.ts resolves for ${role.name} (${describeDifference(actual, expected)})`);
    }
    findings.push(...out);
  }
  return findings;
}

function describeOrigin(role: KnownRole): string {
  switch (role.origin) {
    case 'template':
      return 'the committed template\'s trust policy';
    case 'exported':
      return 'the exported trust policy';
    default:
      return 'the live trust policy';
  }
}

/** Where the policy the config resolves comes from again. */
function restore(role: KnownRole, configured: ResolvedRole): string {
  if (role.origin !== 'live') {
    return `run \`npx projen\` to regenerate ${role.source.replace(/ \(.*\)$/, '')} from lockstep.config.ts (generated files are not edited by hand), and commit it`;
  }
  if (configured.managedBy === 'lockstep') return 'deploy the CDK stack (apps/infra) so the role gets the trust policy lockstep.config.ts resolves again';
  if (configured.managedBy === 'terraform') {
    return `\`terraform apply\` the exported ${exportedTrustPolicyFile(role.name)} (assume_role_policy = file(…)) so the role gets the trust policy lockstep.config.ts resolves again`;
  }
  return `apply the exported ${exportedTrustPolicyFile(role.name)} to the role with the code that manages it (${configured.managedBy})`;
}

interface AddedSubject {
  readonly kind: Kind;
  /** Who gets in, in a sentence. */
  readonly who: string;
  /** How to grant it properly, when that is a legitimate wish. */
  readonly onboard?: string;
}

function classifySubject(s: SubValue, role: KnownRole, configured: ResolvedRole, config: ResolvedConfig): AddedSubject {
  const m = SUB_REPO.exec(s.value);
  const owner = config.github.owner;
  const wild = (text: string) => /[*?]/.test(text) && s.operator !== 'StringEquals';
  if (m === null || wild(m[1])) {
    return { kind: 'trust-foreign-owner', who: `workflows of repositories outside ${owner} can present it, so they can assume ${role.name}` };
  }
  const [, o, r] = m;
  if (o.toLowerCase() !== owner.toLowerCase()) {
    return {
      kind: 'trust-foreign-owner',
      who: `${o}/${r} belongs to another owner than ${owner}: whoever can run a workflow there can assume ${role.name}`,
    };
  }
  if (wild(r)) {
    return { kind: 'trust-widened', who: `every repository of ${owner} whose name matches "${r}" can assume ${role.name}, not only the repositories mapped to it` };
  }
  const repo = config.repos.find((x) => x.fullName.toLowerCase() === `${o}/${r}`.toLowerCase());
  if (repo === undefined) {
    return {
      kind: 'trust-other-repo',
      who: `${o}/${r} is not in lockstep.config.ts, so no config decision lets its workflows assume ${role.name}`,
      onboard: `to give ${o}/${r} access, add it to repos in lockstep.config.ts with role: '${configured.name}' and run \`npx projen\``,
    };
  }
  if (repo.role !== configured.name) {
    return {
      kind: 'trust-other-repo',
      who: `lockstep.config.ts maps ${repo.fullName} to the role ${repo.role}, not ${role.name}`,
      onboard: `to move ${repo.name} to this role, set repos.${repo.name}.role to '${configured.name}' in lockstep.config.ts and run \`npx projen\``,
    };
  }
  const granted = configured.subjects.filter((g) => g.repo === repo.name).map((g) => `"${g.value}"`);
  if (wild(s.value.slice(m[0].length - 1))) {
    return { kind: 'trust-widened', who: `it widens ${repo.fullName}'s grants (${granted.join(', ')}) to every matching ref, pull request or environment` };
  }
  return { kind: 'trust-extra-subject', who: `lockstep.config.ts grants ${repo.fullName} only ${granted.join(', ')}` };
}

function operatorRisk(operator: string): string {
  if (/IgnoreCase/i.test(operator)) return ': it also admits refs that differ only in case, which are other refs on GitHub';
  if (/^ForAllValues:|IfExists$|Not/.test(operator)) return ': it holds for tokens it should refuse';
  if (/Like/.test(operator)) return ': "*" and "?" in it now match any text';
  return '';
}

function grantOwner(grant: SubjectGrant, config: ResolvedConfig): string {
  return config.repos.find((r) => r.name === grant.repo)?.fullName ?? grant.repo;
}

function whoBreaks(grant: SubjectGrant, config: ResolvedConfig): string {
  const repo = config.repos.find((r) => r.name === grant.repo);
  if (repo?.lambdaTests !== undefined) return `the generated workflow of ${repo.fullName} is denied when it presents it`;
  return `${repo?.fullName ?? grant.repo}'s own workflows that present it are denied`;
}

function subValues(policy: PolicyDocument): SubValue[] {
  const out: SubValue[] = [];
  policy.Statement.forEach((st, statement) => {
    for (const [operator, block] of Object.entries(st.Condition ?? {})) {
      for (const [key, v] of Object.entries(block)) {
        if (key.trim().toLowerCase() !== SUB_KEY) continue;
        for (const value of list(v)) out.push({ operator, value, statement });
      }
    }
  });
  return out;
}

function audienceOf(policy: PolicyDocument): string | undefined {
  for (const st of policy.Statement) {
    for (const block of Object.values(st.Condition ?? {})) {
      for (const [key, v] of Object.entries(block)) if (key.toLowerCase() === AUD_KEY) return list(v)[0];
    }
  }
  return undefined;
}

function providerOf(policy: PolicyDocument): string | undefined {
  const p = policy.Statement[0]?.Principal;
  if (p === undefined || p === '*') return undefined;
  return list(p.Federated)[0];
}

/** A statement without its `sub` values: what must match the config's statement exactly. */
interface Shape {
  readonly effect: string;
  readonly principal: string;
  readonly action: string;
  /** `OPERATOR key` → sorted values, `sub` excluded (compared above); a `sub` operator appears with no values. */
  readonly conditions: ReadonlyMap<string, string>;
}

function shape(st: PolicyStatement): Shape {
  const conditions = new Map<string, string>();
  for (const [operator, block] of Object.entries(st.Condition ?? {})) {
    for (const [key, v] of Object.entries(block)) {
      const k = key.trim().toLowerCase();
      if (k === SUB_KEY) continue;
      conditions.set(`${operator} ${k}`, JSON.stringify([...new Set(list(v))].sort()));
    }
  }
  return {
    effect: st.Effect,
    principal: describePrincipal(st),
    action: JSON.stringify(sortDeep(st.Action ?? { NotAction: st.NotAction ?? null })),
    conditions,
  };
}

/** A principal in words, e.g. `Federated "arn:…"`; `everyone but …` for NotPrincipal. Canonical: sorted. */
function describePrincipal(st: PolicyStatement): string {
  const p = st.Principal ?? st.NotPrincipal;
  const prefix = st.Principal !== undefined ? '' : 'everyone but ';
  if (p === undefined) return 'no principal';
  if (p === '*') return `${prefix}every principal ("*")`;
  return prefix + Object.keys(p).sort().map((type) => `${type} ${list((p as Record<string, unknown>)[type]).sort().map((v) => `"${v}"`).join(', ')}`).join('; ');
}

type AddFn = (kind: Kind, message: string) => void;

function statementDifferences(actual: PolicyDocument, expected: PolicyDocument, where: string, add: AddFn): void {
  const wanted = expected.Statement.map(shape);
  actual.Statement.forEach((st, i) => {
    const got = shape(st);
    // The config's statement of the same Sid, else of the same position, else its first.
    const j = expected.Statement.findIndex((e) => e.Sid !== undefined && e.Sid === st.Sid);
    const want = wanted[j >= 0 ? j : i] ?? wanted[0];
    if (want === undefined) return;
    if (got.effect !== want.effect || got.action !== want.action) {
      add('trust-statement-changed', `${where}'s statement ${i} is ${st.Effect} ${got.action}, but lockstep.config.ts writes Allow sts:AssumeRoleWithWebIdentity only`);
    }
    if (got.principal !== want.principal) {
      add('trust-principal-changed', `${where}'s statement ${i} trusts ${got.principal}, but lockstep.config.ts trusts only ${want.principal}: tokens of that principal get in`);
    }
    for (const [k, values] of got.conditions) {
      if (want.conditions.get(k) === values) continue;
      const [operator, key] = k.split(' ');
      const wantValues = want.conditions.get(k);
      const kind: Kind = key === AUD_KEY ? 'trust-audience-changed' : 'trust-condition-changed';
      add(kind, wantValues !== undefined
        ? `${where}'s statement ${i} requires ${operator} ${key} ${values}, but lockstep.config.ts writes ${wantValues}`
        : `${where}'s statement ${i} adds the condition ${operator} ${key} ${values}, which lockstep.config.ts does not write`);
    }
    for (const [k, values] of want.conditions) {
      if (got.conditions.has(k)) continue;
      const [operator, key] = k.split(' ');
      const replaced = [...got.conditions.keys()].some((g) => g.endsWith(` ${key}`));
      if (replaced) continue; // reported above, under the operator the policy uses
      add(key === AUD_KEY ? 'trust-audience-changed' : 'trust-condition-changed', `${where}'s statement ${i} drops the condition ${operator} ${key} ${values} that lockstep.config.ts writes${key === AUD_KEY ? ': tokens minted for any audience get in' : ''}`);
    }
  });
}

function describeDifference(actual: PolicyDocument, expected: PolicyDocument): string {
  return actual.Statement.length !== expected.Statement.length
    ? `${actual.Statement.length} statements, the config resolves ${expected.Statement.length}`
    : 'statement ids or the policy version differ';
}

/**
 * Statements written identically: then their {@link canonical} forms, which are made of the statements alone,
 * are equal too. The common case (a template synthesized from the config), answered without sorting.
 */
function sameStatements(actual: PolicyDocument, expected: PolicyDocument): boolean {
  return JSON.stringify(actual.Statement) === JSON.stringify(expected.Statement);
}

function canonical(policy: PolicyDocument): string {
  return JSON.stringify(
    policy.Statement.map((st) => {
      const { Sid: _sid, Condition, ...rest } = st;
      const conditions: Record<string, Record<string, string[]>> = {};
      for (const [operator, block] of Object.entries(Condition ?? {})) {
        const b: Record<string, string[]> = {};
        for (const [key, v] of Object.entries(block)) b[key.trim().toLowerCase()] = [...new Set(list(v))].sort();
        conditions[operator] = b;
      }
      return sortDeep({ ...rest, Condition: conditions });
    }).map((s) => JSON.stringify(s)).sort(),
  );
}

function list(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) {
    if (v.length === 1) return sortDeep(v[0]);
    // Ordered by each element's JSON, written once per element rather than twice per comparison.
    return v
      .map((x) => {
        const sorted = sortDeep(x);
        return { sorted, key: JSON.stringify(sorted) };
      })
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((e) => e.sorted);
  }
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]));
  }
  return v;
}
