import {
  ACTION_PINS,
  pinnedUses,
  subjectPrefixes,
  workflowJobSubjects,
  type PresentedSubject,
  type SubjectsConfig,
} from '@lockstep/model';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { RepoIdentity } from './repo-identity';
import { AWS_CONFIGURE_SET } from './script-keys';
import { STATIC_KEY_ENV, STATIC_KEY_INPUTS, staticCredentials, type StaticCredential } from './static-credentials';
import { parseWorkflow, type WorkflowFile } from './workflow-file';

/** What a migrated job assumes, and how. */
export interface MigrationTarget {
  readonly repo: RepoIdentity;
  /** The ARN written as `role-to-assume`. */
  readonly roleArn: string;
  /** `aws-region` when the job names none itself. */
  readonly region: string;
  /** `audience`: the partition's STS audience. */
  readonly audience: string;
}

/** A credentialed job that is not migrated, and why. */
export interface JobNote {
  readonly file: string;
  readonly job: string;
  readonly reason: string;
}

/** The migration of one workflow file. */
export interface FileMigration {
  readonly file: string;
  readonly before: string;
  /** The rewritten text; equal to `before` when no job of the file is migrated. */
  readonly after: string;
  /** The jobs rewritten to assume the role. */
  readonly migrated: readonly string[];
  /** Every subject the migrated jobs present, from their own triggers and environment. */
  readonly subjects: readonly PresentedSubject[];
  /** Jobs on triggers that must never get a role. */
  readonly refused: readonly JobNote[];
  /** Jobs whose keys reach a place this can't rewrite (a reusable workflow, another action, a script export). */
  readonly manual: readonly JobNote[];
}

/** A text splice: replace `[start, end)` of the original text with `text`. */
interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Plans moving one workflow file off long-lived AWS keys: for every job that takes keys and can be migrated,
 * job-level `permissions` with `id-token: write` (keeping its other permissions, `contents: read` where it
 * relied on defaults), configure-aws-credentials pinned by SHA with `role-to-assume`, `aws-region` and
 * `audience`, and the key inputs, env entries and `aws configure set` lines removed. The file is edited by
 * splicing the text at the positions the YAML parser reports, so every other byte stays as written.
 *
 * A job on `pull_request_target`, `workflow_run` or `issue_comment` is refused with the reason; a job whose
 * keys go to a reusable workflow, another action or a script is left whole and reported for work by hand.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
