'use strict';
// The floors of `npm run bench` (bench/bench.ts), as a process of their own so they are timed like a
// regeneration: what it would cost at least to produce the generated files, with no work of deriving them.
//
//   node bench/floor-io.cjs write   <snapshot dir> <root>  writes every generated file's bytes, as projen writes
//                                                           one (make it writable, write, restore its mode)
//   node bench/floor-io.cjs compare <snapshot dir> <root>  reads every generated file and compares it with the
//                                                           expected bytes; exits 1 naming the first difference
//
// The snapshot (bench/snapshot.ts) is one index and one blob, so loading the expected bytes costs one read.
// Plain CommonJS with node built-ins only: the floor must not pay for a TypeScript loader.
const fs = require('node:fs');
const path = require('node:path');

const [mode, snapshotDir, root] = process.argv.slice(2);
if ((mode !== 'write' && mode !== 'compare') || snapshotDir === undefined || root === undefined) {
  process.stderr.write('usage: node bench/floor-io.cjs write|compare <snapshot dir> <root>\n');
  process.exit(2);
}
const index = JSON.parse(fs.readFileSync(path.join(snapshotDir, 'index.json'), 'utf8'));
const blob = fs.readFileSync(path.join(snapshotDir, 'content.bin'));

for (const file of index.files) {
  const expected = blob.subarray(file.offset, file.offset + file.length);
  const target = path.join(root, file.path);
  if (mode === 'write') {
    fs.chmodSync(target, 0o600);
    fs.writeFileSync(target, expected);
    fs.chmodSync(target, file.mode);
  } else if (!fs.readFileSync(target).equals(expected)) {
    process.stderr.write(`${file.path} differs from the snapshot: the regeneration before this run changed it\n`);
    process.exit(1);
  }
}
