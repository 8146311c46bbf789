import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectOneLineError, LONG, makeWorkspace, removeTemps, runAll, tempDir, type CliResult, type Workspace } from '../support/workspace';

const WORKFLOW = '.github/workflows/lambda-tests.yml';
const DOCS = 'docs/development/testing/lambda-testing.rst';

/** A workspace as `npx projen` leaves it: the workflow and the docs page of python-sdk, both read-only. */
function generated(change: (workflow: string) => string = (t) => t): Workspace {
  const w = makeWorkspace();
  w.edit(w.workflow('python-sdk'), change);
  const docs = w.file('apps/repos/python-sdk', DOCS);
  fs.mkdirSync(path.dirname(docs), { recursive: true });
  fs.writeFileSync(docs, 'Lambda tests against AWS\n========================\n\nGenerated from lockstep.config.ts.\n');
  for (const file of [w.workflow('python-sdk'), docs]) fs.chmodSync(file, 0o444);
  return w;
}

/** A local checkout: `git init` with an `origin` remote, and optionally files already in it (committed with `commit`). */
function checkout(origin: string | undefined, files: Record<string, string> = {}, commit = false): string {
  const dir = path.join(tempDir('lockstep-target-'), 'python-sdk');
  execFileSync('git', ['init', '-q', dir]);
  if (origin !== undefined) execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', origin]);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  if (commit) {
    execFileSync('git', ['-C', dir, 'add', '-A']);
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'files']);
  }
  return dir;
}

/** A checkout whose workflow was committed as generated, then changed by hand and not committed. */
function withLocalWork(): string {
  const dir = checkout(HTTPS, { [WORKFLOW]: original }, true);
  fs.writeFileSync(path.join(dir, WORKFLOW), handEdit(original));
  return dir;
}

const read = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');
const HTTPS = 'https://github.com/honeyhiveai/python-sdk.git';

const w = generated();
const original = read(w.file('apps/repos/python-sdk'), WORKFLOW);
const handEdit = (t: string) => t.replace('      - main', '      - main\n      - develop');
const branchAdded = generated(handEdit);

const fresh = checkout(HTTPS, { 'README.md': '# python-sdk\n', '.github/workflows/ci.yml': 'name: ci\n' });
const drafted = checkout(HTTPS, { [WORKFLOW]: handEdit(original) });
// A hand edit that was committed: git keeps it, so sync may overwrite it.
const edited = checkout('git@github.com:honeyhiveai/python-sdk.git', { [WORKFLOW]: handEdit(original) }, true);
fs.chmodSync(path.join(edited, WORKFLOW), 0o444);
const forJson = checkout('ssh://git@github.com/honeyhiveai/python-sdk');
const cased = checkout('https://github.com/HoneyHiveAI/Python-SDK');
const failing = checkout(HTTPS);
const other = checkout('https://x-access-token:SECRET@github.com/honeyhiveai/other.git');
const noOrigin = checkout(undefined);
const notGit = tempDir('lockstep-plain-');
const dirty = withLocalWork();
const dirtyForced = withLocalWork();
const untracked = checkout(HTTPS, { [WORKFLOW]: handEdit(original) });
const staged = withLocalWork();
execFileSync('git', ['-C', staged, 'add', WORKFLOW]);
// Checkouts with a SAM template in python-sdk's SAM project folder (lambdaTests.workingDirectory, tests/lambda).
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/sam', name), 'utf8');
const deployable = checkout(HTTPS, { 'tests/lambda/template.yaml': fixture('hello-world.yaml') });
const undeployable = checkout(HTTPS, { 'tests/lambda/template.yml': fixture('unsupported.yaml') });

