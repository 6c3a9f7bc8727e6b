// The Standard plan re-priced as Express when Express's task dispatch is the slower one (a calibration can say so:
// src/model/calibration.ts fits Standard and Express dispatch apart, and nothing makes Express's the faster). The
// re-priced plan then may miss the SLO that the Standard plan met, and is not polished as if it met: it competes
// as it is and loses. A closed-form estimate on a two-step chain whose numbers are worked by hand: each step takes
// 100,000 / memory ms, plus 50 ms of dispatch under Express; it costs memory / 10⁶, plus 10⁻⁴ per step (its
// transitions) under Standard. Issue 26: the survivor memory-sizing.ts:312:24 (the re-priced plan's SLO check).
import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import type { EstimateFn, EstimateSummary } from '../../src/passes/estimator-port.ts';
import { memorySizingPass } from '../../src/passes/memory-sizing.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import { functionInfo, irOf } from '../helpers/ir-builder.ts';

const EXPRESS_DISPATCH_MS = 50;
const STANDARD_STEP_USD = 1e-4;

const estimate: EstimateFn = (ir: IR, d: Deployment): EstimateSummary => {
  let latencyMs = 0;
  let costUsd = 0;
  for (const id of ir.graph.nodes()) {
    const memoryMb = d.functions[id]!.memoryMb;
    latencyMs += 100_000 / memoryMb + (d.orchestration === 'express' ? EXPRESS_DISPATCH_MS : 0);
    costUsd += memoryMb / 1e6 + (d.orchestration === 'standard' ? STANDARD_STEP_USD : 0);
  }
  const l = { p50: latencyMs, p90: latencyMs, p95: latencyMs, p99: latencyMs, max: latencyMs };
  return { latencyMs: l, costUsd, breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
};

/** a → b, each function offered 512 or 1,024 MB only. */
function chain(): IR {
  const ir = irOf({ a: [], b: ['a'] });
  for (const name of ['a', 'b']) ir.functions.set(name, functionInfo(name, { memoryGrid: { kind: 'list', sizesMb: [512, 1024] } }));
  return ir;
}

const close = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

describe('memory sizing pass: the Standard plan re-priced as Express when Express dispatches slower', () => {
  it('lets a re-priced plan that misses the SLO compete unpolished, and keeps the Standard plan', () => {
    // Standard: 512 MB each, 2 × 195.3125 = 390.625 ms ≤ 400, for 2 × (512 / 10⁶ + 10⁻⁴) = 0.001224 — the cheapest.
    // Re-priced as Express: 390.625 + 2 × 50 = 490.625 ms, over 400 (for 0.001024): not polished.
    // Express's own plan: one step at 1,024 MB, 195.3125 + 97.65625 + 100 = 392.96875 ms, for 0.001536.
    const ir = chain();
    const slo: Slo = { percentile: 'p95', latencyMs: 400 };
    const session = new OptimizerSession(new Map(), estimate, slo);
    const result = memorySizingPass(session, undefined, true).run({ ir, deployment: currentDeployment(ir) }, { slo, profiles: new Map(), estimate } as PassContext);
    const repriced = result.decisions.filter((d) => d.chosen.includes('re-priced as Express'));
    assert.equal(repriced.length, 1);
    assert.equal(repriced[0]!.chosen, 'the Standard plan that meets the SLO, re-priced as Express, competed as an Express plan');
    assert.equal(repriced[0]!.numbers.polishedCostUsd, undefined);
    close(repriced[0]!.numbers.standardCostUsd, 0.001224, 'Standard cost');
    close(repriced[0]!.numbers.asExpressCostUsd, 0.001024, 'cost as Express');
    close(repriced[0]!.numbers.asExpressLatencyMs, 490.625, 'latency as Express');
    // The Standard plan wins: the re-priced one misses, Express's own costs more.
    const orchestration = result.decisions[0]!;
    assert.match(orchestration.chosen, /^standard workflow/);
    const rejected = Object.fromEntries(orchestration.rejected.map((r) => [r.option, r]));
    assert.deepEqual(Object.keys(rejected).sort(), ['express', 'express (re-priced from Standard)']);
    assert.equal(rejected['express (re-priced from Standard)']!.reason, 'misses the SLO');
    close(rejected['express (re-priced from Standard)']!.numbers?.latencyMs, 490.625, 'the re-priced candidate');
    close(rejected['express']!.numbers?.costUsd, 0.001536, "Express's own plan");
    assert.equal(result.deployment.orchestration, 'standard');
    assert.deepEqual([result.deployment.functions['a']!.memoryMb, result.deployment.functions['b']!.memoryMb], [512, 512]);
  });
});
