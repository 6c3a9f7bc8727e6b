// Step outputs in S3, for edges the plan puts there: one JSON object per
// output (or per map chunk), under the writing Lambda's prefix and the
// execution's name. The bucket comes from DAGC_BUCKET (set by the SAM
// template); DAGC_S3_ENDPOINT points the client at a local S3 server for
// `dagc run --local` (path-style, no request checksums: design.md's s3rver
// settings). The SDK is imported only when a plan really uses S3; on Lambda's
// nodejs20.x runtime it is provided, so it is not bundled; a local run whose
// plan folder has no node_modules above it names the SDK's module in
// DAGC_SDK_S3 (a file URL).
type S3Module = typeof import('@aws-sdk/client-s3');

let client: Promise<{ s3: S3Module; send: (command: unknown) => Promise<unknown> }> | undefined;

function s3Client() {
  const specifier = process.env.DAGC_SDK_S3 || '@aws-sdk/client-s3';
  client ??= (import(specifier) as Promise<S3Module & { default?: S3Module }>).then((loaded) => {
    // A CommonJS build imported by file URL may expose its exports only as the default.
    const s3 = loaded.S3Client ? loaded : loaded.default!;
    const endpoint = process.env.DAGC_S3_ENDPOINT;
    const instance = new s3.S3Client(
      endpoint
        ? { endpoint, forcePathStyle: true, region: process.env.AWS_REGION ?? 'us-east-1', requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
        : {},
    );
    return { s3, send: (command: unknown) => instance.send(command as never) as Promise<unknown> };
  });
  return client;
}

function bucket(): string {
  const name = process.env.DAGC_BUCKET;
  if (!name) throw new Error('the plan passes data through S3 but DAGC_BUCKET is not set in this Lambda\'s environment');
  return name;
}

export async function putJson(key: string, value: unknown): Promise<void> {
  const { s3, send } = await s3Client();
  await send(new s3.PutObjectCommand({ Bucket: bucket(), Key: key, Body: JSON.stringify(value), ContentType: 'application/json' }));
}

export async function getJson(key: string): Promise<unknown> {
  const { s3, send } = await s3Client();
  const response = (await send(new s3.GetObjectCommand({ Bucket: bucket(), Key: key }))) as { Body: { transformToString(): Promise<string> } };
  return JSON.parse(await response.Body.transformToString());
}

export async function deleteObject(key: string): Promise<void> {
  const { s3, send } = await s3Client();
  await send(new s3.DeleteObjectCommand({ Bucket: bucket(), Key: key }));
}
