// `dagc run plans/<app> --local`: executes the emitted state machine on this
// machine with real parts — aws-local-stepfunctions interprets the ASL; its
// Lambda Task states call dagc's Lambda emulator (src/emulator) through the
// real @aws-sdk/client-lambda, which runs the generated entry points in
// functions/; S3 hops go to s3rver on 127.0.0.1 through the real S3 client.
// It starts what it needs and stops it afterwards (unless the caller shares
// an emulator or S3 server across runs, as the tests do).
//
// The interpreter has no endpoint option, so every lambda:invoke Task is
// routed through overrides.taskResourceLocalHandlers (keyed by state name,
// Map and Parallel insides included). The execution's name is the seed of
// the choice draws (as on AWS, where every execution has its own name), so
// `--seed 0` (the default) takes the branches of the reference run's seed 0.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { dataFlow } from '../../codegen/functions/data-flow.ts';
import { deployedLambdas } from '../../codegen/deployed-lambdas.ts';
import { ASL_FILE, FUNCTIONS_DIR } from '../../codegen/emit-plan.ts';
import { lambdaFunctionName, logicalId, stateName } from '../../codegen/names.ts';
import { stateMachineName } from '../../codegen/sam/state-machine-resource.ts';
import { lambdaTimeoutSeconds } from '../../codegen/sam/lambda-timeout.ts';
import { loadPlannedApp } from '../../codegen/plan-deployment.ts';
import { DagcUserError } from '../../diagnostics/diagnostic.ts';
import { codegenDiagnostics } from '../../diagnostics/codegen.ts';
import { toSeriesParallel } from '../../ir/series-parallelize.ts';
import { invokesFunction, type StepNode } from '../../ir/types.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import type { CpuLimitPreference } from '../../emulator/cpu-limit/select-cpu-limiter.ts';
import type { Ref } from '../lambda/state-bag.ts';
import { HistoryRecorder, type HistoryEvent, type TimelineRow } from './execution-history.ts';
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from './local-s3.ts';
import { ensurePromiseWithResolvers } from './promise-with-resolvers.ts';
import { Semaphore } from './semaphore.ts';

const registeredOn = new WeakMap<RunningEmulator, Set<string>>();

export interface LocalRunOptions {
  input: unknown;
  /** Seeds the choice draws: becomes the execution's name (default 0, as the reference run's). */
  seed?: number | string;
  cpuLimit?: CpuLimitPreference;
  /** Lambda invocations in flight at once (default 8): a wide Parallel would otherwise start one process per branch on a small host. */
  maxConcurrentInvocations?: number;
  /** Reuse these instead of starting and stopping new ones (tests share one per file). */
  emulator?: RunningEmulator;
  s3?: LocalS3;
  /** Prefix for the emulated function names, so several plans of one app can share an emulator (the same prefix and plan reuse the functions and their warm environments). */
  namespace?: string;
}

export interface LocalRunResult {
  /** The execution's output: the result steps' references (docs/codegen.md). */
  output: unknown;
  /** The result with every reference resolved: like the reference executor's `final`. */
  final: unknown;
  history: { events: HistoryEvent[] };
  /** The execution as the emulator keeps it for ListExecutions / GetExecutionHistory (docs/calibration.md). */
  executionArn: string;
  /** The REPORT line of every invocation (from each Invoke's log tail), in completion order: with the history, what dagc calibrate --histories --reports reads. */
  reportLines: string[];
  timeline: TimelineRow[];
  invocations: number;
  coldStarts: number;
  /** Objects still in the bucket after the run, sorted. */
  leftoverKeys: string[];
}