const cases = {
  fresh: [['sync', 'python-sdk', '--to', path.relative(w.root, fresh)], w.root],
  dryRun: [['sync', 'honeyhiveai/python-sdk', '--to', drafted, '--dry-run'], w.root],
  edited: [['sync', 'python-sdk', '--to', edited], w.root],
  json: [['sync', 'python-sdk', '--to', forJson, '--json'], w.root],
  cased: [['sync', 'python-sdk', '--to', cased], w.root],
  failing: [['sync', 'python-sdk', '--to', failing], branchAdded.root],
  notGit: [['sync', 'python-sdk', '--to', notGit], w.root],
  subdirectory: [['sync', 'python-sdk', '--to', path.join(fresh, '.github')], w.root],
  other: [['sync', 'python-sdk', '--to', other], w.root],
  noOrigin: [['sync', 'python-sdk', '--to', noOrigin], w.root],
  unknown: [['sync', 'js-sdk', '--to', fresh], w.root],
  notGenerated: [['sync', 'deployments', '--to', fresh], w.root],
  missingTo: [['sync', 'python-sdk'], w.root],
  missingRepo: [['sync', '--to', fresh], w.root],
  dirty: [['sync', 'python-sdk', '--to', dirty], w.root],
  dirtyForced: [['sync', 'python-sdk', '--to', dirtyForced, '--force'], w.root],
  untracked: [['sync', 'python-sdk', '--to', untracked], w.root],
  staged: [['sync', 'python-sdk', '--to', staged], w.root],
  deployable: [['sync', 'python-sdk', '--to', deployable], w.root],
  undeployable: [['sync', 'python-sdk', '--to', undeployable], w.root],
  undeployableJson: [['sync', 'python-sdk', '--to', undeployable, '--json', '--dry-run'], w.root],
} satisfies Record<string, [string[], string]>;
let results: Record<keyof typeof cases | 'again', CliResult>;
let mtimeAfterFirst: number;

beforeAll(async () => {
  const first = await runAll(cases);
  mtimeAfterFirst = fs.statSync(path.join(fresh, WORKFLOW)).mtimeMs;
  results = { ...first, ...(await runAll({ again: [['sync', 'python-sdk', '--to', fresh], w.root] })) };
}, LONG);
afterAll(removeTemps);

