import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { preflightTemplate, type PreflightFinding, type ResolvedConfig } from '@lockstep/model';
import type { ParsedArgs } from '../args';
import { InputError, UsageError } from '../cli-error';
import { EXIT, type Command, type Io } from '../command';
import { githubRemote, readGitCheckout, uncommittedPaths } from '../git-checkout';
import { loadConfig } from '../load-config';
import { unifiedDiff } from '../private/unified-diff';
import { parseFullName } from '../repo-identity';
import { displayPath, findWorkspace, isInside, listDirs, type Workspace } from '../workspace';
import { readSamTemplate } from '../read-sam-template';
import { runCheck } from './check';
import { preflightExit, preflightOptionsFor, preflightReport } from './preflight';

/** `lockstep sync`: deliver a repository's generated files to its local checkout, then check the copies. */
export const sync: Command = {
  name: 'sync',
  summary: "copy a repository's generated files into its local checkout, then check them",
  usage: 'lockstep sync REPO --to DIR [--dry-run] [--force] [--json] [--root DIR]',
  help: `Copies every file Lockstep generates for REPO (apps/repos/<repo>/, e.g. .github/workflows/lambda-tests.yml
and docs/development/testing/lambda-testing.rst) into DIR at the same paths, then runs
\`lockstep check --workflow <each copied workflow> --repo OWNER/REPO\` on the copies and prints its result.

DIR must be the top level of a git checkout whose "origin" remote is REPO on GitHub
(https://github.com/OWNER/REPO.git, git@github.com:OWNER/REPO.git or ssh://git@github.com/OWNER/REPO).
sync only adds and overwrites the generated files: it deletes nothing, writes nothing when the copies are
up to date, and leaves what it writes writable (the originals are read-only). Commit the change in DIR.
It refuses (and writes nothing) when a file it would write holds work not committed in DIR — changed,
staged, deleted, untracked or ignored, i.e. different from DIR's HEAD — unless --force.

  REPO         the repository's key in lockstep.config.ts (python-sdk) or OWNER/REPO
  --to DIR     the local checkout of REPO to copy into
  --dry-run    write nothing: print the unified diff sync would apply (\`git -C DIR apply\` takes it),
               and check the files as they would be written
  --force      overwrite generated files in DIR even when they hold uncommitted work
  --json       print {"ok","repo","to","dryRun","files":[{"path","change"}],"notes","diff","check"}, where
               change is create, update or unchanged and check is \`lockstep check --json\`'s output
  --root DIR   the Lockstep repository (default: found from the current directory)

Exit codes: 0 copied (or already up to date) and the check passes, 1 an error finding of the check, 2 a
usage, file or config error, or a DIR that is not a checkout of REPO (then nothing is written).`,
  options: { 'to': 'value', 'dry-run': 'flag', 'force': 'flag', 'json': 'flag', 'root': 'value' },
  run: runSync,
};

/** The repository to sync and its generated files. */
interface SyncSource {
  /** `OWNER/REPO`, in the config's casing when it is onboarded. */
  readonly fullName: string;
  /** Where that name comes from, for messages: the config, or the REPO argument. */
  readonly namedBy: string;
  /** `apps/repos/<repo>`. */
  readonly dir: string;
  /** Every file under it, relative, with `/`, sorted. */
  readonly files: readonly string[];
}

/** One generated file and what syncing does to its copy. */
interface Copy {
  /** Relative to the repository root, with `/`. */
  readonly path: string;
  readonly target: string;
  readonly change: 'create' | 'update' | 'unchanged';
  readonly before?: Buffer;
  readonly content: Buffer;
}

const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;

