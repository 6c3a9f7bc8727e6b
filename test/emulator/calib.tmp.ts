import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { startEmulator } from '../../src/emulator/index.ts';
for (const mode of ['cgroup', 'duty-cycle', 'none'] as const) {
  const emu = await startEmulator({ cpuLimit: mode });
  const lambda = new LambdaClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  for (const mem of [1769, 256, 128]) emu.registerFunction({ name: `cpu${mem}`, handlerPath: 'test/emulator/fixtures/cpu/handler.mjs', memoryMb: mem, timeoutMs: 30000 });
  const out: string[] = [];
  for (const mem of [1769, 256, 128]) {
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = await lambda.send(new InvokeCommand({ FunctionName: `cpu${mem}`, Payload: Buffer.from(JSON.stringify({ rounds: 40000 })), LogType: 'Tail' }));
      const log = Buffer.from(r.LogResult!, 'base64').toString();
      out.push(`${mem} ${/Duration: ([\d.]+)/.exec(log)![1]} wall=${(performance.now() - t).toFixed(0)}`);
    }
  }
  console.log(emu.cpuLimitMode, out.join(' | '));
  await emu.close();
}
