import { compareStrings } from '../basics/compare-strings';
import type { ResolvedConfig, ResolvedEnvironment, ResolvedRole } from '../config/resolved-config';

/** The roles the stack of an environment creates: those of the environment that Lockstep manages, sorted by name. */
export function stackRoles(config: ResolvedConfig, environment: ResolvedEnvironment): ResolvedRole[] {
  return config.roles
    .filter((role) => role.environment === environment.name && role.managedBy === 'lockstep')
    .sort((a, b) => compareStrings(a.name, b.name));
}

/**
 * Whether the stack of an environment would create any resource: the provider (when not imported), or a
 * role Lockstep manages (with the artifact bucket of its `sam-lambda-testing` profile). An imported
 * provider is a reference, not a resource, so an environment whose roles are all managed elsewhere (e.g.
 * Option A: every repository on the Terraform role) and whose provider exists has nothing to create.
 */
export function environmentCreatesResources(config: ResolvedConfig, environment: ResolvedEnvironment): boolean {
  return environment.provider.mode === 'create' || environment.artifactBucket !== undefined || stackRoles(config, environment).length > 0;
}
