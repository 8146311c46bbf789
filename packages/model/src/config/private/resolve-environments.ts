import { artifactBucketName } from '../artifact-bucket';
import type { EnvironmentConfig, LockstepConfig } from '../config';
import { oidcProvider } from '../../github/oidc-provider';
import { partitionOf, stsAudience } from '../../iam/partition';
import type { ResolvedEnvironment, ResolvedStackSet } from '../resolved-config';
import { resolveStackSet } from './resolve-stack-set';
import { environmentStackName, sanitizeForStackName } from '../stack-names';
import { DEFAULT_ROLE_STACKS, MAX_ROLE_STACKS } from '../role-stacks';
import { accountIdProblem, regionProblem } from './aws-names';
import { byName } from '../../basics/compare-strings';
import { configPath } from './config-path';
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
    // The key names the stack (`Lockstep-<key>`) and the roles' resources as it is written: a key that
    // sanitizing would change (`qa:blue` → `qa-blue`) could name the same stack as another key.
    if (sanitizeForStackName(name) !== name || name.length > 100) {
      const safe = sanitizeForStackName(name);
      issues.add(at, `${quote(name)} is not usable as an AWS environment name: it names the CloudFormation stack, so expected 1–100 letters, digits or single hyphens${safe !== '' && safe !== name ? `, e.g. ${quote(safe.slice(0, 100))}` : ', e.g. "testing"'}; the job's GitHub deployment environment is lambdaTests.githubEnvironment, which may be any name GitHub accepts`);
    }
    const { account, region, stackSet } = placement(env, at, environmentStackName(name), issues);
    const partition = partitionOf(region);
    const audience = stsAudience(partition);
    if (env.audience !== undefined && env.audience !== audience && !issues.refused([...at, 'region'])) {
      issues.add(
        [...at, 'audience'],
        `${quote(env.audience)} does not match region ${quote(region)} (partition ${quote(partition)}), whose STS audience is ${quote(audience)}; write ${quote(audience)} or remove audience`,
      );
    }
    if (stackSet !== undefined && env.roleStacks !== undefined) {
      issues.add([...at, 'roleStacks'], 'does not apply to a StackSet environment, whose roles are all in the one StackSet template; remove roleStacks');
    }
    const validRoleStacks = env.roleStacks === undefined || (Number.isInteger(env.roleStacks) && env.roleStacks >= 1 && env.roleStacks <= MAX_ROLE_STACKS);
    result.set(name, {
      name,
      account,
      region,
      partition,
      audience,
      provider: oidcProvider(providers[name] ?? 'import', partition, account, audience),
      stackName: environmentStackName(name),
      // An invalid count stands in as the default, so the rules that hash roles over it still run.
      roleStacks: validRoleStacks ? (env.roleStacks ?? DEFAULT_ROLE_STACKS) : DEFAULT_ROLE_STACKS,
      ...(stackSet !== undefined ? { stackSet } : {}),
    });
    if (!validRoleStacks) {
      issues.add([...at, 'roleStacks'], `${env.roleStacks} is not a number of role stacks; expected a whole number from 1 to ${MAX_ROLE_STACKS}, or remove it for the default ${DEFAULT_ROLE_STACKS}`);
    }
  }
  // GitHub environment names are case-insensitive, and each environment gets its own stack.
  for (const dup of caseInsensitiveDuplicates(names, 'environments need distinct stack names and GitHub environment names, ignoring case', (n) => sanitizeForStackName(n).toLowerCase())) {
    issues.add(['environments', dup.name], dup.message);
  }
  checkAccountRegions(result, issues);
  checkProviders(providers, result, issues);
  return result;
}

/**
 * The account and region of an environment: `account` and `region`, or for a StackSet environment its
 * workflow account and home region (see `resolveStackSet`). Exactly one of the two shapes is accepted.
 */
function placement(env: EnvironmentConfig, at: readonly PropertyKey[], stackName: string, issues: IssueList): { account: string; region: string; stackSet?: ResolvedStackSet } {
  if (env.stackSet !== undefined) {
    for (const key of ['account', 'region'] as const) {
      if (env[key] !== undefined) {
        issues.add([...at, key], `${quote(env[key])} can't be given together with stackSet, which targets many accounts and regions (stackSet.accounts, stackSet.regions); remove ${key}, or remove stackSet for a single-account environment`);
      }
    }
    return resolveStackSet(env.stackSet, at, stackName, issues);
  }
  if (env.account === undefined) issues.add([...at, 'account'], 'is missing; give the 12-digit AWS account id, e.g. "654654498014", or stackSet for many accounts');
  if (env.region === undefined) issues.add([...at, 'region'], 'is missing; give the AWS region, e.g. "us-west-2", or stackSet for many accounts and regions');
  const account = env.account ?? '000000000000';
  const region = env.region ?? 'us-east-1';
  if (env.account !== undefined) issues.add([...at, 'account'], accountIdProblem(account));
  if (env.region !== undefined) issues.add([...at, 'region'], regionProblem(region));
  return { account, region };
}

