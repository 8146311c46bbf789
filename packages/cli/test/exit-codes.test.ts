// End to end, as a user runs it: `node bin/lockstep.js …` as a process, for every exit code of every
// command (0 ok, 1 a finding, 2 a usage / file / config error, 70 a bug). Everything else about the
// commands' output is tested in process (support/workspace.ts `cli`), through the same `main` the bin calls.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LONG, makeWorkspace, removeTemps, runProcesses, SEED_TERRAFORM_POLICY, tempDir, type CliResult } from './support/workspace';

const COMMANDS = ['check', 'explain', 'audit', 'sync', 'scan', 'migrate', 'preflight'] as const;
type CommandName = (typeof COMMANDS)[number];

const SAM = path.join(__dirname, 'fixtures', 'sam');
const LEGACY = path.join(__dirname, 'fixtures', 'legacy');

const w = makeWorkspace();
const branchAdded = makeWorkspace();
branchAdded.edit(branchAdded.workflow('python-sdk'), (t) => t.replace('      - main', '      - main\n      - develop'));
const files = tempDir('lockstep-exit-');
const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(files, name), text);
  return path.join(files, name);
};
const seed = write('seed.json', JSON.stringify(SEED_TERRAFORM_POLICY));
const ownerWide = write('owner-wide.json', JSON.stringify(SEED_TERRAFORM_POLICY).replace('deployments:*', '*'));

/** A git checkout of honeyhiveai/python-sdk holding `workflows` from the legacy corpus. */
function checkout(workflows: readonly string[]): string {
  const dir = path.join(tempDir('lockstep-exit-checkout-'), 'python-sdk');
  fs.mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
  execFileSync('git', ['init', '-q', dir]);
  execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'https://github.com/honeyhiveai/python-sdk.git']);
  for (const f of workflows) fs.copyFileSync(path.join(LEGACY, f), path.join(dir, '.github', 'workflows', f));
  return dir;
}
const clean = checkout([]);
const target = checkout([]);
const keyed = checkout(['deploy-push.yml']);
const refused = checkout(['pr-target.yml']);

/**
 * A `node --require` preload that replaces the module of the command being run (`process.argv[2]`) by
 * one whose `run` throws a TypeError, as a bug in it would: the bin's `main` must print the stack, say it is a bug, and exit 70.
 */
const BUG = path.join(files, 'bug.cjs');
fs.writeFileSync(
  BUG,
  `const Module = require('node:module');
const name = process.argv[2];
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === './commands/' + name) {
    return { [name]: { name, summary: 's', usage: 'u', help: 'h', options: {}, run: () => { throw new TypeError('boom'); } } };
  }
  return load.call(this, request, ...rest);
};
`,
);

const cases = {
  'check 0': [['check'], w.root],
  'check 1': [['check'], branchAdded.root],
  'check 2': [['check', '--strict'], w.root],
  'explain 0': [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'pull_request'], w.root],
  'explain 1': [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'push', '--ref', 'develop'], w.root],
  'explain 2': [['explain', '--repo', 'honeyhiveai/python-sdk'], w.root],
  'audit 0': [['audit', seed], files],
  'audit 1': [['audit', ownerWide], files],
  'audit 2': [['audit', 'nope.json'], files],
  'sync 0': [['sync', 'python-sdk', '--to', target], w.root],
  'sync 1': [['sync', 'python-sdk', '--to', checkout([])], branchAdded.root],
  'sync 2': [['sync', 'python-sdk'], w.root],
  'scan 0': [['scan', clean, '--root', w.root], files],
  'scan 1': [['scan', keyed, '--root', w.root], files],
  'scan 2': [['scan', path.join(files, 'nope'), '--root', w.root], files],
  'migrate 0': [['migrate', 'python-sdk', '--from', keyed, '--root', w.root], files],
  'migrate 1': [['migrate', 'python-sdk', '--from', refused, '--root', w.root], files],
  'migrate 2': [['migrate', 'python-sdk', '--root', w.root], files],
  'preflight 0': [['preflight', 'hello-world.yaml'], SAM],
  'preflight 1': [['preflight', 'unsupported.yaml'], SAM],
  'preflight 2': [['preflight', 'nope.yaml'], SAM],
  'no command': [[], files],
  'version': [['--version'], files],
} satisfies Record<string, [string[], string]>;

