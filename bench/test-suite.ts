import * as path from 'node:path';
import { runOnceWithOutput, summarize, type Summary } from './measure';

/** The README's test command, timed with a cold nx cache. */
export interface TestSuiteResult {
  readonly figures: Summary;
  /** jest's totals of the last run, added over the packages. */
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** The external checkers the tests found on this machine, and those they skipped (tools/checkers.cjs). */
  readonly checkers: readonly string[];
  readonly missing: readonly string[];
}

/**
 * Runs `npm test -- --skip-nx-cache` in the repository itself `runs` times, one after another: the README's
 * test command as CI runs it (.ci/run), with nx's cache off so every package's tests run. In the repository,
 * not the benchmark's copy: jest resolves the packages through their real node_modules there. The nx
 * daemon is off as in CI; jest's own transform cache stays (on a fresh machine it is cold: measured, it
 * adds under a second, swc being the transform).
 */
export function measureTestSuite(repoRoot: string, runs: number, log: (line: string) => void): TestSuiteResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const checkers = require(path.join(repoRoot, 'tools', 'checkers.cjs')) as { CHECKERS: Record<string, unknown>; locate(name: string): string | undefined };
  const names = Object.keys(checkers.CHECKERS);
  const command = {
    argv: ['npm', 'test', '--', '--skip-nx-cache'],
    cwd: repoRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_SKIP_NX_CACHE: 'true', FORCE_COLOR: '0' },
  };
  const samples = [];
  let output = '';
  for (let i = 1; i <= runs; i++) {
    const run = runOnceWithOutput('npm test', command);
    samples.push(run.sample);
    output = run.output;
    log(`  npm test ${i}/${runs}: ${run.sample.wallSeconds.toFixed(1)} s`);
  }
  return {
    figures: summarize(samples),
    ...jestTotals(output),
    checkers: names.filter((name) => checkers.locate(name) !== undefined),
    missing: names.filter((name) => checkers.locate(name) === undefined),
  };
}

/** Adds up jest's "Tests: [N failed, ][N skipped, ]N passed, N total" lines (one per package). */
function jestTotals(output: string): { passed: number; failed: number; skipped: number } {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  // eslint-disable-next-line no-control-regex
  for (const line of output.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    if (!line.includes('Tests:')) continue;
    for (const [, count, kind] of line.matchAll(/(\d+) (passed|failed|skipped)/g)) totals[kind as keyof typeof totals] += Number(count);
  }
  return totals;
}
