// @ts-check
'use strict';
/*
 * Plain JavaScript on purpose: the default task runs this with `node` before `tsx`, and starting tsx costs
 * several times what the whole check costs. See `isUpToDate`.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** Where the record of the last complete regeneration lives; node_modules/.cache, like the synthesis cache. */
const MANIFEST = path.join('node_modules', '.cache', 'lockstep', 'regeneration.json');
/** Files at the root that a regeneration reads. package-lock.json and npm's hidden lockfile stand for every installed package. */
const ROOT_INPUTS = ['.projenrc.ts', 'lockstep.config.ts', 'tsconfig.projen.json', 'package-lock.json', path.join('node_modules', '.package-lock.json')];
/** Folders whose every file is an input, whether or not the last run loaded it (some modules load only when needed). */
const SOURCE_DIRS = ['projenrc'];
/** Folders of the workspace packages, each of whose `src/` is an input. */
const PACKAGE_PARENTS = ['packages', 'apps'];

/**
 * @typedef {object} Manifest
 * @property {string} key the hash of every input of the regeneration that wrote it
 * @property {string[]} loaded the workspace files that regeneration loaded, relative to the root
 * @property {[string, string, number][]} outputs every generated file: path relative to the root, content hash, mode
 */

/**
 * True when the generated files on disk are exactly what a regeneration would write: the last complete
 * regeneration recorded the hash of its inputs and of every file it generated, the inputs hash the same now,
 * and every generated file still has the recorded content and mode.
 *
 * Why: with nothing changed, `npx projen` would load projen, tsx and the workspace's sources, rebuild every
 * generated file in memory and compare it with the disk, to write nothing. Reading and hashing the files gives
 * the same answer for a fraction of that. The inputs are the projenrc and config files, every file the last
 * run loaded from the workspace (so a config that imports a helper is covered), every workspace package's
 * sources, the installed packages (through the lockfiles), the Node.js version, and the environment variables
 * that steer projen or Lockstep. Any difference, a hand-edited or deleted generated file, a missing or
 * unreadable record: a full regeneration. `LOCKSTEP_NO_CACHE=1` always regenerates.
 *
 * @param {string} root the workspace root
 * @returns {boolean}
 */
function isUpToDate(root) {
  if (process.env.LOCKSTEP_NO_CACHE) return false;
  /** @type {Manifest} */
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(root, MANIFEST), 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(manifest.loaded) || !Array.isArray(manifest.outputs)) return false;
  if (inputsKey(root, manifest.loaded) !== manifest.key) return false;
  for (const [file, hash, mode] of manifest.outputs) {
    const full = path.join(root, file);
    let content;
    try {
      if ((fs.statSync(full).mode & 0o777) !== mode) return false;
      content = fs.readFileSync(full);
    } catch {
      return false;
    }
    if (contentHash(content) !== hash) return false;
  }
  return true;
}

/**
 * Records a complete regeneration: the hash of its inputs (see `isUpToDate`) and the hash and mode of every
 * file it generated. Call it after projen's synthesis returned.
 *
 * @param {string} root the workspace root
 * @param {readonly string[]} generated the absolute paths of every generated file
 * @param {readonly string[]} loaded the absolute paths of every module the regeneration loaded
 */
function recordRegeneration(root, generated, loaded) {
  const file = path.join(root, MANIFEST);
  if (!fs.existsSync(path.join(root, 'node_modules'))) return;
  const inWorkspace = loaded
    .filter((f) => path.isAbsolute(f) && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.relative(root, f))
    .filter((f) => !f.startsWith('..'));
  const relLoaded = [...new Set(inWorkspace)].sort();
  /** @type {[string, string, number][]} */
  const outputs = [...new Set(generated)].sort().map((f) => [path.relative(root, f), contentHash(fs.readFileSync(f)), fs.statSync(f).mode & 0o777]);
  /** @type {Manifest} */
  const manifest = { key: inputsKey(root, relLoaded), loaded: relLoaded, outputs };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(manifest));
}

/**
 * Forgets the last regeneration, before a new one starts: a run that fails halfway leaves no record that
 * could describe its half-written files.
 *
 * @param {string} root the workspace root
 */
function forgetRegeneration(root) {
  fs.rmSync(path.join(root, MANIFEST), { force: true });
}

/**
 * @param {string} root
 * @param {readonly string[]} loaded relative to root
 */
function inputsKey(root, loaded) {
  const files = new Set([...ROOT_INPUTS, ...loaded]);
  for (const dir of SOURCE_DIRS) for (const f of filesUnder(root, dir)) files.add(f);
  for (const parent of PACKAGE_PARENTS) {
    const full = path.join(root, parent);
    if (!fs.existsSync(full)) continue;
    for (const pkg of fs.readdirSync(full).sort()) for (const f of filesUnder(root, path.join(parent, pkg, 'src'))) files.add(f);
  }
  const hash = crypto.createHash('sha256');
  hash.update(`node ${process.version}\0`);
  const steering = Object.keys(process.env).filter((k) => /^(PROJEN_|LOCKSTEP_)/.test(k) || k === 'CI').sort();
  for (const k of steering) hash.update(`env ${k}=${process.env[k]}\0`);
  for (const f of [...files].sort()) {
    hash.update(`file ${f}\0`);
    try {
      hash.update(fs.readFileSync(path.join(root, f)));
    } catch {
      hash.update('\0missing\0');
    }
  }
  return hash.digest('hex');
}

/**
 * @param {string} root
 * @param {string} dir relative to root
 * @returns {string[]} relative to root
 */
function filesUnder(root, dir) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(root, path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** @param {Buffer} content */
function contentHash(content) {
  return crypto.createHash('sha256').update(content).digest('hex');
}

module.exports = { isUpToDate, recordRegeneration, forgetRegeneration };

if (require.main === module) {
  // Exit 0 (skip the regeneration) only when everything is up to date; the default task runs tsx otherwise.
  const root = path.resolve(__dirname, '..');
  if (isUpToDate(root)) {
    process.stdout.write('lockstep: every generated file is up to date with its inputs (LOCKSTEP_NO_CACHE=1 regenerates anyway)\n');
    process.exit(0);
  }
  process.exit(1);
}
