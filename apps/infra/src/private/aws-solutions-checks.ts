import { Validations, type App } from 'aws-cdk-lib';

/**
 * Adds cdk-nag's AwsSolutions checks to `app` as a validation plugin, unless `nag` is false.
 *
 * cdk-nag is loaded here, on use, not imported at the top of the app's modules: loading it costs about as
 * much as synthesizing a small stack, and the regeneration that re-synthesizes one stack after an edit runs
 * without it (see `InfraAppOptions.nag`).
 */
export function addAwsSolutionsChecks(app: App, nag: boolean | undefined): void {
  if (!(nag ?? true)) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AwsSolutionsChecks } = require('cdk-nag') as typeof import('cdk-nag');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
