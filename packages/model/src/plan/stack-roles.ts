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
  return environmentHasBaseResources(environment) || stackRoles(config, environment).length > 0;
}

/**
 * Whether the environment has resources of its own besides its roles — the provider (when created) or the
 * SAM artifact bucket — which its base stack `Lockstep-<env>` holds (see `infraStacks`).
 */
export function environmentHasBaseResources(environment: ResolvedEnvironment): boolean {
  return environment.provider.mode === 'create' || environment.artifactBucket !== undefined;
}
