import * as fs from 'node:fs';
import { InputError } from './cli-error';
import { decodeText, INPUT_LIMITS } from './input-limits';

/**
 * Reads a text file the user named, turning every way it can fail into a one-line {@link InputError}
 * that names the file; the text is bounded and checked as {@link decodeText} says.
 */
export function readTextFile(file: string, what = 'file', shown = file): string {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    // Don't read a file (or a device, a pipe) past the limit only to refuse it.
    bytes = stat.isFile() && stat.size <= INPUT_LIMITS.bytes ? fs.readFileSync(file) : readPrefix(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new InputError(`${shown}: no such ${what}`);
    if (err.code === 'EACCES' || err.code === 'EPERM') throw new InputError(`${shown}: cannot read the ${what} (permission denied)`);
    if (err.code === 'EISDIR') throw new InputError(`${shown}: is a directory; expected a ${what}`);
    throw new InputError(`${shown}: cannot read the ${what} (${err.code ?? err.message})`);
  }
  return decodeText(bytes, shown, what);
}

/** The file's bytes, or its first bytes past the limit (enough for {@link decodeText} to refuse it). */
function readPrefix(file: string): Buffer {
  const limit = INPUT_LIMITS.bytes + 1;
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(limit);
    let length = 0;
    for (let n = -1; n !== 0 && length < limit; length += n) n = fs.readSync(fd, buffer, length, limit - length, null);
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}
