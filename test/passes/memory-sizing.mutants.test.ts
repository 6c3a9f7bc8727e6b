// Tests from the mutation run's survivors in memory-sizing.ts (issue 26): the pass on small hand-built IRs with a
// closed-form estimate whose numbers can be worked out by hand — each step takes stepMs(memory) ms and costs
// memory / 10⁶ (plus, under Standard, a transition price per step; under Express, a price per ms of the run) —
// so that which plan is kept, which orchestration types are sized, which candidates compete and what the
// decision log says are checked against hand-worked numbers: the fastest plan when nothing meets the SLO, the
// large-workflow shortcuts (the fastest plan checked first, the pilot estimate), shared functions, the
// orchestration search on workflows too large to size twice, the Standard plan re-priced as Express, greedy
// beside the frontier, and the per-function log past 500 functions.
import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import type { EstimateFn, EstimateSummary } from '../../src/passes/estimator-port.ts';
import { estimateBudget, memorySizingPass } from '../../src/passes/memory-sizing.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import type { PassContext } from '../../src/passes/pass.ts';
import type { StructuralOptions } from '../../src/passes/structural-options.ts';
import { functionInfo, irOf } from '../helpers/ir-builder.ts';

interface Toy {
  /** One step's latency at a memory size (the default: 100,000 / memory). */
  stepMs?: (memoryMb: number) => number;
  /** Per step under Standard (its state transitions); 10⁻⁴ unless said. */
  standardStepUsd?: number;
  /** Per ms of the whole run under Express (its duration bill); 0 unless said. */
  expressUsdPerMs?: number;
  /** Added to an estimate of more than one step: what the one-step probes behind the surrogate do not see. */
  wholeExtraMs?: number;
}