function runSync(args: ParsedArgs, io: Io): number {
  const [repoArg, ...extra] = args.positionals;
  if (repoArg === undefined) throw new UsageError('missing REPO: the repository to sync, e.g. python-sdk or honeyhiveai/python-sdk');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"; sync one repository at a time`);
  const to = args.values.get('to');
  if (to === undefined) throw new UsageError(`missing --to DIR: the local checkout of ${repoArg} to copy its generated files into`);
  const dryRun = args.flags.has('dry-run');
  const json = args.flags.has('json');

  const workspace = findWorkspace(io.cwd, args.values.get('root'));
  const config = loadConfig(workspace, io.cwd);
  const source = syncSource(repoArg, workspace, config, io.cwd);
  const dir = path.resolve(io.cwd, to);
  // As the user wrote it: messages then name the checkout the way its owner thinks of it.
  const shownDir = to.replace(/(?<=.)[\\/]+$/, '');
  const { realDir, notes } = verifyCheckout(dir, shownDir, source, io.cwd);
  const copies = source.files.map((rel) => planCopy(source, rel, dir, realDir, shownDir));
  const changed = copies.filter((c) => c.change !== 'unchanged');

  if (!dryRun && !args.flags.has('force')) refuseLocalWork(changed, realDir, shownDir);
  const diff = dryRun ? changed.map(diffOf).join('') : '';
  if (!dryRun) for (const c of changed) writeCopy(c, `${shownDir}/${c.path}`);
  const lines = [...notes.map((n) => `note: ${n}`), ...summary(copies, changed, dryRun, shownDir, source, io.cwd)];
  // Said before checking: should the check fail to run, what was written is already reported.
  if (!json) io.out(`${diff}${lines.join('\n')}\n`);

  const workflows = copies.filter((c) => WORKFLOW.test(c.path));
  const checked = workflows.length > 0 ? checkCopies(workflows, { source, workspace, shownDir, dryRun, json, io }) : undefined;
  const preflighted = preflightCheckout(config, source, dir, shownDir);
  const exit = Math.max(checked?.exit ?? EXIT.ok, preflighted ? preflightExit(preflighted.findings) : EXIT.ok);
  if (json) {
    const check = checked !== undefined ? (JSON.parse(checked.output) as unknown) : null;
    const files = copies.map((c) => ({ path: c.path, change: c.change }));
    const preflight = preflighted ?? null;
    io.out(`${JSON.stringify({ ok: exit === EXIT.ok, repo: source.fullName, to: shownDir, dryRun, files, notes, ...(dryRun ? { diff } : {}), check, preflight }, null, 2)}\n`);
  } else {
    io.out(checked?.output ?? `no workflow among the generated files of ${source.fullName}: nothing to check\n`);
    if (preflighted) io.out(`lockstep preflight ${preflighted.template}:\n${preflightReport(preflighted.template, preflighted.findings)}`);
  }
  return exit;
}

/** SAM's default template names, looked up in the SAM project folder (`sam build` without --template). */
const SAM_TEMPLATES = ['template.yaml', 'template.yml', 'template.json'];

/**
 * `lockstep preflight` on the checkout's SAM template, when the repository has generated lambda tests and its
 * SAM project folder holds one: what its role could not deploy shows before the first run, not in it.
 */
function preflightCheckout(config: ResolvedConfig | undefined, source: SyncSource, dir: string, shownDir: string): { template: string; findings: readonly PreflightFinding[] } | undefined {
  const repo = config?.repos.find((r) => r.fullName.toLowerCase() === source.fullName.toLowerCase());
  if (config === undefined || repo?.lambdaTests === undefined) return undefined;
  const name = SAM_TEMPLATES.find((t) => fs.existsSync(path.join(dir, repo.lambdaTests!.workingDirectory, t)));
  if (name === undefined) return undefined;
  const rel = path.posix.join(repo.lambdaTests.workingDirectory, name);
  const template = `${shownDir}/${rel}`;
  return { template, findings: preflightTemplate(readSamTemplate(path.join(dir, rel), template), preflightOptionsFor(config, repo)) };
}

/** What `checkCopies` needs to know of the sync. */
interface CheckContext {
  readonly source: SyncSource;
  readonly workspace: Workspace;
  readonly shownDir: string;
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly io: Io;
}

/**
 * Runs `lockstep check --workflow <copy>... --repo OWNER/REPO` in this process, on the copies in DIR — or, in
 * a dry run, on scratch copies of what would be written — and returns its exit code and output. Each copy is
 * shown by the path the user gave (`--to ../python-sdk` → `../python-sdk/.github/workflows/…`).
 */
