import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { BigIntStats } from 'node:fs';

/**
 * How recently a file may have changed for its stamp not to prove its content: a second write within the
 * same tick of the file system's clock leaves size and times as they were. Git calls such index entries
 * "racy" and compares their content (Documentation/technical/racy-git.txt); Lockstep's caches do the same.
 */
export const RACY_MS = 2_000;

/**
 * What a file's content is known by without reading it: size, modification and change times in
 * nanoseconds, inode and device. Any write changes it (a change time can't be set back), except a second
 * write within one clock tick: see {@link isRacy}.
 */
export function fileStamp(stat: BigIntStats): string {
  return `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}:${stat.dev}`;
}

/**
 * Whether the file changed less than {@link RACY_MS} ago (or, by its clock, in the future), so that its
 * stamp alone can't tell a later write in the same tick: what is derived from it now must not be known by
 * the stamp alone.
 */
export function isRacy(stat: BigIntStats, now = Date.now()): boolean {
  const changed = Number((stat.mtimeNs > stat.ctimeNs ? stat.mtimeNs : stat.ctimeNs) / 1_000_000n);
  return now - changed < RACY_MS;
}

/**
 * What proves a file's content unchanged later, through the file's own `node:fs` calls (so that a
 * `lockstep check` observing its reads sees a content read): its stamp, plus the SHA-1 of its content when
 * it changed too recently for the stamp alone ({@link isRacy}); undefined when it can't be read.
 */
export function contentProof(file: string): string | undefined {
  return withOpenFile(file, proofOfOpen);
}

/**
 * {@link contentProof} of a file already open. The content is read by position: what the descriptor's owner
 * reads next is unchanged.
 */
export function proofOfOpen(fd: number): string | undefined {
  const stat = fs.fstatSync(fd, { bigint: true });
  if (!stat.isFile()) return undefined;
  return isRacy(stat) ? `${fileStamp(stat)}|${hashOf(fd)}` : fileStamp(stat);
}

/** Whether a file still has the content a {@link contentProof} was taken of. */
export function stillProven(file: string, proof: string): boolean {
  const [stamp, hash] = proof.split('|');
  return (
    withOpenFile(file, (fd) => {
      const stat = fs.fstatSync(fd, { bigint: true });
      return stat.isFile() && fileStamp(stat) === stamp && (hash === undefined || hashOf(fd) === hash);
    }) ?? false
  );
}

function withOpenFile<T>(file: string, use: (fd: number) => T | undefined): T | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    return use(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The SHA-1 of an open file's content, read by position through the descriptor (opened as a content read). */
function hashOf(fd: number): string {
  const hash = createHash('sha1');
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (let at = 0, n = fs.readSync(fd, chunk, 0, chunk.length, at); n > 0; at += n, n = fs.readSync(fd, chunk, 0, chunk.length, at)) {
    hash.update(chunk.subarray(0, n));
  }
  return hash.digest('hex');
}
