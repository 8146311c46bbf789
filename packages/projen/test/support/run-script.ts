import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** One call of a stand-in executable: its arguments as the shell passed them, and its working directory. */
export interface RecordedCall {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The size of each file an argument named that existed at the time of the call (e.g. `--config-file`). */
  readonly fileSizes: Readonly<Record<string, number>>;
}

/**
 * Runs a generated `run:` script the way the job's shell does (`bash --noprofile --norc -eo pipefail`),
 * with stand-ins on PATH that record how bash called them, so a test reads the arguments after the
 * shell's own quoting and expansion instead of parsing the script. `standIns` maps a command name to
 * JavaScript the stand-in runs after recording (e.g. print a version, or `process.exit(1)`).
 * @see https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#defaultsrunshell
 */
export function runWithStandIns(script: string, standIns: Readonly<Record<string, string>>, env: Readonly<Record<string, string>>, cwd?: string): { calls: RecordedCall[]; status: number | null; stdout: string; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-run-'));
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'calls.jsonl');
  fs.mkdirSync(bin);
  const recorder = `#!${process.execPath}
const fs = require('fs');
const path = require('path');
const args = process.argv.slice(2);
const fileSizes = {};
for (const a of args) { try { if (fs.statSync(a).isFile()) fileSizes[a] = fs.statSync(a).size; } catch {} }
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ command: path.basename(process.argv[1]), args, cwd: process.cwd(), fileSizes }) + '\\n');
`;
  for (const [command, behaviour] of Object.entries(standIns)) fs.writeFileSync(path.join(bin, command), `${recorder}${behaviour}\n`, { mode: 0o755 });
  const scriptFile = path.join(dir, 'step.sh');
  fs.writeFileSync(scriptFile, script);
  const runnerTemp = path.join(dir, 'runner-temp');
  fs.mkdirSync(runnerTemp);
  const workdir = cwd ?? path.join(dir, 'work');
  fs.mkdirSync(workdir, { recursive: true });
  try {
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], {
      cwd: workdir,
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: runnerTemp, HOME: dir, ...env },
    });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RecordedCall) : [];
    return { calls, status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
