import { artifactBucketName, artifactPrefix } from '../../src/config/artifact-bucket';

describe('artifact bucket', () => {
  test('names the bucket after account and region', () => {
    expect(artifactBucketName('654654498014', 'us-west-2')).toBe('lockstep-artifacts-654654498014-us-west-2');
  });

  test('fits S3\'s 63 characters for the longest region names', () => {
    expect(artifactBucketName('123456789012', 'ap-southeast-10').length).toBeLessThanOrEqual(63);
  });

  test('gives each repository its own prefix', () => {
    expect(artifactPrefix('python-sdk')).toBe('python-sdk/');
  });
});
