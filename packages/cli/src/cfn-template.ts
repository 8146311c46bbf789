import { partitionOf, roleArn, type PolicyDocument } from '@lockstep/model';
import { resolveIntrinsics, UnresolvedIntrinsic, type PseudoParameters } from './private/cfn-intrinsics';
import { parsePolicyText } from './read-input';
import type { JsonCache } from './cache';
import { deriveFromTextFile } from './read-text-file';
import type { KnownRole } from './known-role';
import { parseTemplate, type Template } from './template-json';

/** The stack a template deploys to, when the config says. */
export interface TemplateEnvironment {
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
}

/** A role of a template, before the catalog adds what the config knows. */
export type TemplateRole = Omit<KnownRole, 'origin' | 'quota' | 'configured'>;

/** One `AWS::IAM::Role` resource of a template, with its trust policy resolved when it can be. */
export interface TemplateRoleResource {
  readonly logicalId: string;
  /** `RoleName`; undefined when CloudFormation generates the name, or the name is known only at deploy time. */
  readonly name?: string;
  /** `Path` (`/` when absent); undefined when known only at deploy time. */
  readonly path?: string;
  /** The stack's account, when the environment or the template's literal ARNs give it. */
  readonly account?: string;
  readonly partition?: string;
  /** The role's ARN, when name, path, account and partition are all known. */
  readonly arn?: string;
  /** `FILE (LogicalId)`, as shown to the user. */
  readonly source: string;
  /** The trust policy IAM would store; undefined when it could not be resolved (see `unresolved`). */
  readonly trustPolicy?: PolicyDocument;
  /** Why the trust policy could not be resolved, e.g. `its trust policy uses {"Ref": "Org"} (…)`. */
  readonly unresolved?: string;
  /** `AssumeRolePolicyDocument` as the template writes it, intrinsics and all. */
  readonly document: unknown;
}

/** How {@link templateRoleResources} resolves what a template leaves to deploy time. */
export interface TemplateReadOptions {
  /**
   * The stack's environment.
   * @default the account and partition the template's literal IAM ARNs name, when they all agree
   */
  readonly env?: TemplateEnvironment;
  /**
   * Stand a placeholder naming it (`<AWS::AccountId>`) in for a pseudo parameter that neither `env` nor the
   * template's literal ARNs give. For reading a trust policy whose verdict doesn't depend on the account,
   * such as an audit; never for evaluating whether a role ARN names the role.
   * @default false: a trust policy that uses such a pseudo parameter is unresolved
   */
  readonly placeholders?: boolean;
  /**
   * Only the roles whose name and path the template gives (what a workflow's `role-to-assume` can name).
   * @default false: every role, those CloudFormation names too
   */
  readonly namedOnly?: boolean;
}

/**
 * Every `AWS::IAM::Role` resource of a template, in template order, with its trust policy resolved to the
 * document IAM would store: `Ref`/`Fn::Join`/`Fn::Sub` of pseudo parameters and of an OIDC provider created in
 * the stack are replaced with values (see {@link TemplateReadOptions} for where they come from).
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html
 */
export function templateRoleResources(template: Template, shown: string, options: TemplateReadOptions = {}): TemplateRoleResource[] {
  const known = pseudoParameters(template, options.env);
  const pseudo = options.placeholders ? { ...PLACEHOLDERS, ...known } : known;
  const account = known['AWS::AccountId'];
  const partition = known['AWS::Partition'];
  const roles: TemplateRoleResource[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource?.Type !== 'AWS::IAM::Role') continue;
    const props = resource.Properties ?? {};
    const name = resolvedString(props.RoleName, pseudo, template);
    const rolePath = resolvedString(props.Path ?? '/', pseudo, template);
    if (options.namedOnly && (name === undefined || rolePath === undefined)) continue;
    const arn = name !== undefined && rolePath !== undefined && account !== undefined && partition !== undefined ? roleArn(partition, account, rolePath, name) : undefined;
    const source = `${shown} (${logicalId})`;
    const base = { logicalId, name, path: rolePath, account, partition, arn, source, document: props.AssumeRolePolicyDocument };
    try {
      const document = resolveIntrinsics(props.AssumeRolePolicyDocument, pseudo, template);
      roles.push({ ...base, trustPolicy: parsePolicyText(JSON.stringify(document ?? null), `${source} AssumeRolePolicyDocument`) });
    } catch (e) {
      if (!(e instanceof UnresolvedIntrinsic)) throw e;
      roles.push({ ...base, unresolved: `its trust policy uses ${e.message}` });
    }
  }
  return roles;
}

