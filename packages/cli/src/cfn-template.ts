import { partitionOf } from '@lockstep/model';
import { InputError } from './cli-error';
import { resolveIntrinsics, UnresolvedIntrinsic, type PseudoParameters } from './private/cfn-intrinsics';
import { parsePolicyText, readTextFile } from './read-input';
import type { KnownRole } from './role-catalog';

/** The stack a template deploys to, when the config says. */
export interface TemplateEnvironment {
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
}

/** A role of a template, before the catalog adds what the config knows. */
export type TemplateRole = Omit<KnownRole, 'origin' | 'quota' | 'configured'>;

interface Template {
  Resources?: Record<string, { Type?: unknown; Properties?: Record<string, unknown> }>;
  Parameters?: Record<string, { Default?: unknown }>;
}

/**
 * The `AWS::IAM::Role` resources of a synthesized CloudFormation template (JSON), with their trust policies
 * resolved to the documents IAM would store: `Ref`/`Fn::Join`/`Fn::Sub` of pseudo parameters and of an
 * OIDC provider created in the stack are replaced with values, from the stack's environment when the config
 * gives it, else from the account and partition the template's literal ARNs name.
 *
 * A role without a literal `RoleName` is skipped: CloudFormation generates its name, so no workflow can
 * name it in advance.
 * @throws InputError when the file is not a JSON template.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html
 */
export function readTemplateRoles(file: string, shown: string, env: TemplateEnvironment | undefined): TemplateRole[] {
  let template: Template;
  try {
    template = JSON.parse(readTextFile(file, 'template', shown)) as Template;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${shown}: not a JSON CloudFormation template (${(e as Error).message.split('\n')[0]})`);
  }
  if (typeof template !== 'object' || template === null || typeof template.Resources !== 'object' || template.Resources === null) {
    throw new InputError(`${shown}: not a CloudFormation template (no "Resources")`);
  }
  const pseudo = pseudoParameters(template, env);
  const roles: TemplateRole[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource?.Type !== 'AWS::IAM::Role') continue;
    const props = resource.Properties ?? {};
    let name: unknown;
    let rolePath: unknown;
    try {
      name = resolveIntrinsics(props.RoleName, pseudo, template);
      rolePath = resolveIntrinsics(props.Path ?? '/', pseudo, template);
    } catch (e) {
      if (e instanceof UnresolvedIntrinsic) continue;
      throw e;
    }
    if (typeof name !== 'string' || typeof rolePath !== 'string') continue;
    const source = `${shown} (${logicalId})`;
    const account = pseudo['AWS::AccountId'];
    const partition = pseudo['AWS::Partition'];
    const arn = account !== undefined && partition !== undefined ? `arn:${partition}:iam::${account}:role${rolePath}${name}` : undefined;
    const base = { name, path: rolePath, account, partition, arn, source };
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
      const m = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):/.exec(value);
      if (m) seen.add(`${m[1]} ${m[2]}`);
    }
    return value;
  });
  if (seen.size !== 1) return {};
  const [partition, account] = [...seen][0].split(' ');
  return { 'AWS::AccountId': account, 'AWS::Partition': partition, 'AWS::URLSuffix': partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com' };
}
