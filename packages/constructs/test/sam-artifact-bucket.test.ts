import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SamArtifactBucket } from '../src';
import { acknowledgedRules, newStack, unacknowledgedFindings } from './support/cdk';
import { environment, richConfig } from './support/fixtures';

const testing = environment(richConfig(), 'testing');
const stack = newStack(testing);
new SamArtifactBucket(stack, 'Artifacts', { bucketName: testing.artifactBucket! });
const template = Template.fromStack(stack);
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;

describe('SamArtifactBucket', () => {
  test('creates exactly the bucket and its policy, under stable logical ids', () => {
    expect(Object.keys(resources)).toEqual(['SamArtifactBucket', 'SamArtifactBucketPolicy']);
  });

  test('encrypts with S3-managed keys (SAM uploads with ServerSideEncryption AES256), blocks public access, disables ACLs', () => {
    expect(resources.SamArtifactBucket).toEqual({
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: 'lockstep-artifacts-654654498014-us-west-2',
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: {
          Rules: [{ Id: 'ExpireTestArtifacts', Status: 'Enabled', ExpirationInDays: 7, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }],
        },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('refuses every request without TLS, and below TLS 1.2', () => {
    const bucket = { 'Fn::GetAtt': ['SamArtifactBucket', 'Arn'] };
    const objects = { 'Fn::Join': ['', [bucket, '/*']] };
    expect(resources.SamArtifactBucketPolicy.Properties).toEqual({
      Bucket: { Ref: 'SamArtifactBucket' },
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [bucket, objects], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [bucket, objects], Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } },
        ],
      },
    });
  });

  test('needs no Lambda-backed custom resource (no autoDeleteObjects)', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  test('has no cdk-nag AwsSolutions finding; the one acknowledged (S1, access logs) says why', () => {
    expect(unacknowledgedFindings(stack)).toEqual([]);
    expect(acknowledgedRules(stack).map((a) => a.id)).toEqual(['AwsSolutions-S1']);
    expect(acknowledgedRules(stack)[0].reason).toMatch(/CloudTrail/);
  });

  test('the cdk-nag check itself reports what a default bucket lacks (so an empty report means something)', () => {
    const plain = newStack(testing);
    new s3.Bucket(plain, 'Plain');
    expect(unacknowledgedFindings(plain).map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });

  test.each([
    ['an uppercase bucket name', { bucketName: 'Lockstep-Artifacts' }, /not a valid S3 bucket name/],
    ['a zero-day expiry', { bucketName: 'lockstep-x', expirationDays: 0 }, /at least 1/],
  ])('refuses %s', (_what, props, message) => {
    expect(() => new SamArtifactBucket(newStack(testing), 'B', props)).toThrow(message);
  });
});
