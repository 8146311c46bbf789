import * as path from 'node:path';
import { resolveOrThrow, type ResolvedConfig } from '@lockstep/model';

/** The repository's `lockstep.config.ts`, from this package's `src/` (or compiled `lib/`). */
export const LOCKSTEP_CONFIG_PATH = path.resolve(__dirname, '..', '..', '..', 'lockstep.config');

/**
 * Loads and resolves the repository's `lockstep.config.ts`.
 *
 * Required at run time by path rather than imported: the file lives outside this package's `rootDir`,
 * which `tsc` refuses to compile into `lib/`. The runner (tsx for `cdk synth`, @swc/jest in tests)
 * compiles it on the fly.
 * @throws LockstepConfigError listing every problem of the config
 */
export function loadLockstepConfig(configPath: string = LOCKSTEP_CONFIG_PATH): ResolvedConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(configPath) as { default?: unknown };
  return resolveOrThrow(loaded.default ?? loaded);
}
