// readTextFile reads every file through one descriptor and decodes with one shared decoder: each read must
// still stand alone — a file refused for its bytes changes nothing for the next, a byte-order mark is dropped
// from every file, and each way a read fails keeps its one-line message. deriveFromTextFile reuses what a
// file gave while its stamp is unchanged: any write must be seen, also one that keeps size and mtime.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../src/cli-error';
import { JsonCache } from '../src/cache';
import { RACY_MS } from '../src/file-stamp';
import { deriveFromTextFile, readTextFile } from '../src/read-text-file';
import { removeTemps, tempDir } from './support/workspace';

afterAll(removeTemps);

describe('readTextFile', () => {
  const dir = tempDir('lockstep-read-');
  const write = (name: string, bytes: Buffer | string) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  };

  it('reads one file after another whatever the one before was', () => {
    const bom = write('bom.yml', '\ufeffon: push\n');
    const cut = write('cut.yml', Buffer.from([0x6f, 0x6e, 0xe2, 0x82])); // a sequence cut off at the end
    const accent = write('accent.yml', 'name: café\n');
    expect(readTextFile(bom)).toBe('on: push\n');
    expect(() => readTextFile(cut, 'workflow file', 'cut.yml')).toThrow(new InputError('cut.yml: the workflow file is not valid UTF-8 text (at byte 2)'));
    expect(readTextFile(accent)).toBe('name: café\n');
    expect(readTextFile(bom)).toBe('on: push\n');
  });

  it('reads an empty file, and says what is wrong with a missing file or a directory', () => {
    expect(readTextFile(write('empty.yml', ''))).toBe('');
    expect(() => readTextFile(path.join(dir, 'none.yml'), 'workflow file', 'none.yml')).toThrow(new InputError('none.yml: no such workflow file'));
    expect(() => readTextFile(dir, 'template', 'dir')).toThrow(new InputError('dir: is a directory; expected a template'));
  });
});

describe('deriveFromTextFile', () => {
  const root = tempDir('lockstep-derive-');
  fs.mkdirSync(path.join(root, 'node_modules')); // where JsonCache keeps its file
  const file = path.join(root, 'workflow.yml');
  afterEach(() => jest.restoreAllMocks());

  /** Derives the file's text through a fresh cache (as each run opens it), counting the derivations. */
  const derived: string[] = [];
  const derive = (context = '') => {
    const cache = JsonCache.open<string>(root, 'derive-test');
    const value = deriveFromTextFile(file, 'workflow file', 'workflow.yml', cache, context, (text) => (derived.push(text), text.toUpperCase()));
    cache.save();
    return value;
  };
  /** As if RACY_MS had passed since the last write: what a check finds when nothing changed for a while. */
  const later = () => jest.spyOn(Date, 'now').mockReturnValue(Date.now() + RACY_MS + 1_000);

  it('reuses what an unchanged file gave, and sees a write that keeps its size and modification time', () => {
    fs.writeFileSync(file, 'on: push\n');
    const mtime = 1_700_000_000; // a whole second, which setting it back restores exactly
    fs.utimesSync(file, mtime, mtime);
    later();
    expect(derive()).toBe('ON: PUSH\n');
    expect(derive()).toBe('ON: PUSH\n');
    expect(derived).toEqual(['on: push\n']); // the second run only opened the file

    jest.restoreAllMocks();
    fs.writeFileSync(file, 'on: pull\n'); // same size
    fs.utimesSync(file, mtime, mtime); // the modification time set back; the change time can't be
    expect(fs.statSync(file, { bigint: true }).mtimeNs).toBe(BigInt(mtime) * 1_000_000_000n);
    later();
    expect(derive()).toBe('ON: PULL\n');
    expect(derived).toEqual(['on: push\n', 'on: pull\n']);
    expect(derive('another context')).toBe('ON: PULL\n');
    expect(derived).toHaveLength(3); // what else the value depends on is part of the key
  });

  it('derives a file that just changed every time, and caches nothing for it', () => {
    fs.writeFileSync(file, 'on: fork\n');
    derived.length = 0;
    expect(derive()).toBe('ON: FORK\n');
    expect(derive()).toBe('ON: FORK\n');
    expect(derived).toHaveLength(2);
    // A second write within the same clock tick would keep the stamp: had the racy read been cached, this
    // run (once the file is old) would find it; it derives again.
    later();
    expect(derive()).toBe('ON: FORK\n');
    expect(derived).toHaveLength(3);
  });

  it('says what is wrong with a missing file as readTextFile does', () => {
    const cache = JsonCache.open<string>(root, 'derive-test');
    expect(() => deriveFromTextFile(path.join(root, 'none.yml'), 'workflow file', 'none.yml', cache, '', (t) => t)).toThrow(new InputError('none.yml: no such workflow file'));
  });
});
