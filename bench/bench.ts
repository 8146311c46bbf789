/**
 * `npm run bench`: what a run of Lockstep costs, and how it grows with the number of repositories.
 *
 * In a temporary copy of this repository, for synthetic configs of 1, 10, 100 and 1,000 repositories,
 * it measures the median of five runs of the README's main command (`npx projen`), `cdk synth` of the
 * infra app and `npx lockstep check`, with the peak memory of each (`/usr/bin/time -v`). In the same
 * invocation it measures two baselines — `npx projen` on a freshly created stock projen TypeScript
 * project, and `node -e ''` — and prints every figure also as a ratio to them, so the numbers compare
 * across machines. The table goes to stdout and to bench/results.md.
 *
 * Usage: npm run bench [-- --sizes 1,10 --runs 3]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { syntheticConfig } from './synthetic-config';

interface Measurement {
  /** Median wall-clock seconds. */
  readonly seconds: number;
  /** Largest peak resident set size over the runs, MiB. */
  readonly peakMiB: number;
}

const repoRoot = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const sizes = option('sizes', '1,10,100,1000').split(',').map(Number);
const runs = Number(option('runs', '5'));

/** Runs a command `runs` times under /usr/bin/time -v; fails loudly if any run fails. */
function measure(label: string, command: string[], cwd: string, env: NodeJS.ProcessEnv = {}, okExits: Readonly<Record<number, true>> = {}): Measurement {
  const seconds: number[] = [];
  let peakKiB = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync('/usr/bin/time', ['-v', ...command], {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0 && !okExits[result.status ?? -1]) {
      throw new Error(`${label} failed (exit ${result.status}) in ${cwd}:\n${result.stdout}\n${result.stderr}`);
    }
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
    peakKiB = Math.max(peakKiB, rss ? Number(rss[1]) : 0);
    seconds.push(elapsed);
  }
  seconds.sort((a, b) => a - b);
  const measurement = { seconds: seconds[Math.floor(seconds.length / 2)], peakMiB: peakKiB / 1024 };
  process.stderr.write(`  ${label}: ${measurement.seconds.toFixed(2)} s, ${measurement.peakMiB.toFixed(0)} MiB\n`);
  return measurement;
}

/** Copies the files git knows (tracked and untracked-but-not-ignored) and links node_modules. */
function copyRepository(into: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(repoRoot, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, file), path.join(into, file));
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(into, 'node_modules'));
}

/**
 * A stock `projen new typescript` project with its own install (from npm's cache where it can). It must
 * not share this repository's node_modules: its first synthesis runs `npm install`, which would prune
 * every package it doesn't declare.
 */
function stockProjenProject(into: string): void {
  fs.mkdirSync(into, { recursive: true });
  execFileSync(process.execPath, [require.resolve('projen/bin/projen'), 'new', 'typescript', '--no-git'], {
    cwd: into,
    stdio: 'ignore',
    env: { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  // The first syntheses resolve its unpinned dependencies and install again; later ones are steady.
  for (let i = 0; i < 2; i++) execFileSync('npx', ['projen'], { cwd: into, stdio: 'ignore' });
}

/** A valid trust policy whose one statement lists `values` sub patterns. */
function hugePolicy(values: number): unknown {
  const sub = Array.from({ length: values }, (_, i) => `repo:organization-name/repository-${i}:ref:refs/heads/main`);
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': sub } },
    }],
  };
}