function checkCopies(workflows: readonly Copy[], context: CheckContext): { exit: number; output: string } {
  const { source, workspace, shownDir, dryRun, json, io } = context;
  const output: string[] = [];
  const checkIo: Io = { out: (t) => void output.push(t), err: io.err, cwd: io.cwd };
  const shownAs = new Map<string, string>();
  const run = (files: readonly string[]) =>
    runCheck(
      {
        flags: new Set(json ? ['json'] : []),
        values: new Map([
          ['repo', source.fullName],
          ['root', workspace.root],
        ]),
        lists: new Map([['workflow', files]]),
        positionals: [],
      },
      checkIo,
      { shownAs: (f) => shownAs.get(f) ?? displayPath(f, io.cwd) },
    );
  if (!dryRun) {
    for (const c of workflows) shownAs.set(c.target, `${shownDir}/${c.path}`);
    return { exit: run([...shownAs.keys()]), output: output.join('') };
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-sync-'));
  try {
    const files = workflows.map((c, i) => {
      const file = path.join(scratch, `${i}-${path.basename(c.path)}`);
      fs.writeFileSync(file, c.content);
      shownAs.set(file, `${shownDir}/${c.path}`);
      return file;
    });
    return { exit: run(files), output: output.join('') };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The unified diff that turns the copy in DIR into the generated file (`/dev/null` for a new one). */
function diffOf(copy: Copy): string {
  return unifiedDiff(copy.before?.toString('utf8') ?? '', copy.content.toString('utf8'), {
    old: copy.before !== undefined ? `a/${copy.path}` : '/dev/null',
    new: `b/${copy.path}`,
  });
}

/** REPO resolved against the config (a key or OWNER/REPO) and its generated files, or why there are none. */
function syncSource(arg: string, workspace: Workspace, config: ResolvedConfig | undefined, cwd: string): SyncSource {
  const given = arg.includes('/') ? parseFullName(arg, 'REPO') : { owner: undefined, name: arg };
  if (!/^[A-Za-z0-9._-]+$/.test(given.name) || given.name === '.' || given.name === '..') {
    throw new UsageError(`REPO "${arg}": expected a repository key of lockstep.config.ts or OWNER/REPO, e.g. python-sdk`);
  }
  const inRepos = (name: string) => path.join(workspace.reposDir, name);
  if (config === undefined) {
    if (given.owner === undefined) throw new InputError(`there is no lockstep.config.ts to tell the owner of "${arg}"; give REPO as OWNER/${arg}`);
    const dir = inRepos(given.name);
    const files = filesUnder(dir);
    if (files.length === 0) throw new InputError(`${displayPath(dir, cwd)}/ holds no generated files for ${arg}; generated: ${quoteList(listDirs(workspace.reposDir))}`);
    return { fullName: `${given.owner}/${given.name}`, namedBy: 'REPO', dir, files };
  }
  const wanted = (given.owner === undefined ? given.name : `${given.owner}/${given.name}`).toLowerCase();
  const found = config.repos.find((r) => (given.owner === undefined ? r.name : r.fullName).toLowerCase() === wanted);
  // The platform repositories of the central workflow and of the sweeper get generated files whether or not
  // they are under repos.
  const platform = [config.github.centralWorkflow, config.sweeper].filter((p) => p !== undefined);
  const platformRepo = platform.find((p) => (given.owner === undefined ? p.repo : p.fullName).toLowerCase() === wanted);
  const repo = found ?? (platformRepo ? { name: platformRepo.repo, fullName: platformRepo.fullName, lambdaTests: undefined } : undefined);
  const generated = [...new Set([...config.repos.filter((r) => r.lambdaTests !== undefined).map((r) => r.name), ...platform.map((p) => p.repo)])];
  if (repo === undefined) {
    const known = `expected one of ${quoteList(config.repos.map((r) => r.name))}`;
    if (given.owner !== undefined && given.owner.toLowerCase() !== config.github.owner.toLowerCase()) {
      throw new InputError(`"${arg}" is not onboarded: lockstep.config.ts onboards repositories of ${config.github.owner} only; ${known}`);
    }
    throw new InputError(`"${arg}" is not onboarded: lockstep.config.ts has no repos.${given.name}; ${known} (to onboard it, add it under repos in lockstep.config.ts and run \`npx projen\`)`);
  }
  if (repo.lambdaTests === undefined && platformRepo === undefined) {
    const others = generated.length > 0 ? `repositories with generated files: ${quoteList(generated)}` : 'no repository has generated files';
    throw new InputError(`nothing is generated for ${repo.fullName}: repos.${repo.name} in lockstep.config.ts has no lambdaTests (its own workflows assume the role; the config only lists their subjects), so there is nothing to sync; ${others}`);
  }
  const dir = inRepos(repo.name);
  const files = filesUnder(dir);
  if (files.length === 0) throw new InputError(`${displayPath(dir, cwd)}/ holds no generated files for ${repo.fullName}; run \`npx projen\` to generate them`);
  return { fullName: repo.fullName, namedBy: 'lockstep.config.ts', dir, files };
}

/**
 * DIR is the top level of a git checkout whose origin is the repository (owner and name compared without
 * case, as GitHub does); returns its real path, and a note when the casing differs.
 */
function verifyCheckout(dir: string, to: string, source: SyncSource, cwd: string): { realDir: string; notes: string[] } {
  const clone = `git clone https://github.com/${source.fullName}.git ${shellWord(to)}`;
  let realDir: string;
  try {
    realDir = fs.realpathSync(dir);
  } catch {
    throw new InputError(`--to ${to}: no such directory; clone the repository first: ${clone}`);
  }
  if (!fs.statSync(realDir).isDirectory()) throw new InputError(`--to ${to}: not a directory; give the local checkout of ${source.fullName}`);
  const found = readGitCheckout(realDir);
  if ('problem' in found) throw new InputError(`--to ${to}: not a git checkout (git: ${found.problem}); give a clone of ${source.fullName}: ${clone}`);
  const top = realPath(found.checkout.top);
  if (top !== realDir) {
    throw new InputError(`--to ${to}: a folder inside the checkout ${displayPath(top, cwd)}, not its top level; give --to ${shellWord(displayPath(top, cwd))} (the files go to paths from the repository root)`);
  }
  // A token in an https remote (https://x-access-token:…@github.com/…) must not end up in a message.
  const origin = found.checkout.origin?.replace(/^(https?:\/\/)[^@/]+@/i, '$1');
  if (origin === undefined) {
    throw new InputError(`--to ${to}: the checkout has no "origin" remote to show it is ${source.fullName}; add it: git -C ${shellWord(to)} remote add origin https://github.com/${source.fullName}.git`);
  }
  const remote = githubRemote(origin);
  if (remote === undefined) {
    throw new InputError(`--to ${to}: its "origin" remote ${origin} is not a GitHub repository; expected ${source.fullName} (https://github.com/${source.fullName}.git or git@github.com:${source.fullName}.git)`);
  }
  const named = `${remote.owner}/${remote.name}`;
  if (named.toLowerCase() !== source.fullName.toLowerCase()) {
    throw new InputError(`--to ${to}: a checkout of ${named} (origin ${origin}), not ${source.fullName}; give --to a checkout of ${source.fullName}`);
  }
  const notes =
    named === source.fullName
      ? []
      : [
          `origin names ${named}, ${source.namedBy} ${source.fullName}: one repository to GitHub, which ignores case, but IAM compares the token's sub case-sensitively and GitHub writes it in the repository's canonical casing; make sure ${source.namedBy} spells it as GitHub shows it`,
        ];
  return { realDir, notes };
}

/** What syncing `rel` does to its copy in DIR; refuses to write through a symbolic link or over a directory. */
function planCopy(source: SyncSource, rel: string, dir: string, realDir: string, to: string): Copy {
  const target = path.join(dir, ...rel.split('/'));
  const shown = `${to}/${rel}`;
  const content = fs.readFileSync(path.join(source.dir, ...rel.split('/')));
  // The nearest existing folder must be inside the checkout: a symbolic link could lead the write elsewhere.
  let ancestor = path.dirname(target);
  while (!fs.existsSync(ancestor)) ancestor = path.dirname(ancestor);
  const realAncestor = realPath(ancestor);
  if (realAncestor !== realDir && !isInside(realAncestor, realDir)) {
    throw new InputError(`${shown}: ${displayPath(ancestor, dir)} leads out of the checkout (a symbolic link); sync writes only inside ${to}`);
  }
  if (!fs.statSync(realAncestor).isDirectory()) throw new InputError(`${shown}: ${displayPath(ancestor, dir)} is a file, where the generated file needs a folder`);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(target);
  } catch {
    stat = undefined;
  }
  if (stat === undefined) return { path: rel, target, change: 'create', content };
  if (stat.isSymbolicLink()) throw new InputError(`${shown}: a symbolic link; sync writes only regular files: remove it and sync again`);
  if (!stat.isFile()) throw new InputError(`${shown}: not a regular file, where the generated file goes; move it away and sync again`);
  const before = fs.readFileSync(target);
  return { path: rel, target, change: before.equals(content) ? 'unchanged' : 'update', before, content };
}

/**
 * Throws, before anything is written, when a file sync would write holds work not committed in the
 * checkout: overwriting it would lose that work with no copy in git. Names every such file.
 */
function refuseLocalWork(changed: readonly Copy[], realDir: string, shownDir: string): void {
  const local = uncommittedPaths(realDir, changed.map((c) => c.path));
  if (local.size === 0) return;
  const what = (status: string) =>
    status === '??' ? 'untracked' : status === '!!' ? 'ignored by git' : status.includes('D') ? 'deleted, not committed' : 'changed, not committed';
  const files = [...local].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rel, status]) => `${shownDir}/${rel} (${what(status)})`);
  throw new InputError(
    `${files.join(', ')}: sync would overwrite work that is not committed in ${shownDir}, so it wrote nothing; commit or stash it (git -C ${shellWord(shownDir)} stash), or pass --force to overwrite`,
  );
}

