// More tests of buildIr (kept apart from build.test.ts so that Stryker's incremental run, which
// treats a changed test file as all its tests changed, re-tests only what these tests cover).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIr } from '../../src/ir/build.ts';
import { loadAppIr } from '../../src/ir/load-app.ts';
import { loadSpec } from '../../src/spec/load.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const fullSample = path.join(projectRoot, 'test/spec/samples/valid-full.yaml');
const loadSample = () => loadAppIr(fullSample);

describe('buildIr (positions, optional parts, order)', () => {
  it('records the source position of a task step and of a map step at their keys', () => {
    const ir = loadSample();
    // valid-full.yaml: the task `split` is line 11 and the map `fixed` line 12, each key at column 3.
    const task = ir.graph.node('split');
    const map = ir.graph.node('fixed');
    assert.equal(task.kind, 'task');
    assert.deepEqual([task.position?.line, task.position?.column], [11, 3]);
    assert.equal(map.kind, 'map');
    assert.deepEqual([map.position?.line, map.position?.column], [12, 3]);
  });

  it('gives an app without an SLO no slo property at all', () => {
    // valid-memory-grid.yaml states no slo.
    const ir = loadAppIr(path.join(projectRoot, 'test/spec/samples/valid-memory-grid.yaml'));
    assert.equal('slo' in ir, false);
    assert.equal('calibration' in ir, false);
    assert.equal('arrivals' in ir, false);
  });

  it('carries the app\'s arrival model and its chosen calibration into the IR', () => {
    // valid-arrivals.yaml: rate 1/min (60 an hour), a burst of 30 every hour, count 3.
    const ir = loadAppIr(path.join(projectRoot, 'test/spec/samples/valid-arrivals.yaml'));
    assert.deepEqual(ir.arrivals, { ratePerHour: 60, burst: { executions: 30, everyMs: 3_600_000, count: 3 } });
    const loaded = loadSpec(fullSample);
    const calibration = { origin: 'test', source: 'hand-made' } as unknown as NonNullable<typeof loaded.calibration>;
    assert.equal(buildIr({ ...loaded, calibration }).calibration, calibration);
  });

  it('keeps a choice\'s branch probabilities in branch-name order whatever the spec\'s order', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-build-'));
    const file = path.join(dir, 'app.yaml');
    writeFileSync(file, [
      'name: order',
      'functions:',
      '  f: { memory: 256 }',
      'steps:',
      '  s: { function: f }',
      '  g: { needs: [s], choice: { zeta: 0.2, alpha: 0.5, mid: 0.3 } }',
      '  zeta: { function: f, needs: [g] }',
      '  alpha: { function: f, needs: [g] }',
      '  mid: { function: f, needs: [g] }',
      '',
    ].join('\n'));
    const gate = loadAppIr(file).graph.node('g');
    assert.ok(gate.kind === 'choice');
    assert.deepEqual(Object.entries(gate.branchProbabilities), [['alpha', 0.5], ['mid', 0.3], ['zeta', 0.2]]);
  });
});
