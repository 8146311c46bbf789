import * as fs from 'node:fs';
import * as path from 'node:path';
import { roleArn, type ResolvedConfig, type SubjectsConfig } from '@lockstep/model';
import type { ParsedArgs } from '../args';
import { formatFinding, type CheckFinding } from '../check-finding';
import { checkoutAt } from '../checkout-workflows';
import { InputError, UsageError } from '../cli-error';
import { EXIT, type Command, type Io } from '../command';
import { addConfigEntries } from '../config-edit';
import { loadConfig } from '../load-config';
import { readTextFile } from '../read-text-file';
import { planFileMigration, subjectsConfigFor, type FileMigration } from '../migrate-plan';
import { unifiedDiff } from '../private/unified-diff';
import { parseWorkflow } from '../workflow-file';
import { workflowHygiene } from '../workflow-hygiene';
import { displayPath, findWorkspace } from '../workspace';

/** `lockstep migrate`: one repository's workflows moved off long-lived AWS keys, and its config entry. */
export const migrate: Command = {
  name: 'migrate',
  summary: 'move one repository\'s workflows from long-lived AWS keys to a role through GitHub OIDC',
  usage: 'lockstep migrate REPO --from DIR [--role NAME] [--environment NAME] [--write] [--json] [--root DIR]',
  help: `Reads the workflows of the checkout DIR of repository REPO and, for every job that authenticates with
long-lived AWS keys: derives the subjects it presents from its own triggers, branch filters and environment
(as \`lockstep check\` does), and rewrites it in place to assume a role through GitHub OIDC — job-level
permissions with id-token: write (keeping its other permissions; contents: read where it relied on
defaults), aws-actions/configure-aws-credentials pinned by SHA with role-to-assume, aws-region and audience,
and the key inputs, AWS_* env entries and \`aws configure set\` lines removed. Every other byte of each file
stays as it was. Jobs on pull_request_target, workflow_run or issue_comment are refused; jobs that pass keys
to a reusable workflow, another action or a script are listed with what to do by hand.

Without --write it prints the config entry that admits exactly those subjects and a unified diff, and
changes nothing. With --write it writes the workflows and adds the entry to lockstep.config.ts (when the
config is a plain object literal; otherwise it prints the entry to paste and says why). Then: run
\`npx projen\`, deploy the role, merge the rewritten workflows, and delete the secrets.

Options:
  --from DIR          the repository's checkout (required)
  --role NAME         a role of the config to share (Option A), or the name of a new dedicated role
                      (Option B); default: a new dedicated role GitHubActionsOIDCRole-<Repo>
  --environment NAME  the AWS environment of a new role (default: the config's only environment)
  --write             write the files instead of printing the diff
  --json              print {"repo","role","entry","files":[…],"refused":[…],"manual":[…],"followUps":[…]}
  --root DIR          the Lockstep repository (default: found from the current directory)

Exit codes: 0 every credentialed job migrated (or none had keys), 1 a job refused or left for work by hand,
2 a usage, file or config error.`,
  options: { from: 'value', role: 'value', environment: 'value', write: 'flag', json: 'flag', root: 'value' },
  run: (args, io) => runMigrate(args, io),
};

/** The role a migration assumes. */
interface RoleChoice {
  readonly name: string;
  readonly arn: string;
  /** Whether the config has to gain it. */
  readonly isNew: boolean;
  readonly environment: string;
  readonly region: string;
  readonly audience: string;
}