function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(1)}×`;
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-'));
  process.stderr.write(`bench: working in ${work}\n`);
  // The CLI runs from its compiled output, as it does after `npm run build`.
  execFileSync('npx', ['nx', 'run', '@lockstep/cli:compile', '--output-style=static'], { cwd: repoRoot, stdio: 'ignore' });

  process.stderr.write('baselines\n');
  const node = measure("node -e ''", [process.execPath, '-e', ''], work);
  const stockDir = path.join(work, 'stock');
  stockProjenProject(stockDir);
  const stock = measure('npx projen (stock TypeScript project)', ['npx', 'projen'], stockDir);

  const copy = path.join(work, 'lockstep');
  copyRepository(copy);
  const rows: string[] = [];
  for (const size of sizes) {
    process.stderr.write(`${size} repositories\n`);
    fs.writeFileSync(path.join(copy, 'lockstep.config.ts'), syntheticConfig(size));
    execFileSync('npx', ['projen'], { cwd: copy, stdio: 'ignore' }); // the first run writes the files
    const regenerateCold = measure('npx projen, no cache', ['npx', 'projen'], copy, { LOCKSTEP_NO_CACHE: '1' });
    const regenerate = measure('npx projen', ['npx', 'projen'], copy);
    const synth = measure('cdk synth', ['npx', 'cdk', 'synth', '--quiet'], path.join(copy, 'apps/infra'));
    const checkCold = measure('lockstep check, no cache', ['npx', 'lockstep', 'check'], copy, { LOCKSTEP_NO_CACHE: '1' });
    const check = measure('lockstep check', ['npx', 'lockstep', 'check'], copy);
    const cell = (m: Measurement, baseline: Measurement): string =>
      `${m.seconds.toFixed(2)} s (${ratio(m.seconds, baseline.seconds)} projen, ${ratio(m.seconds, node.seconds)} node) · ${m.peakMiB.toFixed(0)} MiB`;
    rows.push(`| ${size} | ${cell(regenerateCold, stock)} | ${cell(regenerate, stock)} | ${cell(synth, stock)} | ${cell(checkCold, stock)} | ${cell(check, stock)} |`);
  }

  // A hostile but valid policy: 100,000 sub values (about 6 MB). audit and explain must stay linear in it.
  process.stderr.write('a 100,000-value trust policy\n');
  const big = path.join(work, 'big-policy.json');
  fs.writeFileSync(big, JSON.stringify(hugePolicy(100_000)));
  const bin = path.join(repoRoot, 'packages/cli/bin/lockstep.js');
  const expectFindings = { 1: true } as const;
  const auditBig = measure('lockstep audit, 100,000 values', [process.execPath, bin, 'audit', big], work, {}, expectFindings);
  const explainBig = measure('lockstep explain, 100,000 values', [process.execPath, bin, 'explain', '--trust-policy', big, '--sub', 'repo:o/x:ref:refs/heads/main'], work, {}, expectFindings);
  const bigMiB = (fs.statSync(big).size / 1024 / 1024).toFixed(1);

  const table = [
    '# Benchmark',
    '',
    `Median of ${runs} runs on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node.js ${process.version}; ` +
      'peak memory is the largest maximum resident set size of a run (`/usr/bin/time -v`). Ratios are against ' +
      'the baselines measured in the same invocation: `npx projen` on a stock projen TypeScript project ("projen") ' +
      "and `node -e ''` (\"node\"). Regenerate with `npm run bench`.",
    '',
    '| baseline | median | peak memory |',
    '|---|---|---|',
    `| \`node -e ''\` | ${node.seconds.toFixed(2)} s | ${node.peakMiB.toFixed(0)} MiB |`,
    `| \`npx projen\`, stock TypeScript project | ${stock.seconds.toFixed(2)} s | ${stock.peakMiB.toFixed(0)} MiB |`,
    '',
    '| repositories | regenerate (`npx projen`), synthesis not cached | regenerate, synthesis cached | `cdk synth` | `npx lockstep check`, cold (`LOCKSTEP_NO_CACHE=1`) | `npx lockstep check`, warm cache |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `A trust policy of 100,000 \`sub\` values (${bigMiB} MiB), through the installed bin (\`node packages/cli/bin/lockstep.js\`, no npx):`,
    '',
    '| command | median | peak memory |',
    '|---|---|---|',
    `| \`lockstep audit\` | ${auditBig.seconds.toFixed(2)} s | ${auditBig.peakMiB.toFixed(0)} MiB |`,
    `| \`lockstep explain --trust-policy … --sub …\` (denied) | ${explainBig.seconds.toFixed(2)} s | ${explainBig.peakMiB.toFixed(0)} MiB |`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(repoRoot, 'bench/results.md'), table);
  process.stdout.write(table);
  fs.rmSync(work, { recursive: true, force: true });
}

main();
