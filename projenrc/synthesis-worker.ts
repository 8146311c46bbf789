import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type * as Infra from '@lockstep/infra';
import { LockstepConfigError, type ConfigIssue, type ResolvedConfig } from '@lockstep/model';
import { templateTexts, type TemplateText } from './template-text';

/** What a worker hands back: the template files, or the config's problems that synthesis found. */
type WorkerOutput = TemplateText[] | { readonly issues: readonly ConfigIssue[] };

/** What the parent hands a worker: the resolved config (structured-cloned) and the stacks to synthesize. */
interface WorkerInput {
  readonly config: ResolvedConfig;
  readonly only: readonly string[];
}

/**
 * A function that synthesizes the given stacks of `config` in a child process and returns their template
 * files' text, or undefined when this process can't start one like itself (it doesn't run under tsx, e.g.
 * in jest): the caller then synthesizes in process.
 *
 * Why a child: see `RESOURCES_PER_PROCESS` in infra-synthesis-cache.ts — aws-cdk-lib keeps every
 * synthesized construct alive for the life of the process. The child gets the config already resolved (no
 * second load or resolve, so it synthesizes exactly what this process planned) and runs with this process's
 * loader (`process.execArgv`: tsx's hooks; `TSX_TSCONFIG_PATH` is inherited with the environment).
 */
export function synthesisWorker(config: ResolvedConfig): ((only: readonly string[]) => readonly TemplateText[]) | undefined {
  if (!process.execArgv.some((arg) => arg.includes(`${path.sep}tsx${path.sep}`))) return undefined;
  return (only) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-synthesis-'));
    try {
      const input = path.join(dir, 'input');
      const output = path.join(dir, 'output.json');
      fs.writeFileSync(input, v8.serialize({ config, only } satisfies WorkerInput));
      const child = spawnSync(process.execPath, [...process.execArgv, __filename, input, output], { stdio: ['ignore', 'inherit', 'inherit'] });
      if (child.status !== 0) {
        throw new Error(`the synthesis of ${only.length} stack(s) (${only[0]}, …) in a child process failed (exit ${child.status ?? child.signal}); its output is above`);
      }
      const result = JSON.parse(fs.readFileSync(output, 'utf8')) as WorkerOutput;
      if (!Array.isArray(result)) throw new LockstepConfigError(result.issues); // as if synthesized here
      return result;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** The child's side: synthesize the stacks named in the input file and write their template files' text. */
function runWorker(inputFile: string, outputFile: string): void {
  const { config, only } = v8.deserialize(fs.readFileSync(inputFile)) as WorkerInput;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesizeInfra } = require('@lockstep/infra') as typeof Infra;
  let output: WorkerOutput;
  try {
    output = templateTexts(synthesizeInfra(config, { nag: false, only: new Set(only) }).stacks);
  } catch (e) {
    if (!(e instanceof LockstepConfigError)) throw e;
    output = { issues: e.issues };
  }
  fs.writeFileSync(outputFile, JSON.stringify(output));
}

if (require.main === module) runWorker(process.argv[2], process.argv[3]);