describe('lockstep sync', () => {
  it('copies every generated file to its path in the checkout, then checks the copies', () => {
    const r = results.fresh;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(read(fresh, WORKFLOW)).toBe(original);
    expect(read(fresh, DOCS)).toBe(read(w.file('apps/repos/python-sdk'), DOCS));
    expect(r.stdout).toMatch(/^created \.\.\/lockstep-target-\w+\/python-sdk\/\.github\/workflows\/lambda-tests\.yml$/m);
    expect(r.stdout).toMatch(/^lockstep sync: wrote 2 files of honeyhiveai\/python-sdk into \S+ \(2 created, 0 updated, 0 unchanged\)/m);
    expect(r.stdout).toMatch(/^✓ lockstep check passed: every subject is admitted by its role — checked 1 workflow, 1 job step assuming a role, 2 subjects, 1 trust policy/m);
  });

  it('leaves the copies writable although the generated originals are read-only', () => {
    expect(fs.statSync(path.join(w.file('apps/repos/python-sdk'), WORKFLOW)).mode & 0o222).toBe(0);
    fs.accessSync(path.join(fresh, WORKFLOW), fs.constants.W_OK);
    fs.accessSync(path.join(fresh, DOCS), fs.constants.W_OK);
  });

  it('deletes nothing else in the checkout', () => {
    expect(read(fresh, 'README.md')).toBe('# python-sdk\n');
    expect(read(fresh, '.github/workflows/ci.yml')).toBe('name: ci\n');
  });

  it('writes nothing when the copies are up to date, and says so', () => {
    expect(results.again.status).toBe(0);
    expect(results.again.stdout).toMatch(/^lockstep sync: \S+ is up to date with apps\/repos\/python-sdk\/ \(2 files\); nothing written$/m);
    expect(results.again.stdout).toMatch(/^✓ lockstep check passed/m);
    expect(fs.statSync(path.join(fresh, WORKFLOW)).mtimeMs).toBe(mtimeAfterFirst);
  });

  it('prints with --dry-run the diff that reverts a hand edit and adds a missing file, and writes nothing', () => {
    const r = results.dryRun;
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`--- a/${WORKFLOW}\n+++ b/${WORKFLOW}\n@@ -`);
    expect(r.stdout).toMatch(/^ {7}- main\n- {6}- develop\n/m);
    expect(r.stdout).toContain(`--- /dev/null\n+++ b/${DOCS}\n@@ -0,0 +1,4 @@\n+Lambda tests against AWS\n`);
    expect(r.stdout).toMatch(/^lockstep sync --dry-run: would write 2 files of honeyhiveai\/python-sdk into \S+ \(1 created, 1 updated, 0 unchanged\); nothing written$/m);
    expect(r.stdout).toMatch(/^✓ lockstep check passed/m);
    expect(read(drafted, WORKFLOW)).toBe(handEdit(original));
    expect(fs.existsSync(path.join(drafted, DOCS))).toBe(false);
  });

  it('prints a diff that git apply takes', () => {
    const patch = results.dryRun.stdout.slice(0, results.dryRun.stdout.indexOf('lockstep sync --dry-run:'));
    const copy = checkout(HTTPS, { [WORKFLOW]: handEdit(original) });
    execFileSync('git', ['-C', copy, 'apply', '-'], { input: patch });
    expect(read(copy, WORKFLOW)).toBe(original);
    expect(read(copy, DOCS)).toBe(read(w.file('apps/repos/python-sdk'), DOCS));
  });

  it('refuses to overwrite a file with uncommitted changes, names it, exits non-zero and leaves it as it was', () => {
    expectOneLineError(results.dirty, /\/python-sdk\/\.github\/workflows\/lambda-tests\.yml \(changed, not committed\): sync would overwrite work that is not committed in .*, so it wrote nothing; commit or stash it .*, or pass --force to overwrite\n?$/);
    expect(read(dirty, WORKFLOW)).toBe(handEdit(original));
    // Nothing else was written either: the docs page stays absent.
    expect(fs.existsSync(path.join(dirty, DOCS))).toBe(false);
  });

  it('refuses an untracked or a staged copy that differs from HEAD just the same', () => {
    expectOneLineError(results.untracked, /lambda-tests\.yml \(untracked\): sync would overwrite/);
    expect(read(untracked, WORKFLOW)).toBe(handEdit(original));
    expectOneLineError(results.staged, /lambda-tests\.yml \(changed, not committed\): sync would overwrite/);
    expect(read(staged, WORKFLOW)).toBe(handEdit(original));
  });

  it('overwrites uncommitted changes with --force', () => {
    expect(results.dirtyForced.status).toBe(0);
    expect(read(dirtyForced, WORKFLOW)).toBe(original);
  });

  it('overwrites a hand-edited, read-only copy with the generated file', () => {
    expect(results.edited.status).toBe(0);
    expect(results.edited.stdout).toMatch(/^updated \S+\/\.github\/workflows\/lambda-tests\.yml$/m);
    expect(read(edited, WORKFLOW)).toBe(original);
    fs.accessSync(path.join(edited, WORKFLOW), fs.constants.W_OK);
  });

  it('prints the changes and the check as JSON with --json', () => {
    expect(results.json.status).toBe(0);
    const report = JSON.parse(results.json.stdout);
    expect(report).toMatchObject({
      ok: true,
      repo: 'honeyhiveai/python-sdk',
      dryRun: false,
      files: [
        { path: WORKFLOW, change: 'create' },
        { path: DOCS, change: 'create' },
      ],
      notes: [],
      check: { ok: true, errors: 0 },
    });
    expect(report.check.jobs[0].file).toBe(path.join(forJson, WORKFLOW));
  });

  it('accepts an origin that differs only in letter case, and says why the casing matters', () => {
    expect(results.cased.status).toBe(0);
    expect(results.cased.stdout).toMatch(/^note: origin names HoneyHiveAI\/Python-SDK, lockstep.config.ts honeyhiveai\/python-sdk: .*IAM compares the token's sub case-sensitively/m);
    expect(read(cased, WORKFLOW)).toBe(original);
  });

  it("exits with check's code when the copies fail the check", () => {
    expect(results.failing.status).toBe(1);
    expect(results.failing.stdout).toMatch(/refs\/heads\/develop/);
    expect(results.failing.stdout).toMatch(/^✗ lockstep check failed/m);
  });

  it('refuses a directory that is not a git checkout', () => {
    expectOneLineError(results.notGit, /^lockstep sync: --to \S+: not a git checkout \(git: .*\); give a clone of honeyhiveai\/python-sdk: git clone https:\/\/github\.com\/honeyhiveai\/python-sdk\.git /);
  });

  it('refuses a folder inside a checkout and names its top level', () => {
    expectOneLineError(results.subdirectory, /--to \S+\/\.github: a folder inside the checkout \S+python-sdk, not its top level; give --to \S+python-sdk /);
  });

  it('refuses a checkout of another repository, without printing the token of its remote', () => {
    expectOneLineError(results.other, /--to \S+: a checkout of honeyhiveai\/other \(origin https:\/\/github\.com\/honeyhiveai\/other\.git\), not honeyhiveai\/python-sdk/);
    expect(results.other.stderr).not.toContain('SECRET');
    expect(fs.readdirSync(other)).toEqual(['.git']);
  });

  it('refuses a checkout without an origin remote and shows how to add it', () => {
    expectOneLineError(results.noOrigin, /no "origin" remote .*; add it: git -C \S+ remote add origin https:\/\/github\.com\/honeyhiveai\/python-sdk\.git$/m);
  });

  it('refuses an unknown repository and lists the onboarded ones', () => {
    expectOneLineError(results.unknown, /"js-sdk" is not onboarded: lockstep\.config\.ts has no repos\.js-sdk; expected one of "deployments", "python-sdk"/);
  });

  it('says that nothing is generated for a repository without lambdaTests', () => {
    expectOneLineError(results.notGenerated, /nothing is generated for honeyhiveai\/deployments: repos\.deployments in lockstep\.config\.ts has no lambdaTests .*; repositories with generated files: "python-sdk"/);
  });

  it('asks for --to and for REPO with the usage line', () => {
    expect(results.missingTo.status).toBe(2);
    expect(results.missingTo.stderr).toBe(
      'lockstep sync: missing --to DIR: the local checkout of python-sdk to copy its generated files into\nusage: lockstep sync REPO --to DIR [--dry-run] [--force] [--json] [--root DIR]\n',
    );
    expect(results.missingRepo.status).toBe(2);
    expect(results.missingRepo.stderr).toMatch(/^lockstep sync: missing REPO/);
  });
});

