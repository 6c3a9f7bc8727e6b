// The plan, run locally (its emitted state machine on aws-local-stepfunctions,
// its generated entry points on the Lambda emulator, S3 hops on s3rver), must
// compute exactly what the reference executor computes on the same input: for
// every fixture's committed plan, and for deployments that force fusion (a
// chain, parallel members, a map inside a group), bundling (map chains with
// different bundle sizes), Distributed maps and S3 passing, which the
// optimizer does not choose yet. One emulator and one S3 server serve the
// whole file; at most 3 invocations run at once so a 2-core host is not
// flooded with cold starts.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { runReference } from '../../../src/runtime/reference-executor.ts';
import { startLocalS3, type LocalS3 } from '../../../src/runtime/local/local-s3.ts';
import { runPlanLocally, type LocalRunResult } from '../../../src/runtime/local/run-plan-locally.ts';
import { forcedPlan } from '../../helpers/forced-plan.ts';
import { projectRoot } from '../../helpers/run-cli.ts';

const runnable = readdirSync(path.join(projectRoot, 'fixtures'))
  .filter((app) => existsSync(path.join(projectRoot, 'fixtures', app, 'handlers')) && existsSync(path.join(projectRoot, 'fixtures', app, 'events', 'input.json')))
  .sort();

const inputOf = (app: string): unknown => JSON.parse(readFileSync(path.join(projectRoot, 'fixtures', app, 'events', 'input.json'), 'utf8'));

describe('a plan run locally computes what the reference executor computes', function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let s3: LocalS3;
  let runs = 0;

  before(async () => {
    emulator = await startEmulator({ port: 0, cpuLimit: 'none' });
    s3 = await startLocalS3('dagc-equivalence');
  });
  after(async () => {
    await emulator?.close();
    await s3?.close();
  });

  async function runBoth(app: string, planDir: string, seed = 0): Promise<{ local: LocalRunResult; reference: Awaited<ReturnType<typeof runReference>> }> {
    runs += 1;
    const input = inputOf(app);
    const local = await runPlanLocally(planDir, { input, seed, emulator, s3, namespace: `r${runs}-`, maxConcurrentInvocations: 3 });
    const reference = await runReference(path.join(projectRoot, 'fixtures', app), input, { seed });
    return { local, reference };
  }

  for (const app of runnable) {
    it(`plans/${app}: the committed plan's result equals the reference run's`, async () => {
      // A GPU step is an AWS Batch job, which no local run can start (DAGC0425): it runs on the emulator instead, the rest as planned.
      const batch = Object.values(JSON.parse(readFileSync(path.join(projectRoot, 'plans', app, 'plan.json'), 'utf8')).functions as Record<string, { batch?: unknown }>).some((f) => f.batch);
      const { local, reference } = await runBoth(app, batch ? await forcedPlan(app, { batchOnLambda: true }) : path.join(projectRoot, 'plans', app));
      assert.deepEqual(local.final, reference.final);
      assert.ok(local.invocations > 0);
      // mapreduce's shuffle is the last reader of map's S3 chunks: it deletes them.
      if (app === 'mapreduce') assert.ok(!local.leftoverKeys.some((k) => k.startsWith('map/')), `left: ${local.leftoverKeys.join(', ')}`);
    });
  }

  it('sebs-excamera: a fused chain of eight steps (one Task) and bundled map chains of different bundle sizes compute the same result', async () => {
    const rebases = Array.from({ length: 8 }, (_, i) => `rebase-0${i}`);
    const dir = await forcedPlan('sebs-excamera', {
      groups: { 'rebase-chain': { steps: rebases, memoryMb: 1024, architecture: 'x86_64' } },
      steps: { encode: { bundleSize: 3 }, reencode: { bundleSize: 4 }, ...Object.fromEntries(rebases.map((s) => [s, { fusionGroup: 'rebase-chain' }])) },
      edges: Object.fromEntries(rebases.slice(1).map((s, i) => [`${rebases[i]}->${s}`, 'in-process'])),
    });
    const definition = readFileSync(path.join(dir, 'statemachine.asl.json'), 'utf8');
    assert.ok(definition.includes('"rebase-chain"') && !definition.includes('"rebase-03"'), 'the group is one Task state and its members have none');
    const { local, reference } = await runBoth('sebs-excamera', dir);
    assert.deepEqual(local.final, reference.final);
    // 8 items in chunks of 3 and of 4, plus split and the one group invocation.
    assert.equal(local.invocations, 1 + 3 + 2 + 1);
  });

  it('tree-reduction: a fusion group of parallel members (two leaves and their reduce) computes the same result', async () => {
    const members = ['leaf-00', 'leaf-01', 'reduce-1-00'];
    const dir = await forcedPlan('tree-reduction', {
      groups: { 'pair-00': { steps: members, memoryMb: 1769, architecture: 'x86_64' } },
      steps: Object.fromEntries(members.map((s) => [s, { fusionGroup: 'pair-00' }])),
      edges: { 'leaf-00->reduce-1-00': 'in-process', 'leaf-01->reduce-1-00': 'in-process' },
    });
    const { local, reference } = await runBoth('tree-reduction', dir);
    assert.deepEqual(local.final, reference.final);
    assert.equal(local.invocations, 127 - 2);
  });

  it('video: a group holding a map step, a Distributed map, inline passing and a warm-up ping compute the same result', async () => {
    const dir = await forcedPlan('video', {
      groups: { 'pair-rebase': { steps: ['pair', 'rebase'], memoryMb: 2048, architecture: 'x86_64' } },
      steps: {
        pair: { fusionGroup: 'pair-rebase' },
        rebase: { fusionGroup: 'pair-rebase' },
        encode: { bundleSize: 4, map: { mode: 'distributed', maxConcurrency: 2 } },
        stitch: { warmedBy: 'split' },
      },
      edges: { 'encode->pair': 'inline', 'pair->rebase': 'in-process' },
    });
    const definition = JSON.parse(readFileSync(path.join(dir, 'statemachine.asl.json'), 'utf8')) as { States: Record<string, { ItemProcessor?: { ProcessorConfig: unknown }; MaxConcurrency?: number }> };
    assert.deepEqual(definition.States.encode!.ItemProcessor!.ProcessorConfig, { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
    assert.equal(definition.States.encode!.MaxConcurrency, 2);
    const { local, reference } = await runBoth('video', dir);
    assert.deepEqual(local.final, reference.final);
    assert.equal(local.invocations, 1 + 4 + 1 + 1);
    // split's Lambda pinged stitch's when it started, so stitch's first real invocation found a warm environment.
    assert.equal(local.timeline.find((row) => row.state === 'stitch')?.cold, false);
  });

  it('ml-pipeline: the Choice state takes the reference run\'s branch for seeds that take either branch, with featurize bundled by 4', async () => {
    const dir = await forcedPlan('ml-pipeline', { steps: { featurize: { bundleSize: 4 } } });
    const taken = new Set<string>();
    for (const seed of [0, 1]) {
      const { local, reference } = await runBoth('ml-pipeline', dir, seed);
      assert.deepEqual(local.final, reference.final, `seed ${seed}`);
      const ran = local.timeline.map((row) => row.state);
      assert.equal(ran.includes('retrain'), reference.branches.gate === 'retrain', `seed ${seed}: branch`);
      taken.add(reference.branches.gate!);
    }
    assert.deepEqual([...taken].sort(), ['retrain', 'reuse'], 'the seeds exercise both branches');
  });
});
