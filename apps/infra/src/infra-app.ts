import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { environmentCreatesResources, type ResolvedConfig } from '@lockstep/model';
import { EnvironmentStack } from './environment-stack';

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
}

/**
 * The Lockstep CDK app: one {@link EnvironmentStack} per configured environment that has something to
 * create, in the model's order.
 *
 * An environment with nothing to create (its provider imported, every role of it managed elsewhere, as
 * with Option A) gets no stack at all: CDK would synthesize a template without `Resources`, which
 * CloudFormation refuses to deploy ("At least one Resources member must be defined") and `lockstep check`
 * refuses to read; a placeholder resource would deploy a stack that means nothing. Such an environment
 * still has its exported trust policies. A stack deployed before stays until it is deleted by hand (it has
 * termination protection): see the README.
 *
 * Synthesis fails on any cdk-nag AwsSolutions finding that isn't acknowledged with a reason, so no
 * template with an unreviewed wildcard can be generated. Templates are deterministic and offline: no
 * version reporting (`AWS::CDK::Metadata`), no construct paths in resource metadata, no BootstrapVersion
 * rule, and no context lookups.
 */
export function createInfraApp(config: ResolvedConfig, options: InfraAppOptions = {}): App {
  const app = new App({
    outdir: options.outdir,
    analyticsReporting: false,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
    // After the CLI's context, so `cdk synth` writes the same templates as the in-process synthesis.
    postCliContext: { 'aws:cdk:enable-path-metadata': false, 'aws:cdk:enable-asset-metadata': false },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  for (const environment of config.environments.filter((e) => environmentCreatesResources(config, e))) {
    new EnvironmentStack(app, { config, environment });
  }
  return app;
}
