import * as path from 'node:path';
import {
  DEFAULT_TRUST_POLICY_QUOTA,
  environmentOfStack,
  federatedPrincipals,
  oidcProviderArn,
  parseArn,
  parseRoleArn,
  roleArn,
  type Partition,
  type PolicyDocument,
  type ResolvedConfig,
  type ResolvedRole,
} from '@lockstep/model';
import { InputError, UsageError } from './cli-error';
import type { KnownRole, RoleOrigin } from './known-role';
import { JsonCache } from './cache';
import { readTemplateRoles, type TemplateRole } from './cfn-template';
import { parsePolicyText, readPolicyFileWithRole } from './read-input';
import { readTextFile } from './read-text-file';
import { displayPath, listFiles, type Workspace } from './workspace';

/** The outcome of {@link RoleCatalog.find}: the role, or why no known role has that ARN and what to do. */
export type RoleLookup =
  | { readonly role: KnownRole }
  | {
    /** `mismatch`: a known role differs in account, partition, path or case; `not-synthesized`: only the config has it. */
    readonly kind: 'unknown' | 'mismatch' | 'not-synthesized';
    readonly problem: string;
    readonly fix: string;
  };

/** `ROLE=FILE` of `--trust-policy`: a live trust policy, by role name or ARN. */
export interface LiveTrustPolicy {
  readonly role: string;
  readonly file: string;
}

/** Parses a `--trust-policy ROLE=FILE` value. @throws UsageError without `=`. */
export function parseLiveTrustPolicy(value: string): LiveTrustPolicy {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) {
    throw new UsageError(`--trust-policy "${value}": expected ROLE=FILE, e.g. GitHubActionsOIDCRole-PythonSDK=live.json (ROLE is a role name or ARN)`);
  }
  return { role: value.slice(0, eq), file: value.slice(eq + 1) };
}

/**
 * Every role whose trust policy the checker knows: the roles of the synthesized templates
 * (`apps/infra/templates/*.json`), the exported trust policies of roles managed elsewhere
 * (`apps/infra/trust-policies/<role>.json`), and live policies given with `--trust-policy`, which take
 * precedence over both for their role.
 */
export class RoleCatalog {
  /** Reads the workspace's artifacts and the given live policies. @throws InputError for unreadable files. */
  public static load(workspace: Workspace, config: ResolvedConfig | undefined, live: readonly LiveTrustPolicy[], cwd: string): RoleCatalog {
    const roles: KnownRole[] = [];
    const configuredByName = new Map(config?.roles.map((r) => [r.name, r]));
    const configured = (name: string) => configuredByName.get(name);
    // Templates are large (megabytes each at a thousand repositories) and rarely change between checks.
    const cache = JsonCache.open<TemplateRole[]>(workspace.root, 'template-roles');
    for (const file of listFiles(workspace.templatesDir, '.json')) {
      const full = path.join(workspace.templatesDir, file);
      const stackName = file.replace(/(\.template)?\.json$/, '');
      // The base stack `Lockstep-<env>` or one of its role stacks `Lockstep-<env>--NN`: however many there are.
      const env = config && environmentOfStack(config, stackName);
      for (const role of readTemplateRoles(full, displayPath(full, cwd), env && { account: env.account, region: env.region, stackName }, cache)) {
        const c = configured(role.name);
        roles.push({ ...role, origin: 'template', quota: c?.trustPolicyQuota ?? DEFAULT_TRUST_POLICY_QUOTA, configured: c });
      }
    }
    cache.save();
    for (const file of listFiles(workspace.trustPoliciesDir, '.json')) {
      const full = path.join(workspace.trustPoliciesDir, file);
      const shown = displayPath(full, cwd);
      const trustPolicy = parsePolicyText(unwrapExport(readTextFile(full, 'trust policy file', shown)), shown);
      roles.push(describe(file.replace(/\.json$/, ''), trustPolicy, 'exported', shown, configured));
    }
    const catalog = new RoleCatalog(roles, config);
    for (const { role, file } of live) {
      const shown = displayPath(path.resolve(cwd, file), cwd);
      const { policy: trustPolicy, roleArn: fromFile } = readPolicyFileWithRole(path.resolve(cwd, file), shown);
      const parts = parseRoleArn(role);
      const name = parts?.name ?? role;
      if (fromFile !== undefined && parseRoleArn(fromFile)?.name !== name) {
        throw new InputError(`${shown}: is the role ${fromFile} (aws iam get-role output), not "${role}"; give it as --trust-policy ${parseRoleArn(fromFile)?.name}=${file}`);
      }
      const known = parts ?? (fromFile !== undefined ? parseRoleArn(fromFile) : undefined);
      const base = known
        ? describeArn(known.name, known, trustPolicy, shown, configured(known.name))
        : catalog.inherit(name, trustPolicy, shown, configured);
      catalog.addFirst(base);
    }
    return catalog;
  }

