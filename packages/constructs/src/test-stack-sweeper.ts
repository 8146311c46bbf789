import {
  policyJson,
  testStackSweeperPermissions,
  type ResolvedEnvironment,
  type ResolvedSweeper,
  type SamTestingStatement,
} from '@lockstep/model';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { GitHubActionsRole } from './github-actions-role';
import { acknowledgeWildcards } from './private/acknowledge';

/** Properties of {@link TestStackSweeper}. */
export interface TestStackSweeperProps {
  /** The sweeper's role of this environment; its resolved role must have the `test-stack-sweeper` profile. */
  readonly role: GitHubActionsRole;
  /** The environment (account, region, partition) of the role. */
  readonly environment: ResolvedEnvironment;
  /** The resolved sweeper: its target in this environment gives the repositories and stack prefixes. */
  readonly sweeper: ResolvedSweeper;
}

/** Inline policy name of the profile. */
export const SWEEPER_POLICY_NAME = 'lockstep-test-stack-sweeper';

/**
 * The `test-stack-sweeper` profile of one sweeper role: list stacks, and delete the test stacks of the
 * environment's `sam-lambda-testing` repositories (by name prefix and `lockstep:repository` tag). The
 * delete runs with each stack's own execution role, so the policy holds no PassRole and nothing on the
 * stacks' resources. The `*` of ListStacks and the stack-id wildcard carry cdk-nag acknowledgements.
 */
export class TestStackSweeper extends Construct {
  /** The statements, with the reason of each. */
  public readonly statements: readonly SamTestingStatement[];
  /** The role's inline policy. */
  public readonly policy: iam.Policy;

  constructor(scope: Construct, id: string, props: TestStackSweeperProps) {
    super(scope, id);
    const role = props.role.resolved;
    const target = props.sweeper.targets.find((t) => t.roleName === role.name);
    if (role.permissions !== 'test-stack-sweeper' || target === undefined) {
      throw new Error(`TestStackSweeper ${role.name}: not a sweeper role (permissions ${JSON.stringify(role.permissions)})`);
    }
    const { partition, account, region } = props.environment;
    this.statements = testStackSweeperPermissions({ partition, account, region, repos: target.repos });
    this.policy = new iam.Policy(this, 'Policy', {
      policyName: SWEEPER_POLICY_NAME,
      document: iam.PolicyDocument.fromJson(policyJson(this.statements)),
      roles: [props.role],
    });
    (this.policy.node.defaultChild as iam.CfnPolicy).overrideLogicalId(`${role.logicalId}SweeperPolicy`);
    acknowledgeWildcards(this.policy, this.statements);
  }
}
