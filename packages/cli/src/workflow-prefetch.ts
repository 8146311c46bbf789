import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { hashText, type JsonCache } from './cache';
import { InputError } from './cli-error';
import { readTextFile } from './read-text-file';
import { parseWorkflow, readWorkflowFile, type WorkflowFile } from './workflow-file';

/** A workflow file to read, with the path its messages name. */
export interface WorkflowToRead {
  readonly file: string;
  readonly shown: string;
}

/** How {@link WorkflowPrefetch.start} decides and batches. */
export interface PrefetchOptions {
  /**
   * Below this many files, no worker: its start-up (a thread, the YAML parser loaded again) costs more than
   * parsing them on the main thread.
   * @default 100
   */
  readonly minFiles?: number;
}

/** What the worker made of one file: the parsed workflow (and its text's hash, for the cache), or why not. */
type Outcome =
  | { readonly workflow: Omit<WorkflowFile, 'file'>; readonly key?: string }
  /** An InputError's message: the file is missing, unreadable, not YAML, not a workflow. */
  | { readonly refused: string }
  /** Anything else: the main thread reads the file again, so that a bug surfaces there with its own stack. */
  | { readonly failed: true };

/** What the worker is given. */
interface Job {
  readonly module: string;
  readonly tsx?: string;
  readonly files: readonly WorkflowToRead[];
  readonly hashes: boolean;
  readonly port: MessagePort;
  /** [0]: how many outcomes the worker has posted; -1 when it gave up. */
  readonly progress: Int32Array;
}

/** Outcomes per message: few enough that the first ones arrive early, enough that posting costs little. */
const BATCH = 32;
/** How long the main thread waits for the worker to make any progress before it reads the rest itself. */
const STALL_MS = 10_000;

/**
 * Reads and parses the workflow files `check` will need on a worker thread, while the main thread loads the
 * config and reads the templates: the two halves of a cold `check` that don't depend on each other.
 *
 * Why: parsing YAML is the largest single cost of checking many repositories, and it needs nothing the main
 * thread computes. Every file is still read and parsed by the same functions, in full, on every run: the
 * worker only moves where it happens. The main thread takes the outcomes in order with
 * {@link WorkflowPrefetch.read}, which throws a file's error when the check reaches that file, as reading it
 * then would; a file the worker couldn't handle for any other reason is read again on the main thread.
 *
 * `check` is synchronous from start to end, so the outcomes come through a port read with
 * `receiveMessageOnPort`, and waiting is `Atomics.wait` on a progress counter the worker bumps.
 * @see https://nodejs.org/api/worker_threads.html#workerreceivemessageonportport
 */
export class WorkflowPrefetch {
  /** Starts the worker, or returns undefined when there are too few files for one to pay (see {@link PrefetchOptions}). */
  public static start(files: readonly WorkflowToRead[], cache: JsonCache<Omit<WorkflowFile, 'file'>>, options: PrefetchOptions = {}): WorkflowPrefetch | undefined {
    // A warm cache answers most files without parsing: the worker would parse them for nothing.
    if (files.length < (options.minFiles ?? 100) || cache.size >= files.length / 2) return undefined;
    const { port1, port2 } = new MessageChannel();
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const job: Job = { module: __filename, tsx: tsxLoader(), files, hashes: cache.enabled, port: port2, progress };
    let worker: Worker;
    try {
      worker = new Worker(BOOTSTRAP, { eval: true, workerData: job, transferList: [port2], stdout: true, stderr: true });
    } catch {
      return undefined; // no threads here: the main thread reads every file, as it always could
    }
    // The process may end (e.g. on a config error) before the worker does: it mustn't wait for it.
    worker.unref();
    return new WorkflowPrefetch(worker, port1, progress, files);
  }

  private readonly outcomes: Outcome[] = [];
  private readonly index: Map<string, number>;
  private abandoned = false;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly progress: Int32Array,
    files: readonly WorkflowToRead[],
  ) {
    this.index = new Map(files.map((f, i) => [f.file, i]));
  }

  /**
   * The workflow `file` as {@link readWorkflowFile} returns it: from the worker when it was one of the files
   * given to {@link start}, else read here.
   * @throws InputError as {@link readWorkflowFile} does.
   */
  public read(file: string, shown: string, cache: JsonCache<Omit<WorkflowFile, 'file'>>): WorkflowFile {
    const i = this.index.get(file);
    const outcome = i === undefined ? undefined : this.outcome(i);
    if (outcome === undefined || 'failed' in outcome) return readWorkflowFile(file, shown, cache);
    if ('refused' in outcome) throw new InputError(outcome.refused);
    if (outcome.key !== undefined) cache.set(outcome.key, outcome.workflow);
    return { ...outcome.workflow, file };
  }

  /** Stops the worker (it may still be parsing files the check never reached). */
  public close(): void {
    this.port.close();
    void this.worker.terminate();
  }

  /** The outcome of file `i`, waiting for the worker as needed; undefined once the worker is abandoned. */
  private outcome(i: number): Outcome | undefined {
    while (!this.abandoned && this.outcomes.length <= i) {
      const posted = Atomics.load(this.progress, 0);
      const message = receiveMessageOnPort(this.port);
      if (message !== undefined) {
        this.outcomes.push(...(message.message as Outcome[]));
        continue;
      }
      if (posted < 0 || Atomics.wait(this.progress, 0, posted, STALL_MS) === 'timed-out') this.abandon();
    }
    return this.outcomes[i];
  }

  private abandon(): void {
    this.abandoned = true;
    this.close();
  }
}

/**
 * The worker's code: loads this module (through tsx when the CLI runs from its TypeScript sources) and runs
 * {@link prefetchInWorker}; if even that fails, says so, so that the main thread stops waiting.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
try {
  if (workerData.tsx !== undefined) require(workerData.tsx).register();
  require(workerData.module).prefetchInWorker(workerData);
} catch {
  Atomics.store(workerData.progress, 0, -1);
  Atomics.notify(workerData.progress, 0);
}
`;

/** tsx's CommonJS loader when this module is TypeScript (the CLI runs from its sources), else undefined. */
function tsxLoader(): string | undefined {
  return __filename.endsWith('.ts') ? require.resolve('tsx/cjs/api') : undefined;
}

/** The worker's side: reads and parses every file in order, posting the outcomes in batches. @internal */
export function prefetchInWorker(job: Job): void {
  let batch: Outcome[] = [];
  let posted = 0;
  const flush = () => {
    job.port.postMessage(batch);
    posted += batch.length;
    batch = [];
    // After the message: once the count moves, the message is there to receive.
    Atomics.store(job.progress, 0, posted);
    Atomics.notify(job.progress, 0);
  };
  for (const { file, shown } of job.files) {
    batch.push(readOne(file, shown, job.hashes));
    if (batch.length === BATCH) flush();
  }
  if (batch.length > 0) flush();
}

function readOne(file: string, shown: string, hashes: boolean): Outcome {
  try {
    const text = readTextFile(file, 'workflow file', shown);
    const { file: _, ...workflow } = parseWorkflow(text, file, shown);
    return hashes ? { workflow, key: hashText(text) } : { workflow };
  } catch (e) {
    return e instanceof InputError ? { refused: e.message } : { failed: true };
  }
}
