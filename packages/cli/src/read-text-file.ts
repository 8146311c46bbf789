import * as fs from 'node:fs';
import { InputError } from './cli-error';
import { decodeText, INPUT_LIMITS } from './input-limits';

/**
 * Reads a text file the user named, turning every way it can fail into a one-line {@link InputError}
 * that names the file; the text is bounded and checked as {@link decodeText} says.
 */
export function readTextFile(file: string, what = 'file', shown = file): string {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // One open, then everything through the descriptor: a check reads thousands of small files, and a
    // second lookup of each path (stat, then read) was a fifth of what reading them cost.
    fd = fs.openSync(file, 'r');
    const stat = fs.fstatSync(fd);
    // Don't read a file (or a device, a pipe) past the limit only to refuse it. A file that says it is
    // empty may not be (procfs): it is read to its end, as a pipe is.
    bytes = stat.isFile() && stat.size > 0 && stat.size <= INPUT_LIMITS.bytes ? readExactly(fd, stat.size) : readPrefix(fd);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new InputError(`${shown}: no such ${what}`);
    if (err.code === 'EACCES' || err.code === 'EPERM') throw new InputError(`${shown}: cannot read the ${what} (permission denied)`);
    if (err.code === 'EISDIR') throw new InputError(`${shown}: is a directory; expected a ${what}`);
    throw new InputError(`${shown}: cannot read the ${what} (${err.code ?? err.message})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return decodeText(bytes, shown, what);
}

/** The file's `size` bytes (fewer if it shrank while being read). */
function readExactly(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let length = 0;
  for (let n = -1; n !== 0 && length < size; length += n) n = fs.readSync(fd, buffer, length, size - length, null);
  return length === size ? buffer : buffer.subarray(0, length);
}

/** The file's bytes to its end, or its first bytes past the limit (enough for {@link decodeText} to refuse it). */
function readPrefix(fd: number): Buffer {
  const limit = INPUT_LIMITS.bytes + 1;
  const buffer = Buffer.alloc(limit);
  let length = 0;
  for (let n = -1; n !== 0 && length < limit; length += n) n = fs.readSync(fd, buffer, length, limit - length, null);
  return buffer.subarray(0, length);
}
