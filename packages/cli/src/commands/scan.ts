import * as path from 'node:path';
import type { ParsedArgs } from '../args';
import { compareFindings, formatFinding, type CheckFinding } from '../check-finding';
import { findCheckouts, type Checkout } from '../checkout-workflows';
import { UsageError } from '../cli-error';
import { EXIT, type Command, type Io } from '../command';
import { loadConfig } from '../load-config';
import { RoleCatalog } from '../role-catalog';
import { checkRoleJobs } from '../role-jobs';
import { staticCredentialFindings, staticCredentials, type JobAuth } from '../static-credentials';
import { readWorkflowFile } from '../workflow-file';
import { isRoleStep } from '../workflow-hygiene';
import { displayPath, findWorkspace } from '../workspace';

/** One job of a scanned repository. */
export interface ScannedJob {
  readonly workflow: string;
  readonly job: string;
  readonly auth: JobAuth;
  readonly findings: readonly CheckFinding[];
}

/** One scanned repository checkout. */
export interface ScannedRepo {
  readonly repo: string;
  readonly path: string;
  readonly jobs: readonly ScannedJob[];
}

/** `lockstep scan`: which jobs of which checkouts still use long-lived AWS keys, and which use OIDC. */
export const scan: Command = {
  name: 'scan',
  summary: 'find the workflow jobs that use long-lived AWS keys, and check the ones that use OIDC',
  usage: 'lockstep scan DIR... [--json] [--root DIR]',
  help: `Reads every workflow (.github/workflows/*.yml) of each repository checkout given, or of each checkout in a
folder of checkouts, and tells for every job how it authenticates to AWS: static-keys (long-lived keys from
secrets: configure-aws-credentials key inputs, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN env,
\`aws configure set\`), oidc (a role through GitHub OIDC, checked against its trust policy as \`lockstep check\`
does), or none. The repository is the checkout's git "origin" remote, else its folder name under the config's
owner. Move a repository off keys with \`lockstep migrate REPO --from DIR\`.

Options:
  --json      print {"repositories":[{"repo","path","jobs":[{"workflow","job","auth","findings":[…]}]}]}
  --root DIR  the Lockstep repository (default: found from the current directory)

Exit codes: 0 no job uses static keys, 1 some job does, 2 a usage, file or config error.`,
  options: { json: 'flag', root: 'value' },
  run: (args, io) => runScan(args, io),
};

function runScan(args: ParsedArgs, io: Io): number {
  if (args.positionals.length === 0) throw new UsageError('give at least one repository checkout, or a folder of checkouts');
  const workspace = findWorkspace(io.cwd, args.values.get('root'));
  const config = loadConfig(workspace, io.cwd);
  const catalog = RoleCatalog.load(workspace, config, [], io.cwd);
  const checkouts = args.positionals.flatMap((d) => findCheckouts(path.resolve(io.cwd, d), d, config));
  const repos = checkouts.map((c) => scanCheckout(c, catalog, io.cwd));
  const staticJobs = repos.flatMap((r) => r.jobs).filter((j) => j.auth === 'static-keys').length;
  io.out(args.flags.has('json') ? `${JSON.stringify({ repositories: repos }, null, 2)}\n` : table(repos, staticJobs));
  return staticJobs > 0 ? EXIT.finding : EXIT.ok;
}

/** Every job of one checkout, with how it authenticates and what `check` says about it. */
export function scanCheckout(checkout: Checkout, catalog: RoleCatalog, cwd: string): ScannedRepo {
  const jobs: ScannedJob[] = [];
  for (const file of checkout.workflows) {
    const shown = displayPath(file, cwd);
    const workflow = readWorkflowFile(file, shown);
    const keys = staticCredentials(workflow);
    const keyFindings = staticCredentialFindings(workflow, shown);
    const oidc = checkRoleJobs(workflow, shown, checkout.repo, catalog, false).findings;
    for (const job of workflow.jobs) {
      const withKeys = keys.some((k) => k.job === job.id);
      const auth: JobAuth = withKeys ? 'static-keys' : job.steps.some(isRoleStep) ? 'oidc' : 'none';
      const findings = [
        ...keyFindings.filter((f) => f.job === job.id || (f.job === undefined && withKeys)),
        ...oidc.filter((f) => f.job === job.id),
      ].sort(compareFindings);
      jobs.push({ workflow: shown, job: job.id, auth, findings });
    }
  }
  return { repo: checkout.repo.fullName, path: displayPath(checkout.dir, cwd), jobs };
}

function table(repos: readonly ScannedRepo[], staticJobs: number): string {
  const lines: string[] = [];
  const rows: string[][] = [['REPOSITORY', 'WORKFLOW', 'JOB', 'AUTH', 'ERRORS']];
  const neither: string[] = [];
  for (const r of repos) {
    const aws = r.jobs.filter((j) => j.auth !== 'none');
    if (aws.length === 0) neither.push(r.repo);
    for (const j of aws) rows.push([r.repo, j.workflow, j.job, j.auth, String(j.findings.filter((f) => f.severity === 'error').length)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  if (rows.length > 1) for (const row of rows) lines.push(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  if (neither.length > 0) lines.push('', `No AWS credentials: ${neither.join(', ')}`);
  const errors = repos.flatMap((r) => r.jobs).flatMap((j) => j.findings).filter((f) => f.severity === 'error');
  if (errors.length > 0) lines.push('', ...errors.map(formatFinding));
  lines.push('');
  const migrate = [...new Set(repos.filter((r) => r.jobs.some((j) => j.auth === 'static-keys')).map((r) => r))];
  if (staticJobs > 0) {
    lines.push(`✗ ${staticJobs} job(s) in ${migrate.length} repositor${migrate.length === 1 ? 'y' : 'ies'} use long-lived AWS keys; move each repository with:`);
    for (const r of migrate) lines.push(`    lockstep migrate ${r.repo.split('/')[1]} --from ${r.path}`);
  } else {
    lines.push(`✓ no job uses long-lived AWS keys (${repos.length} repositor${repos.length === 1 ? 'y' : 'ies'} scanned)`);
  }
  return `${lines.join('\n')}\n`;
}
