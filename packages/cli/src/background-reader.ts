import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { hashText, type JsonCache } from './cache';
import type { CheckFinding } from './check-finding';
import { InputError } from './cli-error';
import { readTextFile } from './read-text-file';
import { staticCredentialFindings } from './static-credentials';
import { parseTemplate, rolesView, type Template } from './template-json';
import { parseWorkflow, readWorkflowFile, type WorkflowFile } from './workflow-file';
import { workflowHygiene } from './workflow-hygiene';

/** A file `check` reads, with the path its messages name. */
export interface FileToRead {
  readonly file: string;
  readonly shown: string;
}

/** What `check` reads, in the order the worker takes it: the templates (needed first), then the workflows. */
export interface FilesToRead {
  readonly templates: readonly FileToRead[];
  readonly workflows: readonly FileToRead[];
}

/** One workflow file, parsed, with the findings about the file alone (hygiene, static credentials). */
export interface ReadWorkflow {
  readonly workflow: WorkflowFile;
  readonly findings: readonly CheckFinding[];
}

/** When {@link BackgroundReader.open} starts a worker. */
export interface ReaderOptions {
  /**
   * Below this many workflows, no worker: its start-up (a thread, the parsers loaded again) costs more than
   * it saves.
   * @default 100
   */
  readonly minWorkflows?: number;
  /**
   * Whether this thread takes a file the worker hasn't got to yet. Only tests turn it off, to have the
   * worker read every file.
   * @default true
   */
  readonly share?: boolean;
}

/** Parsed workflows, in the cache's form (without `file`). */
type WorkflowCache = JsonCache<Omit<WorkflowFile, 'file'>>;

/** What the worker made of one file. */
type Outcome =
  | { readonly workflow: Omit<WorkflowFile, 'file'>; readonly findings: readonly CheckFinding[]; readonly key?: string }
  | { readonly template: Template }
  /** An InputError's message: the file is missing, unreadable, not JSON or YAML, not a template or workflow. */
  | { readonly refused: string }
  /** Anything else: the main thread reads the file again, so that a bug surfaces there with its own stack. */
  | { readonly failed: true };

/** What the worker is given. */
interface Job {
  readonly module: string;
  readonly tsx?: string;
  readonly files: FilesToRead;
  readonly hashes: boolean;
  readonly port: MessagePort;
  /** See {@link SLOT}. */
  readonly state: Int32Array;
}

/**
 * The shared state: how many outcomes the worker has posted (-1: it failed to start), whether the main thread
 * waits for one, then per file (templates, then workflows) who took it: 0 nobody yet, 1 the worker, 2 the
 * main thread.
 */
const SLOT = { posted: 0, waiting: 1, files: 2 } as const;
const TAKEN = { free: 0, worker: 1, main: 2 } as const;

/** Outcomes per message while nobody waits: few enough to arrive early, enough that posting costs little. */
const BATCH = 32;
/**
 * How long the main thread waits for the worker to make any progress before it reads the rest itself: it
 * only ever waits for a file the worker is reading (at most 10 MB, parsed in well under this), so a longer
 * wait means the worker is gone (e.g. it could not start, or ran out of memory).
 */
const STALL_MS = 2_000;

/**
 * Reads and parses the files a `check` of many repositories goes through — the synthesized templates, then
 * the workflows, with the findings about each workflow alone — on a worker thread as well as on this one:
 * the worker starts while this thread loads and resolves the config, which needs none of them.
 *
 * Why: parsing them (JSON and YAML) is most of what a cold `check` costs besides the config, and none of it
 * depends on what this thread computes. Every file is still read, parsed and checked by the same functions,
 * in full, on every run: the worker only moves where that happens. Files are taken in order by whichever
 * thread gets to one first (this thread takes the one it needs when the worker hasn't), so a slow or busy
 * worker never makes `check` slower than reading every file here. A file's error is thrown when the check
 * reaches that file, as reading it then would; a file the worker couldn't handle for any other reason is read
 * again here.
 *
 * `check` is synchronous from start to end, so the worker's outcomes come through a port read with
 * `receiveMessageOnPort`, and waiting for one is `Atomics.wait` on a counter the worker bumps.
 * @see https://nodejs.org/api/worker_threads.html#workerreceivemessageonportport
 * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Atomics/wait
 */
