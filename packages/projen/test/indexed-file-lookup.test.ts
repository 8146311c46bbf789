import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Project, TextFile } from 'projen';
import { indexedFileLookup } from '../src/indexed-file-lookup';

function project(): Project {
  const p = new Project({ name: 'lookup', outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-lookup-')) });
  indexedFileLookup(p);
  return p;
}

describe('indexedFileLookup answers as projen would', () => {
  test('finds a file made before and after it was installed, by relative and absolute path', () => {
    const p = project();
    const file = new TextFile(p, 'a/b.txt', { lines: ['x'] });
    expect(p.tryFindFile('a/b.txt')).toBe(file);
    expect(p.tryFindFile(path.join(p.outdir, 'a/b.txt'))).toBe(file);
    expect(p.tryFindFile('.gitignore')).toBeDefined();
  });

  test('still refuses a second file at the same path (projen\'s duplicate check goes through it)', () => {
    const p = project();
    new TextFile(p, 'dup.txt', { lines: ['x'] });
    expect(() => new TextFile(p, 'dup.txt', { lines: ['y'] })).toThrow(/There is already a file under dup\.txt/);
  });

  test('a path never made, or a removed file, is not found', () => {
    const p = project();
    expect(p.tryFindFile('nope.txt')).toBeUndefined();
    new TextFile(p, 'gone.txt', { lines: ['x'] });
    expect(p.tryRemoveFile('gone.txt')).toBeDefined();
    expect(p.tryFindFile('gone.txt')).toBeUndefined();
  });

  test('a subproject\'s files are found from the root', () => {
    const p = project();
    const sub = new Project({ name: 'sub', parent: p, outdir: 'packages/sub' });
    const file = new TextFile(sub, 'x.txt', { lines: ['x'] });
    expect(p.tryFindFile('packages/sub/x.txt')).toBe(file);
  });
});
