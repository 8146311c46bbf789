import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_FILES } from '@lockstep/model';
import type { WorkflowFile, WorkflowJob, WorkflowStep } from './workflow-file';

/** `OWNER/REPO/.github/workflows/FILE.yml@REF`: a job's call of a reusable workflow in another repository. */
const CALL = /^([^/\s]+)\/([^/\s]+)\/(\.github\/workflows\/[^@\s]+)@(\S+)$/;

/** Whether a workflow runs only when called (`on: workflow_call`): its jobs are checked through their callers. */
export function onlyCalled(workflow: WorkflowFile): boolean {
  const on = workflow.on;
  if (on === 'workflow_call') return true;
  if (Array.isArray(on)) return on.length === 1 && on[0] === 'workflow_call';
  return typeof on === 'object' && on !== null && Object.keys(on).length === 1 && 'workflow_call' in on;
}

/**
 * The workflow with each job that calls a reusable workflow of `owner` found in the workspace
 * (`<reposDir>/<repo>/.github/workflows/…`) replaced by the called jobs that assume a role: their steps, with
 * `${{ inputs.X }}` in the role step's inputs taken from the caller's `with:`, and the token's
 * `job_workflow_ref` (the called file at the ref the caller pins). The caller keeps its triggers, `if:` and
 * repository, which decide `sub`: in a called workflow, `sub` describes the caller.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/using-openid-connect-with-reusable-workflows
 */
export function followCalls(workflow: WorkflowFile, reposDir: string, owner: string | undefined, read: (file: string) => WorkflowFile): WorkflowFile {
  if (owner === undefined || !workflow.jobs.some((j) => j.uses !== undefined)) return workflow;
  const jobs = workflow.jobs.flatMap((job): WorkflowJob[] => {
    const call = job.uses === undefined ? null : CALL.exec(job.uses);
    if (call === null || call[1].toLowerCase() !== owner.toLowerCase() || !call[3].startsWith(`${REPO_FILES.workflowsDir}/`)) return [job];
    const file = path.join(reposDir, call[2], ...call[3].split('/'));
    if (!fs.existsSync(file)) return [job];
    const called = read(file);
    const inputs = job.with ?? {};
    return called.jobs.filter((j) => j.uses === undefined && !skipped(j.if, inputs)).map((inner) => ({
      ...inner,
      id: `${job.id}/${inner.id}`,
      if: job.if,
      environment: substitute(inner.environment, inputs),
      line: job.line,
      env: { ...called.env, ...inner.env },
      steps: inner.steps.map((step) => withInputs(step, inputs, job.line)),
      jobWorkflowRef: job.uses,
    }));
  });
  return { ...workflow, jobs };
}

/** `${{ inputs.X }}` in a value replaced by what the caller passes (an input it doesn't pass is empty). */
function substitute(value: unknown, inputs: Readonly<Record<string, unknown>>): unknown {
  return typeof value === 'string'
    ? value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_whole, id: string) => (id in inputs ? String(inputs[id]) : ''))
    : value;
}

/**
 * Whether a called job's `if:` is false for these inputs: only the form `inputs.X == ''` / `inputs.X != ''`
 * is decided (the central workflow's choice between its job with and without an environment); any other
 * condition keeps the job.
 */
function skipped(condition: unknown, inputs: Readonly<Record<string, unknown>>): boolean {
  if (typeof condition !== 'string') return false;
  const form = /^\s*(?:\$\{\{\s*)?inputs\.([\w-]+)\s*(==|!=)\s*''\s*(?:\}\})?\s*$/.exec(condition);
  if (form === null) return false;
  const empty = String(inputs[form[1]] ?? '') === '';
  return form[2] === '==' ? !empty : empty;
}

/** A called step with `${{ inputs.X }}` in its `with:` replaced by what the caller passes; its line the caller's. */
function withInputs(step: WorkflowStep, inputs: Readonly<Record<string, unknown>>, line: number | undefined): WorkflowStep {
  return { ...step, line, with: Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, substitute(v, inputs)])) };
}
