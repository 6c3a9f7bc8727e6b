import assert from 'node:assert/strict';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListFunctionsCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { decodeJson, handlerPath, lambdaClient, reportOf, waitSettled } from './sdk-clients.ts';
import { writeZip } from './zip-writer.ts';

describe('emulator: configuration APIs through the real Lambda SDK client', () => {
  let emulator: RunningEmulator;
  let lambda: LambdaClient;

  before(async () => {
    emulator = await startEmulator();
    lambda = lambdaClient(emulator.endpoint);
    emulator.registerFunction({ name: 'echo', handlerPath: handlerPath('echo'), memoryMb: 256, timeoutMs: 5000, architecture: 'arm64' });
  });
  after(async () => {
    lambda.destroy();
    await emulator.close();
  });

  it('returns the registered configuration', async () => {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo' }));
    assert.equal(config.MemorySize, 256);
    assert.equal(config.Timeout, 5);
    assert.deepEqual(config.Architectures, ['arm64']);
    assert.equal(config.Handler, 'echo.handler');
    assert.equal(config.State, 'Active');
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:echo' }));
    assert.equal(fn.Configuration?.FunctionName, 'echo');
  });

  it('applies an update, goes InProgress then Successful (waiter), and starts cold afterwards', async () => {
    await lambda.send(new InvokeCommand({ FunctionName: 'echo' }));
    const warm = await lambda.send(new InvokeCommand({ FunctionName: 'echo', LogType: 'Tail' }));
    assert.doesNotMatch(reportOf(warm.LogResult), /Init Duration/);
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'echo', MemorySize: 512, Timeout: 7, Environment: { Variables: { GREETING: 'hello' } } }),
    );
    assert.equal(updated.LastUpdateStatus, 'InProgress');
    const waited = await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { FunctionName: 'echo' });
    assert.equal(waited.state, 'SUCCESS');
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo' }));
    assert.equal(config.MemorySize, 512);
    assert.equal(config.Timeout, 7);
    assert.equal(config.LastUpdateStatus, 'Successful');
    const after = await lambda.send(new InvokeCommand({ FunctionName: 'echo', LogType: 'Tail' }));
    const report = reportOf(after.LogResult);
    assert.match(report, /Memory Size: 512 MB/);
    assert.match(report, /Init Duration/);
    assert.equal((decodeJson(after.Payload) as { greeting: string }).greeting, 'hello');
  });

  it('creates a function from a real zip, invokes it, lists it and deletes it', async () => {
    const zip = writeZip({
      'index.mjs': "import { shout } from './lib/shout.mjs';\nexport const run = async (event) => ({ said: shout(event.word) });\n",
      'lib/shout.mjs': 'export const shout = (word) => `${word.toUpperCase()}!`;\n',
    });
    const created = await lambda.send(
      new CreateFunctionCommand({ FunctionName: 'zipped', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::123456789012:role/x', Handler: 'index.run', Code: { ZipFile: zip }, MemorySize: 256, Timeout: 3 }),
    );
    assert.equal(created.FunctionName, 'zipped');
    assert.equal(created.CodeSize, zip.length);
    // As on Lambda, a new function is Pending until it is Active; the SDK's waiter waits for that.
    assert.equal(created.State, 'Pending');
    await waitSettled(lambda, 'zipped');
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'zipped', Payload: Buffer.from(JSON.stringify({ word: 'hey' })) }));
    assert.equal(out.FunctionError, undefined);
    assert.deepEqual(decodeJson(out.Payload), { said: 'HEY!' });
    const listed = await lambda.send(new ListFunctionsCommand({}));
    assert.deepEqual(listed.Functions?.map((f) => f.FunctionName), ['echo', 'zipped']);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'zipped' }));
    await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: 'zipped' })), { name: 'ResourceNotFoundException' });
  });

  it('accepts a zip whose handler file is missing, as Lambda does, and fails its invocations with Runtime.ImportModuleError', async () => {
    const zip = writeZip({ 'other.mjs': 'export const handler = async () => 1;\n' });
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'broken', Role: 'r', Handler: 'index.handler', Code: { ZipFile: zip } }));
    await waitSettled(lambda, 'broken');
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'broken', LogType: 'Tail' }));
    assert.equal(out.FunctionError, 'Unhandled');
    const body = decodeJson(out.Payload) as { errorType: string; errorMessage: string };
    assert.equal(body.errorType, 'Runtime.ImportModuleError');
    assert.match(body.errorMessage, /Cannot find module 'index'/);
    assert.match(reportOf(out.LogResult), /\tStatus: error\tError Type: Runtime\.ImportModuleError\t$/);
  });
});
