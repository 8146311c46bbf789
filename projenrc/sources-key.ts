import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The hash of the code that renders a generated file: every file under `sourceDirs` (relative to `root`),
 * with its path, and the version of each of `packages` as this process resolves them (the copies that
 * render). A cache keyed by it renders again after any change to that code or an upgrade.
 */
export function sourcesKey(root: string, sourceDirs: readonly string[], packages: readonly string[]): string {
  const hash = createHash('sha256');
  for (const dir of sourceDirs) {
    for (const file of filesUnder(path.join(root, dir))) {
      hash.update(`\0${path.relative(root, file)}\0`);
      hash.update(fs.readFileSync(file));
    }
  }
  for (const name of packages) {
    const manifest = require.resolve(`${name}/package.json`);
    hash.update(`\0${name}@${(JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version}`);
  }
  return hash.digest('hex');
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}
