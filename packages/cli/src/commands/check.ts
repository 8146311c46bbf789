import * as path from 'node:path';
import { REPO_FILES } from '@lockstep/model';
import type { ParsedArgs } from '../args';
import { JsonCache } from '../cache';
import { compareFindings, formatFinding, type CheckFinding } from '../check-finding';
import { UsageError, InputError } from '../cli-error';
import { EXIT, type Command, type Io } from '../command';
import { configDrift } from '../config-drift';
import { loadConfig } from '../load-config';
import { identifyRepo, parseFullName } from '../repo-identity';
import { parseLiveTrustPolicy, RoleCatalog } from '../role-catalog';
import type { KnownRole } from '../known-role';
import { isGitHubRole, roleFindings } from '../role-findings';
import { checkRoleJobs, roleJobs, type RoleUse } from '../role-jobs';
import { trustDrift } from '../trust-drift';
import { followCalls, onlyCalled } from '../called-workflows';
import { readWorkflowFile, type WorkflowFile } from '../workflow-file';
import { stackSetFindings } from '../stack-set-findings';
import { staticCredentialFindings } from '../static-credentials';
import { workflowHygiene } from '../workflow-hygiene';
import { displayPath, findWorkspace, isInside, listDirs, listFiles, type Workspace } from '../workspace';

/** `lockstep check`: the workflows and the trust policies agree, or what differs and how to fix it. */
export const check: Command = {
  name: 'check',
  summary: 'prove that the workflows and the trust policies agree',
  usage: 'lockstep check [--workflow FILE]... [--trust-policy ROLE=FILE]... [--repo OWNER/REPO] [--json] [--verbose] [--root DIR]',
  help: `For every generated workflow (apps/repos/*/.github/workflows/*.yml), or the ones given, finds each job
that assumes an AWS role, derives every \`sub\` claim it can present from the workflow's own \`on:\`
triggers, branches and \`environment:\`, finds the role by its ARN in the synthesized templates
(apps/infra/templates), the exported trust policies (apps/infra/trust-policies) or a live policy, and
evaluates each subject against the role's trust policy.

Errors (exit 1): a subject the role would refuse; a role ARN nothing defines; pull_request_target,
workflow_run or issue_comment on a job with a role; id-token: write at workflow level or on a job that
assumes no role; an action not pinned to a commit SHA; long-lived AWS keys (static-aws-keys); an artifact the config calls for that is missing;
an error of the trust policy audit; a trust policy (committed template, exported policy or live
--trust-policy) that differs from the one lockstep.config.ts resolves for its role. Warnings: grants no checked job presents (dead grants), risky triggers.

Options:
  --workflow FILE          check this workflow file (repeatable), e.g. a copy in the target repository;
                           its repository comes from apps/repos/<repo>/, --repo, or its git "origin" remote
  --trust-policy ROLE=FILE evaluate ROLE (name or ARN) against this live trust policy instead of the
                           generated one (repeatable); FILE is a policy document, \`aws iam get-role\`
                           output, or a URL-encoded document
  --repo OWNER/REPO        the repository the --workflow files belong to
  --json                   print {"ok","errors","warnings","infos","findings":[…],"jobs":[…]}
  --verbose                also print info findings and every evaluated subject
  --root DIR               the Lockstep repository (default: found from the current directory)

Exit codes: 0 everything holds, 1 an error finding, 2 a usage, file or config error.`,
  options: { 'workflow': 'list', 'trust-policy': 'list', 'repo': 'value', 'json': 'flag', 'verbose': 'flag', 'root': 'value' },
  run: (args, io) => runCheck(args, io),
};

/** How `lockstep sync --dry-run` shows a workflow checked in a temporary copy: by the path it would be written to. */
export interface CheckDisplay {
  /** The path to print for a checked workflow file (absolute); default: relative to the current directory. */
  readonly shownAs?: (file: string) => string;
}

