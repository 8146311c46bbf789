import type { ResolvedConfig, ResolvedRole } from '@lockstep/model';
import type { TokenRequest } from './iam-simulator';

/** Why a token is expected to be refused. */
export type DenyKind =
  | 'other-repository'
  | 'other-branch'
  | 'other-environment'
  | 'letter-case'
  | 'other-subject-format'
  | 'other-event'
  | 'wrong-audience'
  | 'wrong-provider';

/** One token and the verdict the role's trust policy must reach. */
export interface TrustCase extends TokenRequest {
  readonly expected: 'Allowed' | 'ImplicitlyDenied';
  /** For a refused token, what makes it wrong. */
  readonly kind?: DenyKind;
}

/**
 * Tokens to try against a role: every subject of every repository mapped to the role (patterns
 * instantiated), and near misses of them — other repositories, branches, environments, letter case,
 * subject formats, events, audiences and providers.
 *
 * A near miss that the role's own grants admit by design (e.g. another branch under `repo:o/r:*`) is
 * expected to be allowed: the expectation is computed from the model's subject list with IAM's
 * `StringEquals` / `StringLike` semantics, independently of the trust policy under test.
 */
export function trustCases(config: ResolvedConfig, role: ResolvedRole): TrustCase[] {
  const env = config.environments.find((e) => e.name === role.environment)!;
  const base = { provider: env.provider.arn, roleArn: role.arn, aud: env.audience };
  const grants = role.subjects;
  const admitted = (sub: string) => grants.some((g) => (g.operator === 'StringEquals' ? g.value === sub : glob(g.value).test(sub)));
  const cases = new Map<string, TrustCase>();
  const add = (sub: string, kind: DenyKind | undefined, extra: Partial<TokenRequest> = {}) => {
    const request = { ...base, ...extra, sub };
    const key = `${request.sub}|${request.aud}|${request.provider}`;
    if (cases.has(key)) return;
    const ok = admitted(sub) && request.aud === env.audience && request.provider === env.provider.arn;
    cases.set(key, { ...request, expected: ok ? 'Allowed' : 'ImplicitlyDenied', kind: ok ? undefined : kind });
  };

  const mine = grants.map((g) => instantiate(g.value));
  for (const repo of config.repos.filter((r) => r.role === role.name)) {
    for (const sub of repo.lambdaTests?.subjects ?? []) add(instantiate(sub), undefined);
  }
  for (const sub of mine) add(sub, undefined);

  for (const repo of config.repos.filter((r) => r.role !== role.name)) {
    for (const g of repo.subjects) add(instantiate(g.value), 'other-repository');
  }
  for (const sub of mine) {
    const parsed = parseSubject(sub);
    if (parsed === undefined) continue;
    const { owner, repo, context } = parsed;
    add(`repo:${owner}/${repo}-evil:${context}`, 'other-repository');
    add(`repo:${owner}/evil:${context}`, 'other-repository');
    add(`repo:${owner}-evil/${repo}:${context}`, 'other-repository');
    add(`repo:${owner}/${repo}:ref:refs/heads/attacker`, 'other-branch');
    add(`repo:${owner}/${repo}:ref:refs/tags/v0.0.0-evil`, 'other-branch');
    const branch = /^ref:refs\/heads\/(.+)$/.exec(context);
    if (branch) {
      add(`repo:${owner}/${repo}:ref:refs/heads/${branch[1]}-evil`, 'other-branch');
      add(`repo:${owner}/${repo}:ref:refs/heads/x/${branch[1]}`, 'other-branch');
    }
    add(`repo:${owner}/${repo}:environment:production`, 'other-environment');
    const environment = /^environment:(.+)$/.exec(context);
    if (environment) {
      add(`repo:${owner}/${repo}:environment:${environment[1]}-evil`, 'other-environment');
      add(`repo:${owner}/${repo}:environment:${swapCase(environment[1])}`, 'letter-case');
    }
    add(`repo:${owner}/${repo}:pull_request`, 'other-event');
    add(sub.toUpperCase(), 'letter-case');
    add(`repo:${swapCase(owner)}/${repo}:${context}`, 'letter-case');
    add(`repo:${owner}/${swapCase(repo)}:${context}`, 'letter-case');
    add(otherFormat(parsed), 'other-subject-format');
    add(sub, 'wrong-audience', { aud: `${env.audience}.evil` });
    add(sub, 'wrong-audience', { aud: 'api://AzureADTokenExchange' });
    add(sub, 'wrong-provider', { provider: env.provider.arn.replace(env.account, '111111111111') });
  }
  return [...cases.values()];
}

interface ParsedSubject {
  readonly owner: string;
  readonly repo: string;
  readonly ownerId?: string;
  readonly repoId?: string;
  readonly context: string;
}

/** `repo:OWNER/REPO:context` or `repo:OWNER@ID/REPO@ID:context`. */
function parseSubject(sub: string): ParsedSubject | undefined {
  const m = /^repo:([^/@:]+)(?:@(\d+))?\/([^/@:]+)(?:@(\d+))?:(.+)$/.exec(sub);
  return m ? { owner: m[1], ownerId: m[2], repo: m[3], repoId: m[4], context: m[5] } : undefined;
}

/** The same context in the other subject format (legacy ↔ immutable). */
function otherFormat(s: ParsedSubject): string {
  return s.ownerId === undefined
    ? `repo:${s.owner}@1000001/${s.repo}@2000002:${s.context}`
    : `repo:${s.owner}/${s.repo}:${s.context}`;
}

/**
 * A realistic subject a `StringLike` pattern admits: `repo:o/r:*` → a branch push, another `*` → a
 * version-like segment, `?` → one character.
 */
function instantiate(pattern: string): string {
  return pattern.replace(/:\*$/, ':ref:refs/heads/feature/x').replace(/\*/g, '1.2.3-rc/x').replace(/\?/g, 'q');
}

/** IAM `StringLike`: `*` any run of characters (including `/` and `:`), `?` exactly one; case-sensitive. */
function glob(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}