function runMigrate(args: ParsedArgs, io: Io): number {
  if (args.positionals.length !== 1) throw new UsageError('give one repository name, e.g. lockstep migrate hive-kube --from ../hive-kube');
  const from = args.values.get('from');
  if (from === undefined) throw new UsageError('give the repository\'s checkout with --from DIR');
  const name = args.positionals[0].includes('/') ? args.positionals[0].split('/')[1] : args.positionals[0];
  const workspace = findWorkspace(io.cwd, args.values.get('root'));
  const config = loadConfig(workspace, io.cwd);
  if (config === undefined || workspace.configFile === undefined) throw new InputError('migrate needs lockstep.config.ts (its environments and roles); run it in the Lockstep repository or give --root DIR');
  const dir = path.resolve(io.cwd, from);
  if (!fs.existsSync(dir)) throw new InputError(`--from ${from}: no such directory`);
  const checkout = checkoutAt(dir, config, name);
  if (checkout.workflows.length === 0) throw new InputError(`--from ${from}: no workflow in .github/workflows`);
  const role = chooseRole(config, name, args.values.get('role'), args.values.get('environment'));

  const files = checkout.workflows.map((file) =>
    planFileMigration(displayPath(file, io.cwd), readTextFile(file, 'workflow file', displayPath(file, io.cwd)), {
      repo: checkout.repo,
      roleArn: role.arn,
      region: role.region,
      audience: role.audience,
    }),
  );
  const subjects = subjectsConfigFor([...new Set(files.flatMap((f) => f.subjects.map((s) => s.value)))], checkout.repo);
  const migrated = files.filter((f) => f.migrated.length > 0);
  const refused = files.flatMap((f) => f.refused);
  const manual = files.flatMap((f) => f.manual);
  const followUps = files.flatMap((f) => followUpsOf(f));
  // Headers name the file inside the checkout (a/.github/workflows/x.yml), as git does, so that the
  // printed diff applies with `git apply` there wherever migrate was run from.
  const diffOf = (f: FileMigration): string => {
    const inCheckout = path.relative(dir, path.resolve(io.cwd, f.file)).split(path.sep).join('/');
    return unifiedDiff(f.before, f.after, { old: `a/${inCheckout}`, new: `b/${inCheckout}` });
  };
  const onboarded = config.repos.some((r) => r.name === checkout.repo.name);
  const entry = migrated.length === 0 ? undefined : entryText(checkout.repo.name, role, subjects);

  let configNote: string | undefined;
  let configWritten = false;
  if (args.flags.has('write')) {
    for (const f of migrated) fs.writeFileSync(path.resolve(io.cwd, f.file), f.after);
    if (entry !== undefined) {
      if (onboarded) {
        configNote = `${checkout.repo.name} is already in lockstep.config.ts: merge these subjects into its entry by hand`;
      } else {
        const result = addConfigEntries(fs.readFileSync(workspace.configFile, 'utf8'), entry);
        if (result.ok) {
          fs.writeFileSync(workspace.configFile, result.text);
          configWritten = true;
        } else {
          configNote = `lockstep.config.ts was not changed: ${result.reason}; paste the entry above`;
        }
      }
    }
  } else if (entry !== undefined && onboarded) {
    configNote = `${checkout.repo.name} is already in lockstep.config.ts: merge these subjects into its entry by hand`;
  }

  if (args.flags.has('json')) {
    io.out(`${JSON.stringify({
      repo: checkout.repo.fullName,
      role: { name: role.name, arn: role.arn, new: role.isNew },
      entry: entry === undefined ? undefined : { roles: entry.role, repos: entry.repo, subjects },
      configWritten,
      configNote,
      files: files.map((f) => ({ file: f.file, migrated: f.migrated, diff: diffOf(f) })),
      refused,
      manual,
      followUps,
    }, null, 2)}\n`);
  } else {
    io.out(report(checkout.repo.fullName, role, files, diffOf, entry, refused, manual, followUps, args.flags.has('write'), configWritten, configNote));
  }
  return refused.length > 0 || manual.length > 0 ? EXIT.finding : EXIT.ok;
}

/** `--role` as an existing role (Option A) or a new one (Option B), with its ARN, region and audience. */
function chooseRole(config: ResolvedConfig, repo: string, wanted: string | undefined, environmentName: string | undefined): RoleChoice {
  const name = wanted ?? `GitHubActionsOIDCRole-${repo.split(/[^A-Za-z0-9]+/).filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join('')}`;
  const existing = config.roles.find((r) => r.name === name);
  if (existing !== undefined) {
    const env = config.environments.find((e) => e.name === existing.environment)!;
    return { name, arn: existing.arn, isNew: false, environment: env.name, region: env.region, audience: env.audience };
  }
  if (!/^[\w+=,.@-]{1,64}$/.test(name)) throw new UsageError(`--role "${name}": a role name is 1–64 of letters, digits and +=,.@_-`);
  const choices = config.environments.map((e) => `"${e.name}"`).join(', ');
  const env = environmentName !== undefined ? config.environments.find((e) => e.name === environmentName) : config.environments.length === 1 ? config.environments[0] : undefined;
  if (env === undefined) {
    throw new UsageError(environmentName !== undefined ? `--environment "${environmentName}" is not a configured environment; expected one of ${choices}` : `the config has several environments; pick the new role's with --environment (one of ${choices})`);
  }
  return { name, arn: roleArn(env.partition, env.account, '/', name), isNew: true, environment: env.name, region: env.region, audience: env.audience };
}