/**
 * Whether the structure check refused the account or region of environment `name`: what is derived from
 * them (partition, ARNs, the provider, sizes) is then made of stand-ins, and the rules comparing them skip.
 */
export function environmentRefused(issues: IssueList, name: string): boolean {
  return issues.refused(['environments', name, 'account']) || issues.refused(['environments', name, 'region']) || issues.refused(['environments', name, 'stackSet']);
}

/** The accounts an environment is known to deploy to: its account, or a StackSet's workflow account and explicit accounts. */
function knownAccounts(env: EnvironmentDraft): string[] {
  return [...new Set([env.account, ...(env.stackSet?.accounts ?? [])])];
}

/**
 * An environment is one account and region, deployed as one stack; two environments with the same account
 * and region would give two stacks that both create what Lockstep names after the account and region —
 * the SAM artifact bucket `lockstep-artifacts-<account>-<region>` (S3 bucket names are global). Refused
 * even while no `sam-lambda-testing` role lives in one of them: adding one later shouldn't be what breaks.
 * Reported at the later name.
 */
function checkAccountRegions(environments: Map<string, EnvironmentDraft>, issues: IssueList): void {
  const first = new Map<string, EnvironmentDraft>();
  for (const env of [...environments.values()].sort(byName)) {
    if (environmentRefused(issues, env.name)) continue;
    const keys = knownAccounts(env).flatMap((account) => (env.stackSet?.regions ?? [env.region]).map((region) => `${account} ${region}`));
    const shared = keys.find((key) => first.has(key));
    const other = shared === undefined ? undefined : first.get(shared);
    keys.forEach((key) => first.has(key) || first.set(key, env));
    if (shared === undefined || other === undefined) continue;
    const [account, region] = shared.split(' ');
    issues.add(
      ['environments', env.name],
      `${quote(env.name)} has the same account ${quote(account)} and region ${quote(region)} as environment ${quote(other.name)}; `
      + `${env.stackSet ?? other.stackSet ? 'each environment is its own stack or StackSet instance, and both' : 'each environment is its own stack, and both stacks'} would create the SAM artifact bucket ${quote(artifactBucketName(account, region))}; `
      + `use one environment for both: point the roles (and lambdaTests.environment) of ${quote(env.name)} at ${quote(other.name)} and remove ${quote(env.name)}, or the other way round`,
    );
  }
}

/**
 * An account holds one GitHub OIDC provider per URL, so only an environment alone in its account may
 * create it:
 * - two environments that create it: the second create fails with `EntityAlreadyExists`;
 * - one creates it and another imports it (`import` is also the default): `import` says the provider exists
 *   already, outside the Lockstep stacks. Then either it does, and the create fails, or it doesn't, and the
 *   importing stack's roles depend on the other stack being deployed first, which nothing records.
 * Either way the fix is to create the provider once outside the Lockstep stacks and import it everywhere.
 */
function checkProviders(providers: Readonly<Record<string, string>>, environments: Map<string, EnvironmentDraft>, issues: IssueList): void {
  for (const name of Object.keys(providers).sort()) {
    if (!environments.has(name) && !issues.refused(['environments', name])) {
      issues.add(['providers', name], unknownReference(name, 'environment', environments.keys()));
    }
  }
  const byAccount = new Map<string, EnvironmentDraft[]>();
  for (const env of [...environments.values()].sort(byName)) {
    if (environmentRefused(issues, env.name)) continue;
    for (const account of knownAccounts(env)) byAccount.set(account, [...(byAccount.get(account) ?? []), env]);
  }
  for (const [account, envs] of byAccount) {
    // A refused provider mode stands in as the default: whether the account conflicts is unknown.
    if (envs.some((e) => issues.refused(['providers', e.name]))) continue;
    const creators = envs.filter((e) => e.provider.mode === 'create');
    const importers = envs.filter((e) => e.provider.mode === 'import');
    const outside = `create it once outside the Lockstep stacks (e.g. with Terraform) and import it in every environment of account ${quote(account)}`;
    creators.slice(1).forEach((env) => issues.add(
      ['providers', env.name],
      `"create" conflicts with environment ${quote(creators[0].name)}, which creates the provider of account ${quote(account)} too; `
      + `an account holds one GitHub OIDC provider (a second create fails with EntityAlreadyExists), and only an environment alone in its account may create it; `
      + `set both to "import" if the provider exists; if not, ${outside}`,
    ));
    if (creators.length === 0 || importers.length === 0) continue;
    const which = importers.map((e) => quote(e.name)).join(', ');
    const names = importers.length === 1 ? `environment ${which}, which imports` : `environments ${which}, which import`;
    const defaulted = importers.some((e) => providers[e.name] === undefined) ? ' ("import" is the default when providers has no entry)' : '';
    for (const env of creators) {
      issues.add(
        ['providers', env.name],
        `"create" conflicts with ${names} the provider of the same account ${quote(account)} as one that exists already${defaulted}; `
        + `an account holds one GitHub OIDC provider, and only an environment alone in its account may create it (a stack that imports the provider must not depend on another stack creating it); `
        + `set ${configPath('providers', env.name)} to "import" if the provider exists; if not, ${outside}`,
      );
    }
  }
}
