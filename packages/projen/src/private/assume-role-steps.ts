import { ACTION_PINS } from '../action-pins';
import { claimsScript } from './claims-script';
import type { StepModel } from './workflow-model';

/** What {@link assumeRoleSteps} needs: the role, where it lives, and who assumes it. */
export interface AssumeRoleOptions {
  readonly name: string;
  readonly repository: string;
  readonly roleName: string;
  readonly roleArn: string;
  readonly account: string;
  readonly region: string;
  readonly audience: string;
  readonly sessionName: string;
  /** A number, or an expression in a reusable workflow. @default the action's default (1 hour) */
  readonly sessionDurationSeconds?: number | string;
  readonly timeoutMinutes: number | string;
  readonly claimsTimeoutMinutes: number | string;
}

/**
 * The two steps every generated job that reaches AWS starts with: configure-aws-credentials (id
 * `credentials`), and, only when it fails, the claims of the job's token and the `lockstep explain` command
 * that says why.
 */
export function assumeRoleSteps(o: AssumeRoleOptions): StepModel[] {
  return [
    {
      id: 'credentials',
      name: o.name,
      uses: ACTION_PINS.configureAwsCredentials,
      with: {
        roleToAssume: o.roleArn,
        audience: o.audience,
        awsRegion: o.region,
        roleSessionName: o.sessionName,
        ...(o.sessionDurationSeconds !== undefined ? { roleDurationSeconds: o.sessionDurationSeconds } : {}),
        allowedAccountIds: o.account,
        maskAwsAccountId: true,
        // A trust mismatch is retried 12 times by default; it won't heal, and the claims step explains it.
        retryMaxAttempts: 2,
      },
      timeoutMinutes: o.timeoutMinutes,
    },
    {
      name: 'Show the claims AWS compared',
      if: "failure() && steps.credentials.outcome == 'failure'",
      run: claimsScript({ repository: o.repository, roleName: o.roleName, audience: o.audience }),
      timeoutMinutes: o.claimsTimeoutMinutes,
    },
  ];
}
