import { samTestingNames } from '../../src/config/sam-testing-names';

describe('samTestingNames', () => {
  test('names the execution role and the function boundary after the role, with their ARNs', () => {
    expect(samTestingNames({ roleName: 'ci', path: '/', partition: 'aws', account: '123456789012', artifactBucket: 'b' })).toEqual({
      executionRoleName: 'ci-CfnExec',
      executionRoleArn: 'arn:aws:iam::123456789012:role/ci-CfnExec',
      functionBoundaryName: 'ci-FunctionBoundary',
      functionBoundaryArn: 'arn:aws:iam::123456789012:policy/ci-FunctionBoundary',
      artifactBucket: 'b',
    });
  });
});
