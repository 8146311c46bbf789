import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { hashText, type JsonCache } from './cache';
import { InputError } from './cli-error';
import { readTextFile } from './read-input';

/** One step of a job, as far as the checker reads it. */
export interface WorkflowStep {
  /** 0-based position in the job's `steps`. */
  readonly index: number;
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly with: Readonly<Record<string, unknown>>;
  readonly env: Readonly<Record<string, unknown>>;
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
 * Reads a workflow file with the `yaml` package (YAML 1.2, where `on` is a string key, as GitHub reads it),
 * keeping the line of every job and step for messages.
 *
 * @throws InputError with one line for a missing or unreadable file, invalid YAML, or a file that is not a
 * workflow (no `jobs` map).
 */
export function readWorkflowFile(file: string, shown: string, cache?: JsonCache<Omit<WorkflowFile, 'file'>>): WorkflowFile {
  const text = readTextFile(file, 'workflow file', shown);
  if (cache === undefined) return parseWorkflow(text, file, shown);
  // Parsing YAML is most of what `check` costs on many repositories: reuse what the same text gave before.
  const key = hashText(text);
  const cached = cache.get(key);
  if (cached !== undefined) return { ...cached, file };
  const parsed = parseWorkflow(text, file, shown);
  const { file: _, ...rest } = parsed;
  cache.set(key, rest);
  return parsed;
}

/** {@link readWorkflowFile} on text already read. */
export function parseWorkflow(text: string, file: string, shown: string): WorkflowFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = lineCounter.linePos(error.pos[0]);
    throw new InputError(`${shown}:${pos.line}:${pos.col}: not valid YAML: ${error.message.split('\n')[0]}`);
  }
  const root = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isRecord(root)) throw new InputError(`${shown}: not a GitHub workflow (expected a map with "on" and "jobs")`);
  if (!isRecord(root.jobs)) throw new InputError(`${shown}: not a GitHub workflow (no "jobs" map)`);
  const line = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;

  const rootNode = isMap(doc.contents) ? doc.contents : undefined;
  const jobsNode = rootNode?.get('jobs', true);
  const jobNodes = isMap(jobsNode) ? jobsNode : undefined;

  const jobs: WorkflowJob[] = Object.entries(root.jobs).map(([id, raw]) => {
    const job = isRecord(raw) ? raw : {};
    const keyNode = jobNodes?.items.find((p) => isScalar(p.key) && p.key.value === id)?.key as Node | undefined;
    const jobNode = jobNodes?.get(id, true);
    const jobMap = isMap(jobNode) ? jobNode : undefined;
    const stepsNode = jobMap?.get('steps', true);
    const stepItems = isSeq(stepsNode) ? stepsNode.items : [];
    const steps = (Array.isArray(job.steps) ? job.steps : []).map((s: unknown, index: number): WorkflowStep => {
      const step = isRecord(s) ? s : {};
      return {
        index,
        id: str(step.id),
        name: str(step.name),
        uses: str(step.uses),
        with: isRecord(step.with) ? step.with : {},
        env: isRecord(step.env) ? step.env : {},
        line: line(stepItems[index] as Node | undefined),
      };
    });
    return {
      id,
      name: str(job.name),
      if: job.if,
      environment: job.environment,
      permissions: job.permissions,
      uses: str(job.uses),
      env: isRecord(job.env) ? job.env : {},
      steps,
      line: line(keyNode),
      usesLine: line(jobMap?.get('uses', true) as Node | undefined),
    };
  });
  const permissionsKey = rootNode?.items.find((p) => isScalar(p.key) && p.key.value === 'permissions')?.key as Node | undefined;
  return {
    file,
    on: root.on,
    permissions: root.permissions,
    env: isRecord(root.env) ? root.env : {},
    jobs,
    permissionsLine: line(permissionsKey),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
