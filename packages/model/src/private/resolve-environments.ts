import type { LockstepConfig } from '../config';
import { oidcProvider } from '../oidc-provider';
import { partitionOf, stsAudience } from '../partition';
import type { ResolvedEnvironment } from '../resolved-config';
import { environmentStackName, sanitizeForStackName } from '../stack-names';
import { accountIdProblem, regionProblem } from './aws-names';
import { caseInsensitiveDuplicates } from './duplicates';
import { IssueList } from './issue-list';
import { unknownReference } from './problems';
import { quote } from './quote';

/** An environment before `artifactBucket` is known (it depends on the roles). */
export type EnvironmentDraft = Omit<ResolvedEnvironment, 'artifactBucket'>;

/**
 * Validates `environments` and `providers` and derives partition, audience, provider and stack name.
 * Every environment is returned, valid or not, so that references to it don't cascade into more issues.
 */
export function resolveEnvironments(config: LockstepConfig, issues: IssueList): Map<string, EnvironmentDraft> {
  const names = Object.keys(config.environments);
  const providers = config.providers ?? {};
  const result = new Map<string, EnvironmentDraft>();
  for (const name of names) {
    const env = config.environments[name];
    const at = ['environments', name];
    if (sanitizeForStackName(name) === '' || name.length > 255) {
      issues.add(at, `${quote(name)} is not usable as an environment name; expected 1–255 characters with at least one letter or digit, e.g. "testing"`);
    }
    issues.add([...at, 'account'], accountIdProblem(env.account));
    issues.add([...at, 'region'], regionProblem(env.region));
    const partition = partitionOf(env.region);
    const audience = stsAudience(partition);
    if (env.audience !== undefined && env.audience !== audience) {
      issues.add(
        [...at, 'audience'],
        `${quote(env.audience)} does not match region ${quote(env.region)} (partition ${quote(partition)}), whose STS audience is ${quote(audience)}; write ${quote(audience)} or remove audience`,
      );
    }
    result.set(name, {
      name,
      account: env.account,
      region: env.region,
      partition,
      audience,
      provider: oidcProvider(providers[name] ?? 'import', partition, env.account, audience),
      stackName: environmentStackName(name),
    });
  }
  // GitHub environment names are case-insensitive, and each environment gets its own stack.
  for (const dup of caseInsensitiveDuplicates(names, 'environments need distinct stack names and GitHub environment names, ignoring case', (n) => sanitizeForStackName(n).toLowerCase())) {
    issues.add(['environments', dup.name], dup.message);
  }
  checkProviders(providers, result, issues);
  return result;
}

function checkProviders(providers: Readonly<Record<string, string>>, environments: Map<string, EnvironmentDraft>, issues: IssueList): void {
  const creators = new Map<string, string>();
  for (const name of Object.keys(providers).sort()) {
    const env = environments.get(name);
    if (env === undefined) {
      issues.add(['providers', name], unknownReference(name, 'environment', environments.keys()));
      continue;
    }
    if (providers[name] !== 'create') continue;
    const other = creators.get(env.account);
    if (other !== undefined) {
      issues.add(
        ['providers', name],
        `"create" conflicts with environment ${quote(other)}, which creates the provider of account ${quote(env.account)} too; an account holds one GitHub OIDC provider, so set one of them to "import"`,
      );
    } else {
      creators.set(env.account, name);
    }
  }
}
