// readTextFile reads every file through one descriptor and decodes with one shared decoder: each read must
// still stand alone — a file refused for its bytes changes nothing for the next, a byte-order mark is dropped
// from every file, and each way a read fails keeps its one-line message.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../src/cli-error';
import { readTextFile } from '../src/read-text-file';
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
