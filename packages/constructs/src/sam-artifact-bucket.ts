import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './private/acknowledge';

/** Properties of a {@link SamArtifactBucket}. */
export interface SamArtifactBucketProps {
  /**
   * The bucket name, from the model (`lockstep-artifacts-<account>-<region>`): 3–63 lowercase characters,
   * globally unique.
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
   */
  readonly bucketName: string;
  /**
   * Days after which S3 deletes an artifact. `sam delete` removes a run's artifacts; this catches runs
   * that were cancelled before their cleanup step.
   * @default 7
   */
  readonly expirationDays?: number;
  /**
   * CloudFormation logical id of the bucket; its policy gets the same id + `Policy`.
   * @default 'SamArtifactBucket'
   */
  readonly logicalId?: string;
}

/**
 * The S3 bucket `sam deploy --s3-bucket` uploads test artifacts to: one per environment, one key prefix
 * per repository (the roles' policies enforce the prefixes).
 *
 * What a security review asks of it: S3-managed encryption (SAM uploads with `ServerSideEncryption:
 * AES256`, so a KMS-only bucket policy would reject it), TLS 1.2+ only, all public access blocked,
 * ACLs disabled, objects expiring, no versioning (artifacts are rebuilt, never restored), and kept when
 * the stack is deleted rather than emptied by a Lambda-backed custom resource.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export class SamArtifactBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SamArtifactBucketProps) {
    super(scope, id);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucketName)) {
      throw new Error(`bucketName: "${props.bucketName}" is not a valid S3 bucket name (3–63 lowercase letters, digits, "." and "-")`);
    }
    const expirationDays = props.expirationDays ?? 7;
    if (!Number.isInteger(expirationDays) || expirationDays < 1) {
      throw new Error(`expirationDays: ${expirationDays} must be a whole number of days, at least 1`);
    }
    const logicalId = props.logicalId ?? 'SamArtifactBucket';

    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      lifecycleRules: [
        {
          id: 'ExpireTestArtifacts',
          expiration: Duration.days(expirationDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      // RETAIN: deleting the stack must never fail on a non-empty bucket nor need a Lambda-backed
      // auto-delete custom resource; expiry empties the bucket anyway.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.bucket.node.defaultChild as s3.CfnBucket).overrideLogicalId(logicalId);
    (this.bucket.policy!.node.defaultChild as s3.CfnBucketPolicy).overrideLogicalId(`${logicalId}Policy`);

    acknowledge(this.bucket, [{
      id: 'AwsSolutions-S1',
      reason: 'short-lived build artifacts (expired after a few days, deleted by sam delete) written only by the test roles; '
        + 'who wrote or deleted what is in CloudTrail (the CloudFormation, IAM PassRole and STS events of each run), and a log bucket would itself need logging',
    }]);
  }
}
