import type { ResolvedEnvironment } from '@lockstep/model';
import { App, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * A stack in the environment's account and region, in an App that synthesizes quickly: the built-in
 * CloudFormation validation (a WebAssembly engine, seconds to start) is off here and run explicitly
 * where a test asks for it.
 */
export function newStack(environment: ResolvedEnvironment, id = 'Test'): Stack {
  const app = new App({ builtinCloudFormationValidation: false, analyticsReporting: false });
  return new Stack(app, id, {
    env: { account: environment.account, region: environment.region },
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
}

/** cdk-nag AwsSolutions findings that no acknowledgement covers (errors and warnings alike). */
export function unacknowledgedFindings(scope: IConstruct): PolicyValidationPluginReport['violations'] {
  return new AwsSolutionsChecks().validateScope(scope).violations;
}

/** Every rule id acknowledged on a construct or its descendants, by construct path. */
export function acknowledgedRules(scope: IConstruct): Array<{ path: string; id: string; reason: string }> {
  const found: Array<{ path: string; id: string; reason: string }> = [];
  for (const node of scope.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: node.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return found;
}
