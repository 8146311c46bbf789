#!/usr/bin/env node
'use strict';
// The `lockstep` command.
//
// Runs the compiled CLI (`../lib/main.js`) when it and the model it imports (`packages/model/lib`) are up to
// date with their TypeScript sources. Otherwise, e.g. right after `npm ci && npx projen` on a fresh clone,
// it runs the sources through tsx's CommonJS loader, so the command never needs a build first.
// `LOCKSTEP_FROM_SOURCE=1` forces the sources (the tests use it to exercise both paths).
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

const fromSource =
  process.env.LOCKSTEP_FROM_SOURCE === '1' ||
  !Object.values(WORKSPACE).every((dir) => isCompiled(path.join(PACKAGES_DIR, dir)));

// Resolve the workspace packages to the same form (compiled or sources) as the CLI itself, whatever
// node_modules holds; limited to `@lockstep/*` so every other module resolves as usual.
const entryOf = (dir) => path.join(PACKAGES_DIR, dir, fromSource ? 'src/index.ts' : 'lib/index.js');
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveWorkspacePackage(request, ...rest) {
  if (Object.prototype.hasOwnProperty.call(WORKSPACE, request)) return entryOf(WORKSPACE[request]);
  return originalResolve.call(this, request, ...rest);
};

if (fromSource) require('tsx/cjs/api').register();
const main = require(path.join(PACKAGES_DIR, 'cli', fromSource ? 'src/main.ts' : 'lib/main.js'));
main.run(process.argv.slice(2));
