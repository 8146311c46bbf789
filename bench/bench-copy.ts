import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The benchmark's own copy of the repository, with its own caches and the repository's installed packages.
 *
 * Why a copy: the benchmark rewrites lockstep.config.ts and regenerates thousands of files. Why its own
 * caches: Lockstep keeps its caches in `node_modules/.cache/lockstep` (the CLI's parsed workflows and
 * resolved config, packages/cli/src/cache.ts; the per-stack CDK synthesis, projenrc/infra-synthesis-cache.ts)
 * and tsx keeps compiled files under the temporary directory; sharing them with the working tree would
 * let the repository's runs warm (or clobber) the benchmark's and the other way round.
 */
export interface BenchCopy {
  /** The copy's root. */
  readonly dir: string;
  /** The environment every command in the copy runs with (its own temporary directory, no cache switches). */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Copies the files git knows of `repoRoot` (tracked, and untracked but not ignored) into `into`, mirrors
 * every node_modules folder entry by entry, and compiles the CLI in the copy.
 */
export function createBenchCopy(repoRoot: string, into: string, tmpDir: string): BenchCopy {
  copyWorkingTree(repoRoot, into);
  for (const modules of nodeModulesDirs(repoRoot)) {
    mirrorNodeModules(path.join(repoRoot, modules), path.join(into, modules));
  }
  assertSamePackages(repoRoot, into, ['yaml', 'projen', 'constructs', 'aws-cdk-lib', 'tsx']);
  fs.mkdirSync(tmpDir, { recursive: true });
  const env = benchEnv(tmpDir);
  // `lockstep check` runs from the installed bin, which loads the compiled lib/ when it is up to date (else
  // the sources through tsx): compile the model and the CLI in the copy, as `npm run build` would.
  const tsc = path.join(into, 'node_modules', '.bin', 'tsc');
  for (const pkg of ['packages/model', 'packages/cli']) execFileSync(tsc, ['--build'], { cwd: path.join(into, pkg), env, stdio: 'inherit' });
  return { dir: into, env };
}

/**
 * Empties the copy's `node_modules/.cache`: Lockstep's (the CLI's cache, the per-stack synthesis cache) and
 * any other a regeneration keeps there. tsx's compile cache stays: it depends on the sources, not the config.
 */
export function clearCaches(copy: BenchCopy): void {
  fs.rmSync(path.join(copy.dir, 'node_modules', '.cache'), { recursive: true, force: true });
}

/**
 * The environment of every benchmarked command: the caller's, minus the switches that would change what is
 * measured, with a temporary directory of the benchmark's own (tsx's compile cache lives there).
 */
export function benchEnv(tmpDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmpDir };
  for (const name of Object.keys(env)) {
    if (name.startsWith('LOCKSTEP_')) delete env[name];
  }
  return env;
}

function copyWorkingTree(repoRoot: string, into: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && fs.existsSync(path.join(repoRoot, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, file), path.join(into, file));
  }
}

/**
 * The root's node_modules and every workspace package's own (npm installs a package there when the
 * workspace needs two versions of it, e.g. `yaml`): without them the copy would load other versions.
 */
function nodeModulesDirs(repoRoot: string): string[] {
  const workspaces = ['packages', 'apps'].flatMap((group) => {
    const dir = path.join(repoRoot, group);
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => `${group}/${name}/node_modules`) : [];
  });
  return ['node_modules', ...workspaces].filter((dir) => fs.existsSync(path.join(repoRoot, dir)));
}

/**
 * Makes `to` a real folder whose entries point at those of `from`, so that whatever a run writes into
 * node_modules (its `.cache`) lands in the copy. A relative link (a workspace package, a `.bin` entry) is
 * re-created as written, so it resolves inside the copy: `node_modules/.bin/lockstep` runs the copy's CLI.
 * Scope folders (`@scope/`) are mirrored the same way, since they hold the workspace links.
 */
function mirrorNodeModules(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === '.cache') continue; // Lockstep's, nx's and others' caches: the copy starts its own
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(source), target);
    } else if (entry.isDirectory() && (entry.name.startsWith('@') || entry.name === '.bin')) {
      mirrorNodeModules(source, target);
    } else {
      fs.symlinkSync(source, target);
    }
  }
}

/**
 * Fails unless every workspace package of the copy resolves `names` to the version the repository's
 * resolves (the earlier benchmark loaded another `yaml` than the repository did).
 */
function assertSamePackages(repoRoot: string, copy: string, names: readonly string[]): void {
  // Node's lookup, by hand: `require.resolve('x/package.json')` fails for packages whose `exports` hide it.
  const version = (root: string, from: string, name: string): string => {
    for (let dir = path.join(root, from); ; dir = path.dirname(dir)) {
      const manifest = path.join(dir, 'node_modules', name, 'package.json');
      if (fs.existsSync(manifest)) return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
      if (dir === root) return 'missing';
    }
  };
  const workspaces = ['.', ...nodeModulesDirs(repoRoot).map((dir) => path.dirname(dir))];
  for (const from of new Set(workspaces)) {
    for (const name of names) {
      const expected = version(repoRoot, from, name);
      const actual = version(copy, from, name);
      if (actual !== expected) throw new Error(`bench copy: ${from} loads ${name}@${actual}, the repository ${name}@${expected}`);
    }
  }
}
