import { dispatchGuard, type ResolvedSweeper } from '@lockstep/model';
import { RUNNER_IMAGE } from '../runner-tools';
import { assumeRoleSteps } from './assume-role-steps';
import { sweepScript } from './sweep-script';
import type { JobModel, WorkflowModel } from './workflow-model';

/** The job id of one environment's sweep, e.g. `sweep-testing`. */
export function sweepJobId(environment: string): string {
  return `sweep-${environment.toLowerCase()}`;
}

/** Minutes a sweep job may take: the deletions run in parallel, and the waiter polls for up to an hour. */
const SWEEP_TIMEOUT_MINUTES = 60;

/**
 * The sweeper workflow: on its schedule and on manual runs from the default branch, one job per AWS
 * environment assumes that environment's sweeper role (its GitHub environment gives the `sub` the role
 * trusts) and deletes the test stacks older than the age limit. No checkout, no `contents` scope.
 * @see https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
 */
export function sweeperModel(sweeper: ResolvedSweeper): WorkflowModel {
  const jobs: Record<string, JobModel> = {};
  for (const target of sweeper.targets) {
    jobs[sweepJobId(target.environment)] = {
      name: `Delete old test stacks in ${target.environment}`,
      runsOn: RUNNER_IMAGE,
      if: dispatchGuard([sweeper.defaultBranch]),
      environment: sweeper.githubEnvironment,
      permissions: { idToken: 'write' },
      timeoutMinutes: SWEEP_TIMEOUT_MINUTES,
      defaultShell: 'bash',
      steps: [
        ...assumeRoleSteps({
          name: 'Assume the sweeper role through GitHub OIDC',
          repository: sweeper.fullName,
          roleName: target.roleName,
          roleArn: target.roleArn,
          account: target.account,
          region: target.region,
          audience: target.audience,
          sessionName: `lockstep-sweeper-\${{ github.run_id }}-\${{ github.run_attempt }}`,
          timeoutMinutes: 5,
          claimsTimeoutMinutes: 2,
        }),
        {
          name: `Delete test stacks older than ${sweeper.maxAgeHours} hours`,
          run: sweepScript({ region: target.region, stackPrefixes: target.repos.map((r) => r.stackPrefix), maxAgeHours: sweeper.maxAgeHours }),
          timeoutMinutes: SWEEP_TIMEOUT_MINUTES - 10,
        },
      ],
    };
  }
  return {
    name: 'lockstep-sweeper',
    on: { schedule: [sweeper.schedule], workflowDispatch: true },
    // One sweep at a time: a second would find the stacks the first is deleting.
    concurrency: { group: 'lockstep-sweeper' },
    jobs,
  };
}
