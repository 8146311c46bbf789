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