/** Runs `lockstep check` with parsed arguments: the command's `run`, also called in-process by `lockstep sync`. */
export function runCheck(args: ParsedArgs, io: Io, display: CheckDisplay = {}): number {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"; give workflow files with --workflow FILE`);
  const live = (args.lists.get('trust-policy') ?? []).map(parseLiveTrustPolicy);
  const repoOption = args.values.get('repo');
  if (repoOption !== undefined) parseFullName(repoOption);
  const explicit = args.lists.get('workflow');
  if (repoOption !== undefined && explicit === undefined) throw new UsageError('--repo applies to --workflow files; give --workflow FILE too');

  const workspace = findWorkspace(io.cwd, args.values.get('root'));
  const config = loadConfig(workspace, io.cwd);
  const files = explicit !== undefined ? explicit.map((f) => path.resolve(io.cwd, f)) : generatedWorkflows(workspace);
  if (files.length === 0 && config === undefined) {
    throw new InputError(`nothing to check: ${displayPath(workspace.reposDir, io.cwd)} holds no workflow and there is no lockstep.config.ts; give --workflow FILE`);
  }
  const catalog = RoleCatalog.load(workspace, config, live, io.cwd);

  const findings: CheckFinding[] = [];
  const uses: RoleUse[] = [];
  const checkedRepos = new Set<string>();
  if (explicit === undefined && config !== undefined) findings.push(...configDrift(config, workspace, catalog, io.cwd), ...stackSetFindings(config, workspace, io.cwd));
  const cache = JsonCache.open<Omit<WorkflowFile, 'file'>>(workspace.root, 'workflows');
  for (const file of files) {
    const shown = display.shownAs?.(file) ?? displayPath(file, io.cwd);
    const read = readWorkflowFile(file, shown, cache);
    findings.push(...workflowHygiene(read, shown));
    findings.push(...staticCredentialFindings(read, shown));
    // A reusable workflow is checked through each caller, whose triggers and repository decide `sub`.
    if (onlyCalled(read)) continue;
    const workflow = followCalls(read, workspace.reposDir, config?.github.owner, (called) => readWorkflowFile(called, displayPath(called, io.cwd), cache));
    if (roleJobs(workflow).length === 0) continue;
    const repo = identifyRepo(file, shown, workspace, config, repoOption);
    checkedRepos.add(repo.fullName.toLowerCase());
    for (const assumption of repo.assumptions) {
      findings.push({ severity: 'info', code: 'assumption', file: shown, message: assumption, fix: 'onboard the repository in lockstep.config.ts to check it exactly' });
    }
    const generated = isInside(file, workspace.reposDir);
    const result = checkRoleJobs(workflow, shown, repo, catalog, generated);
    findings.push(...result.findings);
    uses.push(...result.uses);
  }

  cache.save();

  // Checking chosen files speaks only for their roles and repositories; checking everything, for all roles.
  const roles: KnownRole[] =
    explicit === undefined
      ? catalog.effective()
      : [...new Set([...uses.flatMap((u) => (u.role ? [u.role] : [])), ...catalog.effective().filter((r) => r.origin === 'live')])];
  findings.push(...roleFindings(roles, uses, config, explicit === undefined ? {} : { repos: checkedRepos }));
  // Every policy read (committed, exported, live) against the one the config resolves: "and nothing else".
  findings.push(...trustDrift(explicit === undefined ? catalog.all() : [...new Set([...roles, ...catalog.effective().filter((r) => r.origin === 'live')])], config));
  for (const role of catalog.effective().filter((r) => r.origin === 'live' && !r.configured && !uses.some((u) => u.role === r))) {
    findings.push({
      severity: 'warning',
      code: 'unused-live-policy',
      file: role.source,
      role: role.name,
      message: `--trust-policy names the role "${role.name}", which no checked job assumes, so nothing was evaluated against it`,
      fix: 'give the name or ARN of the role a workflow\'s role-to-assume names',
    });
  }
  findings.sort(compareFindings);

  const count = (s: CheckFinding['severity']) => findings.filter((f) => f.severity === s).length;
  const summary = { errors: count('error'), warnings: count('warning'), infos: count('info') };
  if (args.flags.has('json')) {
    io.out(`${JSON.stringify({ ok: summary.errors === 0, ...summary, findings, jobs: uses.map(jobJson) }, null, 2)}\n`);
  } else {
    io.out(textReport(findings, uses, files.length, roles, summary, args.flags.has('verbose')));
  }
  return summary.errors > 0 ? EXIT.finding : EXIT.ok;
}

/** `apps/repos/<repo>/.github/workflows/*.{yml,yaml}`, sorted. */
function generatedWorkflows(workspace: Workspace): string[] {
  const files: string[] = [];
  for (const repo of listDirs(workspace.reposDir)) {
    const dir = path.join(workspace.reposDir, repo, REPO_FILES.workflowsDir);
    for (const f of listFiles(dir, '.yml', '.yaml')) files.push(path.join(dir, f));
  }
  return files;
}

function jobJson(u: RoleUse): Record<string, unknown> {
  return {
    file: u.file,
    job: u.job,
    line: u.line,
    repo: u.repo,
    roleArn: u.roleArn,
    role: u.role?.name,
    trustPolicy: u.role?.source,
    subjects: u.subjects.map((s) => ({ sub: s.value, reason: s.reason, decision: s.decision })),
  };
}

function textReport(
  findings: readonly CheckFinding[],
  uses: readonly RoleUse[],
  workflows: number,
  roles: readonly KnownRole[],
  summary: { errors: number; warnings: number; infos: number },
  verbose: boolean,
): string {
  const lines: string[] = [];
  if (verbose) {
    for (const u of uses) {
      lines.push(`${u.file}${u.line !== undefined ? `:${u.line}` : ''}: job "${u.job}" assumes ${u.roleArn}${u.role ? ` (trust policy: ${u.role.source})` : ''}`);
      for (const s of u.subjects) lines.push(`    ${s.decision === 'allow' ? 'allowed' : 'DENIED '}  ${s.value}  (${s.reason})`);
    }
    if (uses.length > 0) lines.push('');
  }
  const shown = findings.filter((f) => verbose || f.severity !== 'info');
  for (const f of shown) lines.push(formatFinding(f));
  if (shown.length > 0) lines.push('');
  const subjects = uses.reduce((n, u) => n + u.subjects.length, 0);
  const used = new Set(uses.map((u) => u.role));
  const scope = `${plural(workflows, 'workflow')}, ${plural(uses.length, 'job step')} assuming a role, ${plural(subjects, 'subject')}, ${plural(roles.filter((r) => isGitHubRole(r, used)).length, 'trust policy', 'trust policies')}`;
  const hiddenInfo = !verbose && summary.infos > 0 ? ` (${plural(summary.infos, 'info')}: --verbose shows ${summary.infos === 1 ? 'it' : 'them'})` : '';
  if (summary.errors > 0) {
    lines.push(`✗ lockstep check failed: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} — checked ${scope}${hiddenInfo}`);
  } else {
    lines.push(`✓ lockstep check passed: every subject is admitted by its role — checked ${scope}; ${plural(summary.warnings, 'warning')}${hiddenInfo}`);
  }
  return `${lines.join('\n')}\n`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
