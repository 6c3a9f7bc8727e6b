// Memory/vCPU sizing pass: one configuration (memory × architecture) per
// function, the cheapest plan whose whole-workflow estimate meets the SLO.
// Method: frontier search (frontier-sizing.ts); when the frontier does not
// fit its work budget at any ε, slack allotment with a searched target
// (slack-sizing.ts), logged as such. Then a downward polish (polish.ts), and
// greedy on the critical path beside it as a fallback (the cheaper wins).
// When nothing meets the SLO, the fastest plan found is kept and the
// optimizer reports the SLO as infeasible.
// Estimates: the whole-workflow estimate is the expensive call (samples ×
// (V + E + widths)), so the pass spends at most estimateBudget(size) of them;
// small apps get dozens, a 10k-step workflow a handful.
import { leafArrays } from './leaf-model.ts';
import { greedyCriticalPath } from '../baselines/greedy-critical-path.ts';
import { deploymentWith, optionLabel } from './function-options.ts';
import { criticalPathLengthMs } from '../ir/critical-path.ts';
import { decompose } from '../ir/decompose.ts';
import type { Deployment } from '../ir/deployment.ts';
import type { IR } from '../ir/types.ts';
import { DecisionLog } from './decision-log.ts';
import { latencyAt, type EstimateSummary } from './estimator-port.ts';
import { checkAssignment, frontierSizing, PILOT_MARGIN, type CheckedPlan, type SizingContext } from './frontier-sizing.ts';
import type { IrAnalysis, OptimizerSession } from './optimizer-session.ts';
import type { Pass, PassContext, PassResult, PassState } from './pass.ts';
import { chooseOrchestration, fitsExpress, ORCHESTRATION, orchestrationCandidates, type SizedUnder } from './orchestration.ts';
import { mapVariants, type StructuralOptions } from './structural-options.ts';
import { recordStructure } from './structure-log.ts';
import { polishDownward } from './polish.ts';
import { slackSizing } from './slack-sizing.ts';
import type { ConfigurationOption } from './strategy.ts';

export const MEMORY_SIZING = 'memory-sizing';
/** Whole-workflow estimate work (estimate size units) the pass may spend; see estimateBudget. */
const ESTIMATE_WORK = 60_000;
const MIN_ESTIMATES = 3;
const MAX_ESTIMATES = 60;
/** A workflow whose estimate budget allows this many frontier checks or fewer is sized in large-workflow mode (docs/optimizer.md, Scale). */
export const LARGE_WORKFLOW_CHECKS = 2;
/** Past this many functions the log summarises the per-function choices instead of one entry each (the log stays bounded). */
export const MAX_FUNCTION_DECISIONS = 500;

/** Whole-workflow estimates allowed for a workflow of this size (V + E + Σ map widths). */
export function estimateBudget(size: number): number {
  return Math.max(MIN_ESTIMATES, Math.min(MAX_ESTIMATES, Math.floor(ESTIMATE_WORK / Math.max(size, 1))));
}

/**
 * structure: the structural options joined to the frontier (map variants, fusion); absent for memory
 * only. orchestrations: size under each allowed type and keep the cheapest (orchestration.ts); false
 * keeps the deployment's own type.
 */