/** A closed-form estimate: a chain's latency is the sum of its steps' (parallel steps are not used here). */
function toyEstimate(toy: Toy = {}): EstimateFn {
  const stepMs = toy.stepMs ?? ((m: number) => 100_000 / m);
  return (ir: IR, d: Deployment): EstimateSummary => {
    let latencyMs = ir.graph.nodeCount() > 1 ? (toy.wholeExtraMs ?? 0) : 0;
    let costUsd = 0;
    for (const id of ir.graph.nodes()) {
      const node = ir.graph.node(id) as { functionName?: string };
      if (!node.functionName) continue;
      const memoryMb = d.functions[node.functionName]!.memoryMb;
      latencyMs += stepMs(memoryMb);
      costUsd += memoryMb / 1e6 + (d.orchestration === 'standard' ? (toy.standardStepUsd ?? 1e-4) : 0);
    }
    if (d.orchestration === 'express') costUsd += (toy.expressUsdPerMs ?? 0) * latencyMs;
    const l = { p50: latencyMs, p90: latencyMs, p95: latencyMs, p99: latencyMs, max: latencyMs };
    return { latencyMs: l, costUsd, breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
  };
}

interface SizeOptions {
  orchestrations?: boolean;
  toy?: Toy;
  estimate?: EstimateFn;
  deployment?: Deployment;
  structure?: StructuralOptions;
}

function size(ir: IR, sloMs: number, o: SizeOptions = {}) {
  const slo: Slo = { percentile: 'p95', latencyMs: sloMs };
  const session = new OptimizerSession(new Map(), o.estimate ?? toyEstimate(o.toy), slo);
  const pass = memorySizingPass(session, o.structure, o.orchestrations ?? false);
  const result = pass.run({ ir, deployment: o.deployment ?? currentDeployment(ir) }, { slo, profiles: new Map(), estimate: session.estimate } as PassContext);
  return { result, session, pass };
}

const memories = (d: Deployment) => Object.fromEntries(Object.entries(d.functions).map(([fn, c]) => [fn, c.memoryMb]));
/** The workflow-level entries (not one function's) all name the app as their subject. */
function assertAppSubjects(decisions: ReadonlyArray<{ subject: string }>, functions: readonly string[]): void {
  for (const d of decisions) assert.ok(d.subject === 'app' || functions.includes(d.subject), `subject '${d.subject}'`);
}
/** Leaf probes: one one-step estimate per step and option (17 options on the default grid). */
const GRID = 17;
/** A map this wide makes a two-step workflow's size (V + E + width) large enough for the budget wanted. */
const wideChain = (width: number) => irOf({ m: [], b: ['m'] }, { m: { map: { kind: 'fixed', width } } });

describe('memory sizing pass (mutation survivors)', () => {
  it('sizes under every orchestration type unless told otherwise', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const slo: Slo = { percentile: 'p95', latencyMs: 400 };
    const session = new OptimizerSession(new Map(), toyEstimate(), slo);
    const result = memorySizingPass(session).run({ ir, deployment: currentDeployment(ir) }, { slo, profiles: new Map(), estimate: session.estimate } as PassContext);
    assert.equal(result.decisions[0]!.pass, 'orchestration');
    assert.equal(result.deployment.orchestration, 'express');
  });

  it('names what it decides in its summary', () => {
    const { pass } = size(irOf({ a: [] }), 1000);
    assert.match(pass.summary, /memory size and architecture per function/);
    assert.match(pass.summary, /orchestration type/);
  });

  it('keeps the first of equally fast options as the fastest plan, and logs every missed check with its numbers', () => {
    // Steps speed up to 2,048 MB (48.8 ms) and no further: 50 ms flat from 2,048 on (100,000 / m capped below at
    // 50 ms would give 48.8 at 2,048; here the floor is 50 ms for every size ≥ 2,000). The SLO, 60 ms, is below
    // the 100 ms the two steps need at best, so the fastest plan is kept: 2,048 MB each, the cheapest of the fastest.
    const ir = irOf({ a: [], b: ['a'] });
    const { result, session } = size(ir, 60, { toy: { stepMs: (m) => Math.max(100_000 / m, 50) } });
    assert.deepEqual(memories(result.deployment), { a: 2048, b: 2048 });
    assert.ok(session.sizing!.fastest);
    assert.deepEqual(memories(session.sizing!.fastest.deployment), { a: 2048, b: 2048 });
    const missed = result.decisions.filter((d) => d.chosen === 'candidate misses the SLO in the whole-workflow estimate');
    assert.equal(missed.length, session.sizing!.checks.length);
    assert.ok(missed.length > 0);
    session.sizing!.checks.forEach((c, i) => {
      assert.deepEqual(missed[i]!.numbers, { surrogateLatencyMs: Number(c.surrogateLatencyMs.toPrecision(10)), estimatedLatencyMs: Number(c.summary.latencyMs.p95.toPrecision(10)), costUsd: Number(c.summary.costUsd.toPrecision(10)) });
      assert.ok(c.summary.latencyMs.p95 > 60);
    });
    const last = result.decisions.find((d) => d.kind === 'missed')!;
    assert.equal(last.chosen, 'no plan meets p95 ≤ 60 ms; keeping the fastest plan found');
    assert.equal(last.numbers.fastestLatencyMs, 100);
    assertAppSubjects(result.decisions, ['a', 'b']);
  });

  it('keeps a checked plan as the fastest when the whole-workflow estimate finds it faster than every step at its fastest option', () => {
    // One-step probes see 100,000 / m (fastest at 10,240 MB); the whole workflow also pays 0.05 ms per MB over
    // 2,048 on each step (contention the probes miss). All at 10,240: 2 × (9.77 + 409.6) = 838.7 ms; the whole
    // workflow is fastest at 2,048 MB each (97.7 ms), over the 90 ms SLO. The surrogate's pick within 90 ms (memory
    // over 2,048 on some step) is checked and misses, as does the plan at 10,240 — and the pick is the faster, so it
    // is kept as the fastest plan.
    const ir = irOf({ a: [], b: ['a'] });
    const estimate: EstimateFn = (i, d) => {
      const base = toyEstimate()(i, d);
      if (i.graph.nodeCount() < 2) return base;
      let extra = 0;
      for (const c of Object.values(d.functions)) extra += 0.05 * Math.max(0, c.memoryMb - 2048);
      const ms = base.latencyMs.p95 + extra;
      return { ...base, latencyMs: { p50: ms, p90: ms, p95: ms, p99: ms, max: ms } };
    };
    const { result, session } = size(ir, 90, { estimate });
    const fastest = session.sizing!.fastest!;
    const checked = session.sizing!.checks.map((c) => c.summary.latencyMs.p95);
    assert.ok(checked.length >= 2);
    assert.equal(fastest.summary.latencyMs.p95, Math.min(...checked, 2 * (100_000 / 10_240 + 0.05 * (10_240 - 2048))));
    assert.ok(fastest.summary.latencyMs.p95 < 2 * (100_000 / 10_240 + 0.05 * (10_240 - 2048)));
    assert.deepEqual(result.deployment, fastest.deployment);
  });

  it('logs the functions shared by several steps, and nothing of the kind when no function is shared', () => {
    // a runs twice (a, b), c twice (c, d): both shared, listed by name.
    const shared = size(irOf({ a: [], b: ['a'], c: ['b'], d: ['c'] }, { b: { functionName: 'a' }, d: { functionName: 'c' } }), 800);
    const entry = shared.result.decisions.find((d) => d.chosen.startsWith('functions shared by several steps'));
    assert.ok(entry);
    assert.match(entry.chosen, /^functions shared by several steps get one configuration each, fixed by [a-z ]+: a, c$/);
    assert.equal(entry.subject, 'app');
    // Four steps within 800 ms: 512 MB each (781.25 ms) is the cheapest.
    assert.deepEqual(memories(shared.result.deployment), { a: 512, c: 512 });
    const alone = size(irOf({ a: [], b: ['a'] }), 400);
    assert.ok(!alone.result.decisions.some((d) => d.chosen.startsWith('functions shared')));
  });

  it('logs each function with the cheaper options polish tried and turned down', () => {
    // a → b within 400 ms at 512 MB each: 256 MB for either takes 586 ms, and polish turns it down.
    const { result } = size(irOf({ a: [], b: ['a'] }), 400);
    const a = result.decisions.find((d) => d.subject === 'a')!;
    assert.equal(a.chosen, '512 MB on x86_64');
    assert.ok(a.rejected.some((r) => r.option === '256 MB on x86_64'), JSON.stringify(a.rejected));
  });

  it('logs a function no step runs with no step latency, on a plan that meets and on the fastest plan', () => {
    for (const sloMs of [400, 10]) {
      const ir = irOf({ a: [], b: ['a'] });
      ir.functions.set('idle', functionInfo('idle'));
      const { result } = size(ir, sloMs);
      const idle = result.decisions.find((d) => d.subject === 'idle')!;
      assert.equal(idle.numbers.stepLatencyMs, 0);
      assert.equal(idle.numbers.stepCostUsd, 0);
    }
  });

  it('refuses an IR that is not series-parallel when no structure pass ran', () => {
    // a → c ← b → d: the N shape, no series-parallel decomposition.
    const ir = irOf({ a: [], b: [], c: ['a', 'b'], d: ['b'] });
    assert.throws(() => size(ir, 1000), /memory-sizing needs a series-parallel IR: run the structure pass first/);
  });

  it('runs greedy beside the frontier only on workflows with the full estimate budget', () => {
    // A map 1,000 wide: size 1,003, a budget of 59 estimates, one short of the full 60.
    const ir = wideChain(1000);
    assert.equal(estimateBudget(1003), 59);
    const { result } = size(ir, 400);
    assert.ok(result.decisions.some((d) => d.chosen === 'frontier, then polish'));
    assert.ok(!result.decisions.some((d) => /greedy/.test(d.chosen)));
  });

  it('keeps greedy\'s plan when it is cheaper and meets the SLO, at the bound included', () => {
    // The whole-workflow estimate of both steps at 128 MB is exactly the SLO, 400 ms (a saving the one-step probes
    // cannot see: each probe takes 781 ms at 128 MB). Medians are a tenth of the percentiles, so greedy, which starts
    // at the cheapest sizes and estimates once the path of medians fits, keeps 128 MB; the frontier, ranked by the
    // probes, never checks it.
    const ir = irOf({ a: [], b: ['a'] });
    const estimate: EstimateFn = (i, d) => {
      const base = toyEstimate()(i, d);
      const allSmall = i.graph.nodeCount() > 1 && Object.values(d.functions).every((c) => c.memoryMb === 128);
      const ms = allSmall ? 400 : base.latencyMs.p95;
      return { ...base, latencyMs: { p50: ms / 10, p90: ms, p95: ms, p99: ms, max: ms } };
    };
    const { result } = size(ir, 400, { estimate });
    const greedy = result.decisions.find((d) => /^greedy on the critical path/.test(d.chosen))!;
    assert.equal(greedy.chosen, 'greedy on the critical path found a cheaper plan that meets the SLO: kept instead');
    assert.equal(greedy.kind, 'passed');
    assert.equal(greedy.subject, 'app');
    assert.equal(greedy.numbers.greedyLatencyMs, 400);
    assert.equal(greedy.numbers.greedyCostUsd, 2 * (128 / 1e6 + 1e-4));
    assert.ok(greedy.numbers.frontierCostUsd! > greedy.numbers.greedyCostUsd!);
    assert.deepEqual(memories(result.deployment), { a: 128, b: 128 });
  });

  it('keeps the frontier\'s plan when greedy finds the same one, at the same cost', () => {
    const { result } = size(irOf({ a: [], b: ['a'] }), 400);
    const greedy = result.decisions.find((d) => /^greedy on the critical path/.test(d.chosen))!;
    assert.equal(greedy.chosen, 'greedy on the critical path, run beside the frontier, found no cheaper plan that meets the SLO');
    assert.equal(greedy.kind, 'analysis');
    assert.equal(greedy.numbers.greedyCostUsd, greedy.numbers.frontierCostUsd);
  });

  it('spends on polish what the estimate budget leaves after the checks, less one', () => {
    // m (a map 5,600 wide) then five more steps: size 5,611, a budget of 10 estimates. The surrogate is exact here, so
    // polish finds nothing cheaper, but it would try more moves than the budget allows: it spends all it is given.
    const ir = irOf({ m: [], f1: ['m'], f2: ['f1'], f3: ['f2'], f4: ['f3'], f5: ['f4'] }, { m: { map: { kind: 'fixed', width: 5600 } } });
    assert.equal(estimateBudget(5611), 10);
    const { result, session } = size(ir, 6 * 150);
    const polish = result.decisions.find((d) => d.chosen === 'frontier, then polish')!;
    assert.equal(polish.subject, 'app');
    assert.equal(polish.numbers.polishEstimates, 10 - session.sizing!.checks.length - 1);
  });

  it('climbs greedy again when the same pass sizes the same workflow for another SLO', () => {
    const ir = irOf({ a: [], b: ['a'] });
    const estimate = toyEstimate();
    const run = (pass: ReturnType<typeof memorySizingPass>, session: OptimizerSession, sloMs: number) => {
      const slo: Slo = { percentile: 'p95', latencyMs: sloMs };
      return pass.run({ ir, deployment: currentDeployment(ir) }, { slo, profiles: new Map(), estimate: session.estimate } as PassContext);
    };
    const session = new OptimizerSession(new Map(), estimate, { percentile: 'p95', latencyMs: 400 });
    const pass = memorySizingPass(session, undefined, false);
    run(pass, session, 400);
    const second = run(pass, session, 250);
    const greedy = second.decisions.find((d) => /^greedy on the critical path/.test(d.chosen))!;
    assert.ok(greedy.numbers.greedyLatencyMs! <= 250, `greedy climbed for 250 ms: ${greedy.numbers.greedyLatencyMs}`);
    const fresh = new OptimizerSession(new Map(), estimate, { percentile: 'p95', latencyMs: 250 });
    const alone = run(memorySizingPass(fresh, undefined, false), fresh, 250).decisions.find((d) => /^greedy on the critical path/.test(d.chosen))!;
    assert.deepEqual(greedy.numbers, alone.numbers);
  });
});

