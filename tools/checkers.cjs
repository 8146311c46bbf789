// The external checkers the tests run on generated files, in one place: how to find each one, its
// version, and how to install it. A fresh machine with only Node.js and npm has none of them; the tests
// that need one are then skipped with one line saying so, unless LOCKSTEP_REQUIRE_CHECKERS=1 (CI), where
// a missing checker fails the run. `node tools/checkers.cjs` prints the fingerprint nx folds into the
// test cache key, so a result computed with a checker is never replayed on a machine without it.
'use strict';
const { spawnSync } = require('node:child_process');

/** Every external checker: the command, how to read its version, how to install it. */
const CHECKERS = {
  shellcheck: {
    command: 'shellcheck',
    version: ['--version'],
    install: 'apt-get install -y shellcheck',
    purpose: 'lints every run: script of the generated workflows',
  },
  docutils: {
    command: 'rst2html',
    version: ['--version'],
    install: 'apt-get install -y python3-docutils',
    purpose: 'parses the generated reStructuredText docs pages in strict mode',
  },
  'cfn-lint': {
    command: 'cfn-lint',
    version: ['--version'],
    install: 'pip install cfn-lint',
    purpose: 'lints the committed CloudFormation templates',
  },
};

const located = new Map();
const versions = new Map();

/**
 * The checker's executable path, or undefined when it is not installed. Cheap (a shell's `command -v`):
 * what a test needs to run the checker or skip; its version (a whole Python start for cfn-lint) is
 * read only for the fingerprint.
 * @param {keyof typeof CHECKERS} name
 * @returns {string | undefined}
 */
function locate(name) {
  if (!located.has(name)) {
    const checker = CHECKERS[name];
    if (checker === undefined) throw new Error(`unknown checker ${JSON.stringify(name)}; expected one of ${Object.keys(CHECKERS).join(', ')}`);
    const which = spawnSync('sh', ['-c', `command -v ${checker.command}`], { encoding: 'utf8' });
    located.set(name, which.status === 0 ? which.stdout.trim() : undefined);
  }
  return located.get(name);
}

/**
 * The checker's executable path and version line, or undefined when it is not installed.
 * @param {keyof typeof CHECKERS} name
 * @returns {{ path: string, version: string } | undefined}
 */
function detect(name) {
  const path = locate(name);
  if (path === undefined) return undefined;
  if (!versions.has(name)) {
    const version = spawnSync(path, CHECKERS[name].version, { encoding: 'utf8' });
    const text = `${version.stdout}${version.stderr}`;
    versions.set(name, (text.split('\n').find((l) => /\d+\.\d+/.test(l)) ?? '').trim());
  }
  return { path, version: versions.get(name) };
}

/** True when CI asked for every checker (a missing one is then an error, not a skip). */
function required() {
  return process.env.LOCKSTEP_REQUIRE_CHECKERS === '1';
}

/** The line printed for a checker that is not installed, naming what is skipped and how to install it. */
function skipLine(name) {
  const c = CHECKERS[name];
  return `lockstep: ${name} is not installed; skipped the tests where it ${c.purpose}. Install it to run them: ${c.install}`;
}

/** One line per checker (name, version or "absent") plus the requirement flag: the nx cache key part. */
function fingerprint() {
  const lines = Object.keys(CHECKERS).map((name) => `${name}: ${detect(name)?.version ?? 'absent'}`);
  lines.push(`required: ${required()}`);
  return lines.join('\n');
}

module.exports = { CHECKERS, locate, detect, required, skipLine, fingerprint };

if (require.main === module) process.stdout.write(`${fingerprint()}\n`);
