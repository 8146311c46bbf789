import { Document, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import { pinnedUses } from '../action-pins';
import type { ActionInputs, CallerJobModel, JobModel, StepModel, WorkflowModel, WorkflowTriggers } from './workflow-model';

/**
 * Renders a workflow model as YAML: kebab-case keys in GitHub's documented order, `permissions: {}` at
 * the top, `uses:` pinned with its release as a trailing comment, the header as leading comments.
 * Pure and deterministic: the same model gives the same bytes.
 */
export function renderWorkflow(model: WorkflowModel, header: readonly string[]): string {
  const versions = new Map<string, string>();
  const doc = new Document({
    name: model.name,
    on: renderTriggers(model.on),
    // No scope for the GITHUB_TOKEN unless a job asks for it.
    permissions: {},
    ...(model.concurrency ? { concurrency: { 'group': model.concurrency.group, 'cancel-in-progress': false } } : {}),
    jobs: Object.fromEntries(Object.entries(model.jobs).map(([id, job]) => [id, 'uses' in job ? renderCallerJob(job) : renderJob(job, versions)])),
  });
  doc.commentBefore = header.map((line) => ` ${line}`).join('\n');

  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
        // A called reusable workflow is pinned to the commit the config names: it has no release to show.
        const version = versions.get(String(pair.value.value));
        if (version !== undefined) pair.value.comment = ` ${version}`;
      }
    },
  });
  spaceOut(doc);
  return doc.toString({ lineWidth: 0, singleQuote: true });
}

function renderTriggers(on: WorkflowTriggers): Record<string, unknown> {
  const branches = (list: readonly string[] | undefined) => (list && list.length > 0 ? { branches: [...list] } : {});
  const result: Record<string, unknown> = {};
  if (on.pullRequest) result.pull_request = branches(on.pullRequest.branches);
  if (on.push) {
    result.push = {
      ...branches(on.push.branches),
      ...(on.push.tags && on.push.tags.length > 0 ? { tags: [...on.push.tags] } : {}),
    };
  }
  if (on.mergeGroup) result.merge_group = { types: ['checks_requested'], ...branches(on.mergeGroup.branches) };
  if (on.workflowDispatch) result.workflow_dispatch = {};
  if (on.schedule && on.schedule.length > 0) result.schedule = on.schedule.map((cron) => ({ cron }));
  if (on.workflowCall) {
    result.workflow_call = {
      inputs: Object.fromEntries(Object.entries(on.workflowCall.inputs).map(([id, input]) => [id, {
        description: input.description,
        required: input.required,
        type: input.type,
        ...(input.default !== undefined ? { default: input.default } : {}),
      }])),
    };
  }
  return result;
}

function renderCallerJob(job: CallerJobModel): Record<string, unknown> {
  return {
    name: job.name,
    ...(job.if !== undefined ? { if: job.if } : {}),
    permissions: { 'id-token': job.permissions.idToken, 'contents': job.permissions.contents },
    uses: job.uses,
    with: { ...job.with },
  };
}

function renderJob(job: JobModel, versions: Map<string, string>): Record<string, unknown> {
  return {
    'name': job.name,
    'runs-on': job.runsOn,
    ...(job.if !== undefined ? { if: job.if } : {}),
    ...(job.environment !== undefined ? { environment: job.environment } : {}),
    'permissions': { 'id-token': job.permissions.idToken, ...(job.permissions.contents !== undefined ? { contents: job.permissions.contents } : {}) },
    'timeout-minutes': job.timeoutMinutes,
    'defaults': { run: { shell: job.defaultShell } },
    ...(job.env ? { env: { ...job.env } } : {}),
    'steps': job.steps.map((step) => renderStep(step, versions)),
  };
}

function renderStep(step: StepModel, versions: Map<string, string>): Record<string, unknown> {
  const common = {
    ...(step.id !== undefined ? { id: step.id } : {}),
    name: step.name,
    ...(step.if !== undefined ? { if: step.if } : {}),
  };
  const env = {
    ...(step.env ? { env: { ...step.env } } : {}),
    ...(step.timeoutMinutes !== undefined ? { 'timeout-minutes': step.timeoutMinutes } : {}),
  };
  if ('uses' in step) {
    const uses = pinnedUses(step.uses);
    versions.set(uses, step.uses.version);
    return { ...common, uses, ...(step.with ? { with: renderInputs(step.with) } : {}), ...env };
  }
  return {
    ...common,
    ...(step.workingDirectory !== undefined ? { 'working-directory': step.workingDirectory } : {}),
    ...env,
    run: step.run,
  };
}

/** `roleToAssume` → `role-to-assume`: action inputs are kebab-case. */
function renderInputs(inputs: ActionInputs): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value]),
  );
}

/** A blank line between top-level sections and between steps, for a person reading the file. */
function spaceOut(doc: Document): void {
  if (!isMap(doc.contents)) return;
  doc.contents.items.forEach((pair, i) => {
    if (i > 0 && isPair(pair) && isScalar(pair.key)) pair.key.spaceBefore = true;
  });
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'steps' && isSeq(pair.value)) {
        pair.value.items.forEach((item, i) => {
          if (i > 0 && isMap(item)) item.spaceBefore = true;
        });
      }
    },
  });
}
