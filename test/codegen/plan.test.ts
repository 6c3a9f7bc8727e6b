import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPlan, planSchemaErrors } from '../../src/codegen/plan.ts';
import { stableStringify } from '../../src/model/stable-json.ts';
import { optimize } from '../../src/passes/optimize.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

function samplePlan() {
  const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
  ir.slo = { percentile: 'p95', latencyMs: 2500 };
  const curve = (s: number) => ({ serialMs: s, parallelMs: 12 * s, maxUsefulVcpu: 2, footprintMb: 90 });
  const profiles = new Map(['a', 'b', 'c', 'd'].map((f, i) => [f, profileOf(f, { x86_64: curve(30 + 20 * i) })]));
  const estimate = closedFormEstimator(profiles);
  const result = optimize(ir, profiles, { slo: ir.slo, estimate });
  return buildPlan({
    result,
    appFile: '../../fixtures/x/app.yaml',
    estimator: { method: 'closed-form', samples: 1, seed: 1 },
    profiles: new Map([...profiles].map(([fn, profile]) => [fn, { profile, bytes: JSON.stringify(profile) }])),
  });
}

describe('plan.json', () => {
  it('validates against its schema', () => {
    assert.deepEqual(planSchemaErrors(JSON.parse(stableStringify(samplePlan()))), []);
  });

  it("records the dagc release that wrote it (package.json's version), and a plan without it still validates", () => {
    const plan = JSON.parse(stableStringify(samplePlan()));
    const packageVersion = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version;
    assert.equal(plan.dagcVersion, packageVersion);
    delete plan.dagcVersion;
    assert.deepEqual(planSchemaErrors(plan), []);
    plan.dagcVersion = '';
    assert.ok(planSchemaErrors(plan).some((p) => p.startsWith('/dagcVersion')));
  });

  it('is byte-identical across runs', () => {
    assert.equal(stableStringify(samplePlan()), stableStringify(samplePlan()));
  });

  it('rejects a plan with an absolute app path or a memory Lambda does not have', () => {
    const plan = JSON.parse(stableStringify(samplePlan()));
    plan.appFile = '/home/me/app.yaml';
    plan.functions.a.memoryMb = 20_000;
    const problems = planSchemaErrors(plan);
    assert.ok(problems.some((p) => p.startsWith('/appFile')));
    assert.ok(problems.some((p) => p.startsWith('/functions/a/memoryMb')));
  });

  it('sorts keys and rounds numbers so float noise cannot change the bytes', () => {
    assert.equal(stableStringify({ b: 0.1 + 0.2, a: [3, 1] }), '{\n  "a": [\n    3,\n    1\n  ],\n  "b": 0.3\n}\n');
  });

  it('is explained by dagc explain, and a non-plan is exit 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-plan-'));
    writeFileSync(path.join(dir, 'plan.json'), stableStringify(samplePlan()));
    const explained = runCli(['explain', dir]);
    assert.equal(explained.status, 0, explained.stderr);
    assert.match(explained.stdout, /\[memory-sizing\]/);
    assert.match(explained.stdout, /passed +a: /);
    writeFileSync(path.join(dir, 'bad.json'), '{"schemaVersion": 7}');
    const bad = runCli(['explain', path.join(dir, 'bad.json')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /DAGC0303/);
  });
});