export function memorySizingPass(session: OptimizerSession, structureOption?: StructuralOptions, orchestrations = true): Pass {
  /** Greedy on the critical path, climbed once per run (see below). */
  let greedyRun: { ir: IR; slo: PassContext['slo']; result: ReturnType<typeof greedyCriticalPath> } | undefined;
  /**
   * Sizes under the deployment's orchestration. `start`: no search — this plan (one that meets the SLO) is polished,
   * set beside greedy and recorded as the search's pick would be (the Standard plan re-priced as Express, which
   * Standard's polish moved by Standard's prices; greedy's climb is the run's one). `structure`: the structural
   * options to search with; null searches memory alone (not undefined, which the default parameter would turn back
   * into the pass's options: the memory-only competitor below then sized with them).
   */
  const sizeOnce = (state: PassState, context: PassContext, structure: StructuralOptions | null = structureOption ?? null, start?: { deployment: Deployment; summary: EstimateSummary }): PassResult => {
      const log = new DecisionLog(MEMORY_SIZING);
      const { ir } = state;
      const analysis = session.analysis(ir, state.deployment);
      const budget = estimateBudget(analysis.size);
      const tree = session.structure?.tree ?? decomposedTree(ir);
      const ctx: SizingContext = {
        ir,
        tree,
        options: analysis.options,
        leaves: analysis.leaves,
        slo: context.slo,
        estimate: session.estimate,
        base: state.deployment,
        maxChecks: Math.max(2, Math.ceil(budget / 2)),
        ...(structure ? { structure } : {}),
      };
      // Each function at its fastest option: what is achievable when nothing meets the SLO.
      let fastestMemo: Map<string, ConfigurationOption> | undefined;
      const fastestAssignment = (): Map<string, ConfigurationOption> => {
        if (fastestMemo) return fastestMemo;
        fastestMemo = new Map<string, ConfigurationOption>();
        for (const [fn, list] of analysis.options) {
          const steps = analysis.steps.get(fn) ?? [];
          const totalMs = (o: ConfigurationOption) => steps.reduce((sum, s) => sum + analysis.leaves.leaf(s, o).latencyMs, 0);
          fastestMemo.set(fn, list.reduce((a, b) => (totalMs(b) < totalMs(a) ? b : a)));
        }
        return fastestMemo;
      };
      // Large workflows (two checks at most): when the surrogate finds nothing within the SLO, check the fastest plan first.
      // Not with map variants on the leaves: the fastest memory-only plan says nothing of a Distributed Map's or a bundle's speed.
      const variantsOnLeaves = structure !== null && analysis.leaves.variants === true;
      if (ctx.maxChecks <= LARGE_WORKFLOW_CHECKS && !variantsOnLeaves) ctx.fastestFirst = fastestAssignment;
      const checks: CheckedPlan[] = [];
      let best: CheckedPlan | undefined;
      let method: string;
      let frontier: NonNullable<typeof session.sizing>['frontier'] = [];
      // Large workflows: when even every step at its fastest option misses the SLO in the surrogate (a lower
      // bound on every frontier point's), the search would check the fastest plan first and stop there if it
      // misses; check it before composing anything, and compose only when it meets.
      const surrogateFloorMs = ctx.fastestFirst ? fastestSurrogateMs(ir, analysis) : 0;
      const hopeless = ctx.fastestFirst && surrogateFloorMs > context.slo.latencyMs ? checkAssignment(ctx, fastestAssignment(), 0) : undefined;
      const sized = start || (hopeless && !hopeless.meetsSlo) ? undefined : frontierSizing(ctx);
      if (start) {
        method = 'the Standard plan re-priced as Express';
        best = { assignment: new Map(), deployment: start.deployment, summary: start.summary, surrogateLatencyMs: 0, meetsSlo: true };
      } else if (hopeless && !hopeless.meetsSlo) {
        method = 'fastest plan';
        checks.push(hopeless);
        log.record('missed', 'app', 'large workflow: every step at its fastest option already misses the SLO in the surrogate, and the fastest plan misses it in the whole-workflow estimate; no frontier composed', {
          surrogateFloorMs,
          steps: ir.graph.nodeCount(),
        });
      } else if (sized) {
        method = 'frontier';
        frontier = sized.frontier;
        checks.push(...sized.checks);
        best = sized.best;
        log.record('analysis', 'app', `frontier search over ${analysis.leaves.method} leaves`, {
          frontierPoints: sized.frontier.length,
          epsilon: sized.epsilon,
          sharedFunctions: sized.sharedFunctions.length,
          fixings: sized.fixings,
        });
        if (sized.pilot) {
          const { pilot } = sized;
          log.record('analysis', 'app', pilot.startIndex === pilot.pickIndex
            ? 'large workflow: a pilot estimate of the surrogate\'s pick found no gap to correct; the search starts there'
            : 'large workflow: a pilot estimate of the surrogate\'s pick measured the surrogate\'s gap; the search starts at the cheapest point within the SLO less that gap and a margin', {
            pilotSamples: pilot.samples,
            surrogateLatencyMs: pilot.surrogateLatencyMs,
            pilotLatencyMs: pilot.pilotLatencyMs,
            pilotHighMs: pilot.pilotHighMs,
            gapMs: pilot.gapMs,
            targetSurrogateMs: pilot.targetMs,
            marginShare: PILOT_MARGIN,
          });
        }
        if (sized.sharedFunctions.length > 0) {
          log.record('analysis', 'app', `functions shared by several steps get one configuration each, fixed by ${sized.fixingMethod}: ${sized.sharedFunctions.join(', ')}`);
        }
      } else {
        method = 'slack allotment';
        log.record('missed', 'app', 'the frontier does not fit its work budget at any ε grid: sized by slack allotment with a searched target instead', { steps: ir.graph.nodeCount() });
        const slack = slackSizing(ctx, analysis.steps, analysis.todayLatencyMs);
        checks.push(...slack.checks);
        best = slack.best;
      }
      for (const c of checks) {
        log.record('analysis', 'app', c.meetsSlo ? 'candidate meets the SLO in the whole-workflow estimate' : 'candidate misses the SLO in the whole-workflow estimate', {
          surrogateLatencyMs: c.surrogateLatencyMs,
          estimatedLatencyMs: latencyAt(c.summary, context.slo.percentile),
          costUsd: c.summary.costUsd,
        });
      }

      // The fastest plan, each function at its fastest option: what is achievable when nothing meets the SLO.
      let fastest: CheckedPlan | undefined;
      if (!best) {
        fastest = checkAssignment(ctx, fastestAssignment(), 0);
        for (const c of checks) if (latencyAt(c.summary, context.slo.percentile) < latencyAt(fastest.summary, context.slo.percentile)) fastest = c;
        if (fastest.meetsSlo) best = fastest;
      }

      let deployment = (best ?? fastest)!.deployment;
      if (best) {
        // Large workflows: a polish estimate moves one function of thousands (a saving of a fraction of a
        // percent at best) for the price of a whole-workflow estimate, the biggest cost of the run: none.
        const polishEstimates = ctx.fastestFirst ? 0 : Math.max(0, budget - checks.length - 1);
        const polished = polishDownward(
          { ir, slo: context.slo, estimate: session.estimate, leaves: analysis.leaves, options: analysis.options, steps: analysis.steps, maxEstimates: polishEstimates, ...(variantsOnLeaves ? { variants: (step: string) => mapVariants(ir, step, state.deployment.orchestration, structure!) } : {}) },
          best.deployment,
          best.summary,
          log,
        );
        deployment = polished.deployment;
        log.record('analysis', 'app', `${method}, then polish`, {
          polishMoves: polished.moves,
          polishEstimates: polished.estimates,
          costBeforePolishUsd: best.summary.costUsd,
          costUsd: polished.summary.costUsd,
        });
        // The frontier ranks points by a surrogate latency; where its error varies along the frontier (wide maps,
        // staged stages) it can rank a dearer plan first. Greedy on the critical path climbs by the estimate
        // itself, so it is run beside it (design.md: the baselines stay as fallbacks) and the cheaper plan that
        // meets the SLO is kept. Only where whole-workflow estimates are cheap (the full estimate budget): greedy
        // probes every step × option and spends a whole-workflow estimate per raise — 10 s on a 1k-step workflow.
        if (budget >= MAX_ESTIMATES) {
          // Greedy sizes memory alone from today's settings, whatever this sizing's orchestration: its plan is the same
          // for every sizing of this run, so it is climbed once (its one-step probes are new IRs, which the session's
          // memo does not keep across, so each climb cost its probes again).
          if (greedyRun?.ir !== ir || greedyRun.slo !== context.slo) greedyRun = { ir, slo: context.slo, result: greedyCriticalPath({ ir, profiles: session.profiles, slo: context.slo, estimate: session.estimate }) };
          const greedy = greedyRun.result;
          // Greedy sizes memory only, from today's settings: its sizes go onto this run's base (orchestration, data
          // passing, Batch jobs stay), and that plan is what is judged.
          const greedyFunctions: typeof state.deployment.functions = {};
          for (const [fn, config] of Object.entries(greedy.deployment.functions)) greedyFunctions[fn] = state.deployment.functions[fn]?.batch ? state.deployment.functions[fn]! : { ...state.deployment.functions[fn], ...config };
          const greedyDeployment = { ...state.deployment, functions: greedyFunctions };
          const greedySummary = session.estimate(ir, greedyDeployment);
          const greedyMeets = latencyAt(greedySummary, context.slo.percentile) <= context.slo.latencyMs;
          const cheaper = greedyMeets && greedySummary.costUsd < polished.summary.costUsd;
          log.record(cheaper ? 'passed' : 'analysis', 'app', cheaper ? 'greedy on the critical path found a cheaper plan that meets the SLO: kept instead' : 'greedy on the critical path, run beside the frontier, found no cheaper plan that meets the SLO', {
            greedyLatencyMs: latencyAt(greedySummary, context.slo.percentile),
            greedyCostUsd: greedySummary.costUsd,
            frontierCostUsd: polished.summary.costUsd,
          });
          if (cheaper) deployment = greedyDeployment;
        }
        recordFunctions((fn) => polished.rejected.get(fn) ?? []);
        if (structure) recordStructure(log, ir, deployment, analysis.leaves, structure, session.estimate.calibration);
      } else {
        log.record('missed', 'app', `no plan meets ${context.slo.percentile} ≤ ${context.slo.latencyMs} ms; keeping the fastest plan found`, {
          fastestLatencyMs: latencyAt(fastest!.summary, context.slo.percentile),
          fastestCostUsd: fastest!.summary.costUsd,
        });
        recordFunctions(() => []);
      }
      session.sizing = fastest ? { method, frontier, checks, fastest } : { method, frontier, checks };
      return { ir, deployment: deploymentWith(ir, new Map(), deployment), decisions: log.list() };

      /** One entry per function, or past MAX_FUNCTION_DECISIONS one summary: plan.json lists every function's choice anyway. */
      function recordFunctions(rejectedOf: (fn: string) => Parameters<DecisionLog['record']>[4]): void {
        const names = [...analysis.options.keys()].sort();
        if (names.length <= MAX_FUNCTION_DECISIONS) {
          for (const fn of names) recordFunction(fn, rejectedOf(fn));
          return;
        }
        let changed = 0;
        let moreMemory = 0;
        for (const fn of names) {
          const chosen = deployment.functions[fn]!;
          const today = state.deployment.functions[fn]!;
          if (chosen.memoryMb !== today.memoryMb || chosen.architecture !== today.architecture) changed += 1;
          if (chosen.memoryMb > today.memoryMb) moreMemory += 1;
        }
        log.record('passed', 'app', `${names.length} functions sized; each function's choice is in the plan's functions (per-function entries are logged up to ${MAX_FUNCTION_DECISIONS} functions)`, {
          functions: names.length,
          changed,
          moreMemory,
        });
      }

      function recordFunction(fn: string, rejected: Parameters<DecisionLog['record']>[4]): void {
        const chosen = deployment.functions[fn]!;
        const today = state.deployment.functions[fn]!;
        const steps = analysis.steps.get(fn) ?? [];
        const leaves = steps.map((s) => analysis.leaves.leaf(s, chosen));
        log.record('passed', fn, optionLabel(chosen), {
          todayMemoryMb: today.memoryMb,
          chosenMemoryMb: chosen.memoryMb,
          stepLatencyMs: leaves.reduce((sum, l) => sum + l.latencyMs, 0),
          stepCostUsd: leaves.reduce((sum, l) => sum + l.costUsd, 0),
          optionsConsidered: analysis.options.get(fn)!.length,
        }, rejected);
      }
  };
  return {
    name: MEMORY_SIZING,
    summary: 'one memory size and architecture per function, with bundles, map modes, fusion and the orchestration type: the cheapest plan on the cost–latency frontier that meets the SLO',
    run(state, context) {
      if (!orchestrations) return sizeOnce(state, context);
      const log = new DecisionLog(ORCHESTRATION);
      const { candidates, expressExcluded } = orchestrationCandidates(state.ir, state.deployment);
      const budget = estimateBudget(session.analysis(state.ir, state.deployment).size);
      const large = budget / 2 <= LARGE_WORKFLOW_CHECKS;
      // Small workflows (the full estimate budget): every candidate type is sized. Larger ones size under
      // Standard only when the Express plan, re-priced as Standard, would cost less (a long workflow with few
      // transitions) — one estimate instead of a second search.
      const cheap = budget >= MAX_ESTIMATES;
      const sized: Array<SizedUnder<{ result: PassResult; sizing: OptimizerSession['sizing']; structure: StructuralOptions | null }>> = [];
      for (const orchestration of candidates) {
        const result = sizeOnce({ ir: state.ir, deployment: { ...state.deployment, orchestration } }, context);
        const summary = session.estimate(result.ir, result.deployment);
        sized.push({ orchestration, summary, payload: { result, sizing: session.sizing, structure: structureOption ?? null }, ...(structureOption ? { origin: 'structural search' } : {}) });
        if (cheap || orchestration !== 'express' || !fitsExpress(summary)) continue;
        // Express is no slower than Standard (only billed differently): when its plan misses the SLO, Standard's would too.
        if (large) break;
        const asStandard = session.estimate(result.ir, { ...result.deployment, orchestration: 'standard' });
        if (asStandard.costUsd >= summary.costUsd) {
          log.record('analysis', 'app', 'not sized under Standard: the Express plan re-priced as Standard costs more', { expressCostUsd: summary.costUsd, asStandardCostUsd: asStandard.costUsd });
          break;
        }
      }
      // Where estimates are cheap, memory alone under the last type is sized too and competes: the structural
      // options widen the frontier, and its surrogate can then rank a plan first that the estimate rejects, so
      // the plain search keeps dagc never dearer than sizing alone.
      if (structureOption && cheap) {
        const orchestration = candidates[candidates.length - 1]!;
        const result = sizeOnce({ ir: state.ir, deployment: { ...state.deployment, orchestration } }, context, null);
        sized.push({ orchestration, summary: session.estimate(result.ir, result.deployment), payload: { result, sizing: session.sizing, structure: null }, origin: 'memory alone' });
      }
      // Express is no slower than Standard (only billed differently): a plan sized under Standard that meets the
      // SLO, re-priced as Express, is an Express candidate too — one estimate. Express's own search can miss where
      // Standard's meets (free transitions rank other bundles and memory first on its frontier; video at 3 s missed
      // by 1 % and fell back to Standard at twice the price).
      const repriced: Array<{ from: string | undefined; numbers: Record<string, number> }> = [];
      if (candidates.includes('express')) {
        for (const s of [...sized]) {
          if (s.orchestration !== 'standard' || latencyAt(s.summary, context.slo.percentile) > context.slo.latencyMs) continue;
          const deployment = { ...s.payload.result.deployment, orchestration: 'express' as const };
          const summary = session.estimate(s.payload.result.ir, deployment);
          if (!fitsExpress(summary)) continue;
          const numbers: Record<string, number> = { standardCostUsd: s.summary.costUsd, asExpressCostUsd: summary.costUsd, asExpressLatencyMs: latencyAt(summary, context.slo.percentile) };
          const candidate = { orchestration: 'express' as const, origin: repricedOrigin(s.origin) };
          // Standard's polish moved it by Standard's prices (transitions): polished again by Express's, where estimates
          // are cheap (sebs-1000-genome at 2 s: $113.86 → $109.26 per 1M, the exhaustive optimum's plan). With the run's
          // structural options, the memory-alone plan too: under Standard a bundle saved transitions its plan could not
          // afford in latency, under Express it saves requests and cold starts that another step's memory can pay for
          // (video at 3 s: $123.15 → $119.26 per 1M in sample, the exhaustive optimum's plan).
          const polishStructure = s.payload.structure ?? structureOption ?? null;
          const payload = { sizing: s.payload.sizing, structure: polishStructure };
          if (cheap && latencyAt(summary, context.slo.percentile) <= context.slo.latencyMs) {
            const result = sizeOnce({ ir: s.payload.result.ir, deployment: { ...state.deployment, orchestration: 'express' } }, context, polishStructure, { deployment, summary });
            const polished = session.estimate(result.ir, result.deployment);
            repriced.push({ from: s.origin, numbers: { ...numbers, polishedCostUsd: polished.costUsd, polishedLatencyMs: latencyAt(polished, context.slo.percentile) } });
            sized.push({ ...candidate, summary: polished, payload: { ...payload, result } });
          } else {
            repriced.push({ from: s.origin, numbers });
            sized.push({ ...candidate, summary, payload: { ...payload, result: { ...s.payload.result, deployment } } });
          }
        }
      }
      const chosen = chooseOrchestration(sized, context.slo, log, expressExcluded);
      for (const { from, numbers } of repriced) {
        const which = `the Standard plan${from ? ` (${from})` : ''} that meets the SLO`;
        log.record('analysis', 'app', numbers['polishedCostUsd'] === undefined ? `${which}, re-priced as Express, competed as an Express plan` : `${which}, re-priced as Express and polished by Express's prices, competed as an Express plan`, numbers);
      }
      session.sizing = chosen.payload.sizing;
      return { ...chosen.payload.result, decisions: [...log.list(), ...chosen.payload.result.decisions] };
    },
  };
}

