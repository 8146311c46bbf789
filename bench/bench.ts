/**
 * `npm run bench`: what regenerating and checking cost at 1 to 5,000 repositories, next to what they
 * would cost at least (the floors) and next to a stock projen project launched the same way (#17).
 *
 * In a copy of this repository with its own caches (bench/bench-copy.ts), for each size of the scale
 * tests' config (bench/scale-source.ts) it runs, interleaved round by round and `--runs` times:
 *   - edit-one: `npx projen` after changing one repository's `testCommand` (the realistic case; only
 *     its workflow changes);
 *   - edit-trust: `npx projen` after adding a push branch to that repository (its role's trust policy
 *     changes: its role stack re-synthesizes), and edit-trust-back, the edit undone;
 *   - no-change: `npx projen` with nothing changed;
 *   - start-up: `npx projen --version`, the command's own fixed cost;
 *   - write / compare: writing every generated file's bytes, or reading and comparing them
 *     (bench/floor-io.cjs); start-up plus either is the write floor or the compare floor;
 *   - check-edited / check-cold / check-warm: `lockstep check` through node_modules/.bin, right after the
 *     edit's regeneration (caches on), without any cache, and with nothing changed since the last check;
 *   - at one repository, `npx projen` on a stock projen project (bench/stock-projects.ts);
 *   - with `--synth`, `cdk synth` of the infra app.
 * Then `lockstep audit` and `explain` on a 100,000-value trust policy, and the README's test command with
 * a cold nx cache (bench/test-suite.ts). The report (bench/report.ts) goes to stdout and to
 * bench/results.md (`--out`).
 *
 * Usage: npm run bench [-- --sizes 1,10 --runs 2 --synth --test-runs 2 --out /tmp/results.md --note "…"]
 * Type check: npx tsc -p bench
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clearCaches, createBenchCopy, type BenchCopy } from './bench-copy';
import { hugePolicy } from './huge-policy';
import { interleave, runOnce, type Command, type Sample, type Step } from './measure';
import { parseOptions, type BenchOptions } from './options';
import { outputFacts } from './output-facts';
import { renderReport, type PolicyResult, type SizeResult } from './report';
import { scaleSource } from './scale-source';
import { RACY_MS } from '../packages/cli/src/file-stamp';
import { takeSnapshot, type SnapshotStats } from './snapshot';
import { createStockProjects, type StockProjects } from './stock-projects';
import { measureTestSuite } from './test-suite';

const repoRoot = path.resolve(__dirname, '..');
const floorScript = path.join(__dirname, 'floor-io.cjs');

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A command run in `cwd` with the copy's environment, plus `extra`. */
function command(copy: BenchCopy, cwd: string, argv: string[], extra: NodeJS.ProcessEnv = {}, okExits?: number[]): Command {
  return { argv, cwd, env: { ...copy.env, ...extra }, okExits };
}

/**
 * Brings the copy to `size` repositories, then measures every step of one size, interleaved.
 *
 * Setup, untimed: regenerate in both states of the edit and snapshot each (the floors write back, or
 * compare with, exactly the bytes the state on disk has), and fill `lockstep check`'s cache.
 */
function measureSize(copy: BenchCopy, size: number, options: BenchOptions, stock: StockProjects | undefined): SizeResult {
  const started = Date.now();
  const source = scaleSource(size);
  const configFile = path.join(copy.dir, 'lockstep.config.ts');
  const projen = (argv: string[] = []) => command(copy, copy.dir, ['npx', 'projen', ...argv]);
  const check = (extra: NodeJS.ProcessEnv = {}) => command(copy, copy.dir, [path.join(copy.dir, 'node_modules', '.bin', 'lockstep'), 'check'], extra);
  const snapshots = [0, 1].map((state) => path.join(copy.env.TMPDIR!, `snapshot-${size}-${state}`));

  let state: 0 | 1 = 1;
  const setState = (next: 0 | 1, widen = false) => {
    fs.writeFileSync(configFile, source.source(next, widen));
    state = next;
  };
  let snapshot: SnapshotStats | undefined;
  const firstRuns: Sample[] = [];
  clearCaches(copy); // the previous size's stacks must not count as cached
  for (const next of [1, 0] as const) {
    setState(next);
    // The first writes every file and synthesizes every stack (as on a fresh clone, e.g. in CI): kept for the report.
    firstRuns.push(runOnce(`regenerate (state ${next})`, projen()));
    snapshot = takeSnapshot(copy.dir, snapshots[next]);
  }
  const facts = outputFacts(copy.dir);
  log(`${size} repositories: ${snapshot!.files} generated files, ${(snapshot!.bytes / 1e6).toFixed(1)} MB, ${facts.stacks} stacks, edited: ${source.editedRepo}`);
  // A user's last check ran a while after the last regeneration: the first round's check-edited finds it.
  waitOutRacyWindow();
  runOnce('check (fills the cache)', check());

  const floor = (mode: 'write' | 'compare') => command(copy, copy.dir, [process.execPath, floorScript, mode, snapshots[state], copy.dir]);
  const steps: Step[] = [
    { key: 'edit-one', command: projen(), before: () => setState(state === 0 ? 1 : 0) },
    // Where users live: the check right after that edit's regeneration, caches on (its last report is stale,
    // the config changed, every workflow but the edited one is as the cache knows it).
    { key: 'check-edited', command: check() },
    { key: 'no-change', command: projen() },
    // An edit of the IAM side: one stack re-synthesizes. Widened and back, so that the floors below find
    // the files of `state` on disk.
    { key: 'edit-trust', command: projen(), before: () => setState(state, true) },
    { key: 'edit-trust-back', command: projen(), before: () => setState(state, false) },
    { key: 'start-up', command: projen(['--version']) },
    // Built per run: the snapshot to use depends on the state the edit left on disk.
    { key: 'write', command: () => floor('write') },
    { key: 'compare', command: () => floor('compare') },
    { key: 'check-cold', command: check({ LOCKSTEP_NO_CACHE: '1' }) },
    // The edit invalidated part of the cache: one untimed check makes the measured one warm. It waits out
    // the racy window first (packages/cli/src/file-stamp.ts): the write floor just rewrote every generated
    // file, and files that changed under 2 s ago are never cached by their stamps. Without the wait, the
    // next round's check-edited would find every file new to the caches, which no user's edit does.
    { key: 'check-warm', command: check(), before: () => (waitOutRacyWindow(), void runOnce('check (fills the cache)', check())) },
  ];
  if (stock !== undefined) {
    steps.push({ key: 'stock-tsx', command: command(copy, stock.sameRunner, ['npx', 'projen']) });
    steps.push({ key: 'stock-ts-node', command: command(copy, stock.asGenerated, ['npx', 'projen']) });
  }
  if (options.synth) steps.push({ key: 'cdk-synth', command: command(copy, path.join(copy.dir, 'apps', 'infra'), ['npx', 'cdk', 'synth', '--quiet']) });

  const figures = interleave(steps, options.runs, log);
  return { size, figures, firstRegeneration: firstRuns[0], snapshot: snapshot!, facts, seconds: (Date.now() - started) / 1000 };
}