export async function runPlanLocally(planLocation: string, options: LocalRunOptions): Promise<LocalRunResult> {
  const planned = loadPlannedApp(planLocation);
  const { ir, deployment } = planned;
  const planDir = path.dirname(planned.planFile);
  const aslFile = path.join(planDir, ASL_FILE);
  if (!existsSync(aslFile)) throw new DagcUserError([codegenDiagnostics.notEmitted(planDir, ASL_FILE)]);
  const flow = dataFlow(ir, deployment, toSeriesParallel(ir));
  for (const unit of flow.units.values()) if (unit.kind === 'batch') throw new DagcUserError([codegenDiagnostics.batchNotLocal(unit.steps[0]!)]);
  const usesS3 = [...flow.writes.values()].some((w) => Object.values(w).includes('s3'));
  const lambdas = deployedLambdas(ir, deployment);
  for (const lambda of lambdas) {
    const entry = path.join(planDir, FUNCTIONS_DIR, stateName(lambda.key), 'index.mjs');
    if (!existsSync(entry)) throw new DagcUserError([codegenDiagnostics.notEmitted(planDir, path.relative(planDir, entry))]);
  }

  const started: Array<{ close(): Promise<void> }> = [];
  try {
    const s3 = usesS3 ? options.s3 ?? (await startLocalS3('dagc-local')) : undefined;
    if (s3 && !options.s3) started.push(s3);
    const emulator = options.emulator ?? (await startEmulator({ port: 0, ...(options.cpuLimit ? { cpuLimit: options.cpuLimit } : {}) }));
    if (!options.emulator) started.push(emulator);

    const names = new Map<string, string>();
    for (const lambda of lambdas) names.set(lambda.key, `${options.namespace ?? ''}${lambdaFunctionName(ir.name, lambda.key)}`);
    for (const lambda of lambdas) {
      // The entry points leave the AWS SDK out (Lambda provides it); here they load dagc's own copy.
      const env: Record<string, string> = {
        DAGC_LAMBDA_KEY: lambda.key,
        DAGC_LAMBDA_ENDPOINT: emulator.endpoint,
        AWS_REGION: emulator.region,
        DAGC_SDK_S3: sdkUrl('@aws-sdk/client-s3'),
        DAGC_SDK_LAMBDA: sdkUrl('@aws-sdk/client-lambda'),
      };
      if (s3) Object.assign(env, { DAGC_BUCKET: s3.bucket, DAGC_S3_ENDPOINT: s3.endpoint, AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey });
      else Object.assign(env, { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
      for (const [key, name] of names) env[`DAGC_WARM_${logicalId('Fn', key)}`] = name;
      // A shared emulator keeps what earlier runs registered (and their warm environments): a name is registered once.
      const registered = registeredOn.get(emulator) ?? registeredOn.set(emulator, new Set()).get(emulator)!;
      if (registered.has(names.get(lambda.key)!)) continue;
      registered.add(names.get(lambda.key)!);
      emulator.registerFunction({
        name: names.get(lambda.key)!,
        handlerPath: path.join(planDir, FUNCTIONS_DIR, stateName(lambda.key), 'index.mjs'),
        memoryMb: lambda.memoryMb,
        // The Timeout the SAM template deploys (whole seconds; a group's longest chain of members), so a local run times out where AWS would.
        timeoutMs: lambdaTimeoutSeconds(ir, lambda) * 1000,
        architecture: lambda.architecture,
        env,
      });
    }

    let text = readFileSync(aslFile, 'utf8');
    for (const [key, name] of names) text = text.split(`\${${logicalId('Fn', key)}Arn}`).join(name);
    const definition = JSON.parse(text) as { States: Record<string, unknown> };

    const lambdaClient = new LambdaClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    const startedAtMs = Date.now();
    const recorder = new HistoryRecorder(startedAtMs, definition);
    const gate = new Semaphore(options.maxConcurrentInvocations ?? 8);
    let invocations = 0;
    let coldStarts = 0;
    const reportLines: string[] = [];
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const task of lambdaTasks(definition)) {
      handlers[task] = async (input: unknown) => {
        const { FunctionName, Payload } = input as { FunctionName: string; Payload: { unit: string; chunk?: number[]; state: { sched: Record<string, number[][]> } } };
        // A map iteration's index is its chunk's position in the map's chunk list.
        const chunkFirst = Payload.chunk?.[0];
        const index = chunkFirst === undefined ? undefined : (Payload.state.sched[stateName(Payload.unit)] ?? []).findIndex((c) => c[0] === chunkFirst);
        const release = await gate.acquire();
        try {
          const at = { state: task, ...(index === undefined ? {} : { index }) };
          recorder.add('TaskScheduled', Date.now(), { taskScheduledEventDetails: { resource: 'invoke', resourceType: 'lambda', region: emulator.region, parameters: JSON.stringify({ FunctionName }) } }, at);
          recorder.add('TaskStarted', Date.now(), { taskStartedEventDetails: { resource: 'invoke', resourceType: 'lambda' } }, at);
          const response = await lambdaClient.send(new InvokeCommand({ FunctionName, Payload: JSON.stringify(Payload), LogType: 'Tail' }));
          invocations += 1;
          const log = Buffer.from(response.LogResult ?? '', 'base64').toString('utf8');
          const cold = log.includes('Init Duration');
          for (const line of log.split('\n')) if (line.startsWith('REPORT ')) reportLines.push(line.trimEnd());
          if (cold) coldStarts += 1;
          recorder.markCold(task, index, cold);
          const body = JSON.parse(Buffer.from(response.Payload ?? new Uint8Array()).toString('utf8') || 'null') as unknown;
          if (response.FunctionError) {
            const failure = body as { errorType?: string; errorMessage?: string };
            recorder.add('TaskFailed', Date.now(), { taskFailedEventDetails: { resource: 'invoke', resourceType: 'lambda', error: failure.errorType, cause: JSON.stringify(body) } }, at);
            const error = new Error(`${task}: ${failure.errorMessage ?? 'failed'}`);
            error.name = failure.errorType ?? 'Lambda.Unknown';
            throw error;
          }
          recorder.add('TaskSucceeded', Date.now(), { taskSucceededEventDetails: { resource: 'invoke', resourceType: 'lambda', output: JSON.stringify({ ExecutedVersion: '$LATEST', Payload: body, SdkResponseMetadata: { RequestId: response.$metadata.requestId }, StatusCode: 200 }) } }, at);
          return { ExecutedVersion: '$LATEST', Payload: body as never, StatusCode: 200 };
        } finally {
          release();
        }
      };
    }

    ensurePromiseWithResolvers();
    const { StateMachine } = await import('aws-local-stepfunctions');
    const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
    const execution = machine.run(options.input as never, { overrides: { taskResourceLocalHandlers: handlers as never }, context: { Execution: { Name: String(options.seed ?? 0) } } });
    const logging = (async () => {
      for await (const event of execution.eventLogs) {
        const e = event as unknown as { type: string; timestamp: number; state?: { name: string; type: string; input?: unknown; output?: unknown }; parentState?: { name: string }; index?: number; Error?: string; Cause?: unknown; input?: unknown; output?: unknown };
        if (e.type === 'StateEntered' && e.state) recorder.stateEvent('entered', e.state, e.timestamp, e.index);
        else if (e.type === 'StateExited' && e.state) recorder.stateEvent('exited', e.state, e.timestamp, e.index);
        else if (e.type === 'StateFailed' && e.state) recorder.stateEvent('failed', e.state, e.timestamp, e.index, { Error: e.Error ?? '', Cause: e.Cause });
        else if (e.type === 'ExecutionStarted') recorder.add('ExecutionStarted', e.timestamp, { executionStartedEventDetails: { input: JSON.stringify(e.input ?? null) } });
        else if (e.type === 'ExecutionSucceeded') recorder.add('ExecutionSucceeded', e.timestamp, { executionSucceededEventDetails: { output: JSON.stringify(e.output ?? null) } });
        else if (e.type === 'ExecutionFailed') recorder.add('ExecutionFailed', e.timestamp, { executionFailedEventDetails: { error: e.Error, cause: String(e.Cause ?? '') } });
        else if (e.type.startsWith('MapIteration')) recorder.add(e.type, e.timestamp, { [`m${e.type.slice(1)}EventDetails`]: { name: e.parentState?.name, index: e.index } }, { ...(e.parentState ? { state: e.parentState.name } : {}), ...(e.index === undefined ? {} : { index: e.index }) });
      }
    })();
    // Every run, failed ones too, is kept in the emulator as Step Functions keeps executions, for dagc calibrate.
    const record = (status: 'SUCCEEDED' | 'FAILED'): string =>
      emulator.recordExecution({
        stateMachineName: `${options.namespace ?? ''}${stateMachineName(ir)}`,
        type: deployment.orchestration === 'express' ? 'EXPRESS' : 'STANDARD',
        executionName: String(options.seed ?? 0),
        status,
        events: recorder.events,
      });
    let output: unknown;
    try {
      output = await execution.result;
    } catch (error) {
      await logging.catch(() => {});
      record('FAILED');
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new DagcUserError([codegenDiagnostics.executionFailed((error as Error).name, cause)]);
    }
    await logging;
    lambdaClient.destroy();
    const executionArn = record('SUCCEEDED');

    const final = await resolveResult(ir, output as Record<string, Ref>, s3);
    const leftoverKeys = s3 ? (await s3.keys()).filter((k) => k.includes(`/${String(options.seed ?? 0)}/`)) : [];
    return { output, final, history: { events: recorder.events }, executionArn, reportLines, timeline: recorder.timeline, invocations, coldStarts, leftoverKeys };
  } finally {
    for (const service of started.reverse()) await service.close();
  }
}

function sdkUrl(name: string): string {
  return pathToFileURL(createRequire(import.meta.url).resolve(name)).href;
}

/** Names of every lambda:invoke Task state, Map and Parallel insides included. */
function lambdaTasks(definition: { States: Record<string, unknown> }): string[] {
  const found: string[] = [];
  const visit = (states: Record<string, unknown>): void => {
    for (const [name, value] of Object.entries(states)) {
      const state = value as { Type: string; Resource?: string; Branches?: Array<{ States: Record<string, unknown> }>; ItemProcessor?: { States: Record<string, unknown> } };
      if (state.Type === 'Task' && state.Resource === 'arn:aws:states:::lambda:invoke') found.push(name);
      for (const branch of state.Branches ?? []) visit(branch.States);
      if (state.ItemProcessor) visit(state.ItemProcessor.States);
    }
  };
  visit(definition.States);
  return found.sort();
}

/** The reference executor's `final`: the sink's output, or with several sinks an object of those that ran. */
async function resolveResult(ir: ReturnType<typeof loadPlannedApp>['ir'], out: Record<string, Ref>, s3: LocalS3 | undefined): Promise<unknown> {
  const get = async (ref: Ref): Promise<unknown> => {
    if ('v' in ref) return ref.v;
    if ('parts' in ref) return { items: ((await Promise.all(ref.parts.map(get))) as unknown[][]).flat() };
    const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const client = new S3Client({ endpoint: s3!.endpoint, forcePathStyle: true, region: 'us-east-1', credentials: LOCAL_S3_CREDENTIALS, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    const response = await client.send(new GetObjectCommand({ Bucket: s3!.bucket, Key: ref.s3 }));
    const text = await response.Body!.transformToString();
    client.destroy();
    return JSON.parse(text);
  };
  const sinks = ir.graph.sinks().sort();
  const valueOf = async (sink: string): Promise<unknown> => {
    const node = ir.graph.node(sink) as StepNode;
    if (!invokesFunction(node)) return undefined;
    const ref = out[stateName(sink)];
    return ref === undefined ? undefined : get(ref);
  };
  if (sinks.length === 1) return (await valueOf(sinks[0]!)) ?? null;
  const result: Record<string, unknown> = {};
  for (const sink of sinks) {
    const value = await valueOf(sink);
    if (value !== undefined) result[sink] = value;
  }
  return result;
}