/** Writes the content, not the mode: the copy stays (or is made) writable, unlike the read-only original. */
function writeCopy(copy: Copy, shown: string): void {
  try {
    fs.mkdirSync(path.dirname(copy.target), { recursive: true });
    if (copy.change === 'update') {
      const mode = fs.statSync(copy.target).mode;
      if ((mode & 0o200) === 0) fs.chmodSync(copy.target, (mode & 0o7777) | 0o200);
    }
    fs.writeFileSync(copy.target, copy.content);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${shown}: cannot write it (${err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : (err.code ?? err.message)})`);
  }
}

function summary(copies: readonly Copy[], changed: readonly Copy[], dryRun: boolean, to: string, source: SyncSource, cwd: string): string[] {
  const command = dryRun ? 'lockstep sync --dry-run' : 'lockstep sync';
  if (changed.length === 0) {
    return [`${command}: ${to} is up to date with ${displayPath(source.dir, cwd)}/ (${plural(copies.length, 'file')}); nothing ${dryRun ? 'to write' : 'written'}`];
  }
  const count = (change: Copy['change']) => copies.filter((c) => c.change === change).length;
  const counts = `${count('create')} created, ${count('update')} updated, ${count('unchanged')} unchanged`;
  if (dryRun) return [`${command}: would write ${plural(changed.length, 'file')} of ${source.fullName} into ${to} (${counts}); nothing written`];
  return [
    ...changed.map((c) => `${c.change === 'create' ? 'created' : 'updated'} ${to}/${c.path}`),
    `${command}: wrote ${plural(changed.length, 'file')} of ${source.fullName} into ${to} (${counts}); review and commit them there: git -C ${shellWord(to)} status`,
  ];
}

/** Every regular file under `dir`, relative with `/`, sorted; none when it doesn't exist. */
function filesUnder(dir: string, rel = ''): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) files.push(...filesUnder(dir, child));
    else if (entry.isFile()) files.push(child);
  }
  return files.sort();
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function quoteList(names: readonly string[]): string {
  return names.length > 0 ? names.map((n) => `"${n}"`).join(', ') : 'none';
}

/** A path as one shell word, for the commands a message suggests. */
function shellWord(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, "'\\''")}'`;
}

function plural(n: number, one: string): string {
  return `${n} ${n === 1 ? one : `${one}s`}`;
}
