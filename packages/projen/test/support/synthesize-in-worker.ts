// Run under tsx by synthesis-worker.test.ts: resolves the config module given as argv[2] and prints, as
// JSON, the template files that `synthesisWorker` (a child process) returns for every planned stack.
import * as path from 'node:path';
import { infraStacks, resolve, type LockstepConfig } from '@lockstep/model';
import { synthesisWorker } from '../../../../projenrc/synthesis-worker';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const input = (require(path.resolve(process.argv[2])) as { default: LockstepConfig }).default;
const result = resolve(input);
if (!result.ok) throw new Error('the test config does not resolve');
const worker = synthesisWorker(result.config);
if (worker === undefined) throw new Error('synthesisWorker: not available under tsx');
process.stdout.write(JSON.stringify(worker(infraStacks(result.config).map((s) => s.stackName))));