export class BackgroundReader {
  /**
   * A reader of `files`, with a worker when there are enough workflows to pay for one and the cache doesn't
   * already hold most of them.
   */
  public static open(files: FilesToRead, cache: WorkflowCache, options: ReaderOptions = {}): BackgroundReader {
    const reader = new BackgroundReader(files, cache, options.share ?? true);
    const workflows = files.workflows.length;
    // A warm cache answers most workflows without parsing: the worker would parse them for nothing.
    if (workflows >= (options.minWorkflows ?? 100) && cache.size < workflows / 2) reader.startWorker(files);
    return reader;
  }

  private readonly templateIndex: Map<string, number>;
  private readonly workflowIndex: Map<string, number>;
  private readonly all: readonly Item[];
  /** Every outcome so far, the worker's and those of the files this thread took from the end. */
  private readonly outcomes = new Map<number, Outcome>();
  /** The last file this thread hasn't tried to take from the end of the list. */
  private lastUntried: number;
  private worker?: { readonly thread: Worker; readonly port: MessagePort; readonly state: Int32Array };

  private constructor(
    files: FilesToRead,
    private readonly cache: WorkflowCache,
    private readonly share: boolean,
  ) {
    this.templateIndex = new Map(files.templates.map((f, i) => [f.file, i]));
    this.workflowIndex = new Map(files.workflows.map((f, i) => [f.file, files.templates.length + i]));
    this.all = items(files);
    this.lastUntried = this.all.length - 1;
  }

  /** Whether a worker reads files too (false without one, or once it was given up). */
  public get parallel(): boolean {
    return this.worker !== undefined;
  }

  /**
   * One of the workflow files given to {@link open}, parsed, with its own findings.
   * @throws InputError as {@link readWorkflowFile} does.
   */
  public workflow(file: string, shown: string): ReadWorkflow {
    const i = this.workflowIndex.get(file);
    const outcome = i === undefined ? undefined : this.fromWorker(i);
    if (outcome === undefined || !('workflow' in outcome || 'refused' in outcome)) {
      const workflow = readWorkflowFile(file, shown, this.cache);
      return { workflow, findings: fileFindings(workflow, shown) };
    }
    if ('refused' in outcome) throw new InputError(outcome.refused);
    if (outcome.key !== undefined) this.cache.set(outcome.key, outcome.workflow);
    return { workflow: { ...outcome.workflow, file }, findings: outcome.findings };
  }

  /**
   * One of the template files given to {@link open} as the worker parsed it (its `rolesView`), or undefined
   * when this thread is to parse it.
   * @throws InputError as parsing it would.
   */
  public template(file: string): Template | undefined {
    const i = this.templateIndex.get(file);
    const outcome = i === undefined ? undefined : this.fromWorker(i);
    if (outcome === undefined) return undefined;
    if ('refused' in outcome) throw new InputError(outcome.refused);
    return 'template' in outcome ? outcome.template : undefined;
  }

  /** Stops the worker, if any (it may still be reading files the check never reached). */
  public close(): void {
    if (this.worker === undefined) return;
    this.worker.port.close();
    void this.worker.thread.terminate();
    this.worker = undefined;
  }

  private startWorker(files: FilesToRead): void {
    const { port1, port2 } = new MessageChannel();
    const state = new Int32Array(new SharedArrayBuffer(4 * (SLOT.files + files.templates.length + files.workflows.length)));
    const job: Job = { module: __filename, tsx: tsxLoader(), files, hashes: this.cache.enabled, port: port2, state };
    try {
      const thread = new Worker(BOOTSTRAP, { eval: true, workerData: job, transferList: [port2], stdout: true, stderr: true });
      // The process may end (e.g. on a config error) before the worker does: it mustn't wait for it.
      thread.unref();
      this.worker = { thread, port: port1, state };
    } catch {
      port1.close(); // no threads here: every file is read on this thread, as it always could be
    }
  }

