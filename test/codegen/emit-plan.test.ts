// dagc emit's writer: everything in a plan folder but plan.json, from the plan (plans/video, loaded as
// the CLI loads it), into a fresh folder.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ASL_FILE, renderDefinition, renderPlan, writeRenderedPlan } from '../../src/codegen/emit-plan.ts';
import { loadPlannedApp } from '../../src/codegen/plan-deployment.ts';
import { projectRoot } from '../helpers/run-cli.ts';
import { pathToFileURL } from 'node:url';
import { runReference } from '../../src/runtime/reference-executor.ts';

/** plans/video's plan.json alone in a fresh folder (appFile re-pointed at fixtures/video), loaded as the CLI loads it. */
function video() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dagc-emit-'));
  const plan = JSON.parse(readFileSync(path.join(projectRoot, 'plans', 'video', 'plan.json'), 'utf8'));
  plan.appFile = path.relative(dir, path.join(projectRoot, 'fixtures', 'video', 'app.yaml'));
  writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
  return { dir, ...loadPlannedApp(dir) };
}

describe('emitting a plan folder', function () {
  this.timeout(120_000);

  it('writes the definition, one entry point per Lambda, the template and the hashes, and lists them sorted', async () => {
    const { dir, ir, deployment } = video();
    const { written, skipped } = await writeRenderedPlan(dir, ir, deployment);
    assert.deepEqual(skipped, []);
    const lambdas = ['encode', 'pair', 'rebase', 'split', 'stitch'];
    assert.deepEqual(written, [...lambdas.map((l) => `functions/${l}/index.mjs`), 'functions/SHA256SUMS', ASL_FILE, 'template.yaml'].sort());
    for (const file of written) assert.ok(existsSync(path.join(dir, file)), file);
    const definition = JSON.parse(readFileSync(path.join(dir, ASL_FILE), 'utf8'));
    assert.deepEqual(definition, renderDefinition(ir, deployment));
    assert.match(readFileSync(path.join(dir, 'functions', 'SHA256SUMS'), 'utf8'), /^[0-9a-f]{64} {2}encode\.zip\n/);
  });

  it('renders entry points that run their step: split\'s returns its output inline and encode\'s chunk list, as the reference run computes', async () => {
    // Run, not compared with the committed bytes: under mutation testing the bundle embeds the instrumented sources.
    const { ir, deployment } = video();
    const { files } = await renderPlan(ir, deployment);
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-entry-'));
    writeFileSync(path.join(dir, 'index.mjs'), files.get('functions/split/index.mjs')!);
    const { handler } = (await import(pathToFileURL(path.join(dir, 'index.mjs')).href)) as { handler: (event: unknown) => Promise<{ out: Record<string, unknown>; sched: Record<string, unknown> }> };
    const input = JSON.parse(readFileSync(path.join(projectRoot, 'fixtures', 'video', 'events', 'input.json'), 'utf8')) as unknown;
    const next = await handler({ unit: 'split', state: { exec: '0', in: { v: input }, out: {}, sched: {} } });
    const reference = await runReference(path.join(projectRoot, 'fixtures', 'video'), input);
    assert.deepEqual(next.out['split'], { v: reference.outputs['split'] });
    const items = (reference.outputs['split'] as { items: unknown[] }).items.length;
    const bundle = deployment.steps['encode']?.bundleSize ?? 1;
    assert.deepEqual(next.sched['encode'], Array.from({ length: Math.ceil(items / bundle) }, (_, c) => Array.from({ length: Math.min(bundle, items - c * bundle) }, (_, i) => c * bundle + i)));
  });

  it('removes the folder of a Lambda the plan no longer has and keeps the others', async () => {
    const { dir, ir, deployment } = video();
    mkdirSync(path.join(dir, 'functions', 'old'), { recursive: true });
    writeFileSync(path.join(dir, 'functions', 'old', 'index.mjs'), 'stale');
    mkdirSync(path.join(dir, 'functions', 'split'), { recursive: true });
    writeFileSync(path.join(dir, 'functions', 'split', 'extra.txt'), 'kept: split is still a Lambda');
    await writeRenderedPlan(dir, ir, deployment);
    assert.equal(existsSync(path.join(dir, 'functions', 'old')), false);
    assert.equal(existsSync(path.join(dir, 'functions', 'split', 'extra.txt')), true);
  });

  it('skips, with a positioned warning, the Lambda of a function without a handler', async () => {
    const { ir, deployment } = video();
    delete ir.functions.get('pair')!.handlerPath;
    const { files, skipped } = await renderPlan(ir, deployment);
    assert.deepEqual(skipped.map((d) => [d.code, d.severity]), [['DAGC0423', 'warning']]);
    assert.match(skipped[0]!.message, /function 'pair' has no handler/);
    assert.equal(skipped[0]!.position?.line, 7);
    assert.deepEqual([...files.keys()].sort(), ['functions/encode/index.mjs', 'functions/rebase/index.mjs', 'functions/split/index.mjs', 'functions/stitch/index.mjs', ASL_FILE]);
  });
});