  private constructor(
    private readonly roles: KnownRole[],
    private readonly config: ResolvedConfig | undefined,
  ) {}

  /** Every known role; for a role with a live policy, the live one comes first. */
  public all(): readonly KnownRole[] {
    return this.roles;
  }

  private index?: Map<string, KnownRole[]>;

  /** Adds a role that takes precedence over those of the same name (a live policy). */
  private addFirst(role: KnownRole): void {
    this.roles.unshift(role);
    this.index = undefined;
  }

  /** The roles by name, in precedence order; built on first use (after every live policy is in). */
  private named(): Map<string, KnownRole[]> {
    if (this.index === undefined) {
      this.index = new Map();
      for (const r of this.roles) this.index.set(r.name, [...(this.index.get(r.name) ?? []), r]);
    }
    return this.index;
  }

  /** One role per name, the one whose trust policy decides (live over template over exported). */
  public effective(): KnownRole[] {
    const seen = new Set<string>();
    return this.roles.filter((r) => !seen.has(r.name) && seen.add(r.name) !== undefined);
  }

  /** Every known role of this name, in precedence order (live, template, exported). */
  public withName(name: string): readonly KnownRole[] {
    return this.named().get(name) ?? [];
  }

  /** The role whose trust policy decides for this name: live, else template, else exported. */
  public byName(name: string): KnownRole | undefined {
    return this.named().get(name)?.[0];
  }

  /** The role a `role-to-assume` ARN names, or what is wrong with the ARN. */
  public find(arn: string): RoleLookup {
    const parts = parseRoleArn(arn);
    if (parts === undefined) {
      return {
        kind: 'unknown',
        problem: `role-to-assume "${arn}" is not an IAM role ARN`,
        fix: 'write the role\'s ARN, arn:aws:iam::ACCOUNT:role/NAME, as the config generates it (run `npx projen`)',
      };
    }
    const sameName = this.named().get(parts.name) ?? [];
    for (const role of sameName) {
      const mismatch = differences(parts, role);
      if (mismatch.length === 0) return { role };
    }
    const candidates = sameName.length > 0 ? sameName : this.roles.filter((r) => r.name.toLowerCase() === parts.name.toLowerCase());
    if (candidates.length > 0) {
      const role = candidates[0];
      const mismatch = differences(parts, role);
      const what = mismatch.length > 0 ? mismatch.join(', ') : `name "${parts.name}" (IAM role names are case-sensitive in ARNs: "${role.name}")`;
      return {
        kind: 'mismatch',
        problem: `role-to-assume "${arn}" differs from the role ${role.name} defined in ${role.source} in its ${what}`,
        fix: role.arn !== undefined ? `set role-to-assume to ${role.arn}` : `set role-to-assume to the ARN of ${role.name} in ${role.source}`,
      };
    }
    const inConfig = this.config?.roles.find((r) => r.arn === arn);
    if (inConfig !== undefined) {
      return {
        kind: 'not-synthesized',
        problem: `the role ${inConfig.name} is in lockstep.config.ts, but ${inConfig.managedBy === 'lockstep' ? 'no synthesized template defines it' : 'its trust policy is not exported'}, so there is no trust policy to check against`,
        fix: 'run `npx projen` to regenerate the artifacts',
      };
    }
    const known = this.roles.filter((r) => r.trustPolicy !== undefined && r.arn !== undefined).map((r) => r.arn as string);
    return {
      kind: 'unknown',
      problem: `no template, exported trust policy or --trust-policy defines the role of role-to-assume "${arn}"`,
      fix:
        known.length > 0 && known.length <= 5
          ? `set role-to-assume to a role Lockstep manages (${known.join(', ')}), or add the role to lockstep.config.ts and run \`npx projen\``
          : 'add the role to lockstep.config.ts and run `npx projen`, or pass its live trust policy with --trust-policy ROLE=FILE',
    };
  }

