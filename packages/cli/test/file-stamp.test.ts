// contentProof / stillProven decide whether the config cache may hand back a resolved config: any write to a
// file it was derived from must be seen — also one that keeps the size and sets the modification time back,
// and one within the same clock tick as the proof (git's racy rule: the content's hash is kept then).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentProof, RACY_MS, stillProven } from '../src/file-stamp';
import { removeTemps, tempDir } from './support/workspace';

afterAll(removeTemps);
afterEach(() => jest.restoreAllMocks());

const dir = tempDir('lockstep-stamp-');
/** As if RACY_MS had passed since the last write. */
const later = () => jest.spyOn(Date, 'now').mockReturnValue(Date.now() + RACY_MS + 1_000);
const MTIME = 1_700_000_000; // a whole second, which setting it back restores exactly

test('a proof taken a while after the last write is the stamp alone, and a write that keeps size and mtime breaks it', () => {
  const file = path.join(dir, 'old.ts');
  fs.writeFileSync(file, 'export default 1;\n');
  fs.utimesSync(file, MTIME, MTIME);
  later();
  const proof = contentProof(file)!;
  expect(proof).not.toContain('|');
  expect(stillProven(file, proof)).toBe(true);

  fs.writeFileSync(file, 'export default 2;\n');
  fs.utimesSync(file, MTIME, MTIME);
  expect(stillProven(file, proof)).toBe(false);
});

test('a proof of a file that just changed keeps its hash, which decides once the stamp matches', () => {
  const file = path.join(dir, 'recent.ts');
  fs.writeFileSync(file, 'export default 1;\n');
  const proof = contentProof(file)!;
  expect(proof).toMatch(/\|[0-9a-f]{40}$/);
  expect(stillProven(file, proof)).toBe(true);
  // The same stamp with other content, as a second write in the same clock tick leaves it: refused by the hash.
  const [stamp] = proof.split('|');
  expect(stillProven(file, `${stamp}|${'0'.repeat(40)}`)).toBe(false);
});

test('a missing file or a directory proves nothing', () => {
  expect(contentProof(path.join(dir, 'none.ts'))).toBeUndefined();
  expect(contentProof(dir)).toBeUndefined();
  expect(stillProven(path.join(dir, 'none.ts'), '1:2:3:4:5')).toBe(false);
});
