// The one adapter around s3rver, the local S3 server the local run uses when a
// plan passes data through S3 (design.md: s3rver 3.7.1 works with
// @aws-sdk/client-s3 given path-style addressing, its fixed credentials and
// checksums only when required). s3rver is old and unmaintained, so it is a
// dev dependency loaded only here, on demand: `dagc run --local` on a plan
// without S3 edges never loads it, and without it installed a plan with S3
// edges gets DAGC0426 saying how to add it.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DagcUserError } from '../../diagnostics/diagnostic.ts';
import { codegenDiagnostics } from '../../diagnostics/codegen.ts';

export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** Keys of every object in the bucket, sorted (to check what an execution left behind). */
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}

export async function startLocalS3(bucket: string): Promise<LocalS3> {
  let S3rver: new (options: Record<string, unknown>) => S3rverInstance;
  try {
    S3rver = createRequire(import.meta.url)('s3rver');
  } catch (error) {
    throw new DagcUserError([codegenDiagnostics.s3ServerMissing((error as Error).message.split('\n')[0] ?? '')]);
  }
  const directory = mkdtempSync(path.join(tmpdir(), 'dagc-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    keys: async () => {
      const { S3Client, ListObjectsV2Command } = await import('@aws-sdk/client-s3');
      const client = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: LOCAL_S3_CREDENTIALS });
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      client.destroy();
      return (listed.Contents ?? []).map((o) => o.Key!).sort();
    },
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
