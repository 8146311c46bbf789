import { policyJson, resolveOrThrow } from '@lockstep/model';
import { Template } from 'aws-cdk-lib/assertions';
import { GitHubActionsRole, GitHubOidcProvider, TestStackSweeper } from '../src';
import { acknowledgedRules, newStack, unacknowledgedFindings } from './support/cdk';
import { environment, richInput, role } from './support/fixtures';
import { simulateCall } from './support/iam-simulator';

const config = resolveOrThrow({ ...richInput(), sweeper: { repo: 'deployments' } });
const sweeper = config.sweeper!;

function synth(envName: string) {
  const env = environment(config, envName);
  const stack = newStack(env);
  const provider = new GitHubOidcProvider(stack, 'Provider', { provider: env.provider });
  const resolvedRole = role(config, `LockstepSweeper-${envName}`);
  const githubRole = new GitHubActionsRole(stack, resolvedRole.name, { role: resolvedRole, provider });
  const construct = new TestStackSweeper(stack, `${resolvedRole.name}-sweeper`, { role: githubRole, environment: env, sweeper });
  return { stack, construct, resolvedRole, resources: Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }> };
}

const testing = synth('testing');
const list = (v: unknown) => (Array.isArray(v) ? v : [v]);

describe('TestStackSweeper', () => {
  test('one role per environment with sam-lambda-testing repositories, its policy listing stacks and deleting only theirs', () => {
    expect(sweeper.targets.map((t) => [t.environment, t.repos.map((r) => r.name)])).toEqual([
      ['gov', ['gov-tests']],
      ['testing', ['new-service', 'python-sdk', 'sdk-js']],
    ]);
    const policy = testing.resources[`${testing.resolvedRole.logicalId}SweeperPolicy`];
    expect(policy.Properties.PolicyName).toBe('lockstep-test-stack-sweeper');
    expect(policy.Properties.Roles).toEqual([{ Ref: testing.resolvedRole.logicalId }]);
    const rendered = policy.Properties.PolicyDocument.Statement.map((s: Record<string, unknown>) => ({ ...s, Action: list(s.Action), Resource: list(s.Resource) }));
    expect(rendered).toEqual(policyJson(testing.construct.statements).Statement);
    // The role trusts the sweeper's environment subject and nothing else.
    expect(testing.resolvedRole.subjects.map((s) => s.value)).toEqual(['repo:honeyhiveai/deployments:environment:lockstep-sweeper']);
  });

  test('is cdk-nag clean, every wildcard acknowledged with its reason', () => {
    expect(unacknowledgedFindings(testing.stack)).toEqual([]);
    const acknowledged = acknowledgedRules(testing.construct).filter((a) => a.id.startsWith('AwsSolutions-IAM5'));
    expect(acknowledged.map((a) => a.id).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:aws:cloudformation:us-west-2:654654498014:stack/lockstep-new-service--*/*]',
      'AwsSolutions-IAM5[Resource::arn:aws:cloudformation:us-west-2:654654498014:stack/lockstep-python-sdk--*/*]',
      'AwsSolutions-IAM5[Resource::arn:aws:cloudformation:us-west-2:654654498014:stack/lockstep-sdk-js--*/*]',
    ]);
    for (const a of acknowledged) expect(a.reason.length).toBeGreaterThan(40);
  });

  test('the independent IAM evaluator: deletes a tagged test stack of its repositories, nothing else, and may pass no role', async () => {
    const doc = policyJson(testing.construct.statements);
    const call = (action: string, resource: string, context?: Record<string, string>) =>
      simulateCall({ principal: testing.resolvedRole.arn, action, resource, context }, [doc]);
    const stack = (name: string) => `arn:aws:cloudformation:us-west-2:654654498014:stack/${name}/8c8e9a80-6f3c-11ef-a0b5-0a1b2c3d4e5f`;
    const tagged = (repo: string) => ({ 'aws:ResourceTag/lockstep:repository': repo });
    expect(await call('cloudformation:ListStacks', '*')).toBe('Allowed');
    expect(await call('cloudformation:DescribeStacks', stack('lockstep-python-sdk--123-1'))).toBe('Allowed');
    expect(await call('cloudformation:DescribeStacks', stack('Lockstep-testing'))).toBe('ImplicitlyDenied');
    expect(await call('cloudformation:DeleteStack', stack('lockstep-python-sdk--123-1'), tagged('python-sdk'))).toBe('Allowed');
    expect(await call('cloudformation:DeleteStack', stack('lockstep-sdk-js--9-2'), tagged('sdk-js'))).toBe('Allowed');
    // The environment's own stack, a stack without the tag, a stack of gov's repository, another region.
    expect(await call('cloudformation:DeleteStack', stack('Lockstep-testing'), tagged('python-sdk'))).toBe('ImplicitlyDenied');
    expect(await call('cloudformation:DeleteStack', stack('lockstep-python-sdk--123-1'), tagged('other'))).toBe('ImplicitlyDenied');
    expect(await call('cloudformation:DeleteStack', stack('lockstep-gov-tests--1-1'), tagged('gov-tests'))).toBe('ImplicitlyDenied');
    expect(await call('cloudformation:DeleteStack', 'arn:aws:cloudformation:us-east-1:654654498014:stack/lockstep-python-sdk--1-1/x', tagged('python-sdk'))).toBe('ImplicitlyDenied');
    expect(await call('iam:PassRole', role(config, 'GitHubActionsOIDCRole-PythonSDK').samTesting!.executionRoleArn)).toBe('ImplicitlyDenied');
    expect(await call('cloudformation:UpdateStack', stack('lockstep-python-sdk--123-1'), tagged('python-sdk'))).toBe('ImplicitlyDenied');
  });

  test('refuses a role of another profile', () => {
    const env = environment(config, 'testing');
    const stack = newStack(env);
    const provider = new GitHubOidcProvider(stack, 'Provider', { provider: env.provider });
    const other = new GitHubActionsRole(stack, 'sdk', { role: role(config, 'GitHubActionsOIDCRole-PythonSDK'), provider });
    expect(() => new TestStackSweeper(stack, 'x', { role: other, environment: env, sweeper })).toThrow(/not a sweeper role/);
  });
});