describe('memory sizing pass with structural options (mutation survivors)', () => {
  it('searches the frontier over a map\'s bundles: its first whole-workflow check already bundles the map', () => {
    // a → m, m a map of 8 items. A bundle of b items runs them one after another (b × 100,000 / memory ms) and saves
    // requests: m costs 8 × memory / 10⁶ + (8 / b) × 10⁻⁴ $. Within 2,000 ms bundling is the cheaper way.
    const ir = irOf({ a: [], m: ['a'] }, { m: { map: { kind: 'fixed', width: 8 } } });
    const estimate: EstimateFn = (i, d) => {
      let latencyMs = 0;
      let costUsd = 0;
      for (const id of i.graph.nodes()) {
        const node = i.graph.node(id) as { functionName?: string; kind: string };
        if (!node.functionName) continue;
        const memoryMb = d.functions[node.functionName]!.memoryMb;
        const bundle = node.kind === 'map' ? (d.steps[id]?.bundleSize ?? 1) : 1;
        latencyMs += (bundle * 100_000) / memoryMb;
        costUsd += node.kind === 'map' ? (8 * memoryMb) / 1e6 + (8 / bundle) * 1e-4 : memoryMb / 1e6 + 1e-4;
      }
      return { latencyMs: { p50: latencyMs, p90: latencyMs, p95: latencyMs, p99: latencyMs, max: latencyMs }, costUsd, breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
    };
    const { result, session } = size(ir, 2000, { estimate, structure: { fusion: false, bundling: true, distributedMaps: false } });
    assert.ok((session.sizing!.checks[0]!.deployment.steps['m']?.bundleSize ?? 1) > 1, JSON.stringify(session.sizing!.checks[0]!.deployment.steps));
    assert.ok((result.deployment.steps['m']?.bundleSize ?? 1) > 1);
  });
});

describe('memory sizing pass on large workflows (mutation survivors)', () => {
  it('checks the fastest plan before composing only when every step at its fastest misses the SLO in the surrogate', () => {
    // A map 20,000 wide: a budget of 3, two checks. Every step at 10,240 MB: 2 × 9.77 = 19.53 ms, within 25 ms.
    const ir = wideChain(20_000);
    const { result, session } = size(ir, 25);
    assert.equal(session.sizing!.method, 'frontier');
    assert.ok(!result.decisions.some((d) => d.kind === 'missed'));
    // Only the leaf probes and the frontier's own checks were estimated: no separate check of the fastest plan.
    const fastestMemories = JSON.stringify({ m: 10_240, b: 10_240 });
    assert.ok(!session.sizing!.checks.some((c) => JSON.stringify(memories(c.deployment)) === fastestMemories), 'the search itself did not check the fastest plan');
    assert.equal(session.estimates(), 2 * GRID + session.sizing!.checks.length);
  });

  it('composes the frontier when the surrogate\'s floor equals the SLO, even if the fastest plan then misses', () => {
    // Every step at 10,240 MB: exactly 19.53125 ms in the surrogate; the whole workflow adds 1 ms the probes miss.
    const ir = wideChain(20_000);
    const { result, session } = size(ir, 2 * (100_000 / 10_240), { toy: { wholeExtraMs: 1 } });
    assert.equal(session.sizing!.method, 'frontier');
    assert.ok(!result.decisions.some((d) => d.chosen.startsWith('large workflow: every step at its fastest option already misses')));
  });

  it('composes the frontier when the fastest plan meets the SLO though the surrogate\'s floor misses it', () => {
    // Every step at 10,240 MB: 19.53 ms in the surrogate, over the 15 ms SLO; the whole workflow takes 5 ms less
    // than its steps added (14.53 ms): the fastest plan meets, so the frontier is searched, not slack allotment.
    const { session } = size(wideChain(20_000), 15, { toy: { wholeExtraMs: -5 } });
    assert.equal(session.sizing!.method, 'frontier');
  });

  it('spends one whole-workflow estimate, on the fastest plan, when even it misses the SLO', () => {
    const ir = wideChain(20_000);
    const { result, session } = size(ir, 10);
    assert.equal(session.sizing!.method, 'fastest plan');
    assert.equal(session.estimates(), 2 * GRID + 1);
    assert.equal(result.decisions[0]!.subject, 'app');
    assert.equal(result.decisions[0]!.numbers.surrogateFloorMs, 2 * (100_000 / 10_240));
  });

  it('logs where a pilot estimate placed the search: at the surrogate\'s pick when it measured no gap', () => {
    const ir = wideChain(20_000);
    const estimate = toyEstimate();
    estimate.pilot = (i, d) => estimate(i, d);
    const { result, session } = size(ir, 25, { estimate });
    assert.equal(session.pilots(), 1);
    const entry = result.decisions.find((d) => d.chosen.includes('pilot estimate'))!;
    assert.equal(entry.chosen, 'large workflow: a pilot estimate of the surrogate\'s pick found no gap to correct; the search starts there');
    assert.equal(entry.subject, 'app');
    assert.equal(entry.numbers.gapMs, 0);
    assert.equal(entry.numbers.pilotSamples, 256);
    assert.equal(entry.numbers.marginShare, 0.005);
    assert.equal(entry.numbers.pilotLatencyMs, entry.numbers.surrogateLatencyMs);
    assert.equal(entry.numbers.targetSurrogateMs, entry.numbers.surrogateLatencyMs);
  });

  it('logs where a pilot estimate placed the search: below the SLO by the gap it measured and a margin', () => {
    // The whole workflow takes 3 ms more than the surrogate says; the pilot sees it.
    const ir = wideChain(20_000);
    const estimate = toyEstimate({ wholeExtraMs: 3 });
    estimate.pilot = (i, d) => estimate(i, d);
    const { result } = size(ir, 25, { estimate });
    const entry = result.decisions.find((d) => d.chosen.includes('pilot estimate'))!;
    assert.equal(entry.chosen, 'large workflow: a pilot estimate of the surrogate\'s pick measured the surrogate\'s gap; the search starts at the cheapest point within the SLO less that gap and a margin');
    assert.equal(entry.numbers.gapMs, 3);
    assert.equal(entry.numbers.pilotLatencyMs, entry.numbers.surrogateLatencyMs! + 3);
    assert.equal(entry.numbers.targetSurrogateMs, 25 - 3 - 0.005 * 25);
  });
});

describe('memory sizing pass: orchestration types (mutation survivors)', () => {
  it('on a small workflow sizes under Express and Standard, and re-prices the Standard plan that meets as Express, polished', () => {
    const { result } = size(irOf({ a: [], b: ['a'] }), 400, { orchestrations: true });
    const orchestration = result.decisions[0]!;
    // Express's own plan and the re-priced one cost the same: Express's own, sized first, is kept.
    assert.match(orchestration.chosen, /^express workflow/);
    assert.deepEqual(orchestration.rejected.map((r) => r.option), ['standard']);
    const repriced = result.decisions.filter((d) => d.chosen.includes('re-priced as Express'));
    assert.equal(repriced.length, 1);
    assert.equal(repriced[0]!.chosen, 'the Standard plan that meets the SLO, re-priced as Express and polished by Express\'s prices, competed as an Express plan');
    assert.equal(repriced[0]!.subject, 'app');
    assertAppSubjects(result.decisions, ['a', 'b']);
  });

  it('re-prices a Standard plan that meets the SLO exactly', () => {
    // 512 MB each: 2 × 195.3125 = 390.625 ms, exactly the SLO.
    const { result } = size(irOf({ a: [], b: ['a'] }), 390.625, { orchestrations: true });
    const repriced = result.decisions.filter((d) => d.chosen.includes('re-priced as Express'));
    assert.equal(repriced.length, 1);
    assert.match(repriced[0]!.chosen, /and polished by Express's prices/);
  });

  it('re-prices no plan when none meets the SLO', () => {
    const { result } = size(irOf({ a: [], b: ['a'] }), 10, { orchestrations: true });
    assert.ok(!result.decisions.some((d) => d.chosen.includes('re-priced as Express')));
    assert.deepEqual(result.decisions[0]!.rejected.map((r) => r.option), ['standard']);
  });

  it('re-prices no Standard plan that would overrun Express\'s five minutes', () => {
    // Each step 400,000,000 / m ms: at 10,240 MB two steps take 78 s; at 512 MB 1,562 s, over Express's 300 s.
    // Within 2,000 s the cheapest is 512 MB each; Express's own plan (the same) does not fit either.
    const { result } = size(irOf({ a: [], b: ['a'] }), 2_000_000, { orchestrations: true, toy: { stepMs: (m) => 400_000_000 / m } });
    assert.equal(result.deployment.orchestration, 'standard');
    assert.ok(!result.decisions.some((d) => d.chosen.includes('re-priced as Express')));
  });

  it('sizes memory alone beside the structural search where estimates are cheap, and names each candidate by its origin', () => {
    // Express bills 10⁻⁶ $ per ms of the run, Standard 10⁻⁴ a step: Standard wins, and every Express candidate is listed.
    const off: StructuralOptions = { fusion: false, bundling: false, distributedMaps: false };
    const { result } = size(irOf({ a: [], b: ['a'] }), 400, { orchestrations: true, structure: off, toy: { expressUsdPerMs: 1e-6 } });
    const orchestration = result.decisions[0]!;
    assert.match(orchestration.chosen, /^standard workflow/);
    assert.deepEqual(orchestration.rejected.map((r) => r.option).sort(), [
      'express (memory alone, re-priced from Standard)',
      'express (structural search)',
      'express (structural search, re-priced from Standard)',
    ]);
    const repriced = result.decisions.filter((d) => d.chosen.includes('re-priced as Express')).map((d) => d.chosen).sort();
    assert.deepEqual(repriced, [
      'the Standard plan (memory alone) that meets the SLO, re-priced as Express and polished by Express\'s prices, competed as an Express plan',
      'the Standard plan (structural search) that meets the SLO, re-priced as Express and polished by Express\'s prices, competed as an Express plan',
    ]);
  });

  it('sizes no memory-alone competitor without structural options', () => {
    const { result } = size(irOf({ a: [], b: ['a'] }), 400, { orchestrations: true, toy: { expressUsdPerMs: 1e-6 } });
    assert.deepEqual(result.decisions[0]!.rejected.map((r) => r.option).sort(), ['express', 'express (re-priced from Standard)']);
  });

  it('on a mid-size workflow does not size under Standard when the Express plan re-priced as Standard costs more, and says so', () => {
    // A map 2,000 wide: a budget of 29 (not the full 60, not large). Standard adds 10⁻⁴ a step.
    const { result } = size(wideChain(2000), 400, { orchestrations: true });
    const entry = result.decisions.find((d) => d.chosen === 'not sized under Standard: the Express plan re-priced as Standard costs more')!;
    assert.ok(entry);
    assert.equal(entry.subject, 'app');
    assert.ok(Math.abs(entry.numbers.asStandardCostUsd! - entry.numbers.expressCostUsd! - 2e-4) < 1e-12);
    assert.equal(result.deployment.orchestration, 'express');
    assert.deepEqual(result.decisions[0]!.rejected, []);
  });

  it('on a mid-size workflow does not size under Standard when it would cost the same', () => {
    const { result } = size(wideChain(2000), 400, { orchestrations: true, toy: { standardStepUsd: 0 } });
    const entry = result.decisions.find((d) => d.chosen.startsWith('not sized under Standard'))!;
    assert.equal(entry.numbers.asStandardCostUsd, entry.numbers.expressCostUsd);
    assert.deepEqual(result.decisions[0]!.rejected, []);
  });

  it('on a mid-size workflow sizes under Standard too when the Express plan re-priced as Standard is cheaper, and re-prices Standard\'s plan unpolished', () => {
    // Express bills 10⁻⁶ $ per ms of the run (≈ 4·10⁻⁴ $ at 400 ms); Standard 10⁻⁴ a step: Standard is cheaper.
    const { result } = size(wideChain(2000), 400, { orchestrations: true, toy: { expressUsdPerMs: 1e-6 } });
    assert.equal(result.deployment.orchestration, 'standard');
    assert.ok(!result.decisions.some((d) => d.chosen.startsWith('not sized under Standard')));
    const repriced = result.decisions.filter((d) => d.chosen.includes('re-priced as Express'));
    assert.equal(repriced.length, 1);
    assert.equal(repriced[0]!.chosen, 'the Standard plan that meets the SLO, re-priced as Express, competed as an Express plan');
    assert.equal(repriced[0]!.numbers.polishedCostUsd, undefined);
    assert.deepEqual(result.decisions[0]!.rejected.map((r) => r.option).sort(), ['express', 'express (re-priced from Standard)']);
  });

  it('on a large workflow sizes under Express alone when its plan fits, without weighing Standard', () => {
    // A map 13,000 wide: size 13,003, a budget of 4 estimates — two checks, the large-workflow mode.
    assert.equal(estimateBudget(13_003), 4);
    const { result } = size(wideChain(13_000), 400, { orchestrations: true });
    assert.equal(result.deployment.orchestration, 'express');
    assert.ok(!result.decisions.some((d) => d.chosen.startsWith('not sized under Standard')));
    assert.deepEqual(result.decisions[0]!.rejected, []);
  });
});

describe('memory sizing pass: the per-function log past 500 functions (mutation survivors)', () => {
  /** A chain of n functions, each offered one size only (its grid), so the plan is known: f0 at 2,048 MB, f1 at 512, the rest at 1,024. */
  function chain(n: number): IR {
    const needs: Record<string, string[]> = {};
    for (let i = 0; i < n; i += 1) needs[`f${String(i).padStart(3, '0')}`] = i === 0 ? [] : [`f${String(i - 1).padStart(3, '0')}`];
    const ir = irOf(needs);
    const grids = [2048, 512];
    [...ir.functions.keys()].forEach((name, i) => {
      ir.functions.set(name, functionInfo(name, { memoryGrid: { kind: 'list', sizesMb: [grids[i] ?? 1024] } }));
    });
    return ir;
  }

  it('logs one entry per function up to 500 functions', () => {
    const { result } = size(chain(500), 1e9);
    assert.equal(result.decisions.filter((d) => d.subject.startsWith('f')).length, 500);
  });

  it('past 500 functions logs one summary counting the functions changed and those given more memory', () => {
    const ir = chain(501);
    // f002 keeps 1,024 MB but today runs on arm64, which its spec no longer offers: changed, not more memory.
    const deployment = currentDeployment(ir);
    deployment.functions['f002'] = { ...deployment.functions['f002']!, architecture: 'arm64' };
    const { result } = size(ir, 1e9, { deployment });
    assert.equal(result.decisions.filter((d) => d.subject.startsWith('f')).length, 0);
    const summary = result.decisions.find((d) => d.numbers.functions !== undefined)!;
    assert.equal(summary.subject, 'app');
    assert.equal(summary.kind, 'passed');
    assert.equal(summary.chosen, '501 functions sized; each function\'s choice is in the plan\'s functions (per-function entries are logged up to 500 functions)');
    assert.deepEqual(summary.numbers, { functions: 501, changed: 3, moreMemory: 1 });
  });
});