function entryText(repo: string, role: RoleChoice, subjects: SubjectsConfig): { role?: string; repo: string } {
  const list = (values: readonly string[]) => `[${values.map(quote).join(', ')}]`;
  const parts = [
    ...(subjects.pullRequest ? ['pullRequest: true'] : []),
    ...(subjects.branches ? [`branches: ${list(subjects.branches)}`] : []),
    ...(subjects.tags ? [`tags: ${list(subjects.tags)}`] : []),
    ...(subjects.environments ? [`environments: ${list(subjects.environments)}`] : []),
    ...(subjects.custom ? [`custom: ${list(subjects.custom)}`] : []),
  ];
  return {
    // A role for existing workflows keeps the permissions its owner gives it (those of the keys it replaces):
    // Lockstep exports its trust policy rather than guessing what the workflows do.
    role: role.isNew ? `${quote(role.name)}: { environment: ${quote(role.environment)}, managedBy: 'external', description: ${quote(`GitHub OIDC role of ${repo}, replacing its long-lived keys`)} },` : undefined,
    repo: `${quote(repo)}: { role: ${quote(role.name)}, subjects: { ${parts.join(', ')} } },`,
  };
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, '\\\'')}'`;
}

/** Findings the rewritten file still has that the original had too (migrate leaves them), e.g. unpinned actions. */
function followUpsOf(f: FileMigration): CheckFinding[] {
  if (f.migrated.length === 0) return [];
  const before = new Set(workflowHygiene(parseWorkflow(f.before, f.file, f.file), f.file).map((x) => `${x.code}|${x.message}`));
  return workflowHygiene(parseWorkflow(f.after, f.file, f.file), f.file).filter((x) => before.has(`${x.code}|${x.message}`));
}

function report(
  repo: string,
  role: RoleChoice,
  files: readonly FileMigration[],
  diffOf: (f: FileMigration) => string,
  entry: { role?: string; repo: string } | undefined,
  refused: readonly { file: string; job: string; reason: string }[],
  manual: readonly { file: string; job: string; reason: string }[],
  followUps: readonly CheckFinding[],
  write: boolean,
  configWritten: boolean,
  configNote: string | undefined,
): string {
  const lines: string[] = [];
  const migrated = files.filter((f) => f.migrated.length > 0);
  if (entry !== undefined) {
    lines.push(`lockstep.config.ts${configWritten ? ' (written)' : ''}: ${role.isNew ? `a new role (Option B) ${role.name} in "${role.environment}"` : `the existing role ${role.name} (Option A)`}`);
    if (entry.role !== undefined) lines.push('  roles: {', `    ${entry.role}`, '  },');
    lines.push('  repos: {', `    ${entry.repo}`, '  },', '');
    if (configNote !== undefined) lines.push(configNote, '');
  }
  for (const f of migrated) {
    if (write) lines.push(`wrote ${f.file}: job ${f.migrated.map((j) => `"${j}"`).join(', ')} assume${f.migrated.length === 1 ? 's' : ''} ${role.arn}`);
    else lines.push(diffOf(f).trimEnd());
  }
  if (migrated.length > 0) lines.push('');
  for (const r of refused) lines.push(`${r.file}: refused: job "${r.job}": ${r.reason}`);
  for (const m of manual) lines.push(`${m.file}: by hand: job "${m.job}": ${m.reason}`);
  if (followUps.length > 0) {
    lines.push('', 'Follow-ups the original files already had (migrate leaves them):');
    for (const f of followUps) lines.push(formatFinding(f));
  }
  if (refused.length + manual.length > 0) lines.push('');
  if (migrated.length === 0 && refused.length + manual.length === 0) {
    lines.push(`✓ ${repo}: no job uses long-lived AWS keys; nothing to migrate`);
  } else if (migrated.length > 0) {
    const next = write
      ? `next: npx projen, deploy ${role.name}${role.isNew ? ' (managed outside Lockstep: create it from its exported trust policy, with the permissions the keys had)' : ''}, merge the rewritten workflows, then delete the secrets`
      : 'run again with --write to apply';
    lines.push(`${refused.length + manual.length > 0 ? '✗' : '✓'} ${repo}: ${migrated.reduce((n, f) => n + f.migrated.length, 0)} job(s) migrated${refused.length + manual.length > 0 ? `, ${refused.length} refused, ${manual.length} left for work by hand` : ''}; ${next}`);
  } else {
    lines.push(`✗ ${repo}: nothing migrated: ${refused.length} refused, ${manual.length} left for work by hand`);
  }
  return `${lines.join('\n')}\n`;
}
