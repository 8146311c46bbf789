import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Io } from '../src/command';
import { main } from '../src/main';
import { LONG, lockstep, makeWorkspace, removeTemps, type Workspace } from './support/workspace';

afterAll(removeTemps);

/**
 * Runs `lockstep check` from the workspace root as a process (the record observes the file system through
 * node:fs as a real run does); returns what it printed and its exit code.
 */
function check(w: Workspace, ...args: string[]): { exit: number; out: string } {
  const result = lockstep(['check', ...args], { cwd: w.root });
  return { exit: result.status ?? -1, out: result.stdout + result.stderr };
}

/** How many check records the workspace's node_modules/.cache holds. */
function records(w: Workspace): number {
  const dir = path.join(w.root, 'node_modules', '.cache', 'lockstep', 'check');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
}

/** What the tests write into a record as its report: a check that prints it was answered from the record. */
const MARK = 'replayed from the record\n';

/**
 * A workspace with a node_modules folder (where the record is kept), `prepare`d, checked (which records it),
 * with the record's report replaced by {@link MARK}.
 */
function recorded(prepare: (w: Workspace) => void = () => undefined): Workspace {
  const w = makeWorkspace();
  fs.mkdirSync(path.join(w.root, 'node_modules'));
  prepare(w);
  // Twice: a first run from the sources may also fill tsx's compile cache, which the record observes;
  // the second run's record is the steady one.
  check(w);
  const first = check(w);
  expect(first.exit).toBe(0);
  expect(records(w)).toBe(1);
  const dir = path.join(w.root, 'node_modules', '.cache', 'lockstep', 'check');
  const file = path.join(dir, fs.readdirSync(dir)[0]);
  fs.writeFileSync(file, JSON.stringify({ ...(JSON.parse(fs.readFileSync(file, 'utf8')) as object), out: MARK }));
  return w;
}

/** Runs a check and tells whether it was answered from the record. */
function replayed(run: () => ReturnType<typeof check>): { result: ReturnType<typeof check>; fromRecord: boolean } {
  const result = run();
  return { result, fromRecord: result.out === MARK };
}

jest.setTimeout(LONG);

describe('lockstep check replays its report only while nothing it read has changed', () => {
  test('a second check with nothing changed is answered from the record, with its exit code', () => {
    const w = recorded();
    const { result, fromRecord } = replayed(() => check(w));
    expect(fromRecord).toBe(true);
    expect(result.exit).toBe(0);
  });

  test('an edited workflow is checked again: the finding appears, and goes when the edit is undone', () => {
    const w = recorded();
    const file = w.workflow('python-sdk');
    const original = fs.readFileSync(file, 'utf8');
    w.edit(file, (t) => t.replace(/role-to-assume: .*/, 'role-to-assume: arn:aws:iam::654654498014:role/GitHubActionsOIDCRoleDeployments-testing'));
    const edited = replayed(() => check(w));
    expect(edited.fromRecord).toBe(false);
    expect(edited.result.exit).toBe(1);
    w.edit(file, () => original);
    const restored = check(w);
    expect(restored.exit).toBe(0);
  });

  test('an edit of the same size with the modification time set back is checked again, also when the record is not recent', () => {
    // The record knows a file by its size and times, plus its content's hash while the file is recent (changed
    // under 2 s before): recorded after that, by the times alone, and the change time moves with any write,
    // whatever the modification time is set back to.
    // A modification time of a whole second, which setting it back restores exactly.
    const mtime = 1_700_000_000;
    const w = recorded((v) => {
      fs.utimesSync(v.workflow('python-sdk'), mtime, mtime);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_100);
    });
    expect(replayed(() => check(w)).fromRecord).toBe(true);

    const file = w.workflow('python-sdk');
    const text = fs.readFileSync(file, 'utf8');
    const edited = text.replace('workflow_dispatch', 'workflow_dispatcX');
    expect(edited).not.toBe(text);
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
    fs.writeFileSync(file, edited);
    fs.utimesSync(file, mtime, mtime);
    expect(fs.statSync(file, { bigint: true }).mtimeNs).toBe(BigInt(mtime) * 1_000_000_000n);
    expect(replayed(() => check(w)).fromRecord).toBe(false);
  });

  test('a new workflow file, a deleted template, or other arguments are checked again', () => {
    const w = recorded();
    const workflows = (out: string) => Number(/checked (\d+) workflows?/.exec(out)?.[1]);
    const before = workflows(check(makeWorkspace()).out);
    const dir = path.dirname(w.workflow('python-sdk'));
    fs.writeFileSync(path.join(dir, 'extra.yml'), 'name: extra\non: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n');
    const added = replayed(() => check(w));
    expect(added.fromRecord).toBe(false);
    expect(workflows(added.result.out)).toBe(before + 1);

    const v = recorded();
    const templates = v.file('apps', 'infra', 'templates');
    fs.rmSync(path.join(templates, fs.readdirSync(templates)[0]));
    expect(replayed(() => check(v)).fromRecord).toBe(false);

    const u = recorded();
    const json = replayed(() => check(u, '--json'));
    expect(json.fromRecord).toBe(false);
    expect(JSON.parse(json.result.out)).toMatchObject({ ok: true });
  });

  test('LOCKSTEP_NO_CACHE=1 neither replays nor records', () => {
    const w = recorded();
    process.env.LOCKSTEP_NO_CACHE = '1';
    try {
      const { result, fromRecord } = replayed(() => check(w));
      expect(fromRecord).toBe(false);
      expect(result.out).toMatch(/lockstep check passed/);
      expect(records(w)).toBe(1);
    } finally {
      delete process.env.LOCKSTEP_NO_CACHE;
    }
    expect(replayed(() => check(w)).fromRecord).toBe(true);
  });

  test('a check that starts a process (git, for a workflow outside the workspace) is not recorded', () => {
    const w = makeWorkspace();
    fs.mkdirSync(path.join(w.root, 'node_modules'));
    const copy = path.join(w.root, 'elsewhere', '.github', 'workflows', 'lambda-tests.yml');
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.copyFileSync(w.workflow('python-sdk'), copy);
    check(w, '--workflow', copy);
    expect(records(w)).toBe(0);
  });

  test('node:fs is left as it was after a recorded check (in-process, as lockstep sync runs it)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const real = require('node:fs') as typeof fs;
    const before = { readFileSync: real.readFileSync, readdirSync: real.readdirSync, statSync: real.statSync };
    const w = makeWorkspace();
    fs.mkdirSync(path.join(w.root, 'node_modules'));
    const io: Io = { cwd: w.root, out: () => undefined, err: () => undefined };
    expect(main(['check'], io)).toBe(0);
    expect(records(w)).toBe(1);
    expect({ readFileSync: real.readFileSync, readdirSync: real.readdirSync, statSync: real.statSync }).toEqual(before);
  });
});
