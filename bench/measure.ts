import { spawnSync } from 'node:child_process';

/** One process to time: what the benchmark runs, where, with which extra environment. */
export interface Command {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Exit codes that mean success besides 0 (`lockstep audit` exits 1 when it reports findings). */
  readonly okExits?: readonly number[];
}

/** One run of a command. */
export interface Sample {
  /** Wall-clock seconds, from spawn to exit. */
  readonly wallSeconds: number;
  /** User plus system CPU seconds of the process and its children: steadier than wall time on a busy machine. */
  readonly cpuSeconds: number;
  /** The largest resident set size of any one process of the run, KiB (`/usr/bin/time -v`). */
  readonly peakKiB: number;
}

/** The runs of one command, summarized. */
export interface Summary {
  /** Median wall-clock seconds. */
  readonly median: number;
  /** Fastest run, seconds: with `max`, the spread the report prints. */
  readonly min: number;
  readonly max: number;
  /** Median user plus system CPU seconds. */
  readonly cpuMedian: number;
  /** The largest peak of the runs, MiB. */
  readonly peakMiB: number;
  readonly runs: number;
}

/**
 * Runs `command` once under `/usr/bin/time -v` and fails loudly, with its output, when it fails: a
 * benchmark of a failing command would time an error message.
 */
export function runOnce(label: string, command: Command): Sample {
  return runOnceWithOutput(label, command).sample;
}

/** {@link runOnce}, with what the command printed (standard output, then standard error with `time`'s lines). */
export function runOnceWithOutput(label: string, command: Command): { sample: Sample; output: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-v', ...command.argv], {
    cwd: command.cwd,
    env: command.env,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const status = result.status ?? -1;
  if (status !== 0 && !(command.okExits ?? []).includes(status)) {
    throw new Error(`${label} failed (exit ${status}) in ${command.cwd}: ${command.argv.join(' ')}\n${tail(result.stdout)}\n${tail(result.stderr)}`);
  }
  return {
    sample: {
      wallSeconds,
      cpuSeconds: timeField(result.stderr, 'User time (seconds)') + timeField(result.stderr, 'System time (seconds)'),
      peakKiB: timeField(result.stderr, 'Maximum resident set size (kbytes)'),
    },
    output: result.stdout + result.stderr,
  };
}

/** Median, range, CPU median and peak memory of a command's runs. */
export function summarize(samples: readonly Sample[]): Summary {
  const wall = samples.map((s) => s.wallSeconds);
  return {
    median: median(wall),
    min: Math.min(...wall),
    max: Math.max(...wall),
    cpuMedian: median(samples.map((s) => s.cpuSeconds)),
    peakMiB: Math.max(...samples.map((s) => s.peakKiB)) / 1024,
    runs: samples.length,
  };
}

/** One measured step of a round, with the untimed preparation it needs right before it. */
export interface Step {
  readonly key: string;
  /** The command, or a function that builds it right before each run (when it depends on the state on disk). */
  readonly command: Command | (() => Command);
  readonly before?: () => void;
}

/**
 * Runs every step once per round, `rounds` times: A, B, C, A, B, C, … Interleaving spreads a busy
 * moment of the machine over all steps alike instead of over the one that happened to run then, so the
 * ratios between steps stay honest on a shared machine.
 */
export function interleave(steps: readonly Step[], rounds: number, log: (line: string) => void): Map<string, Summary> {
  const samples = new Map<string, Sample[]>(steps.map((s) => [s.key, []]));
  for (let round = 0; round < rounds; round++) {
    const parts: string[] = [];
    for (const step of steps) {
      step.before?.();
      const sample = runOnce(step.key, typeof step.command === 'function' ? step.command() : step.command);
      samples.get(step.key)!.push(sample);
      parts.push(`${step.key} ${sample.wallSeconds.toFixed(2)}`);
    }
    log(`  round ${round + 1}/${rounds}: ${parts.join(' · ')}`);
  }
  return new Map([...samples].map(([key, list]) => [key, summarize(list)]));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A numeric line of GNU time's `-v` report; a missing line reads 0 (a sample without it still has its wall time). */
function timeField(report: string, name: string): number {
  const line = report.split('\n').find((l) => l.trim().startsWith(`${name}:`));
  return line === undefined ? 0 : Number(line.slice(line.indexOf(':') + 1).trim()) || 0;
}

function tail(text: string | null): string {
  return (text ?? '').split('\n').slice(-40).join('\n');
}
