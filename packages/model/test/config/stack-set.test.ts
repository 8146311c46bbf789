import { infraStacks, roleStackOf, type LockstepConfig, type StackSetConfig } from '../../src';
import { expectIssue, issueLines, resolved } from '../support/configs';
import { STACK_SET, stackSetConfig } from '../support/stack-set-config';

/** The fixture with `testing.stackSet` changed. */
function withStackSet(change: Partial<StackSetConfig>, extra: Partial<LockstepConfig> = {}): LockstepConfig {
  const input = stackSetConfig();
  return { ...input, ...extra, environments: { ...input.environments, ...extra.environments, testing: { stackSet: { ...input.environments.testing.stackSet!, ...change } } } };
}

describe('environments.<env>.stackSet', () => {
  test('resolves to the workflow account and home region, with the StackSet\'s targets and options', () => {
    const config = resolved(stackSetConfig());
    const env = config.environments[0];
    expect([env.account, env.region, env.partition]).toEqual([STACK_SET.workflowAccount, 'us-west-2', 'aws']);
    expect(env.stackSet).toEqual({
      stackSetName: 'Lockstep-testing',
      organizationalUnits: [STACK_SET.organizationalUnit],
      accounts: [],
      regions: ['us-west-2', 'us-east-1'],
      homeRegion: 'us-west-2',
      administration: { account: STACK_SET.adminAccount, region: 'us-east-1', callAs: 'DELEGATED_ADMIN' },
      failureTolerance: { count: 1 },
      maxConcurrency: { count: 2 },
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
    });
  });

  test('plans one stackset stack holding every Lockstep-managed role of the environment (no role stacks)', () => {
    const config = resolved(stackSetConfig());
    const stacks = infraStacks(config);
    expect(stacks.map((s) => [s.stackName, s.kind, s.stackSetTemplate, s.roles.map((r) => r.name)])).toEqual([
      ['Lockstep-testing', 'stackset', 'Lockstep-testing--stackset', ['GitHubActionsOIDCRole-PythonSDK']],
    ]);
    expect(roleStackOf(config, config.roles.find((r) => r.name === 'GitHubActionsOIDCRole-PythonSDK')!)).toBe('Lockstep-testing');
  });

  test('percentages and the management account (SELF)', () => {
    const env = resolved(withStackSet({ failureTolerance: '10%', maxConcurrency: '25%', administration: { account: STACK_SET.adminAccount, region: 'us-east-1', delegatedAdmin: false } })).environments[0];
    expect(env.stackSet).toMatchObject({ failureTolerance: { percentage: 10 }, maxConcurrency: { percentage: 25 }, administration: { callAs: 'SELF' } });
  });

  test('the workflow account defaults to the first listed account', () => {
    expect(resolved(withStackSet({ workflowAccount: undefined, accounts: ['222233334444', '111122223333'] })).environments[0].account).toBe('222233334444');
  });

  // The OU pattern is the AWS::CloudFormation::StackSet schema's `OrganizationalUnitId` (cfn-lint's bundled copy).
  test('refuses an organizational unit id that is not one, naming the value and the format', () => {
    expectIssue(withStackSet({ organizationalUnits: ['OU-ABCD-12345678'] }), 'environments.testing.stackSet.organizationalUnits[0]', /"OU-ABCD-12345678" is not an organizational unit id; expected "ou-".*e\.g\. "ou-abcd-12345678".*lowercase/);
    expectIssue(withStackSet({ organizationalUnits: [] }), 'environments.testing.stackSet.organizationalUnits', /is empty; a StackSet with service-managed permissions deploys to organizational units/);
  });

  test('refuses a bad account id, a duplicate account and a duplicate region', () => {
    expectIssue(withStackSet({ accounts: ['1234'] }), 'environments.testing.stackSet.accounts[0]', /"1234" is not an AWS account id; expected exactly 12 digits/);
    expectIssue(withStackSet({ accounts: ['654654498014', '654654498014'] }), 'environments.testing.stackSet.accounts[1]', /"654654498014" is listed twice.*remove the second one/);
    expectIssue(withStackSet({ regions: ['us-west-2', 'us-east-1', 'us-west-2'] }), 'environments.testing.stackSet.regions[2]', /"us-west-2" is listed twice; a StackSet deploys once per region/);
  });

  test('refuses regions of two partitions and an administration account that is not an id', () => {
    expectIssue(withStackSet({ regions: ['us-west-2', 'us-gov-west-1'] }), 'environments.testing.stackSet.regions[1]', /"us-gov-west-1" is in partition "aws-us-gov", but the home region "us-west-2" is in "aws"/);
    expectIssue(withStackSet({ administration: { account: 'mgmt', region: 'us-east-1' } }), 'environments.testing.stackSet.administration.account', /"mgmt" is not an AWS account id/);
  });

  test('needs a workflow account for OU-only targets, and one the StackSet deploys to when accounts are listed', () => {
    expectIssue(withStackSet({ workflowAccount: undefined }), 'environments.testing.stackSet.workflowAccount', /is required when the StackSet targets organizational units without accounts/);
    expectIssue(withStackSet({ accounts: ['111122223333'] }), 'environments.testing.stackSet.workflowAccount', /"654654498014" is not one of stackSet.accounts \("111122223333"\)/);
  });

  test('refuses a concurrency CloudFormation would refuse, and a tolerance that is not a count or percentage', () => {
    expectIssue(withStackSet({ failureTolerance: 0, maxConcurrency: 3 }), 'environments.testing.stackSet.maxConcurrency', /3 is more than failureTolerance \+ 1 \(1\)/);
    expectIssue(withStackSet({ failureTolerance: 'ten' }), 'environments.testing.stackSet.failureTolerance', /"ten" is not a number of accounts; expected a whole number from 0 .* or a percentage like "10%"/);
  });

  test('refuses account or region beside stackSet, and an environment with neither', () => {
    const input = stackSetConfig();
    expectIssue({ ...input, environments: { testing: { ...input.environments.testing, account: '654654498014' } } }, 'environments.testing.account', /can't be given together with stackSet/);
    expectIssue({ ...input, environments: { testing: { region: 'us-west-2' } } }, 'environments.testing.account', /missing; expected a string \(or stackSet for many accounts and regions\)/);
  });

  test('"create" in a StackSet conflicts with a single-account environment that creates the provider of one of its accounts', () => {
    const input = withStackSet({}, { environments: { other: { account: STACK_SET.workflowAccount, region: 'eu-west-1' } } as LockstepConfig['environments'] });
    expectIssue({ ...input, providers: { testing: 'create', other: 'create' } }, 'providers.testing', /"create" conflicts with environment "other", which creates the provider of account "654654498014" too/);
  });

  test('an account and region of a StackSet that a single-account environment also has is refused (one artifact bucket name)', () => {
    const input = withStackSet({}, { environments: { other: { account: STACK_SET.workflowAccount, region: 'us-east-1' } } as LockstepConfig['environments'] });
    expectIssue(input, 'environments.testing', /has the same account "654654498014" and region "us-east-1" as environment "other"/);
  });
});

describe('environments.<env>.stackSet: structure', () => {
  test('a refused tolerance is reported alone (no cascade from its stand-in), worded for a person', () => {
    const input = stackSetConfig();
    const lines = issueLines({ ...input, environments: { testing: { stackSet: { ...input.environments.testing.stackSet!, failureTolerance: true } } } });
    expect(lines).toEqual(['environments.testing.stackSet.failureTolerance: true is not valid; expected a number of accounts, e.g. 1, or a percentage, e.g. "10%"']);
  });

  test('a refused field of a StackSet environment gives it no stand-in account or region', () => {
    const input = stackSetConfig();
    const lines = issueLines({ ...input, environments: { testing: { stackSet: { ...input.environments.testing.stackSet!, autoDeployment: { enabled: 'yes' } } } } });
    expect(lines).toEqual(['environments.testing.stackSet.autoDeployment.enabled: "yes" is a string; expected true or false']);
  });
});
