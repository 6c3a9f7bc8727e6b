// The data bucket (logical id DataBucket, CONTRACT-22), present only when some
// output is stored in S3 (an S3 edge, or a Batch job's output: s3-access.ts). Its name is left to CloudFormation (names are
// global across accounts, so a fixed one could collide); the runtime reads it
// from DAGC_BUCKET. Public access is blocked and objects are encrypted at
// rest with S3-managed keys: intermediate data is the user's data.
export function dataBucketResource(): Record<string, unknown> {
  return {
    Type: 'AWS::S3::Bucket',
    Properties: {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    },
  };
}
