import type { LockstepConfig } from '../../src';
import { seedConfig } from './seed-config';

/** The management-side values of {@link stackSetConfig}. */
export const STACK_SET = {
  organizationalUnit: 'ou-abcd-12345678',
  regions: ['us-west-2', 'us-east-1'],
  adminAccount: '999988887777',
  workflowAccount: '654654498014',
} as const;

/**
 * The seed config with its `testing` environment on a StackSet: one organizational unit in two regions,
 * administered from a delegated administrator, the provider created in every account (the test, #15).
 */
export function stackSetConfig(): LockstepConfig {
  const seed = seedConfig();
  return {
    ...seed,
    environments: {
      testing: {
        stackSet: {
          organizationalUnits: [STACK_SET.organizationalUnit],
          regions: [...STACK_SET.regions],
          administration: { account: STACK_SET.adminAccount, region: 'us-east-1' },
          workflowAccount: STACK_SET.workflowAccount,
          failureTolerance: 1,
          maxConcurrency: 2,
          autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
        },
      },
    },
    providers: { testing: 'create' },
  };
}
