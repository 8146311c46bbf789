import { formatIssues, resolve, type ResolvedConfig } from '@lockstep/model';
import config from '../lockstep.config';

/**
 * Resolves `lockstep.config.ts`, or prints every problem and exits before projen writes any file.
 *
 * Exiting here (rather than throwing) keeps a person's config mistake free of a stack trace, and
 * because no file has been synthesized yet, the previously generated files stay as they were.
 */
export function loadLockstepConfig(): ResolvedConfig {
  const result = resolve(config);
  if (!result.ok) {
    process.stderr.write(`lockstep.config.ts has ${result.issues.length} problem(s):\n${formatIssues(result.issues)}\n`);
    process.exit(1);
  }
  return result.config;
}
