import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DefaultStackSynthesizer, FileAssetPackaging, Stack, Stage } from 'aws-cdk-lib';
import { CfnStackSet } from 'aws-cdk-lib/aws-cloudformation';
import type { InfraStack, StackSetShare } from '@lockstep/model';
import type { Construct } from 'constructs';

/**
 * CloudFormation's limit of an inline `TemplateBody`; a larger template must go to S3 (`TemplateURL`, 1 MB).
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
export const TEMPLATE_BODY_LIMIT = 51_200;

/**
 * CloudFormation's limit of a template in S3 (`TemplateURL`).
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
export const TEMPLATE_URL_LIMIT = 1_000_000;

/** Properties of a {@link StackSetStack}. */
export interface StackSetStackProps {
  /** The stack as the model planned it (`infraStacks`, kind `stackset`). */
  readonly stack: InfraStack;
  /** The template of every stack instance (see `stackSetTemplate`). */
  readonly template: Record<string, unknown>;
}

/**
 * The stack in a StackSet environment's administration account (`Lockstep-<env>`) that holds its one
 * `AWS::CloudFormation::StackSet`: service-managed permissions, deployed to the configured organizational
 * units (or only the listed accounts of them) in every configured region, auto-deployment, failure tolerance
 * and concurrency from the config. The instance template goes inline (`TemplateBody`) up to
 * {@link TEMPLATE_BODY_LIMIT} bytes (no asset: reviewable in the committed template, and `lockstep check`
 * reads it); a larger one goes to S3 as a file asset (`TemplateURL`), up to {@link TEMPLATE_URL_LIMIT}.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-stackset.html
 */
export class StackSetStack extends Stack {
  /** The template of every stack instance, as given (inline in `TemplateBody`, or the asset `TemplateURL` names). */
  public readonly instanceTemplate: Record<string, unknown>;

  constructor(scope: Construct, props: StackSetStackProps) {
    const { stack, template } = props;
    const stackSet = stack.environment.stackSet;
    if (stack.kind !== 'stackset' || stackSet === undefined) {
      throw new Error(`StackSetStack ${stack.stackName}: environment "${stack.environment.name}" is not a StackSet environment`);
    }
    const body = JSON.stringify(template);
    const bytes = Buffer.byteLength(body, 'utf8');
    if (bytes > TEMPLATE_URL_LIMIT) {
      throw new Error(
        `environments.${stack.environment.name}.stackSet: the StackSet template of its ${stack.roles.length} roles is ${bytes} bytes, over CloudFormation's ${TEMPLATE_URL_LIMIT} for a template in S3; `
        + 'split the roles over more StackSet environments, or map more repositories to shared roles',
      );
    }
    super(scope, stack.stackName, {
      stackName: stack.stackName,
      env: { account: stackSet.administration.account, region: stackSet.administration.region },
      description: `Lockstep: the StackSet ${stackSet.stackSetName} that deploys environment "${stack.environment.name}" to its organizational units. Generated from lockstep.config.ts; edit that file and run "npx projen" instead of changing this stack.`,
      // Deleting this stack deletes the StackSet and, with it, every account's roles.
      terminationProtection: true,
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    });
    this.instanceTemplate = template;
    const accounts = stackSet.accounts;
    new CfnStackSet(this, 'StackSet', {
      stackSetName: stackSet.stackSetName,
      description: `Lockstep: GitHub OIDC provider and roles of environment "${stack.environment.name}" (generated from lockstep.config.ts).`,
      permissionModel: 'SERVICE_MANAGED',
      callAs: stackSet.administration.callAs,
      autoDeployment: { enabled: stackSet.autoDeployment.enabled, retainStacksOnAccountRemoval: stackSet.autoDeployment.retainStacksOnAccountRemoval },
      managedExecution: { Active: true },
      capabilities: ['CAPABILITY_NAMED_IAM'],
      operationPreferences: {
        ...(share(stackSet.failureTolerance, 'failureToleranceCount', 'failureTolerancePercentage')),
        ...(share(stackSet.maxConcurrency, 'maxConcurrentCount', 'maxConcurrentPercentage')),
        regionConcurrencyType: 'SEQUENTIAL',
        regionOrder: [...stackSet.regions],
      },
      stackInstancesGroup: [{
        deploymentTargets: {
          organizationalUnitIds: [...stackSet.organizationalUnits],
          // Only these accounts of the OUs: INTERSECTION (service-managed targets are always OUs).
          ...(accounts.length > 0 ? { accounts: [...accounts], accountFilterType: 'INTERSECTION' } : {}),
        },
        regions: [...stackSet.regions],
      }],
      ...(bytes <= TEMPLATE_BODY_LIMIT ? { templateBody: body } : { templateUrl: this.templateAsset(stack.stackSetTemplate ?? stack.stackName, body) }),
    });
  }

  /**
   * A template too large to go inline, as a file asset of this stack: `cdk deploy` uploads it to the
   * administration account's bootstrap bucket, where CloudFormation reads it when it creates or updates the
   * StackSet. Its key is the SHA-256 of the content, so the URL in the committed template changes exactly when
   * the instance template does.
   */
  private templateAsset(name: string, body: string): string {
    const fileName = `${name}.stackset.json`;
    const outdir = Stage.of(this)!.outdir;
    fs.mkdirSync(outdir, { recursive: true });
    fs.writeFileSync(path.join(outdir, fileName), body);
    return this.synthesizer.addFileAsset({
      fileName,
      packaging: FileAssetPackaging.FILE,
      sourceHash: createHash('sha256').update(body).digest('hex'),
    }).httpUrl;
  }
}

function share<C extends string, P extends string>(value: StackSetShare, count: C, percentage: P): Partial<Record<C | P, number>> {
  return ('count' in value ? { [count]: value.count } : { [percentage]: value.percentage }) as Partial<Record<C | P, number>>;
}
