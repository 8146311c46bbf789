import type * as JsYaml from 'js-yaml';
import type { JsonCache } from './cache';
import { InputError } from './cli-error';
import { checkShape, depthMessage, INPUT_LIMITS, isStackOverflow } from './input-limits';
import { workflowLines } from './private/workflow-lines';
import { deriveFromTextFile } from './read-text-file';
import { scriptKeys, type ScriptKeys } from './script-keys';

/** One step of a job, as far as the checker reads it. */
export interface WorkflowStep {
  /** 0-based position in the job's `steps`. */
  readonly index: number;
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly with: Readonly<Record<string, unknown>>;
  readonly env: Readonly<Record<string, unknown>>;
  /**
   * What the step's `run:` script does with long-lived AWS keys (see {@link scriptKeys}); undefined for a
   * step without a script. The script itself isn't kept: scripts are most of a workflow's bytes, and the
   * parse is cached per file for every later check.
   */
  readonly run?: ScriptKeys;
  /** 1-based line of the step in the file. */
  readonly line?: number;
}

/** One job of a workflow, as far as the checker reads it. */
export interface WorkflowJob {
  /** The key under `jobs:`. */
  readonly id: string;
  readonly name?: string;
  readonly if?: unknown;
  readonly environment?: unknown;
  /** The job's `permissions:` as written; undefined when the job inherits the workflow's. */
  readonly permissions?: unknown;
  /** A job that calls a reusable workflow (`jobs.<id>.uses`). */
  readonly uses?: string;
  /** The `secrets:` a reusable-workflow call passes (a map, or `inherit`). */
  readonly secrets?: unknown;
  /** The inputs a reusable-workflow call passes (`jobs.<id>.with`). */
  readonly with?: Readonly<Record<string, unknown>>;
  /**
   * The `job_workflow_ref` of the job's token when it is not the workflow file's own: a job of a called
   * reusable workflow, inlined into its caller by {@link followCalls}.
   */
  readonly jobWorkflowRef?: string;
  readonly env: Readonly<Record<string, unknown>>;
  readonly steps: readonly WorkflowStep[];
  /** 1-based line of the job's key in the file. */
  readonly line?: number;
  /** 1-based line of the job's `uses:`, for a reusable-workflow call. */
  readonly usesLine?: number;
}

/** A GitHub Actions workflow file, parsed. */
export interface WorkflowFile {
  /** The path as given or found. */
  readonly file: string;
  readonly on: unknown;
  /** The workflow's top-level `permissions:`; undefined when absent. */
  readonly permissions?: unknown;
  readonly env: Readonly<Record<string, unknown>>;
  readonly jobs: readonly WorkflowJob[];
  /** 1-based line of the top-level `permissions:` key. */
  readonly permissionsLine?: number;
}

/**
 * Reads a workflow file as GitHub does: YAML 1.2's core schema, where `on` is a string key (YAML 1.1 made it
 * `true`) and a date stays a string; the line of every job and step is kept for messages.
 *
 * @throws InputError with one line for a missing or unreadable file, invalid YAML, or a file that is not a
 * workflow (no `jobs` map).
 */
export function readWorkflowFile(file: string, shown: string, cache?: JsonCache<Omit<WorkflowFile, 'file'>>): WorkflowFile {
  // Parsing YAML is most of what `check` costs on many repositories: reuse what the file gave before.
  const parsed = deriveFromTextFile(file, 'workflow file', shown, cache, '', (text) => {
    const { file: _, ...rest } = parseWorkflow(text, file, shown);
    return rest;
  });
  return { ...parsed, file };
}

