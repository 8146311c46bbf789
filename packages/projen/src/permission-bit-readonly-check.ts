import * as fs from 'node:fs';

/** The part of projen's lib/util.js this module reads and replaces. */
interface ProjenUtil {
  isWritable(file: string): boolean;
}

let installed = false;

/**
 * Makes projen tell a read-only generated file from a writable one by its permission bits, so that an
 * unchanged read-only file is not written again when projen runs as root.
 *
 * Why: projen 0.103.25 skips writing a file whose content and mode are unchanged, and reads "is it read-only
 * now" as `!isWritable(file)`, which is `fs.accessSync(file, W_OK)` (node_modules/projen/lib/util.js
 * `isWritable`, called from lib/file.js `FileBase.synthesize`). For root, access(2) grants W_OK on any file
 * whatever its mode, so every read-only file looks writable, its mode looks changed, and projen rewrites and
 * chmods every generated file on every run: at 1,000 repositories that is most of a regeneration. A CI runner
 * or container running as root pays it; a normal user doesn't.
 *
 * For anyone but root, access(2) on one's own file follows the owner's write bit, so the answer is projen's
 * own; for root, the owner's write bit is what projen writes (`getFilePermissions`: 444 or 544 when read-only,
 * 644 or 755 otherwise), so the comparison becomes the one projen intends. A missing file stays "not
 * writable", as in projen. Installing twice is harmless.
 */
export function permissionBitReadonlyCheck(): void {
  if (installed) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const util = require('projen/lib/util') as ProjenUtil;
  util.isWritable = (file: string) => {
    try {
      return (fs.statSync(file).mode & 0o200) !== 0;
    } catch {
      return false;
    }
  };
  installed = true;
}