/**
 * The `AWS::IAM::Role` resources of a synthesized CloudFormation template file that have a name: see
 * {@link templateRoleResources}.
 *
 * A role without a literal `RoleName` is skipped: CloudFormation generates its name, so no workflow can
 * name it in advance. With a cache, what the file gave is reused while it is unchanged (see
 * {@link deriveFromTextFile}).
 * @throws InputError when the file is not a JSON template.
 */
export function readTemplateRoles(file: string, shown: string, env: TemplateEnvironment | undefined, cache?: JsonCache<TemplateRole[]>): TemplateRole[] {
  return deriveFromTextFile(file, 'template', shown, cache, JSON.stringify([shown, env ?? null]), (text) => {
    const template = parseTemplate(text, shown);
    const roles: TemplateRole[] = [];
    for (const one of [{ template, shown }, ...stackSetTemplates(template, shown)]) {
      for (const { logicalId: _, document: __, name, path: rolePath, ...rest } of templateRoleResources(one.template, one.shown, { env, namedOnly: true })) {
        if (name !== undefined && rolePath !== undefined) roles.push({ ...rest, name, path: rolePath });
      }
    }
    return roles;
  });
}

/**
 * The instance templates of a template's `AWS::CloudFormation::StackSet` resources (their inline
 * `TemplateBody`), shown as `FILE (LogicalId TemplateBody)`: what every account of the StackSet gets, so
 * its roles are read like the template's own. A `TemplateURL` (in S3) can't be read offline and is skipped.
 * @throws InputError when a TemplateBody is not a JSON template.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-stackset.html
 */
export function stackSetTemplates(template: Template, shown: string): Array<{ template: Template; shown: string }> {
  return Object.entries(template.Resources)
    .filter(([, r]) => r?.Type === 'AWS::CloudFormation::StackSet' && typeof r.Properties?.TemplateBody === 'string')
    .map(([id, r]) => {
      const inner = `${shown} (${id} TemplateBody)`;
      return { template: parseTemplate(r.Properties!.TemplateBody as string, inner), shown: inner };
    });
}

/** A value that resolves to a string, or undefined (absent, not a string, or known only at deploy time). */
function resolvedString(value: unknown, pseudo: PseudoParameters, template: Template): string | undefined {
  try {
    const resolved = resolveIntrinsics(value, pseudo, template);
    return typeof resolved === 'string' ? resolved : undefined;
  } catch (e) {
    if (e instanceof UnresolvedIntrinsic) return undefined;
    throw e;
  }
}

const PLACEHOLDERS: Required<PseudoParameters> = {
  'AWS::AccountId': '<AWS::AccountId>',
  'AWS::Region': '<AWS::Region>',
  'AWS::Partition': '<AWS::Partition>',
  'AWS::URLSuffix': '<AWS::URLSuffix>',
  'AWS::StackName': '<AWS::StackName>',
};

/**
 * Pseudo parameters of the template's stack: from the config's environment when known; otherwise the
 * account and partition named by the template's own literal IAM ARNs, when they all agree.
 */
function pseudoParameters(template: Template, env: TemplateEnvironment | undefined): PseudoParameters {
  if (env !== undefined) {
    const partition = partitionOf(env.region);
    return {
      'AWS::AccountId': env.account,
      'AWS::Region': env.region,
      'AWS::Partition': partition,
      'AWS::URLSuffix': partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
      'AWS::StackName': env.stackName,
    };
  }
  const seen = new Set<string>();
  JSON.stringify(template, (_key, value: unknown) => {
    if (typeof value === 'string') {
      // Not an ARN parse: Fn::Join pieces such as "arn:aws:iam::123456789012:" count too.
      const m = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):/.exec(value);
      if (m) seen.add(`${m[1]} ${m[2]}`);
    }
    return value;
  });
  if (seen.size !== 1) return {};
  const [partition, account] = [...seen][0].split(' ');
  return { 'AWS::AccountId': account, 'AWS::Partition': partition, 'AWS::URLSuffix': partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com' };
}
