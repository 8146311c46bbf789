import type { ActionPin } from '../action-pins';

/**
 * The small typed subset of a GitHub Actions workflow that Lockstep generates, in camelCase.
 * {@link renderWorkflow} turns it into the file's kebab-case keys, field by field.
 * @see https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions
 */
export interface WorkflowModel {
  readonly name: string;
  readonly on: WorkflowTriggers;
  /**
   * Per-ref queueing; `cancelInProgress` is always false, so a running deploy is never cut half-way.
   * Absent on a reusable workflow: its caller queues, and the same group in both would cancel the call.
   */
  readonly concurrency?: { readonly group: string };
  readonly jobs: Readonly<Record<string, JobModel | CallerJobModel>>;
}

/** One input of a reusable workflow (`on.workflow_call.inputs.<id>`). */
export interface WorkflowCallInput {
  readonly description: string;
  readonly type: 'string' | 'number' | 'boolean';
  readonly required: boolean;
  readonly default?: string | number | boolean;
}

/**
 * A job that calls a reusable workflow: only the keys GitHub allows on such a job. The called workflow's
 * job requests the token, but `sub` is computed from the caller (repository, event, ref).
 * @see https://docs.github.com/en/actions/sharing-automations/reusing-workflows#calling-a-reusable-workflow
 */
export interface CallerJobModel {
  readonly name: string;
  readonly if?: string;
  readonly permissions: AssumingJobPermissions;
  /** `OWNER/REPO/.github/workflows/FILE.yml@<40-hex SHA>`. */
  readonly uses: string;
  readonly with: Readonly<Record<string, string | number | boolean>>;
}

/** The `on:` events; only the ones that can be given a role exist here. */
export interface WorkflowTriggers {
  readonly pullRequest?: { readonly branches?: readonly string[] };
  readonly push?: { readonly branches?: readonly string[]; readonly tags?: readonly string[] };
  readonly workflowDispatch?: true;
  readonly schedule?: readonly string[];
  readonly mergeGroup?: { readonly branches?: readonly string[] };
  /** The inputs of a reusable workflow, by their (kebab-case) ids. */
  readonly workflowCall?: { readonly inputs: Readonly<Record<string, WorkflowCallInput>> };
}

/**
 * The token permissions of a job that assumes an AWS role, and nothing more: `id-token: write` to request
 * the OIDC token, `contents: read` to check out (granting any scope drops every unlisted one to none);
 * a job that checks nothing out (the sweeper) leaves `contents` out, so it gets none.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#adding-permissions-settings
 */
export interface AssumingJobPermissions {
  readonly idToken: 'write';
  readonly contents?: 'read';
}

/** One job. */
export interface JobModel {
  readonly name: string;
  readonly runsOn: string;
  /** Expression (without `${{ }}`) that must hold for the job to run. */
  readonly if?: string;
  /** GitHub environment; it decides the job's `sub` claim. */
  readonly environment?: string;
  readonly permissions: AssumingJobPermissions;
  /** Minutes, or an expression (`${{ inputs.timeout-minutes }}`) in a reusable workflow. */
  readonly timeoutMinutes: number | string;
  readonly defaultShell: 'bash';
  readonly env?: Readonly<Record<string, string>>;
  readonly steps: readonly StepModel[];
}

/** Inputs of an action step, camelCase; each becomes the action's kebab-case input name. */
export type ActionInputs = Readonly<Record<string, string | number | boolean>>;

/** One step: either an action (`uses` + `with`) or a shell script (`run`). */
export type StepModel = ActionStep | RunStep;

interface StepBase {
  readonly id?: string;
  readonly name: string;
  /** Expression (without `${{ }}`). */
  readonly if?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** The step's own timeout, within the job's (an expression in a reusable workflow). */
  readonly timeoutMinutes?: number | string;
}

/** A step that runs a pinned action. */
export interface ActionStep extends StepBase {
  readonly uses: ActionPin;
  readonly with?: ActionInputs;
}

/** A step that runs a bash script. */
export interface RunStep extends StepBase {
  readonly run: string;
  /** Relative to the repository root; omitted when it is the root. */
  readonly workingDirectory?: string;
}
