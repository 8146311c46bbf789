import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Project, TextFile } from 'projen';
import { permissionBitReadonlyCheck } from '../src/permission-bit-readonly-check';

// projen 0.103.25, node_modules/projen/lib/file.js `FileBase.synthesize`: a file is left alone when its
// content, its read-only state (`!isWritable`, lib/util.js) and its executable bit are unchanged;
// otherwise it is chmod-ed, written and chmod-ed again (lib/util.js `writeFile`, modes from `getFilePermissions`).
function synthTwice(): { file: string; before: fs.Stats; after: fs.Stats; changed: boolean | undefined } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-readonly-'));
  const make = () => {
    const p = new Project({ name: 'readonly', outdir });
    const f = new TextFile(p, 'gen.txt', { lines: ['same'], readonly: true });
    p.synth();
    return f;
  };
  make();
  const file = path.join(outdir, 'gen.txt');
  // An old timestamp, so that a rewrite would show even on a coarse-grained file system clock.
  fs.utimesSync(file, new Date(2000, 0, 1), new Date(2000, 0, 1));
  const before = fs.statSync(file);
  const second = make();
  return { file, before, after: fs.statSync(file), changed: second.changed };
}

describe('permissionBitReadonlyCheck', () => {
  beforeAll(() => permissionBitReadonlyCheck());

  test('an unchanged read-only file is not written again (for root too)', () => {
    const { before, after, changed } = synthTwice();
    expect(before.mode & 0o777).toBe(0o444);
    expect(changed).toBe(false);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  test('a generated file made writable by hand is made read-only again', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-readonly-'));
    const p1 = new Project({ name: 'readonly', outdir });
    new TextFile(p1, 'gen.txt', { lines: ['same'], readonly: true });
    p1.synth();
    const file = path.join(outdir, 'gen.txt');
    fs.chmodSync(file, 0o644);
    const p2 = new Project({ name: 'readonly', outdir });
    const f = new TextFile(p2, 'gen.txt', { lines: ['same'], readonly: true });
    p2.synth();
    expect(f.changed).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
  });

  test('changed content is written', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-readonly-'));
    const p1 = new Project({ name: 'readonly', outdir });
    new TextFile(p1, 'gen.txt', { lines: ['one'], readonly: true });
    p1.synth();
    const p2 = new Project({ name: 'readonly', outdir });
    const f = new TextFile(p2, 'gen.txt', { lines: ['two'], readonly: true });
    p2.synth();
    expect(f.changed).toBe(true);
    expect(fs.readFileSync(path.join(outdir, 'gen.txt'), 'utf8')).toContain('two');
  });
});
