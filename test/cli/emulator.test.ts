import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { main } from '../../src/cli/main.ts';
import { runEmulator } from '../../src/cli/commands/emulator.ts';
import { projectRoot } from '../helpers/run-cli.ts';
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
      assert.match(banner, /functions: leaf \(1024 MB\), reduce \(\d+ MB\)/);
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

  it('serves a --function handler at the memory the flag gives', async () => {
    let out = '';
    const io = { stdout: (text: string) => (out += text), stderr: () => {} };
    let stop!: () => void;
    const running = runEmulator({ port: '0', host: '127.0.0.1', function: [`echo=${path.join(projectRoot, 'test/emulator/handlers/echo.mjs')}:256`] }, io, new Promise((resolve) => (stop = resolve)));
    try {
      while (!out.includes('functions:')) await sleep(10);
      assert.match(out, /functions: echo \(256 MB\)/);
      const lambda = lambdaClient(/listening on (http:\/\/\S+)/.exec(out)![1]!);
      const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"n":1}') }));
      lambda.destroy();
      assert.equal(JSON.parse(Buffer.from(invoked.Payload ?? []).toString()).memoryLimitInMB, '256');
    } finally {
      stop();
    }
    assert.equal(await running, 0);
  });

  for (const [args, code] of [
    [['--port', 'eighty'], 'DAGC0200'],
    [['--function', 'no-path-here'], 'DAGC0208'],
    [['--function', 'f=/no/such/handler.mjs'], 'DAGC0202'],
    [['--cpu-limit', 'turbo'], 'DAGC0212'],
  ] as const) {
    it(`exits 2 with ${code} on ${args.join(' ')}, without a stack trace`, async () => {
      let err = '';
      const status = await main(['node', 'dagc', 'emulator', ...args], { stdout: () => {}, stderr: (text) => (err += text) });
      assert.equal(status, 2);
      assert.match(err, new RegExp(code));
      assert.doesNotMatch(err, /\n\s+at /);
    });
  }
});
