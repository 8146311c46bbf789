import * as fs from 'node:fs';
import type { JsonCache } from './cache';
import { InputError } from './cli-error';
import { fileStamp, isRacy } from './file-stamp';
import { decodeText, INPUT_LIMITS } from './input-limits';

/**
 * Reads a text file the user named, turning every way it can fail into a one-line {@link InputError}
 * that names the file; the text is bounded and checked as {@link decodeText} says.
 */
export function readTextFile(file: string, what = 'file', shown = file): string {
  const read = readFile<never>(file, what, shown);
  return decodeText(read.bytes!, shown, what);
}

/**
 * What `derive` makes of a text file (read as {@link readTextFile} reads it), taken from `cache` while the
 * file's stamp is the one it had then: the file is opened but not read. `context` is whatever else the
 * derived value depends on. A file that changed too recently for its stamp to prove its content
 * ({@link isRacy}) is derived anew and not cached; so is everything without a cache, or with one turned off.
 *
 * Why: a check at a thousand repositories reads ~70 MB of workflows and templates, nearly all as they
 * were at the last check; reading, hashing and parsing them again was most of what it cost.
 */
export function deriveFromTextFile<T>(file: string, what: string, shown: string, cache: JsonCache<T> | undefined, context: string, derive: (text: string) => T): T {
  const key = (stamp: string) => `${file}\0${context}\0${stamp}`;
  const read = readFile(file, what, shown, cache?.enabled ? (stamp) => cache.get(key(stamp)) : undefined);
  if (read.cached !== undefined) return read.cached;
  const derived = derive(decodeText(read.bytes!, shown, what));
  if (read.stamp !== undefined) cache!.set(key(read.stamp), derived);
  return derived;
}

/** A file's bytes and, when they may be cached by it, its stamp; or what `lookup` had for that stamp. */
interface Read<T> {
  readonly cached?: T;
  readonly bytes?: Buffer;
  readonly stamp?: string;
}

function readFile<T>(file: string, what: string, shown: string, lookup?: (stamp: string) => T | undefined): Read<T> {
  let fd: number | undefined;
  try {
    // One open, then everything through the descriptor: a check reads thousands of small files, and a
    // second lookup of each path (stat, then read) was a fifth of what reading them cost.
    fd = fs.openSync(file, 'r');
    const stat = fs.fstatSync(fd, { bigint: true });
    const stamp = lookup !== undefined && stat.isFile() && !isRacy(stat) ? fileStamp(stat) : undefined;
    const cached = stamp !== undefined ? lookup!(stamp) : undefined;
    if (cached !== undefined) return { cached };
    // Don't read a file (or a device, a pipe) past the limit only to refuse it. A file that says it is
    // empty may not be (procfs): it is read to its end, as a pipe is.
    const size = Number(stat.size);
    const bytes = stat.isFile() && size > 0 && size <= INPUT_LIMITS.bytes ? readExactly(fd, size) : readPrefix(fd);
    return { bytes, stamp };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new InputError(`${shown}: no such ${what}`);
    if (err.code === 'EACCES' || err.code === 'EPERM') throw new InputError(`${shown}: cannot read the ${what} (permission denied)`);
    if (err.code === 'EISDIR') throw new InputError(`${shown}: is a directory; expected a ${what}`);
    throw new InputError(`${shown}: cannot read the ${what} (${err.code ?? err.message})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
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
