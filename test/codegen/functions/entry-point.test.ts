// Every generated entry point is a self-contained module that imports, answers
// a warm-up ping without running anything, and — called as Step Functions
// would call it — runs its step with the reference executor's semantics.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runReference } from '../../../src/runtime/reference-executor.ts';
import type { StateBag } from '../../../src/runtime/lambda/state-bag.ts';
import { projectRoot } from '../../helpers/run-cli.ts';

type EntryHandler = (event: unknown) => Promise<unknown>;

const entryPoints = readdirSync(path.join(projectRoot, 'plans'))
  .flatMap((app) => {
    const dir = path.join(projectRoot, 'plans', app, 'functions');
    // functions/ also holds SHA256SUMS (src/codegen/package): the entry points are the folders.
    return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort().map((fn) => path.join('plans', app, 'functions', fn, 'index.mjs')) : [];
  })
  .sort();

describe('generated entry points', () => {
  it('exist for every committed plan with handlers', () => {
    assert.ok(entryPoints.length >= 30, `${entryPoints.length} entry points`);
  });

  for (const file of entryPoints) {
    it(`${file} imports, exports handler, and answers a warm-up ping at once`, async () => {
      const module = (await import(pathToFileURL(path.join(projectRoot, file)).href)) as { handler?: EntryHandler };
      assert.equal(typeof module.handler, 'function');
      const key = (await module.handler!({ dagcWarmup: true })) as { warmed: string };
      assert.equal(typeof key.warmed, 'string');
    });
  }

  it("plans/video's split entry point returns the next state: split's output inline and encode's chunk list", async () => {
    const input = JSON.parse(readFileSync(path.join(projectRoot, 'fixtures/video/events/input.json'), 'utf8')) as unknown;
    const { handler } = (await import(pathToFileURL(path.join(projectRoot, 'plans/video/functions/split/index.mjs')).href)) as { handler: EntryHandler };
    const state: StateBag = { exec: '0', in: { v: input }, out: {}, sched: {} };
    const next = (await handler({ unit: 'split', state })) as StateBag;
    const reference = await runReference(path.join(projectRoot, 'fixtures/video'), input);
    assert.deepEqual(next.out.split, { v: reference.outputs.split });
    // encode's chunk list: the items in chunks of the plan's bundle size.
    const items = (reference.outputs.split as { items: unknown[] }).items.length;
    const plan = JSON.parse(readFileSync(path.join(projectRoot, 'plans/video/plan.json'), 'utf8')) as { steps: Record<string, { bundleSize?: number }> };
    const bundle = plan.steps['encode']?.bundleSize ?? 1;
    assert.deepEqual(next.sched.encode, Array.from({ length: Math.ceil(items / bundle) }, (_, c) => Array.from({ length: Math.min(bundle, items - c * bundle) }, (_, i) => c * bundle + i)));
  });

  it('a unit the Lambda does not run is an error naming it', async () => {
    const { handler } = (await import(pathToFileURL(path.join(projectRoot, 'plans/video/functions/split/index.mjs')).href)) as { handler: EntryHandler };
    await assert.rejects(handler({ unit: 'stitch', state: { exec: '0', in: { v: {} }, out: {}, sched: {} } }), /does not run 'stitch'/);
  });
});