describe('lockstep sync runs preflight on the checkout\'s SAM template', () => {
  it('passes a template the role can deploy, and says so', () => {
    const r = results.deployable;
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^lockstep preflight \S+\/tests\/lambda\/template\.yaml:\n\S+: nothing the sam-lambda-testing role can't deploy$/m);
  });

  it('fails on what the role can\'t deploy, naming the resource and the fix, after writing the files', () => {
    const r = results.undeployable;
    expect(r.status).toBe(1);
    expect(read(undeployable, WORKFLOW)).toBe(original);
    expect(r.stdout).toMatch(/tests\/lambda\/template\.yml: error: Box: .*AWS::EC2::Instance/);
    expect(r.stdout).toMatch(/NoBoundaryFunction/);
    expect(r.stdout).toMatch(/fix: /);
  });

  it('reports preflight in --json beside the check', () => {
    const out = JSON.parse(results.undeployableJson.stdout) as { ok: boolean; preflight: { template: string; findings: { code: string; resource?: string }[] } };
    expect(out.ok).toBe(false);
    expect(out.preflight.template).toMatch(/tests\/lambda\/template\.yml$/);
    expect(out.preflight.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['unsupported-resource', 'missing-boundary', 'runtime-mismatch']));
  });

  it('skips preflight when the checkout has no template there', () => {
    expect(results.fresh.stdout).not.toContain('lockstep preflight');
  });
});
