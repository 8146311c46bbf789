import * as path from 'node:path';
import type { Project } from 'projen';

/**
 * Makes `root.tryFindFile` constant-time for paths no file has: projen's `FileBase` constructor asks it
 * about every new file (to refuse duplicates), and projen answers by walking the whole construct tree
 * (node_modules/projen/lib/project.js `tryFindFile`, called from lib/file.js), which makes generating n
 * files quadratic.
 *
 * Every file constructed after this is installed asks about its own path first, so the paths of all files
 * are known: those present now, plus every path asked about. A path outside that set has no file; a path
 * inside it (a duplicate, a lookup of a real file, a removed one) still gets projen's full search, so the
 * answer is always projen's own.
 */
export function indexedFileLookup(root: Project): void {
  const search = root.tryFindFile.bind(root);
  const known = new Set<string>();
  for (const c of root.node.findAll()) {
    const file = c as { absolutePath?: unknown };
    if (typeof file.absolutePath === 'string') known.add(file.absolutePath);
  }
  root.tryFindFile = (filePath: string) => {
    const absolute = path.isAbsolute(filePath) ? filePath : path.resolve(root.outdir, filePath);
    if (!known.has(absolute)) {
      known.add(absolute);
      return undefined;
    }
    return search(filePath);
  };
}
