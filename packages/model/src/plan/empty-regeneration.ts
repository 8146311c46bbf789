import type { LockstepConfig } from '../config/config';

/**
 * Why regenerating from this config must stop, or undefined: a config with no repository (an emptied `repos`,
 * a mistyped spread) would remove every generated workflow and stack listed in `existing` (paths from the
 * workspace root), unless it says `noRepositories: true`; a config that says so yet lists repositories
 * contradicts itself.
 * @param existing the generated files and folders on disk that regeneration would remove when no repository is onboarded
 */
export function emptyRegenerationProblem(config: Pick<LockstepConfig, 'repos' | 'noRepositories'>, existing: readonly string[]): string | undefined {
  const repos = Object.keys(config.repos ?? {});
  if (config.noRepositories === true) {
    return repos.length === 0 ? undefined : `noRepositories: true, but repos lists ${repos.map((r) => JSON.stringify(r)).join(', ')}; remove one or the other`;
  }
  if (repos.length > 0 || existing.length === 0) return undefined;
  const shown = existing.slice(0, 10).join(', ') + (existing.length > 10 ? `, and ${existing.length - 10} more` : '');
  return `repos: empty, so regenerating would remove every generated workflow and stack (${shown}); `
    + 'if no repository is onboarded on purpose, add noRepositories: true to lockstep.config.ts, otherwise restore repos';
}