  /**
   * The outcome for file `i`: the worker's, waiting for it as needed, or one this thread made taking files
   * from the end of the list while it waited; undefined when this thread is to read the file itself.
   */
  private fromWorker(i: number): Outcome | undefined {
    const worker = this.worker;
    if (this.outcomes.has(i) || worker === undefined) return this.outcomes.get(i);
    const { state, port } = worker;
    // The worker hasn't got to it: this thread takes it rather than wait.
    if (this.share && Atomics.compareExchange(state, SLOT.files + i, TAKEN.free, TAKEN.main) === TAKEN.free) return undefined;
    if (Atomics.load(state, SLOT.files + i) === TAKEN.main) return undefined;
    while (!this.outcomes.has(i)) {
      const posted = Atomics.load(state, SLOT.posted);
      for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
        for (const [n, outcome] of m.message as [number, Outcome][]) this.outcomes.set(n, outcome);
      }
      if (this.outcomes.has(i)) break;
      // Rather than wait for the worker, read a file it hasn't taken, from the far end of the list.
      if (this.share && this.takeFromEnd(state, i)) continue;
      // Ask the worker to post what it has now instead of at its next full batch.
      Atomics.store(state, SLOT.waiting, 1);
      if (posted < 0 || Atomics.wait(state, SLOT.posted, posted, STALL_MS) === 'timed-out') {
        this.close();
        return undefined;
      }
    }
    Atomics.store(state, SLOT.waiting, 0);
    return this.outcomes.get(i);
  }

  /** Reads the last file after `i` that nobody has taken, if any; whether there was one. */
  private takeFromEnd(state: Int32Array, i: number): boolean {
    for (; this.lastUntried > i; this.lastUntried--) {
      const j = this.lastUntried;
      if (Atomics.compareExchange(state, SLOT.files + j, TAKEN.free, TAKEN.main) === TAKEN.free) {
        this.outcomes.set(j, readItem(this.all[j], this.cache.enabled));
        this.lastUntried--;
        return true;
      }
    }
    return false;
  }
}

/** A file of either kind, in the order of the shared state's slots. */
interface Item extends FileToRead {
  readonly kind: 'template' | 'workflow';
}

function items(files: FilesToRead): Item[] {
  return [...files.templates.map((f) => ({ ...f, kind: 'template' as const })), ...files.workflows.map((f) => ({ ...f, kind: 'workflow' as const }))];
}

/** What reading a file gives, on either thread. */
function readItem({ file, shown, kind }: Item, hashes: boolean): Outcome {
  return kind === 'template' ? readTemplate(file, shown) : readWorkflow(file, shown, hashes);
}

/** The findings about a workflow file alone, before its jobs are matched to roles. */
function fileFindings(workflow: WorkflowFile, shown: string): CheckFinding[] {
  return [...workflowHygiene(workflow, shown), ...staticCredentialFindings(workflow, shown)];
}

/**
 * The worker's code: loads this module (through tsx when the CLI runs from its TypeScript sources) and runs
 * {@link readInWorker}; if even that fails, says so, so that the main thread stops waiting for it.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
try {
  if (workerData.tsx !== undefined) require(workerData.tsx).register();
  require(workerData.module).readInWorker(workerData);
} catch {
  Atomics.store(workerData.state, ${SLOT.posted}, -1);
  Atomics.notify(workerData.state, ${SLOT.posted});
}
`;

/** tsx's CommonJS loader when this module is TypeScript (the CLI runs from its sources), else undefined. */
function tsxLoader(): string | undefined {
  return __filename.endsWith('.ts') ? require.resolve('tsx/cjs/api') : undefined;
}

/** The worker's side: takes the files in order that the main thread hasn't, posting the outcomes. @internal */
export function readInWorker(job: Job): void {
  const { state, port, files } = job;
  let batch: [number, Outcome][] = [];
  let posted = 0;
  const flush = () => {
    port.postMessage(batch);
    posted += batch.length;
    batch = [];
    // After the message: once the count moves, the message is there to receive.
    Atomics.store(state, SLOT.posted, posted);
    Atomics.notify(state, SLOT.posted);
  };
  items(files).forEach((item, i) => {
    if (Atomics.compareExchange(state, SLOT.files + i, TAKEN.free, TAKEN.worker) !== TAKEN.free) return;
    batch.push([i, readItem(item, job.hashes)]);
    // The templates are what the main thread needs first: each goes out at once.
    if (item.kind === 'template' || batch.length >= BATCH || Atomics.load(state, SLOT.waiting) === 1) flush();
  });
  if (batch.length > 0) flush();
}

function readTemplate(file: string, shown: string): Outcome {
  return outcomeOf(() => ({ template: rolesView(parseTemplate(readTextFile(file, 'template', shown), shown)) }));
}

function readWorkflow(file: string, shown: string, hashes: boolean): Outcome {
  return outcomeOf(() => {
    const text = readTextFile(file, 'workflow file', shown);
    const { file: _, ...workflow } = parseWorkflow(text, file, shown);
    const findings = fileFindings({ ...workflow, file }, shown);
    return hashes ? { workflow, findings, key: hashText(text) } : { workflow, findings };
  });
}

function outcomeOf(read: () => Outcome): Outcome {
  try {
    return read();
  } catch (e) {
    return e instanceof InputError ? { refused: e.message } : { failed: true };
  }
}
