import { partitionOf, stsAudience } from '../../src/iam/partition';

describe('partitionOf', () => {
  test.each([
    ['us-west-2', 'aws'],
    ['eu-central-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
  ])('puts %p in partition %p', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});

describe('stsAudience', () => {
  test('is sts.amazonaws.com.cn in China and sts.amazonaws.com elsewhere', () => {
    expect(stsAudience('aws-cn')).toBe('sts.amazonaws.com.cn');
    expect(stsAudience('aws')).toBe('sts.amazonaws.com');
    expect(stsAudience('aws-us-gov')).toBe('sts.amazonaws.com');
  });
});
