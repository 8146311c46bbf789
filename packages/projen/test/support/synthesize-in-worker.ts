// Run under tsx by synthesis-worker.test.ts: resolves the config module given as argv[2] and prints, as
// JSON, the template files that `synthesisWorker` (a child process) returns for every planned stack, or
// (exit 3) the config problems it found.
import * as path from 'node:path';
import { infraStacks, LockstepConfigError, resolve, type LockstepConfig } from '@lockstep/model';
import { synthesisWorker } from '../../../../projenrc/synthesis-worker';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const input = (require(path.resolve(process.argv[2])) as { default: LockstepConfig }).default;
const result = resolve(input);
if (!result.ok) throw new Error('the test config does not resolve');
const worker = synthesisWorker(result.config);
if (worker === undefined) throw new Error('synthesisWorker: not available under tsx');
try {
  process.stdout.write(JSON.stringify(worker(infraStacks(result.config).map((s) => s.stackName))));
} catch (e) {
  // A problem of the config the worker's synthesis found: handed back by the child, thrown here.
  if (!(e instanceof LockstepConfigError)) throw e;
  process.stdout.write(JSON.stringify({ issues: e.issues }));
  process.exitCode = 3;
}
