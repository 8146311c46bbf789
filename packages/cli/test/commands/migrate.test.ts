import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LockstepConfig, SubjectsConfig } from '@lockstep/model';
import { cli, DEFAULT_CONFIG, LONG, makeWorkspace, removeTemps, runAll, tempDir, type CliResult } from '../support/workspace';

// End to end as a user runs it: scan the checkouts, migrate one repository, regenerate (here: a workspace
// generated from the config with the entry migrate wrote), then `check --workflow` on every rewritten file.
const LEGACY = path.join(__dirname, '..', 'fixtures', 'legacy');
const MIGRATED = ['configure-set.yml', 'deploy-push.yml', 'environment-deploy.yml', 'matrix.yml', 'workflow-env.yml'];

/** A checkout of `name` holding the given corpus files. */
function checkout(parent: string, name: string, files: readonly string[]): string {
  const dir = path.join(parent, name, '.github', 'workflows');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of files) fs.copyFileSync(path.join(LEGACY, f), path.join(dir, f));
  return path.join(parent, name);
}

const workspace = makeWorkspace();
const checkouts = tempDir('lockstep-checkouts-');
const hiveKube = checkout(checkouts, 'hive-kube', MIGRATED);
const quiet = checkout(checkouts, 'quiet', []);
fs.writeFileSync(path.join(quiet, '.github', 'workflows', 'ci.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo test\n');
const refusedCheckout = checkout(tempDir('lockstep-refused-'), 'previews', ['pr-target.yml', 'reusable-caller.yml', 'deploy-push.yml']);
// A file whose checkout action was never pinned: migrate leaves it, and lists it as a follow-up.
fs.writeFileSync(
  path.join(refusedCheckout, '.github', 'workflows', 'unpinned.yml'),
  fs.readFileSync(path.join(LEGACY, 'deploy-push.yml'), 'utf8').replace(/actions\/checkout@\S+ # v7\.0\.1/, 'actions/checkout@v4'),
);
const originals = Object.fromEntries(MIGRATED.map((f) => [f, fs.readFileSync(path.join(LEGACY, f), 'utf8')]));
const configBefore = fs.readFileSync(workspace.file('lockstep.config.ts'), 'utf8');
const root = ['--root', workspace.root];

let before: Record<'scanText' | 'scanJson' | 'check' | 'dryRun' | 'dryRunJson' | 'refused' | 'noFrom' | 'badEnv', CliResult>;
let written: CliResult;
let after: Record<'scan' | 'checks', CliResult>;
let writtenConfig: string;

beforeAll(async () => {
  before = await runAll({
    scanText: ['scan', checkouts, ...root],
    scanJson: ['scan', checkouts, '--json', ...root],
    check: ['check', '--workflow', path.join(hiveKube, '.github/workflows/deploy-push.yml'), '--repo', 'honeyhiveai/hive-kube', ...root],
    dryRun: ['migrate', 'hive-kube', '--from', hiveKube, ...root],
    dryRunJson: ['migrate', 'hive-kube', '--from', hiveKube, '--json', ...root],
    refused: ['migrate', 'previews', '--from', refusedCheckout, '--json', ...root],
    noFrom: ['migrate', 'hive-kube', ...root],
    badEnv: ['migrate', 'hive-kube', '--from', hiveKube, '--role', 'NewRole', '--environment', 'prod', ...root],
  });
  // The dry run changed nothing; now write.
  written = cli(['migrate', 'hive-kube', '--from', hiveKube, '--write', '--json', ...root]);
  writtenConfig = fs.readFileSync(workspace.file('lockstep.config.ts'), 'utf8');
  const entry = JSON.parse(written.stdout) as { role: { name: string }; entry: { subjects: SubjectsConfig } };
  // `npx projen` on the new config: a workspace generated from it (the exported trust policy of the new role).
  const regenerated = makeWorkspace({
    config: {
      ...DEFAULT_CONFIG,
      roles: { ...DEFAULT_CONFIG.roles, [entry.role.name]: { environment: 'testing', managedBy: 'external' } },
      repos: { ...DEFAULT_CONFIG.repos, 'hive-kube': { role: entry.role.name, subjects: entry.entry.subjects } },
    } as LockstepConfig,
  });
  const workflows = MIGRATED.flatMap((f) => ['--workflow', path.join(hiveKube, '.github', 'workflows', f)]);
  after = await runAll({
    // The written config loads and resolves (scan reads it), and no job has keys left.
    scan: ['scan', hiveKube, '--json', ...root],
    checks: ['check', ...workflows, '--repo', 'honeyhiveai/hive-kube', '--root', regenerated.root],
  });
}, LONG);

afterAll(removeTemps);

describe('lockstep scan', () => {
  it('lists every job that uses static keys, and repositories with no AWS credentials, and exits 1', () => {
    expect(before.scanText.status).toBe(1);
    expect(before.scanText.stdout).toMatch(/honeyhiveai\/hive-kube\s+\S*deploy-push\.yml\s+deploy\s+static-keys\s+1/);
    expect(before.scanText.stdout).toMatch(/No AWS credentials: honeyhiveai\/quiet/);
    expect(before.scanText.stdout).toMatch(/lockstep migrate hive-kube --from /);
  });

  it('prints the JSON shape of the issue', () => {
    const json = JSON.parse(before.scanJson.stdout) as { repositories: { repo: string; path: string; jobs: { workflow: string; job: string; auth: string; findings: unknown[] }[] }[] };
    expect(json.repositories.map((r) => r.repo)).toEqual(['honeyhiveai/hive-kube', 'honeyhiveai/quiet']);
    const jobs = json.repositories[0].jobs.map((j) => `${path.basename(j.workflow)}:${j.job}:${j.auth}`);
    expect(jobs).toEqual([
      'configure-set.yml:nightly:static-keys',
      'deploy-push.yml:deploy:static-keys',
      'deploy-push.yml:lint:none',
      'environment-deploy.yml:release:static-keys',
      'matrix.yml:integration:static-keys',
      'workflow-env.yml:sync:static-keys',
    ]);
    expect(json.repositories[1].jobs).toEqual([{ workflow: expect.stringMatching(/ci\.yml$/), job: 'test', auth: 'none', findings: [] }]);
  });

  it('after migrate --write reports every job as oidc, its role checked', () => {
    expect(after.scan.status).toBe(0);
    const json = JSON.parse(after.scan.stdout) as { repositories: { jobs: { job: string; auth: string }[] }[] };
    expect(json.repositories[0].jobs.filter((j) => j.job !== 'lint').map((j) => j.auth)).toEqual(Array(5).fill('oidc'));
  });
});

describe('lockstep check --workflow on a legacy workflow', () => {
  it('is an error about the long-lived keys with the OIDC fix', () => {
    expect(before.check.status).toBe(1);
    expect(before.check.stdout).toMatch(/deploy-push\.yml:14: error: job "deploy": configure-aws-credentials takes long-lived keys \(aws-access-key-id, aws-secret-access-key\).*\[static-aws-keys\]\n {4}fix: assume a role through GitHub OIDC instead/);
  });
});

describe('lockstep migrate', () => {
  it('without --write prints the entry and a unified diff, and changes nothing', () => {
    expect(before.dryRun.status).toBe(0);
    expect(before.dryRun.stdout).toMatch(/'GitHubActionsOIDCRole-HiveKube': \{ environment: 'testing', managedBy: 'external'/);
    expect(before.dryRun.stdout).toMatch(/'hive-kube': \{ role: 'GitHubActionsOIDCRole-HiveKube', subjects: \{ pullRequest: true, branches: \['main', 'release\/\*'\], environments: \['production'\] \} \},/);
    expect(before.dryRun.stdout).toMatch(/^-\s+aws-access-key-id: \$\{\{ secrets\.AWS_ACCESS_KEY_ID \}\}$/m);
    expect(before.dryRun.stdout).toMatch(/^\+\s+role-to-assume: arn:aws:iam::654654498014:role\/GitHubActionsOIDCRole-HiveKube$/m);
    expect(before.dryRun.stdout).toMatch(/run again with --write/);
  });

  it("prints diffs whose headers name the file inside the checkout, which `git apply` there turns into --write's bytes", () => {
    // Run from elsewhere (the workspace), the checkout is a temp folder: the headers must still be
    // repository-relative (`a/.github/workflows/x.yml`), as `git diff` writes them, or `git apply` refuses them.
    expect(before.dryRun.stdout).toMatch(/^--- a\/\.github\/workflows\/deploy-push\.yml$/m);
    expect(before.dryRun.stdout).not.toMatch(/^--- a\/\//m);
    const files = (JSON.parse(before.dryRunJson.stdout) as { files: { file: string; diff: string }[] }).files.filter((f) => f.diff !== '');
    expect(files.map((f) => path.basename(f.file)).sort()).toEqual([...MIGRATED].sort());
    const copy = tempDir('lockstep-apply-');
    fs.mkdirSync(path.join(copy, '.github', 'workflows'), { recursive: true });
    for (const f of MIGRATED) fs.writeFileSync(path.join(copy, '.github', 'workflows', f), originals[f]);
    for (const f of files) {
      const patch = path.join(copy, '..', `${path.basename(copy)}-${path.basename(f.file)}.diff`);
      fs.writeFileSync(patch, f.diff);
      execFileSync('git', ['apply', patch], { cwd: copy });
    }
    for (const f of MIGRATED) {
      expect(fs.readFileSync(path.join(copy, '.github', 'workflows', f), 'utf8')).toBe(fs.readFileSync(path.join(hiveKube, '.github', 'workflows', f), 'utf8'));
    }
  });

  it('with --write rewrites every credentialed workflow and adds the entry to lockstep.config.ts, every other byte kept', () => {
    expect(written.status).toBe(0);
    for (const f of MIGRATED) expect(fs.readFileSync(path.join(hiveKube, '.github', 'workflows', f), 'utf8')).not.toBe(originals[f]);
    expect(writtenConfig).not.toBe(configBefore);
    const added = writtenConfig.split('\n').filter((l) => !configBefore.split('\n').includes(l));
    expect(added).toEqual([
      expect.stringMatching(/^ {4}'GitHubActionsOIDCRole-HiveKube': \{ environment: 'testing', managedBy: 'external'/),
      expect.stringMatching(/^ {4}'hive-kube': \{ role: 'GitHubActionsOIDCRole-HiveKube', subjects: /),
    ]);
    // The JSON before the entries had no trailing comma: one was added after the last entry of each map.
    expect(writtenConfig.replace(/,\n {4}'GitHubActionsOIDCRole-HiveKube'.*\n/, '\n').replace(/,\n {4}'hive-kube'.*\n/, '\n')).toBe(configBefore);
  });

  it('then check --workflow on every rewritten file exits 0 (no credential, subject or role error)', () => {
    expect(after.checks.stderr).toBe('');
    expect(after.checks.stdout).toMatch(/✓ lockstep check passed: every subject is admitted by its role — checked 5 workflows, 5 job steps assuming a role/);
    expect(after.checks.status).toBe(0);
  });

  it('refuses pull_request_target and reports a reusable-workflow caller by hand, exit 1', () => {
    expect(before.refused.status).toBe(1);
    const json = JSON.parse(before.refused.stdout) as { refused: { job: string; reason: string }[]; manual: { job: string }[]; files: { migrated: string[] }[] };
    expect(json.refused).toEqual([expect.objectContaining({ job: 'preview', reason: expect.stringMatching(/pull_request_target/) })]);
    expect(json.manual).toEqual([expect.objectContaining({ job: 'deploy' })]);
    expect(json.files.flatMap((f) => f.migrated)).toEqual(['deploy', 'deploy']);
  });

  it('lists what the original files already had wrong as follow-ups, with the fix', () => {
    const json = JSON.parse(before.refused.stdout) as { followUps: { code: string; file: string; fix: string }[] };
    expect(json.followUps).toEqual([expect.objectContaining({ code: 'unpinned-action', file: expect.stringMatching(/unpinned\.yml$/), fix: expect.stringMatching(/^pin it to the full 40-character commit SHA/) })]);
  });

  it('says what is missing', () => {
    expect(before.noFrom.status).toBe(2);
    expect(before.noFrom.stderr).toMatch(/^lockstep migrate: give the repository's checkout with --from DIR\nusage: lockstep migrate REPO --from DIR/);
    expect(before.badEnv.status).toBe(2);
    expect(before.badEnv.stderr).toMatch(/--environment "prod" is not a configured environment; expected one of "testing"/);
  });
});
