import type { ResolvedEnvironment } from '@lockstep/model';
import { DefaultStackSynthesizer, type StackProps } from 'aws-cdk-lib';

/** The properties every Lockstep stack shares: name, environment, description, termination protection, synthesizer. */
export function lockstepStackProps(environment: ResolvedEnvironment, stackName: string, what: string): StackProps {
  return {
    stackName,
    env: { account: environment.account, region: environment.region },
    description: `${what} Generated from lockstep.config.ts; edit that file and run "npx projen" instead of changing this stack.`,
    // The IAM roles here are what the environment's workflows authenticate with: deleting the stack by
    // accident would stop them.
    terminationProtection: true,
    // No BootstrapVersion parameter and rule: templates stay deterministic and readable. The stack has
    // no assets, so it needs nothing of the bootstrap stack beyond its deploy roles, which
    // `cdk deploy` still uses as with any DefaultStackSynthesizer stack (unlike
    // BootstraplessSynthesizer, which would deploy with the caller's own credentials).
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  };
}
