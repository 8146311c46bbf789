import * as fs from 'node:fs';
import * as path from 'node:path';
import { emptyRegenerationProblem, formatIssues, LAYOUT, LockstepConfigError, resolve, TEMPLATE_SUFFIX, type ConfigIssue, type ResolvedConfig } from '@lockstep/model';
import config from '../lockstep.config';
import { ConfigCache } from '../packages/cli/src/config-cache';

/**
 * Resolves `lockstep.config.ts`, or prints every problem and exits before projen writes any file.
 *
 * Exiting here (rather than throwing) keeps a person's config mistake free of a stack trace, and
 * because no file has been synthesized yet, the previously generated files stay as they were. That is also
 * why a config with no repository is stopped here: projen would otherwise delete every generated workflow
 * and stack (see {@link emptyRegenerationProblem}).
 */
export function loadLockstepConfig(root: string = path.resolve(__dirname, '..')): ResolvedConfig {
  const result = resolve(config);
  if (!result.ok) exitWithProblems(result.issues);
  const problem = emptyRegenerationProblem(config, generatedOnDisk(root));
  if (problem !== undefined) {
    process.stderr.write(`lockstep.config.ts: ${problem}\n`);
    process.exit(1);
  }
  // The `lockstep check` that usually follows an edit and its regeneration needn't resolve it again.
  ConfigCache.forWriting(root).remember(require.resolve('../lockstep.config'), result.config);
  return result.config;
}

/**
 * Runs `build`; a problem of the config that only building shows (a `sam-lambda-testing` policy over IAM's
 * size limit, thrown by the construct as a {@link LockstepConfigError}) is printed like resolve()'s, and the
 * process exits before projen writes any file.
 */
export function refuseLateProblems(build: () => void): void {
  try {
    build();
  } catch (e) {
    if (!(e instanceof LockstepConfigError)) throw e;
    exitWithProblems(e.issues);
  }
}

function exitWithProblems(issues: readonly ConfigIssue[]): never {
  process.stderr.write(`lockstep.config.ts has ${issues.length} problem(s):\n${formatIssues(issues)}\n`);
  process.exit(1);
}

/** The generated repository folders and stack templates on disk, from the workspace root. */
function generatedOnDisk(root: string): string[] {
  const list = (dir: string, keep: (name: string) => boolean) => {
    const full = path.join(root, dir);
    return fs.existsSync(full) ? fs.readdirSync(full).filter(keep).sort().map((name) => `${dir}/${name}`) : [];
  };
  return [
    ...list(LAYOUT.reposDir, (name) => fs.statSync(path.join(root, LAYOUT.reposDir, name)).isDirectory()),
    ...list(LAYOUT.templatesDir, (name) => name.endsWith(TEMPLATE_SUFFIX)),
  ];
}