let results: Record<string, CliResult>;
beforeAll(async () => {
  const bugs = Object.fromEntries(COMMANDS.map((c) => [`${c} 70`, [c]]));
  results = { ...(await runProcesses(cases)), ...(await runProcesses(bugs, { cwd: files, env: { NODE_OPTIONS: `--require ${BUG}` } })) };
}, LONG);
afterAll(removeTemps);

/** What each command prints for each exit code, enough to tell that the run took that path. */
const EXPECTED: Record<CommandName, Record<0 | 1 | 2, { stream: 'stdout' | 'stderr'; pattern: RegExp }>> = {
  check: {
    0: { stream: 'stdout', pattern: /^✓ lockstep check passed/m },
    1: { stream: 'stdout', pattern: /^✗ lockstep check failed/m },
    2: { stream: 'stderr', pattern: /^lockstep check: unknown option "--strict"; .*\nusage: lockstep check /m },
  },
  explain: {
    0: { stream: 'stdout', pattern: /^Can a pull_request run of honeyhiveai\/python-sdk assume its AWS role\? Yes\./ },
    1: { stream: 'stdout', pattern: /^Can a push run on branch develop of honeyhiveai\/python-sdk assume its AWS role\? No\./ },
    2: { stream: 'stderr', pattern: /^lockstep explain: /m },
  },
  audit: {
    0: { stream: 'stdout', pattern: /seed\.json: 0 errors, 2 warnings/ },
    1: { stream: 'stdout', pattern: /\[owner-wide-sub\]/ },
    2: { stream: 'stderr', pattern: /^lockstep audit: nope\.json: no such policy file$/m },
  },
  sync: {
    0: { stream: 'stdout', pattern: /^lockstep sync: wrote 1 file of honeyhiveai\/python-sdk/m },
    1: { stream: 'stdout', pattern: /^✗ lockstep check failed/m },
    2: { stream: 'stderr', pattern: /^lockstep sync: missing --to DIR/m },
  },
  scan: {
    0: { stream: 'stdout', pattern: /No AWS credentials: honeyhiveai\/python-sdk/ },
    1: { stream: 'stdout', pattern: /deploy-push\.yml\s+deploy\s+static-keys/ },
    2: { stream: 'stderr', pattern: /^lockstep scan: /m },
  },
  migrate: {
    0: { stream: 'stdout', pattern: /^✓ honeyhiveai\/python-sdk: 1 job\(s\) migrated; run again with --write to apply$/m },
    1: { stream: 'stdout', pattern: /pr-target\.yml/ },
    2: { stream: 'stderr', pattern: /^lockstep migrate: .*\nusage: lockstep migrate /m },
  },
  preflight: {
    0: { stream: 'stdout', pattern: /^hello-world\.yaml: nothing the sam-lambda-testing role can't deploy$/m },
    1: { stream: 'stdout', pattern: /^unsupported\.yaml: error: Box: /m },
    2: { stream: 'stderr', pattern: /^lockstep preflight: nope\.yaml: no such template/m },
  },
};

describe('the bin, as a process', () => {
  describe.each(COMMANDS)('lockstep %s', (command) => {
    it.each([0, 1, 2] as const)('exits %i with its output on the right stream', (code) => {
      const r = results[`${command} ${code}`];
      const { stream, pattern } = EXPECTED[command][code];
      expect({ status: r.status, [stream]: r[stream] }).toEqual({ status: code, [stream]: expect.stringMatching(pattern) });
      // Findings and results go to stdout; errors, and only errors, to stderr.
      if (code === 2) expect(r.stdout).toBe('');
      else expect(r.stderr).toBe('');
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });

    it('exits 70 on a bug, printing the stack and saying that it is one', () => {
      const r = results[`${command} 70`];
      expect(r.status).toBe(70);
      expect(r.stderr).toMatch(new RegExp(`^lockstep ${command}: internal error — this is a bug in Lockstep, not a problem with your files\\..*\\nTypeError: boom\\n\\s+at `, 's'));
    });
  });

  it('asks for a command with exit 2, and prints its version with exit 0', () => {
    expect(results['no command'].status).toBe(2);
    expect(results['no command'].stderr).toMatch(/^lockstep: missing command\nusage: lockstep /);
    expect(results.version.status).toBe(0);
    expect(results.version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
