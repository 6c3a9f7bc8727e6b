import assert from 'node:assert/strict';
import { currentDeployment } from '../../src/ir/deployment.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { structurePass, STRUCTURE } from '../../src/passes/structure.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

const SLO: Slo = { percentile: 'p95', latencyMs: 1000 };

/** Every step takes its serialMs at any memory. */
function sessionFor(serial: Record<string, number>): OptimizerSession {
  const profiles = new Map(Object.entries(serial).map(([fn, serialMs]) => [fn, profileOf(fn, { x86_64: { serialMs, parallelMs: 0 } })]));
  return new OptimizerSession(profiles, closedFormEstimator(profiles), SLO);
}

function run(ir: IR, session: OptimizerSession) {
  const deployment = currentDeployment(ir);
  const result = structurePass(session).run({ ir, deployment }, {} as PassContext);
  assert.equal(result.deployment, deployment);
  return result;
}

describe('structure pass', () => {
  it('passes a series-parallel DAG as written, saying so, and records its tree with no joins', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
    const session = sessionFor({ a: 1, b: 1, c: 1, d: 1 });
    const result = run(ir, session);
    assert.equal(result.ir.graph.edgeCount(), 4);
    assert.deepEqual(result.decisions.map((d) => [d.pass, d.kind, d.chosen, d.numbers]), [[STRUCTURE, 'passed', 'the DAG is series-parallel: emitted as written', { steps: 4 }]]);
    assert.deepEqual(session.structure!.joins, []);
    assert.ok(session.structure!.tree);
  });

  it('stages a DAG that is not series-parallel and logs the joins, edges and critical path before and after', () => {
    // The N: a → c, a → d, b → d. Staged: {a, b} → join → {c, d}.
    const ir = irOf({ a: [], b: [], c: ['a'], d: ['a', 'b'] });
    const session = sessionFor({ a: 100, b: 300, c: 200, d: 50 });
    const result = run(ir, session);
    assert.notEqual(result.ir, ir);
    assert.equal(session.structure!.joins.length, 1);
    const [decision, ...rest] = result.decisions;
    assert.equal(rest.length, 0);
    assert.equal(decision!.kind, 'analysis');
    assert.equal(decision!.chosen, 'staged the DAG into a series of parallel stages for Step Functions, a join between consecutive stages');
    // Before: the longest of a c (300), a d (150), b d (350); after: max(a, b) + max(c, d) = 500.
    assert.deepEqual(decision!.numbers, {
      criticalPathAfterMs: 500,
      criticalPathBeforeMs: 350,
      edgesAfter: result.ir.graph.edgeCount(),
      edgesBefore: 3,
      joins: 1,
      stretchPct: Number(((100 * 150) / 350).toPrecision(10)),
    });
    assert.ok(result.ir.graph.edgeCount() > 3);
  });

  it('reports no stretch when the workflow takes no time at all', () => {
    const ir = irOf({ a: [], b: [], c: ['a'], d: ['a', 'b'] });
    const result = run(ir, sessionFor({ a: 0, b: 0, c: 0, d: 0 }));
    assert.equal(result.decisions[0]!.numbers.stretchPct, 0);
    assert.equal(result.decisions[0]!.numbers.criticalPathBeforeMs, 0);
  });
});
