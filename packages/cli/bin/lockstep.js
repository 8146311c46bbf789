#!/usr/bin/env node
'use strict';
// The `lockstep` command.
//
// Runs each workspace package it needs (the CLI itself, `@lockstep/model`) from its compiled output
// (`lib/`) when that is up to date with the package's TypeScript sources, and otherwise from the sources
// through tsx's CommonJS loader — e.g. right after `npm ci && npx projen` on a fresh clone, so the command
// never needs a build first. `LOCKSTEP_FROM_SOURCE=1` forces the sources (the tests exercise both paths).
//
// Only node built-ins load here: the compiled path adds nothing else to startup.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const PACKAGES_DIR = path.resolve(__dirname, '..', '..');
/** The workspace packages the CLI loads at run time: npm name → folder under packages/. */
const WORKSPACE = { '@lockstep/cli': 'cli', '@lockstep/model': 'model' };

/** True when every `src/**.ts` of the package has a `lib/**.js` at least as new. */
function isCompiled(pkgDir) {
  const walk = (rel) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(pkgDir, 'src', rel), { withFileTypes: true });
    } catch {
      return false;
    }
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!walk(child)) return false;
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const src = fs.statSync(path.join(pkgDir, 'src', child));
        let out;
        try {
          out = fs.statSync(path.join(pkgDir, 'lib', child.replace(/\.ts$/, '.js')));
        } catch {
          return false;
        }
        if (out.mtimeMs < src.mtimeMs) return false;
      }
    }
    return true;
  };
  return walk('');
}

const forceSource = process.env.LOCKSTEP_FROM_SOURCE === '1';
/** Per package: its compiled entry when up to date, else its TypeScript source. */
const entries = {};
for (const [name, dir] of Object.entries(WORKSPACE)) {
  const pkgDir = path.join(PACKAGES_DIR, dir);
  const compiled = !forceSource && isCompiled(pkgDir);
  entries[name] = { compiled, dir: pkgDir };
}

// Resolve the workspace packages to their compiled output or their sources, whatever node_modules holds;
// limited to `@lockstep/*` so every other module resolves as usual.
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveWorkspacePackage(request, ...rest) {
  const entry = Object.prototype.hasOwnProperty.call(entries, request) ? entries[request] : undefined;
  if (entry !== undefined) return path.join(entry.dir, entry.compiled ? 'lib/index.js' : 'src/index.ts');
  return originalResolve.call(this, request, ...rest);
};

if (!Object.values(entries).every((e) => e.compiled)) require('tsx/cjs/api').register();
const cli = entries['@lockstep/cli'];
const main = require(path.join(cli.dir, cli.compiled ? 'lib/main.js' : 'src/main.ts'));
main.run(process.argv.slice(2));
