import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitHubActionsRole, GitHubOidcProvider, SamArtifactBucket, SamLambdaTesting, TestStackSweeper } from '@lockstep/constructs';
import { type InfraStack, type ResolvedConfig } from '@lockstep/model';
import { App, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import { addAwsSolutionsChecks } from './private/aws-solutions-checks';
import { SYNTHESIS_CONTEXT } from './private/synthesis-context';

/**
 * The condition every IAM resource of a StackSet template carries: IAM is global, so the provider and the
 * roles are created by the stack instance of the home region only (a second region's instance would fail
 * with `EntityAlreadyExists`), while regional resources (the artifact bucket) exist in every region.
 */
export const HOME_REGION_CONDITION = 'IsHomeRegion';

/** Options of {@link stackSetTemplate}. */
export interface StackSetTemplateOptions {
  /** Run cdk-nag's AwsSolutions checks on the constructs (see `InfraAppOptions.nag`). @default true */
  readonly nag?: boolean;
  /** Run CloudFormation's template validation at synthesis (see `InfraAppOptions.cloudFormationValidation`). @default false */
  readonly cloudFormationValidation?: boolean;
}

/**
 * The template every account and region of a StackSet environment gets: the same constructs as the
 * base and role stacks of a single-account environment (provider, artifact bucket, roles with their
 * permissions), synthesized in a CDK app of their own for the environment's workflow account and home
 * region, then made account- and region-independent:
 * - every literal of the workflow account becomes `${AWS::AccountId}` and the artifact bucket's name
 *   `lockstep-artifacts-${AWS::AccountId}-${AWS::Region}` (through `Fn::Sub`), so the values come from the
 *   template in each account and never from parameter overrides, which CloudFormation doesn't apply to
 *   accounts added by auto-deployment (aws-cloudformation/cloudformation-coverage-roadmap#1291);
 * - every IAM resource carries the condition {@link HOME_REGION_CONDITION}.
 */
export function stackSetTemplate(config: ResolvedConfig, planned: InfraStack, options: StackSetTemplateOptions = {}): Record<string, unknown> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-stackset-'));
  try {
    const { app, stack } = createStackSetInstanceApp(config, planned, { ...options, outdir });
    const { environment } = planned;
    const template = app.synth().getStackByName(stack.stackName).template as Record<string, unknown>;
    return perAccount(template, environment.account, environment.region, environment.artifactBucket, environment.stackSet!.homeRegion);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The CDK app of a StackSet environment's instance template, before it is made account-independent (see
 * {@link stackSetTemplate}): one stack for the workflow account and home region with the environment's
 * provider, artifact bucket and roles, cdk-nag's AwsSolutions checks as a validation plugin unless `nag`
 * is false.
 */
export function createStackSetInstanceApp(config: ResolvedConfig, planned: InfraStack, options: StackSetTemplateOptions & { readonly outdir?: string } = {}): { app: App; stack: Stack } {
  const { environment } = planned;
  const stackSet = environment.stackSet;
  if (planned.kind !== 'stackset' || stackSet === undefined || planned.stackSetTemplate === undefined) {
    throw new Error(`stackSetTemplate ${planned.stackName}: environment "${environment.name}" is not a StackSet environment`);
  }
  const app = new App({
    outdir: options.outdir,
    analyticsReporting: false,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
    postCliContext: SYNTHESIS_CONTEXT,
  });
  addAwsSolutionsChecks(app, options.nag);
  const stack = new Stack(app, planned.stackSetTemplate, {
    env: { account: environment.account, region: environment.region },
    description: `Lockstep: the GitHub OIDC provider, artifact bucket and roles of environment "${environment.name}" in every account and region of its StackSet ${stackSet.stackSetName}. Generated from lockstep.config.ts; edit that file and run "npx projen" instead of changing this template.`,
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  const provider = new GitHubOidcProvider(stack, 'GitHubOidcProvider', { provider: environment.provider });
  if (environment.artifactBucket !== undefined) new SamArtifactBucket(stack, 'SamArtifactBucket', { bucketName: environment.artifactBucket });
  for (const resolved of planned.roles) {
    const role = new GitHubActionsRole(stack, resolved.name, { role: resolved, provider });
    if (resolved.permissions === 'sam-lambda-testing') new SamLambdaTesting(stack, `${resolved.name}-sam-lambda-testing`, { role, environment, repos: config.repos });
    if (resolved.permissions === 'test-stack-sweeper' && config.sweeper !== undefined) {
      new TestStackSweeper(stack, `${resolved.name}-test-stack-sweeper`, { role, environment, sweeper: config.sweeper });
    }
  }
  return { app, stack };
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The template with account and bucket literals replaced by pseudo parameters, and IAM resources conditioned on the home region. */
function perAccount(template: Record<string, unknown>, account: string, region: string, bucket: string | undefined, homeRegion: string): Record<string, unknown> {
  const regionalBucket = bucket?.replace(`-${account}-${region}`, '-${AWS::AccountId}-${AWS::Region}');
  const substitute = (text: string): string => {
    // An existing `${` would be read by Fn::Sub as a variable: `${!` writes it literally.
    let out = text.replace(/\$\{/g, '${!');
    if (bucket !== undefined && regionalBucket !== undefined) out = out.split(bucket).join(regionalBucket);
    return out.split(account).join('${AWS::AccountId}');
  };
  const walk = (value: Json): Json => {
    if (typeof value === 'string') {
      const replaced = substitute(value);
      return replaced === value.replace(/\$\{/g, '${!') ? value : { 'Fn::Sub': replaced };
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    if (Object.keys(value).length === 1 && 'Fn::Sub' in value) {
      throw new Error('a synthesized StackSet template uses Fn::Sub, which the account substitution does not handle; extend perAccount');
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  };
  const resources = walk(template.Resources as Json) as Record<string, Record<string, Json>>;
  for (const resource of Object.values(resources)) {
    if (typeof resource.Type === 'string' && resource.Type.startsWith('AWS::IAM::')) resource.Condition = HOME_REGION_CONDITION;
  }
  const { Resources: _, ...rest } = template;
  return {
    ...rest,
    Conditions: { [HOME_REGION_CONDITION]: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, homeRegion] } },
    Resources: resources,
  };
}
