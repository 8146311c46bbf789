import { auditTrust, type ResolvedConfig, type ResolvedRole } from '@lockstep/model';
import type { CheckFinding } from './check-finding';
import type { KnownRole } from './known-role';
import type { RoleUse } from './role-jobs';
import { subjectGrantValues, unusedGrants } from './trust-grants';

/** Which grants a dead-grant report may speak about. */
export interface GrantScope {
  /**
   * Only grants of these repositories (`owner/repo`, lower case): when only some workflows were checked, the
   * other repositories' grants are not dead just because their workflows weren't read.
   * @default every grant
   */
  readonly repos?: ReadonlySet<string>;
}

const GRANT_REPO = /^repo:([^/:@]+)(?:@[^/:]*)?\/([^/:@]+)(?:@[^:]*)?:/;

/**
 * What is wrong with the trust policies themselves: the model's audit ({@link auditTrust}) of each, and
 * dead grants — `sub` values a role admits that no checked job presents. A grant of a repository whose
 * workflows Lockstep doesn't generate (declared under `subjects` in the config) can't be proven either
 * way: it is reported as `info`, with the reason the config gives.
 */
export function roleFindings(roles: readonly KnownRole[], uses: readonly RoleUse[], config: ResolvedConfig | undefined, scope: GrantScope): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const usesByRole = new Map<KnownRole, RoleUse[]>();
  for (const u of uses) {
    if (u.role === undefined) continue;
    const same = usesByRole.get(u.role);
    if (same !== undefined) same.push(u);
    else usesByRole.set(u.role, [u]);
  }
  for (const role of roles) {
    const policy = role.trustPolicy;
    if (policy === undefined) continue;
    if (!usesByRole.has(role) && subjectGrantValues(policy).length === 0) continue; // e.g. the CloudFormation execution role
    const grants = subjectGrantValues(policy);
    const usedBy = usesByRole.get(role) ?? [];
    const base = { file: role.source, role: role.name };
    const configured = role.configured ?? config?.roles.find((r) => r.name === role.name);
    // A grant the config declares with a written reason is a decision, not news: its audit finding is
    // told once, as information carrying that reason, instead of a warning on every run.
    const declared = (value: string | undefined) => (value === undefined ? undefined : configured?.subjects.find((s) => s.value === value));
    const explained = new Set<string>();
    for (const f of auditTrust(policy, { quota: role.quota })) {
      const message = f.statement !== undefined ? `statement ${f.statement}: ${f.message}` : f.message;
      const grant = f.severity === 'warning' ? declared(f.value) : undefined;
      if (grant !== undefined) {
        explained.add(grant.value);
        findings.push({ ...base, severity: 'info', code: 'declared-grant', subject: grant.value, message: `admits "${grant.value}", which lockstep.config.ts declares for ${grant.repo} with the reason "${grant.reason}"; the audit notes: ${f.message} [${f.code}]` });
        continue;
      }
      findings.push({ ...base, severity: f.severity, code: f.code, message });
    }
    const presented = new Set(usedBy.flatMap((u) => u.subjects.map((s) => s.value)));
    for (const grant of unusedGrants(grants, presented)) {
      // A value the config doesn't grant is a difference from the resolved policy, reported by trustDrift
      // with the fix that restores it (never "remove it from lockstep.config.ts", where it isn't).
      if (configured !== undefined && !configured.subjects.some((s) => s.value === grant.value)) continue;
      if (explained.has(grant.value)) continue;
      const m = GRANT_REPO.exec(grant.value);
      const repoKey = m ? `${m[1]}/${m[2]}`.toLowerCase() : undefined;
      if (scope.repos !== undefined && (repoKey === undefined || !scope.repos.has(repoKey))) continue;
      const repo = repoKey !== undefined ? config?.repos.find((r) => r.fullName.toLowerCase() === repoKey) : undefined;
      const declared = repo?.subjects.find((s) => s.value === grant.value);
      if (repo !== undefined && repo.lambdaTests === undefined && declared !== undefined) {
        findings.push({
          ...base,
          severity: 'info',
          code: 'unverified-grant',
          subject: grant.value,
          message: `admits "${grant.value}" (declared in lockstep.config.ts for ${repo.name}: ${declared.reason}); Lockstep generates no workflow for ${repo.fullName}, so check cannot tell which jobs use it`,
        });
        continue;
      }
      findings.push({
        ...base,
        severity: 'warning',
        code: 'dead-grant',
        subject: grant.value,
        message: `admits "${grant.value}" (statement ${grant.statement}), but no checked job presents it: a grant nobody uses only widens who can assume the role`,
        fix:
          role.origin === 'live'
            ? `remove "${grant.value}" from the live trust policy of ${role.name}, or onboard the workflow that needs it in lockstep.config.ts`
            : deadGrantFix(grant.value, configured),
      });
    }
  }
  return findings;
}

/**
 * A role GitHub workflows assume: one a checked job uses (`used`: the roles of the checked jobs), or whose
 * trust policy admits GitHub subjects.
 */
export function isGitHubRole(role: KnownRole, used: ReadonlySet<KnownRole | undefined>): boolean {
  if (used.has(role)) return true;
  return role.trustPolicy !== undefined && subjectGrantValues(role.trustPolicy).length > 0;
}


/**
 * A config grant no checked job presents: the workflow the config generates for it was edited or is not the
 * one checked, or the trigger that needs it is gone. Regenerating comes first; dropping the trigger is the
 * user's call, named by the config field that grants it.
 */
function deadGrantFix(value: string, configured: ResolvedRole | undefined): string {
  const grant = configured?.subjects.find((s) => s.value === value);
  if (grant === undefined) return 'run `npx projen` to regenerate the trust policy from lockstep.config.ts';
  if (configured?.permissions === 'test-stack-sweeper') {
    return `lockstep.config.ts grants it to ${grant.repo} (${grant.reason}): run \`npx projen\` and sync the sweeper workflow if it was edited, or remove sweeper from lockstep.config.ts if no job needs it`;
  }
  return `lockstep.config.ts grants it to ${grant.repo} (${grant.reason}): run \`npx projen\` if its generated workflow was edited, or drop that trigger from repos.${grant.repo} if no job needs it`;
}