/** The surrogate's lower bound: the longest path with every step at its fastest option's leaf latency. */
function fastestSurrogateMs(ir: IR, analysis: IrAnalysis): number {
  const fastest = new Map<string, number>();
  for (const [fn, steps] of analysis.steps) {
    const options = analysis.options.get(fn)!;
    for (const step of steps) {
      let fastestMs = Infinity;
      // Indexed: for-of over a typed array makes an iterator result per element wherever V8 has not optimized the loop.
      const latencyMs = leafArrays(analysis.leaves, step, options).latencyMs;
      for (let k = 0; k < latencyMs.length; k += 1) fastestMs = Math.min(fastestMs, latencyMs[k]!);
      fastest.set(step, fastestMs);
    }
  }
  return criticalPathLengthMs(ir, (step) => fastest.get(step) ?? 0);
}

function decomposedTree(ir: Parameters<typeof decompose>[0]) {
  const result = decompose(ir);
  if (!result.ok) throw new Error('memory-sizing needs a series-parallel IR: run the structure pass first');
  return result.tree;
}

/** How a Standard plan re-priced as Express is named among the orchestration candidates. */
function repricedOrigin(standardOrigin: string | undefined): string {
  return standardOrigin ? `${standardOrigin}, re-priced from Standard` : 're-priced from Standard';
}