  /** A live policy given by role name only: ARN parts from the artifact or config role of that name. */
  private inherit(name: string, trustPolicy: PolicyDocument, source: string, configured: (n: string) => ResolvedRole | undefined): KnownRole {
    const artifact = this.byName(name);
    if (artifact !== undefined) {
      const { unresolved: _, ...rest } = artifact;
      return { ...rest, trustPolicy, origin: 'live', source };
    }
    return describe(name, trustPolicy, 'live', source, configured);
  }
}

/** A role known by name: path, account and partition from the config, else from its trust policy's provider. */
function describe(name: string, trustPolicy: PolicyDocument, origin: RoleOrigin, source: string, configured: (n: string) => ResolvedRole | undefined): KnownRole {
  const c = configured(name);
  if (c !== undefined) {
    const parts = parseRoleArn(c.arn);
    return { name, path: c.path, account: parts?.account, partition: parts?.partition, arn: c.arn, trustPolicy, origin, source, quota: c.trustPolicyQuota, configured: c };
  }
  const provider = providerAccount(trustPolicy);
  return { name, account: provider?.account, partition: provider?.partition, trustPolicy, origin, source, quota: DEFAULT_TRUST_POLICY_QUOTA };
}

function describeArn(name: string, parts: { partition: string; account: string; path: string }, trustPolicy: PolicyDocument, source: string, configured: ResolvedRole | undefined): KnownRole {
  return {
    name,
    path: parts.path,
    account: parts.account,
    partition: parts.partition,
    arn: roleArn(parts.partition, parts.account, parts.path, name),
    trustPolicy,
    origin: 'live',
    source,
    quota: configured?.trustPolicyQuota ?? DEFAULT_TRUST_POLICY_QUOTA,
    configured,
  };
}

/** The account and partition of the first GitHub provider a trust policy names. */
export function providerAccount(policy: PolicyDocument): { account: string; partition: string } | undefined {
  for (const statement of policy.Statement) {
    for (const arn of federatedPrincipals(statement.Principal)) {
      const parts = parseArn(arn);
      if (parts?.service === 'iam' && /^\d{12}$/.test(parts.account) && parts.resource.startsWith('oidc-provider/')) return { partition: parts.partition, account: parts.account };
    }
  }
  return undefined;
}

/** The provider ARN a token reaches a role through: the GitHub provider of the role's account. */
export function providerFor(role: KnownRole): string | undefined {
  if (role.account === undefined || role.partition === undefined) return undefined;
  return oidcProviderArn(role.partition as Partition, role.account);
}

function differences(parts: { partition: string; account: string; path: string }, role: KnownRole): string[] {
  const out: string[] = [];
  if (role.account !== undefined && role.account !== parts.account) out.push(`account (${parts.account}, but the role is in ${role.account})`);
  if (role.partition !== undefined && role.partition !== parts.partition) out.push(`partition (${parts.partition}, but the role is in ${role.partition})`);
  if (role.path !== undefined && role.path !== parts.path) out.push(`path (${parts.path}, but the role's path is ${role.path})`);
  return out;
}

/**
 * The trust policy of an exported file: the bare document Terraform reads with `file()`, or a wrapper
 * `{ roleName, roleArn, trustPolicy }` around it.
 */
function unwrapExport(text: string): string {
  try {
    const value = JSON.parse(text) as { trustPolicy?: unknown } | null;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && value.trustPolicy !== undefined) return JSON.stringify(value.trustPolicy);
  } catch {
    // Not JSON: the policy parser says so in its own words.
  }
  return text;
}
