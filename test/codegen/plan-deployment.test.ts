// A plan read back: the Deployment it chose, refused when the app's functions changed since (DAGC0304),
// and the functions whose profile bytes changed named. Each case is the committed plans/video plan,
// copied into a temporary folder (its appFile re-pointed at fixtures/video) and edited by hand.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deploymentOfPlan, loadPlannedApp } from '../../src/codegen/plan-deployment.ts';
import type { Plan } from '../../src/codegen/plan.ts';
import { DagcUserError } from '../../src/diagnostics/diagnostic.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const committedPlan = (): Plan => JSON.parse(readFileSync(path.join(projectRoot, 'plans', 'video', 'plan.json'), 'utf8')) as Plan;

/** Writes the plan into a fresh folder, appFile pointing at fixtures/video/app.yaml; returns the folder. */
function planFolder(edit: (plan: Plan) => void = () => {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dagc-planned-'));
  const plan = committedPlan();
  plan.appFile = path.relative(dir, path.join(projectRoot, 'fixtures', 'video', 'app.yaml'));
  edit(plan);
  writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
  return dir;
}

describe('a plan read back as a deployment', () => {
  it('loads the app the plan names and the deployment it chose, with no profile changed', () => {
    const planned = loadPlannedApp(planFolder());
    assert.equal(planned.ir.name, 'video');
    assert.deepEqual([...planned.ir.functions.keys()], ['encode', 'pair', 'rebase', 'split', 'stitch']);
    // What the committed plan.json says (read here as raw JSON, not through the module under test).
    const raw = committedPlan();
    assert.deepEqual(planned.deployment.functions.encode, { memoryMb: raw.functions.encode!.memoryMb, architecture: raw.functions.encode!.architecture });
    assert.deepEqual(planned.deployment.steps, raw.steps);
    assert.equal(planned.deployment.orchestration, 'express');
    assert.deepEqual(planned.changedProfiles, []);
    assert.equal(path.basename(planned.planFile), 'plan.json');
  });

  it('refuses a plan whose app no longer declares a function it sized, or declares one it did not (DAGC0304)', () => {
    const stale = (edit: (plan: Plan) => void): string => {
      try {
        loadPlannedApp(planFolder(edit));
      } catch (error) {
        assert.ok(error instanceof DagcUserError);
        assert.equal(error.diagnostics[0]!.code, 'DAGC0304');
        return error.diagnostics[0]!.message;
      }
      assert.fail('the stale plan was loaded');
    };
    assert.match(stale((plan) => { plan.functions.ghost = plan.functions.pair!; }), /the plan names 'ghost', which the app no longer declares$/);
    assert.match(stale((plan) => { delete plan.functions.pair; }), /the app declares 'pair', which the plan does not size$/);
    const both = stale((plan) => { plan.functions.ghost = plan.functions.pair!; delete plan.functions.pair; });
    assert.match(both, /names 'ghost'.*; the app declares 'pair'/);
  });

  it('names, sorted, the functions whose profile bytes differ from the plan\'s or whose profile cannot be read', () => {
    const planned = loadPlannedApp(planFolder((plan) => {
      for (const entry of plan.profiles) if (entry.function === 'stitch' || entry.function === 'encode') entry.sha256 = '0'.repeat(64);
    }));
    assert.deepEqual(planned.changedProfiles, ['encode', 'stitch']);
    const missing = loadPlannedApp(planFolder((plan) => {
      plan.profiles.push({ ...plan.profiles[0]!, function: 'absent' });
    }));
    assert.deepEqual(missing.changedProfiles, ['absent']);
  });

  it('copies what the plan chose: arm64 or x86_64, a Batch job, steps, edges, groups, orchestration, and shares nothing with it', () => {
    const plan = committedPlan();
    plan.functions.encode!.architecture = 'arm64';
    plan.functions.pair!.batch = { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } as never;
    plan.groups = { g: { steps: ['pair', 'rebase'], memoryMb: 2048, architecture: 'arm64' } } as Plan['groups'];
    // A step setting of its own (the committed plan's steps change with the model: it may have none).
    plan.steps = { ...plan.steps, encode: { bundleSize: 8 } } as Plan['steps'];
    const deployment = deploymentOfPlan(plan);
    assert.deepEqual(Object.keys(deployment.functions), ['encode', 'pair', 'rebase', 'split', 'stitch']);
    assert.equal(deployment.functions.encode!.architecture, 'arm64');
    assert.equal(deployment.functions.split!.architecture, 'x86_64');
    assert.deepEqual(deployment.functions.pair!.batch, { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 });
    assert.equal(deployment.functions.split!.batch, undefined);
    assert.equal('batch' in deployment.functions.split!, false);
    assert.deepEqual(deployment.groups, plan.groups);
    assert.deepEqual(deployment.edges, plan.edges);
    assert.equal(deployment.orchestration, plan.orchestration);
    // The committed plan's own bundle size (whatever the optimizer chose), then a different one written into the copy.
    const bundleSize = plan.steps.encode!.bundleSize;
    deployment.steps.encode!.bundleSize = (bundleSize ?? 1) + 1;
    deployment.groups!.g!.steps.push('x');
    deployment.functions.pair!.batch!.vcpus = 99;
    assert.equal(plan.steps.encode!.bundleSize, bundleSize);
    assert.deepEqual(plan.groups!.g!.steps, ['pair', 'rebase']);
    assert.equal((plan.functions.pair!.batch as { vcpus: number }).vcpus, 4);
    assert.equal('groups' in deploymentOfPlan(committedPlan()), false);
  });
});
