import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Project, TextFile } from 'projen';
import { RenderingCache } from '../../../projenrc/rendering-cache';

/** A workspace root with node_modules (where the record lives) and one source folder of the renderer. */
function workspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-rendering-'));
  fs.mkdirSync(path.join(root, 'node_modules'));
  fs.mkdirSync(path.join(root, 'renderer'));
  fs.writeFileSync(path.join(root, 'renderer', 'render.ts'), 'v1');
  return root;
}

/**
 * One regeneration of `out.txt` from `inputs`, as the projenrc runs it: ask the record, render on a miss,
 * let projen write, save the record. Returns whether the content came from the record.
 */
function regenerate(root: string, inputs: unknown, render: () => string): boolean {
  const cache = RenderingCache.open(root, 'test', ['renderer']);
  const reused = cache.reuse('out.txt', inputs);
  const project = new Project({ name: 'rendering', outdir: root });
  new TextFile(project, 'out.txt', { lines: [reused ?? render()], readonly: true });
  project.synth();
  cache.save();
  return reused !== undefined;
}

describe('RenderingCache', () => {
  test('takes a file from disk while its inputs and the renderer are unchanged and its bytes are as written', () => {
    const root = workspace();
    expect(regenerate(root, { repo: 'a' }, () => 'one\n')).toBe(false);
    expect(regenerate(root, { repo: 'a' }, () => { throw new Error('must not render'); })).toBe(true);
    expect(fs.readFileSync(path.join(root, 'out.txt'), 'utf8')).toBe('one\n');
  });

  test('renders again when the inputs change', () => {
    const root = workspace();
    regenerate(root, { repo: 'a' }, () => 'one\n');
    expect(regenerate(root, { repo: 'b' }, () => 'two\n')).toBe(false);
    expect(fs.readFileSync(path.join(root, 'out.txt'), 'utf8')).toBe('two\n');
  });

  test("renders again when the renderer's sources change", () => {
    const root = workspace();
    regenerate(root, { repo: 'a' }, () => 'one\n');
    fs.writeFileSync(path.join(root, 'renderer', 'render.ts'), 'v2');
    expect(regenerate(root, { repo: 'a' }, () => 'one, v2\n')).toBe(false);
  });

  test('renders again (and projen restores the file) when it was edited by hand or deleted', () => {
    const root = workspace();
    regenerate(root, { repo: 'a' }, () => 'one\n');
    const file = path.join(root, 'out.txt');
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, 'edited\n');
    expect(regenerate(root, { repo: 'a' }, () => 'one\n')).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('one\n');
    fs.rmSync(file, { force: true });
    expect(regenerate(root, { repo: 'a' }, () => 'one\n')).toBe(false);
  });

  test('LOCKSTEP_NO_CACHE=1 always renders', () => {
    const root = workspace();
    regenerate(root, { repo: 'a' }, () => 'one\n');
    process.env.LOCKSTEP_NO_CACHE = '1';
    try {
      expect(regenerate(root, { repo: 'a' }, () => 'one\n')).toBe(false);
    } finally {
      delete process.env.LOCKSTEP_NO_CACHE;
    }
  });
});
