import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { projectRoot, runCli } from '../helpers/run-cli.ts';
import { lambdaClient } from '../emulator/sdk-clients.ts';

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('functions:')) resolve(text);
    });
    child.on('exit', (code) => reject(new Error(`emulator exited early with ${code}: ${text}`)));
  });
}

describe('dagc emulator', () => {
  it('preloads an app, serves Invoke for its functions, and exits 0 on SIGTERM', async () => {
    const app = path.join(projectRoot, 'fixtures/tree-reduction/app.yaml');
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin/dagc.mjs'), 'emulator', '--port', '0', '--app', app], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const banner = await firstLine(child);
      const endpoint = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
      assert.match(banner, /functions: leaf, reduce/);
      const lambda = lambdaClient(endpoint);
      const event = readFileSync(path.join(projectRoot, 'fixtures/tree-reduction/events/leaf.json'));
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'leaf', Payload: event, LogType: 'Tail' }));
      lambda.destroy();
      assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
      assert.match(Buffer.from(out.LogResult ?? '', 'base64').toString('utf8'), /REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 1024 MB/);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
  });

  it('rejects a bad port with DAGC0200 and exit code 2', () => {
    const result = runCli(['emulator', '--port', 'eighty']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DAGC0200/);
  });
});
