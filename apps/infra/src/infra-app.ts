import { App } from 'aws-cdk-lib';
import { infraStacks, type ResolvedConfig } from '@lockstep/model';
import { EnvironmentStack } from './environment-stack';
import { RoleStack } from './role-stack';
import { stackSetTemplate } from './stack-set-template';
import { StackSetStack } from './stack-set-stack';
import { addAwsSolutionsChecks } from './private/aws-solutions-checks';
import { SYNTHESIS_CONTEXT } from './private/synthesis-context';

/** Options of {@link createInfraApp}. */
export interface InfraAppOptions {
  /**
   * Where the cloud assembly goes.
   * @default the CDK CLI's `cdk.out` (from `CDK_OUTDIR`), or a temporary directory
   */
  readonly outdir?: string;
  /**
   * Also run CloudFormation's own template validation (`@aws/cloudformation-validate`, bundled in
   * aws-cdk-lib) at synthesis. Worth it for `cdk synth`; off when synthesizing from projen, where it would
   * add seconds to every regeneration (the tests validate the templates explicitly).
   * @default false
   */
  readonly cloudFormationValidation?: boolean;
  /**
   * Run cdk-nag's AwsSolutions checks at synthesis: synthesis fails on any finding that isn't acknowledged
   * with a reason. On for `cdk synth` and in the tests, which check every committed template; `npx projen`
   * turns it off (see apps/infra/README.md for what it costs).
   * @default true
   */
  readonly nag?: boolean;
  /**
   * Only these stacks (by name), e.g. those whose cached template is stale; a stack's template doesn't
   * depend on which other stacks are in the app.
   * @default every stack of the plan
   */
  readonly only?: ReadonlySet<string>;
}

/**
 * The Lockstep CDK app: the stacks the model plans (`infraStacks`) — per environment a base stack
 * (`Lockstep-<env>`: provider, artifact bucket) and the role stacks (`Lockstep-<env>--NN`) that hold its
 * roles, each depending on the base stack, so `cdk deploy --all` deploys the base first.
 *
 * A stack with nothing to create doesn't exist: CloudFormation refuses a template without `Resources`
 * ("At least one Resources member must be defined"), and `lockstep check` refuses to read one. A stack
 * deployed before stays until it is deleted by hand (it has termination protection): see the README.
 *
 * Templates are deterministic and offline: no version reporting (`AWS::CDK::Metadata`), no construct
 * paths in resource metadata, no BootstrapVersion rule, and no context lookups.
 */
export function createInfraApp(config: ResolvedConfig, options: InfraAppOptions = {}): App {
  const app = new App({
    outdir: options.outdir,
    analyticsReporting: false,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
    postCliContext: SYNTHESIS_CONTEXT,
  });
  addAwsSolutionsChecks(app, options.nag);
  const bases = new Map<string, EnvironmentStack>();
  for (const planned of infraStacks(config)) {
    if (options.only !== undefined && !options.only.has(planned.stackName)) continue;
    if (planned.kind === 'stackset') {
      new StackSetStack(app, { stack: planned, template: stackSetTemplate(config, planned, { nag: options.nag, cloudFormationValidation: options.cloudFormationValidation }) });
      continue;
    }
    if (planned.kind === 'base') {
      bases.set(planned.stackName, new EnvironmentStack(app, { config, environment: planned.environment }));
      continue;
    }
    const stack = new RoleStack(app, { config, stack: planned });
    // Dependencies change the deploy order only, not a template: a base stack outside `only` is skipped.
    for (const name of planned.dependsOn) {
      const base = bases.get(name);
      if (base !== undefined) stack.addStackDependency(base, 'the roles trust the provider and use the artifact bucket of the base stack');
    }
  }
  return app;
}
