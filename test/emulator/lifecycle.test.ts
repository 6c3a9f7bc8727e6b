// Function lifecycle as Lambda runs it, through the real SDK: Pending until
// Active, updates InProgress while the previous configuration keeps serving,
// immutable published versions, reserved concurrency that throttles for real,
// and Lambda's validation errors.
import assert from 'node:assert/strict';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { decodeJson, lambdaClient, packagePath, reportOf, waitSettled } from './sdk-clients.ts';
import { zipFolder } from './zip-writer.ts';

interface Greeting {
  greeting: string;
  invocations: number;
  memoryLimitInMB: string;
  greetingEnv: string | null;
}

describe('emulator: function lifecycle, versions and reserved concurrency through the SDK', () => {
  let emulator: RunningEmulator;
  let lambda: LambdaClient;
  const zip = zipFolder(packagePath('greeter'));

  before(async () => {
    emulator = await startEmulator({ updateDelayMs: 250 });
    lambda = lambdaClient(emulator.endpoint);
  });
  after(async () => {
    lambda.destroy();
    await emulator.close();
  });

  const invoke = async (FunctionName: string, event: object = {}, Qualifier?: string) => {
    const out = await lambda.send(new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify(event)), LogType: 'Tail', ...(Qualifier ? { Qualifier } : {}) }));
    return { out, body: decodeJson(out.Payload) as Greeting, report: reportOf(out.LogResult) };
  };
  const settled = (FunctionName: string) => waitSettled(lambda, FunctionName);

  it('keeps a new function Pending, refusing invocations, until it is Active', async () => {
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'greeter',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/x',
        Handler: 'handler.handler',
        Code: { ZipFile: zip },
        MemorySize: 256,
        Environment: { Variables: { GREETING: 'hej' } },
      }),
    );
    assert.equal(created.State, 'Pending');
    await assert.rejects(invoke('greeter'), { name: 'ResourceConflictException' });
    const waited = await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { FunctionName: 'greeter' });
    assert.equal(waited.state, 'SUCCESS');
    const { body } = await invoke('greeter', { name: 'zip' });
    assert.deepEqual(body, { greeting: 'hello, zip', invocations: 1, memoryLimitInMB: '256', greetingEnv: 'hej' });
  });

  it('serves the previous configuration while an update is InProgress, then starts cold with the new one', async () => {
    const updated = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'greeter', MemorySize: 512 }));
    assert.equal(updated.LastUpdateStatus, 'InProgress');
    assert.equal(updated.MemorySize, 512);
    const during = await invoke('greeter');
    assert.equal(during.body.memoryLimitInMB, '256');
    assert.equal(during.body.invocations, 2);
    await assert.rejects(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'greeter', Timeout: 10 })), { name: 'ResourceConflictException' });
    const waited = await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { FunctionName: 'greeter' });
    assert.equal(waited.state, 'SUCCESS');
    const afterUpdate = await invoke('greeter');
    assert.equal(afterUpdate.body.memoryLimitInMB, '512');
    assert.equal(afterUpdate.body.invocations, 1);
    assert.match(afterUpdate.report, /Memory Size: 512 MB\t.*Init Duration/);
  });

  it('changes the architecture through UpdateFunctionCode and refuses a stale RevisionId', async () => {
    const { RevisionId } = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'greeter' }));
    await assert.rejects(lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'greeter', ZipFile: zip, Architectures: ['arm64'], RevisionId: 'stale' })), {
      name: 'PreconditionFailedException',
    });
    const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'greeter', ZipFile: zip, Architectures: ['arm64'], ...(RevisionId ? { RevisionId } : {}) }));
    assert.deepEqual(updated.Architectures, ['arm64']);
    assert.notEqual(updated.RevisionId, RevisionId);
    await settled('greeter');
  });

  it('publishes immutable versions that keep the configuration they were published with', async () => {
    const first = await lambda.send(new PublishVersionCommand({ FunctionName: 'greeter' }));
    assert.equal(first.Version, '1');
    assert.equal((await lambda.send(new PublishVersionCommand({ FunctionName: 'greeter' }))).Version, '1', 'an unchanged $LATEST publishes no new version');
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'greeter', MemorySize: 1024 }));
    await settled('greeter');
    const version = await invoke('greeter', {}, '1');
    assert.equal(version.out.ExecutedVersion, '1');
    assert.equal(version.body.memoryLimitInMB, '512');
    assert.match(reportOf(version.out.LogResult), /Memory Size: 512 MB/);
    const latest = await invoke('greeter');
    assert.equal(latest.out.ExecutedVersion, '$LATEST');
    assert.equal(latest.body.memoryLimitInMB, '1024');
    assert.equal((await invoke('greeter:1')).out.ExecutedVersion, '1');
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'greeter', Qualifier: '1' }));
    assert.equal(config.MemorySize, 512);
    assert.deepEqual((await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'greeter' }))).Versions?.map((v) => v.Version), ['$LATEST', '1']);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'greeter', Qualifier: '1' }));
    await assert.rejects(invoke('greeter', {}, '1'), { name: 'ResourceNotFoundException' });
  });

  it('throttles for real beyond the reserved concurrency, and not once it is removed', async () => {
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'greeter', ReservedConcurrentExecutions: 1 }));
    const results = await Promise.allSettled([0, 1].map(() => invoke('greeter', { sleepMs: 300 })));
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    assert.equal(rejected.length, 1);
    assert.equal(rejected[0]!.reason.name, 'TooManyRequestsException');
    assert.equal(rejected[0]!.reason.Reason, 'ReservedFunctionConcurrentInvocationLimitExceeded');
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'greeter', ReservedConcurrentExecutions: 0 }));
    await assert.rejects(invoke('greeter'), { name: 'TooManyRequestsException' });
    assert.equal((await lambda.send(new GetFunctionCommand({ FunctionName: 'greeter' }))).Concurrency?.ReservedConcurrentExecutions, 0);
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'greeter' }));
    assert.equal((await invoke('greeter')).out.StatusCode, 200);
  });

  it('answers bad input with the errors Lambda uses', async () => {
    const invalid = { name: 'InvalidParameterValueException' };
    await assert.rejects(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'greeter', MemorySize: 64 })), invalid);
    await assert.rejects(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'greeter', Timeout: 901 })), invalid);
    await assert.rejects(
      lambda.send(new CreateFunctionCommand({ FunctionName: 'py', Runtime: 'python3.12', Role: 'r', Handler: 'app.handler', Code: { ZipFile: zip } })),
      invalid,
    );
    await assert.rejects(lambda.send(new CreateFunctionCommand({ FunctionName: 'junk', Role: 'r', Handler: 'h.handler', Code: { ZipFile: Buffer.from('not a zip') } })), invalid);
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'greeter', Payload: Buffer.from('{not json') })), { name: 'InvalidRequestContentException' });
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'greeter', Payload: Buffer.alloc(6 * 1024 * 1024 + 1, 0x20) })), { name: 'RequestTooLargeException' });
    assert.equal((await lambda.send(new InvokeCommand({ FunctionName: 'greeter', InvocationType: 'DryRun' }))).StatusCode, 204);
  });
});
