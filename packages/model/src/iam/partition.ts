
/**
 * The AWS partitions a region can belong to.
 * @see https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** Every {@link Partition}. */
export const PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov'] satisfies readonly Partition[];

/**
 * The partition a region belongs to: `cn-*` → `aws-cn`, `us-gov-*` → `aws-us-gov`, anything else → `aws`.
 * @see https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The `aud` claim configure-aws-credentials requests for a partition, and the client id its provider needs:
 * `sts.amazonaws.com`, or `sts.amazonaws.com.cn` in China.
 * @see https://github.com/aws-actions/configure-aws-credentials#oidc-audience
 */
export function stsAudience(partition: Partition): string {
  return partition === 'aws-cn' ? 'sts.amazonaws.com.cn' : 'sts.amazonaws.com';
}