/** `lockstep audit` and `explain` on a 100,000-value trust policy, through the installed bin, interleaved. */
function measurePolicy(copy: BenchCopy, runs: number): PolicyResult {
  const file = path.join(copy.env.TMPDIR!, 'big-policy.json');
  fs.writeFileSync(file, JSON.stringify(hugePolicy(100_000)));
  const bin = path.join(copy.dir, 'node_modules', '.bin', 'lockstep');
  const findings = [1]; // both report the policy's problems and exit 1
  const figures = interleave(
    [
      { key: 'audit', command: command(copy, copy.dir, [bin, 'audit', file], {}, findings) },
      { key: 'explain', command: command(copy, copy.dir, [bin, 'explain', '--trust-policy', file, '--sub', 'repo:o/x:ref:refs/heads/main'], {}, findings) },
    ],
    runs,
    log,
  );
  return { values: 100_000, megabytes: fs.statSync(file).size / 1e6, figures };
}

/** A size that fails (e.g. a config CloudFormation can't take) is reported as failed; the others still run. */
function measureSizeOrFailure(copy: BenchCopy, size: number, options: BenchOptions, stock: StockProjects | undefined): SizeResult {
  try {
    return measureSize(copy, size, options, stock);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${size} repositories FAILED: ${message}`);
    return { size, failure: message.split('\n').slice(0, 12).join('\n') };
  }
}

function main(): void {
  const options = parseOptions(process.argv.slice(2), repoRoot);
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-'));
  log(`bench: working in ${work}; sizes ${options.sizes.join(', ')}; ${options.runs} runs`);

  try {
    benchmark(options, work, startedAt, loadAtStart);
  } finally {
    // Thousands of generated files per size: don't leave them behind, even when a run fails.
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Sets up the copy and the baselines, measures every size and the large policy, writes the report. */
function benchmark(options: BenchOptions, work: string, startedAt: Date, loadAtStart: readonly number[]): void {
  const copy = createBenchCopy(repoRoot, path.join(work, 'lockstep'), path.join(work, 'tmp'));
  const stock = options.sizes.includes(1)
    ? createStockProjects(work, path.join(copy.dir, 'node_modules', 'projen', 'bin', 'projen'), path.join(copy.dir, 'node_modules', '.bin', 'tsx'), copy.env)
    : undefined;
  log('bench: copy and baselines ready');

  const sizes = options.sizes.map((size) => measureSizeOrFailure(copy, size, options, size === 1 ? stock : undefined));
  log('a 100,000-value trust policy');
  const policy = measurePolicy(copy, options.runs);
  if (options.testRuns > 0) log(`the README's test command, nx cache off (${options.testRuns} runs)`);
  const tests = options.testRuns > 0 ? measureTestSuite(repoRoot, options.testRuns, log) : undefined;

  const report = renderReport({
    options,
    startedAt,
    loadAtStart,
    loadAtEnd: os.loadavg(),
    totalSeconds: (Date.now() - startedAt.getTime()) / 1000,
    stockProjenVersion: stock?.projenVersion,
    sizes,
    policy,
    tests,
  });
  fs.writeFileSync(options.out, report);
  process.stdout.write(report);
}

main();

/** Sleeps past the caches' racy window (RACY_MS in packages/cli/src/file-stamp.ts, 2 s), plus a margin. */
function waitOutRacyWindow(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RACY_MS + 100);
}
