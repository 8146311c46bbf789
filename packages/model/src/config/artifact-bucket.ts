/**
 * The S3 bucket for SAM artifacts of one environment, `lockstep-artifacts-<account>-<region>`: globally
 * unique through the account id, and within S3's 63 lowercase characters.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function artifactBucketName(account: string, region: string): string {
  return `lockstep-artifacts-${account}-${region}`;
}

/**
 * The key prefix of one repository in the artifact bucket, e.g. `python-sdk/`: the role of that
 * repository may read and write only under it (`sam deploy --s3-prefix`).
 */
export function artifactPrefix(repo: string): string {
  return `${repo}/`;
}
