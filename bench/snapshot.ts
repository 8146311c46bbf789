import * as fs from 'node:fs';
import * as path from 'node:path';

/** What a snapshot holds, in numbers. */
export interface SnapshotStats {
  readonly files: number;
  readonly bytes: number;
}

/**
 * Every file `npx projen` generates in the workspace at `root`, relative to it: the files each projen
 * project lists in its `.projen/files.json`, plus its `package.json` (projen writes it but doesn't list it).
 */
export function generatedFiles(root: string): string[] {
  const projects = ['.', ...['packages', 'apps'].flatMap((group) => subfolders(path.join(root, group)).map((name) => `${group}/${name}`))];
  const files = new Set<string>();
  for (const project of projects) {
    const listing = path.join(root, project, '.projen', 'files.json');
    if (!fs.existsSync(listing)) continue;
    const { files: listed } = JSON.parse(fs.readFileSync(listing, 'utf8')) as { files: string[] };
    for (const file of [...listed, 'package.json']) {
      const relative = path.posix.join(project, file);
      if (fs.statSync(path.join(root, relative), { throwIfNoEntry: false })?.isFile()) files.add(relative);
    }
  }
  return [...files].sort();
}

/**
 * Saves the current bytes and mode of every generated file under `root` into `dir` (an index and one
 * blob) for bench/floor-io.cjs, which writes them back or compares with them.
 */
export function takeSnapshot(root: string, dir: string): SnapshotStats {
  fs.mkdirSync(dir, { recursive: true });
  const contents: Buffer[] = [];
  const files: { path: string; offset: number; length: number; mode: number }[] = [];
  let offset = 0;
  for (const file of generatedFiles(root)) {
    const full = path.join(root, file);
    const bytes = fs.readFileSync(full);
    files.push({ path: file, offset, length: bytes.length, mode: fs.statSync(full).mode & 0o777 });
    contents.push(bytes);
    offset += bytes.length;
  }
  fs.writeFileSync(path.join(dir, 'content.bin'), Buffer.concat(contents));
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ files }));
  return { files: files.length, bytes: offset };
}

function subfolders(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
}