export function planFileMigration(file: string, text: string, target: MigrationTarget): FileMigration {
  const workflow = parseWorkflow(text, file, file);
  const creds = staticCredentials(workflow);
  const byJob = new Map<string, StaticCredential[]>();
  for (const c of creds) byJob.set(c.job, [...(byJob.get(c.job) ?? []), c]);
  const refused: JobNote[] = [];
  const manual: JobNote[] = [];
  const subjects = new Map<string, PresentedSubject>();
  const ready: WorkflowFile['jobs'][number][] = [];
  const doc = parseDocument(text, { keepSourceTokens: false });

  for (const job of workflow.jobs) {
    const found = byJob.get(job.id);
    if (found === undefined) continue;
    const derived = workflowJobSubjects(
      { on: workflow.on, environment: job.environment, if: job.if },
      { repository: { owner: target.repo.owner, repo: target.repo.name, ownerId: target.repo.ownerId, repoId: target.repo.repoId }, format: target.repo.format, defaultBranch: target.repo.defaultBranch },
    );
    const blocking = derived.findings.filter((f) => f.severity === 'error' || f.code === 'environment-expression');
    if (blocking.length > 0) {
      refused.push({ file, job: job.id, reason: blocking.map((f) => f.message).join('; ') });
      continue;
    }
    const byHand = found.filter((c) => c.manual !== undefined);
    if (byHand.length > 0) {
      manual.push({ file, job: job.id, reason: [...new Set(byHand.map((c) => c.manual!))].join('; ') });
      continue;
    }
    const shape = jobShapeProblem(doc, job.id);
    if (shape !== undefined) {
      manual.push({ file, job: job.id, reason: `${shape}: rewrite it by hand as the other jobs are` });
      continue;
    }
    ready.push(job);
    for (const s of derived.subjects) subjects.set(s.value, s);
  }

  // Workflow-level keys are removed only when every job that inherits them moves off them.
  const workflowLevel = creds.filter((c) => c.level === 'workflow');
  const inheriting = [...new Set(workflowLevel.map((c) => c.job))];
  const stuck = inheriting.filter((j) => !ready.some((r) => r.id === j));
  if (workflowLevel.length > 0 && stuck.length > 0) {
    for (const j of inheriting.filter((x) => !stuck.includes(x))) {
      manual.push({ file, job: j, reason: `the workflow-level env gives the keys to job ${stuck.map((s) => `"${s}"`).join(', ')} too, which can't be migrated; split the workflow or migrate those jobs first` });
    }
    return { file, before: text, after: text, migrated: [], subjects: [], refused, manual };
  }

  const splices: Splice[] = [];
  for (const job of ready) splices.push(...jobSplices(doc, text, workflow, job.id, byJob.get(job.id)!, target));
  if (workflowLevel.length > 0) splices.push(...envSplices(text, doc.contents as YAMLMap, STATIC_KEY_ENV));
  const after = applySplices(text, splices);
  return {
    file,
    before: text,
    after,
    migrated: ready.map((j) => j.id),
    subjects: [...subjects.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
    refused,
    manual,
  };
}

/**
 * The `subjects` entry of a config repository that admits exactly these `sub` values (the inverse of the
 * model's `declaredSubjectContexts`).
 */
export function subjectsConfigFor(values: readonly string[], repo: RepoIdentity): SubjectsConfig {
  const prefixes = subjectPrefixes({ owner: repo.owner, repo: repo.name, ownerId: repo.ownerId, repoId: repo.repoId }, repo.format);
  const branches = new Set<string>();
  const tags = new Set<string>();
  const environments = new Set<string>();
  const custom = new Set<string>();
  let pullRequest = false;
  for (const value of values) {
    const prefix = prefixes.find((p) => value.startsWith(p));
    const context = prefix === undefined ? undefined : value.slice(prefix.length);
    const decode = (s: string) => s.replace(/%3A/g, ':');
    if (context === 'pull_request') pullRequest = true;
    else if (context?.startsWith('ref:refs/heads/')) branches.add(decode(context.slice('ref:refs/heads/'.length)));
    else if (context?.startsWith('ref:refs/tags/')) tags.add(decode(context.slice('ref:refs/tags/'.length)));
    else if (context?.startsWith('environment:')) environments.add(decode(context.slice('environment:'.length)));
    else custom.add(value);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    ...(pullRequest ? { pullRequest: true } : {}),
    ...(branches.size > 0 ? { branches: sorted(branches) } : {}),
    ...(tags.size > 0 ? { tags: sorted(tags) } : {}),
    ...(environments.size > 0 ? { environments: sorted(environments) } : {}),
    ...(custom.size > 0 ? { custom: sorted(custom) } : {}),
  };
}

/** Why the job's YAML can't be edited line by line (flow style), or undefined when it can. */
function jobShapeProblem(doc: Document, jobId: string): string | undefined {
  const job = doc.getIn(['jobs', jobId], true);
  if (!isMap(job) || job.flow) return `job "${jobId}" is written in flow style ({ … })`;
  const steps = job.get('steps', true);
  if (!isSeq(steps) || steps.flow) return `the steps of job "${jobId}" are written in flow style`;
  for (const item of steps.items) if (!isMap(item) || item.flow || !isScalar(item.items[0]?.key)) return `a step of job "${jobId}" is written in flow style`;
  for (const key of ['env', 'permissions']) {
    const v = job.get(key, true);
    if (isMap(v) && v.flow && key === 'env') return `the env of job "${jobId}" is written in flow style`;
  }
  return undefined;
}

function jobSplices(doc: Document, text: string, workflow: WorkflowFile, jobId: string, creds: readonly StaticCredential[], target: MigrationTarget): Splice[] {
  const job = doc.getIn(['jobs', jobId], true) as YAMLMap;
  const jobPair = (doc.get('jobs', true) as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === jobId)!;
  const jobColumn = column(text, (jobPair.key as Scalar).range![0]);
  const bodyColumn = column(text, (job.items[0].key as Scalar).range![0]);
  const unit = ' '.repeat(Math.max(2, bodyColumn - jobColumn));
  const steps = job.get('steps', true) as unknown as YAMLSeq<YAMLMap>;
  const splices: Splice[] = [permissionsSplice(text, workflow, job, bodyColumn, unit)];
  const region = regionOf(workflow, jobId, target.region);

  const inputSteps = new Set(creds.filter((c) => c.form === 'action-input').map((c) => c.step!));
  for (const index of inputSteps) splices.push(...actionInputSplices(text, steps.items[index], target, region));
  const removedSteps = new Set<number>();
  for (const c of creds) {
    if (c.form === 'aws-configure-set') {
      const step = steps.items[c.step!];
      const run = step.get('run', true) as Scalar;
      const remaining = String(run.value).split('\n').filter((l) => !AWS_CONFIGURE_SET.test(l));
      if (remaining.every((l) => l.trim() === '')) {
        removedSteps.add(c.step!);
      } else {
        splices.push(...runLineSplices(text, run));
      }
    }
  }
  const envSteps = new Set(creds.filter((c) => c.form === 'env' && c.level === 'step').map((c) => c.step!));
  for (const index of envSteps) splices.push(...envSplices(text, steps.items[index], STATIC_KEY_ENV));
  if (creds.some((c) => c.form === 'env' && c.level === 'job')) splices.push(...envSplices(text, job, STATIC_KEY_ENV));

  if (inputSteps.size === 0) {
    // The new configure-aws-credentials step goes where the keys were first used, else after the checkout.
    const stepLevel = creds.filter((c) => c.level === 'step').map((c) => c.step!);
    const firstNonCheckout = steps.items.findIndex((s) => !/^actions\/checkout@/.test(String(s.get('uses') ?? '')));
    const at = stepLevel.length > 0 ? Math.min(...stepLevel) : firstNonCheckout === -1 ? steps.items.length : firstNonCheckout;
    const anchor = steps.items[Math.min(at, steps.items.length - 1)];
    const dash = lineStart(text, anchor.range![0]);
    const prefix = text.slice(dash, anchor.range![0]);
    const pad = ' '.repeat(prefix.length);
    const step = `${prefix}name: Configure AWS credentials\n${pad}uses: ${pinnedUses(ACTION_PINS.configureAwsCredentials)} # ${ACTION_PINS.configureAwsCredentials.version}\n${pad}with:\n${pad}${unit}role-to-assume: ${target.roleArn}\n${pad}${unit}aws-region: ${region}\n${pad}${unit}audience: ${target.audience}\n`;
    const position = at < steps.items.length ? dash : lineEnd(text, anchor.range![1] - 1);
    if (removedSteps.has(at)) {
      splices.push({ start: dash, end: lineEnd(text, anchor.range![1] - 1), text: step });
      removedSteps.delete(at);
    } else {
      splices.push({ start: position, end: position, text: step });
    }
  }
  for (const index of removedSteps) {
    const item = steps.items[index];
    splices.push({ start: lineStart(text, item.range![0]), end: lineEnd(text, item.range![1] - 1), text: '' });
  }
  return splices;
}

/** `id-token: write` on the job: added to its own permissions, or a new block keeping what it inherited. */
function permissionsSplice(text: string, workflow: WorkflowFile, job: YAMLMap, bodyColumn: number, unit: string): Splice {
  const pair = job.items.find((p) => isScalar(p.key) && p.key.value === 'permissions');
  const ind = ' '.repeat(bodyColumn);
  if (pair !== undefined && isMap(pair.value)) {
    const map = pair.value;
    const idToken = map.items.find((p) => isScalar(p.key) && p.key.value === 'id-token');
    if (idToken !== undefined && isScalar(idToken.value)) {
      return { start: idToken.value.range![0], end: idToken.value.range![1], text: 'write' };
    }
    if (map.flow) {
      const kept = map.items.map((p) => text.slice((p.key as Scalar).range![0], (p.value as Scalar).range![1]));
      return { start: map.range![0], end: map.range![1], text: `{ ${[...kept, 'id-token: write'].join(', ')} }` };
    }
    const last = map.items[map.items.length - 1];
    const at = lineEnd(text, (last.value as Scalar).range![1] - 1);
    return { start: at, end: at, text: `${' '.repeat(column(text, (map.items[0].key as Scalar).range![0]))}id-token: write\n` };
  }
  // Inherited: the workflow's map (its id-token entry aside), else GitHub's default reduced to contents: read.
  const inherited = workflow.permissions;
  const entries =
    typeof inherited === 'object' && inherited !== null && !Array.isArray(inherited)
      ? Object.entries(inherited as Record<string, unknown>).filter(([k]) => k !== 'id-token').map(([k, v]) => `${k}: ${String(v)}`)
      : ['contents: read'];
  const block = `${ind}permissions:\n${['id-token: write', ...entries].map((e) => `${ind}${unit}${e}\n`).join('')}`;
  if (pair !== undefined) {
    // `permissions: read-all` or `{}` written as a scalar: replace the whole entry.
    return { start: lineStart(text, (pair.key as Scalar).range![0]), end: lineEnd(text, (pair.value as Scalar).range![1] - 1), text: block };
  }
  const runsOn = job.items.find((p) => isScalar(p.key) && p.key.value === 'runs-on');
  if (runsOn !== undefined && isScalar(runsOn.value)) {
    const at = lineEnd(text, runsOn.value.range![1] - 1);
    return { start: at, end: at, text: block };
  }
  const at = lineStart(text, (job.items[0].key as Scalar).range![0]);
  return { start: at, end: at, text: block };
}

/** configure-aws-credentials with keys → pinned, with role-to-assume, aws-region and audience instead. */
function actionInputSplices(text: string, step: YAMLMap, target: MigrationTarget, region: string): Splice[] {
  const splices: Splice[] = [];
  const uses = step.items.find((p) => isScalar(p.key) && p.key.value === 'uses')!;
  const usesValue = uses.value as Scalar;
  splices.push({
    start: usesValue.range![0],
    end: lineEnd(text, usesValue.range![1] - 1, false),
    text: `${pinnedUses(ACTION_PINS.configureAwsCredentials)} # ${ACTION_PINS.configureAwsCredentials.version}`,
  });
  const withPair = step.items.find((p) => isScalar(p.key) && p.key.value === 'with')!;
  const inputs = withPair.value as YAMLMap;
  const has = (k: string) => inputs.items.some((p) => isScalar(p.key) && p.key.value === k);
  const removed = inputs.items.filter((p) => isScalar(p.key) && (STATIC_KEY_INPUTS as readonly string[]).includes(String(p.key.value)));
  const ind = ' '.repeat(column(text, (inputs.items[0].key as Scalar).range![0]));
  const added = [`role-to-assume: ${target.roleArn}`, ...(has('aws-region') ? [] : [`aws-region: ${region}`]), ...(has('audience') ? [] : [`audience: ${target.audience}`])];
  removed.forEach((p, i) => {
    const span = pairLines(text, p);
    splices.push({ ...span, text: i === 0 ? added.map((a) => `${ind}${a}\n`).join('') : '' });
  });
  return splices;
}

/** Removes the AWS key entries of a map's `env:`; the whole `env:` when nothing else is left in it. */
function envSplices(text: string, owner: YAMLMap, names: readonly string[]): Splice[] {
  const envPair = owner.items.find((p) => isScalar(p.key) && p.key.value === 'env');
  if (envPair === undefined || !isMap(envPair.value)) return [];
  const env = envPair.value;
  const keys = env.items.filter((p) => isScalar(p.key) && names.includes(String(p.key.value)));
  if (keys.length === env.items.length) return [{ ...pairLines(text, envPair), text: '' }];
  return keys.map((p) => ({ ...pairLines(text, p), text: '' }));
}

/** Removes the `aws configure set` key lines of a block scalar script (`run: |`). */
function runLineSplices(text: string, run: Scalar): Splice[] {
  if (run.type !== 'BLOCK_LITERAL' && run.type !== 'BLOCK_FOLDED') return [];
  const splices: Splice[] = [];
  const [header, end] = run.range!;
  for (let at = lineEnd(text, header); at < end; ) {
    const stop = lineEnd(text, at);
    if (AWS_CONFIGURE_SET.test(text.slice(at, stop))) splices.push({ start: at, end: stop, text: '' });
    at = stop;
  }
  return splices;
}

/** The lines a map entry takes, from its key's line to the end of its value's last line. */
function pairLines(text: string, pair: Pair): { start: number; end: number } {
  const key = pair.key as Scalar;
  const value = pair.value as Scalar | YAMLMap | null;
  const last = value !== null && value.range ? value.range[1] - 1 : key.range![1];
  return { start: lineStart(text, key.range![0]), end: lineEnd(text, Math.max(last, key.range![1])) };
}

/** The region the job already names (step input or AWS_REGION / AWS_DEFAULT_REGION env), else the role's. */
function regionOf(workflow: WorkflowFile, jobId: string, fallback: string): string {
  const job = workflow.jobs.find((j) => j.id === jobId)!;
  const envs = [...job.steps.map((s) => s.env), job.env, workflow.env];
  for (const s of job.steps) if (typeof s.with['aws-region'] === 'string' && !String(s.with['aws-region']).includes('${{')) return String(s.with['aws-region']);
  for (const env of envs) {
    for (const k of ['AWS_REGION', 'AWS_DEFAULT_REGION']) if (typeof env[k] === 'string' && !String(env[k]).includes('${{')) return String(env[k]);
  }
  return fallback;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just past the newline ending the line that holds `offset` (or before it, with `withNewline` false). */
function lineEnd(text: string, offset: number, withNewline = true): number {
  const next = text.indexOf('\n', offset);
  if (next === -1) return text.length;
  return withNewline ? next + 1 : next;
}

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let floor = Number.POSITIVE_INFINITY;
  for (const s of sorted) {
    if (s.end > floor) throw new Error(`overlapping edits at ${s.start}-${s.end}`);
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    floor = s.start;
  }
  return out;
}