/** {@link readWorkflowFile} on text already read. */
export function parseWorkflow(text: string, file: string, shown: string): WorkflowFile {
  const root = parseYaml(text, shown);
  if (!isRecord(root)) throw new InputError(`${shown}: not a GitHub workflow (expected a map with "on" and "jobs")`);
  if (!isRecord(root.jobs)) throw new InputError(`${shown}: not a GitHub workflow (no "jobs" map)`);
  const jobCount = Object.keys(root.jobs).length;
  if (jobCount > INPUT_LIMITS.jobs) throw new InputError(`${shown}: the workflow has ${jobCount} jobs, above the limit of ${INPUT_LIMITS.jobs}`);
  for (const [id, job] of Object.entries(root.jobs)) {
    const steps = isRecord(job) && Array.isArray(job.steps) ? job.steps.length : 0;
    if (steps > INPUT_LIMITS.jobs) throw new InputError(`${shown}: job "${id}" has ${steps} steps, above the limit of ${INPUT_LIMITS.jobs}`);
  }
  // A parser that keeps positions costs several times js-yaml: the lines, for messages only, come from a scan.
  const lines = workflowLines(text);

  const jobs: WorkflowJob[] = Object.entries(root.jobs).map(([id, raw]) => {
    const job = isRecord(raw) ? raw : {};
    const at = lines.jobs.get(id);
    const written = Array.isArray(job.steps) ? job.steps : [];
    // Lines only when the scan saw exactly the steps the parser did (not e.g. `steps: *common`).
    const stepLines = at?.stepLines?.length === written.length ? at.stepLines : undefined;
    const steps = written.map((s: unknown, index: number): WorkflowStep => {
      const step = isRecord(s) ? s : {};
      return {
        index,
        id: str(step.id),
        name: str(step.name),
        uses: str(step.uses),
        with: isRecord(step.with) ? step.with : {},
        env: isRecord(step.env) ? step.env : {},
        run: typeof step.run === 'string' ? scriptKeys(step.run) : undefined,
        line: stepLines?.[index],
      };
    });
    return {
      id,
      name: str(job.name),
      if: job.if,
      environment: job.environment,
      permissions: job.permissions,
      uses: str(job.uses),
      secrets: job.secrets,
      ...(isRecord(job.with) ? { with: job.with } : {}),
      env: isRecord(job.env) ? job.env : {},
      steps,
      line: at?.line,
      usesLine: job.uses !== undefined ? at?.usesLine : undefined,
    };
  });
  return {
    file,
    on: root.on,
    permissions: root.permissions,
    env: isRecord(root.env) ? root.env : {},
    jobs,
    permissionsLine: root.permissions !== undefined ? lines.permissionsLine : undefined,
  };
}

/** Values an alias may expand to, in all: far above any workflow, far below what exhausts memory. */
const MAX_EXPANDED_VALUES = INPUT_LIMITS.values;

/**
 * Whether the text may hold an alias (`*name`), which only starts a node: at a line's indentation, after a
 * space, a flow indicator, or the colon of a quoted key in flow style (`{"a":*b}`). Also true of some
 * scalars (`- '* * * * *'`, `run: ls *.txt`), which only costs the walk. (A loop over `indexOf`: a regular
 * expression that tries every position costs as much as the rest of the checks on a file.)
 */
function mayHoldAlias(text: string): boolean {
  for (let i = text.indexOf('*'); i !== -1; i = text.indexOf('*', i + 1)) {
    if (i === 0 || ' \t\r\n[{,:'.includes(text[i - 1])) return true;
  }
  return false;
}

let loadedJsYaml: typeof JsYaml | undefined;

/** js-yaml, loaded by the first parse: a check whose workflows all come from its cache never loads it. */
function jsYaml(): typeof JsYaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loadedJsYaml ??= require('js-yaml') as typeof JsYaml);
}

/**
 * The document as plain data, YAML 1.2 core schema (no `<<` merge, no timestamps: GitHub reads neither).
 * @throws InputError for invalid YAML (with its line and column), duplicate keys, or aliases that expand
 * without bound (a "billion laughs" document, or one that contains itself), or a document nested past the limit.
 */
function parseYaml(text: string, shown: string): unknown {
  const { CORE_SCHEMA, load, YAMLException } = jsYaml();
  let root: unknown;
  try {
    root = load(text, { schema: CORE_SCHEMA });
  } catch (e) {
    // js-yaml reads nested collections by recursion: a file nested deeper than its stack ends here.
    if (isStackOverflow(e)) throw new InputError(depthMessage(shown, 'workflow file'));
    if (!(e instanceof YAMLException)) throw e;
    const at = e.mark !== undefined && e.mark !== null ? `${e.mark.line + 1}:${e.mark.column + 1}:` : '';
    throw new InputError(`${shown}:${at} not valid YAML: ${(e.reason || e.message).split('\n')[0]}`);
  }
  // js-yaml shares an aliased value instead of copying it: walking it (or caching it as JSON) would copy it.
  let expanded = 0;
  try {
    expanded = mayHoldAlias(text) ? expandedSize(root, new Map()) : 0;
  } catch (e) {
    if (isStackOverflow(e)) throw new InputError(depthMessage(shown, 'workflow file'));
    throw e;
  }
  if (expanded > MAX_EXPANDED_VALUES) {
    throw new InputError(`${shown}: not a usable workflow: its aliases expand to more than ${MAX_EXPANDED_VALUES} values`);
  }
  checkShape(root, shown, 'workflow file', MAX_EXPANDED_VALUES);
  return root;
}

/** How many values a document holds once every alias is expanded; infinite when a value contains itself. */
function expandedSize(value: unknown, sizes: Map<object, number>): number {
  if (typeof value !== 'object' || value === null) return 1;
  const known = sizes.get(value);
  if (known !== undefined) return known;
  sizes.set(value, Number.POSITIVE_INFINITY); // while counting: reaching it again means it contains itself
  let size = 1;
  for (const child of Object.values(value)) {
    size += expandedSize(child, sizes);
    if (size > MAX_EXPANDED_VALUES) break;
  }
  sizes.set(value, size);
  return size;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
