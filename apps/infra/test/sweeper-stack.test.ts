import { policyJson, resolveOrThrow, testStackSweeperPermissions } from '@lockstep/model';
import { Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createInfraApp, synthesizeInfra } from '../src';
import { defaultInput, withMoreEnvironments } from './support/configs';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

/** More environments, and the sweeper: one sweeper role in each environment with sam-lambda-testing repositories, in one of its role stacks. */
const config = resolveOrThrow({ ...withMoreEnvironments(defaultInput()), sweeper: { repo: 'deployments' } });

describe('the sweeper in the environment stacks', () => {
  test('each environment with swept repositories holds its sweeper role and policy in one of its stacks; cdk-nag finds nothing unacknowledged', () => {
    const app = createInfraApp(config);
    const stacks = app.node.children.filter(Stack.isStack);
    for (const stack of stacks) expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
    const synthesized = synthesizeInfra(config);
    expect(config.sweeper!.targets.length).toBeGreaterThan(0);
    for (const target of config.sweeper!.targets) {
      const role = config.roles.find((r) => r.name === target.roleName)!;
      // Whichever of the environment's stacks the role's name hashes to (see the model's roleStackOf).
      const stack = synthesized.stacks.find((s) => s.environment === target.environment && role.logicalId in (s.template.Resources as Resources))!;
      const resources = stack.template.Resources as Resources;
      expect(resources[role.logicalId].Properties.RoleName).toBe(target.roleName);
      expect(resources[role.logicalId].Properties.AssumeRolePolicyDocument).toStrictEqual(role.trustPolicy);
      const env = config.environments.find((e) => e.name === target.environment)!;
      const statements = resources[`${role.logicalId}SweeperPolicy`].Properties.PolicyDocument.Statement
        .map((s: Record<string, unknown>) => ({ ...s, Action: [s.Action].flat(), Resource: [s.Resource].flat() }));
      expect(statements).toEqual(policyJson(testStackSweeperPermissions({ partition: env.partition, account: env.account, region: env.region, repos: target.repos })).Statement);
    }
  });
});
