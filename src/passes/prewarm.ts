// Prewarming (Xanadu, ORION): cold starts are frequent when executions are
// rare (an environment idles out after minutes) and they land on the
// workflow's tail. Two ways to keep them off it, each costed by the
// estimator on the sized plan:
//  - warm-up pings along the path (Xanadu): the entry step's Lambda sends an
//    asynchronous warm-up invoke to every later step's Lambda when the
//    execution starts, so their environments are initialised before they are
//    reached; each ping is a request, and a cold one bills its init — paid in
//    every execution, also for branches a choice then skips;
//  - provisioned concurrency (ORION): environments kept initialised around
//    the clock, sized to what a step runs at once, at the provisioned price
//    per hour spread over the executions of that hour.
// Pings are also offered per step to the frontier search (structural-options.ts),
// so they are chosen with memory where a pinged small size beats a large one;
// this pass then shows those pings against the plan without them and the two
// alternatives. Otherwise both cost more than the plan without them, so they
// are kept only where the sized plan misses the SLO and one of them makes it meet (then each step's
// prewarming is dropped again while the plan still meets, cheapest first);
// otherwise the log shows what each would cost and buy.
// Complexity: 2 + (steps) whole-workflow estimates, only when the plan misses.
import type { Deployment, StepDeployment } from '../ir/deployment.ts';
import { invokesFunction, type IR } from '../ir/types.ts';
import { maxWidth } from '../ir/width.ts';
import { mapConcurrencyLimit } from '../model/platform.ts';
import { DecisionLog } from './decision-log.ts';
import { latencyAt, type EstimateSummary } from './estimator-port.ts';
import type { OptimizerSession } from './optimizer-session.ts';
import type { Pass } from './pass.ts';
import { estimateBudget, LARGE_WORKFLOW_CHECKS } from './memory-sizing.ts';
import { pingingEntry } from './structural-options.ts';

export const PREWARM = 'prewarm';

export function prewarmPass(session: OptimizerSession): Pass {
  return {
    name: PREWARM,
    summary: 'warm-up pings or provisioned concurrency where cold starts keep the plan from its SLO, whichever is cheaper',
    run(state, context) {
      const log = new DecisionLog(PREWARM);
      const { ir } = state;
      const meets = (s: EstimateSummary) => latencyAt(s, context.slo.percentile) <= context.slo.latencyMs;
      const base = state.deployment;
      // A large workflow's whole-workflow estimates are the run's cost; prewarming there is left to the user.
      if (estimateBudget(session.analysis(ir, base).size) / 2 <= LARGE_WORKFLOW_CHECKS) {
        log.record('missed', 'app', 'prewarming not considered: the workflow is large enough that its estimates are reserved for sizing');
        return { ...state, decisions: log.list() };
      }
      const baseSummary = session.estimate(ir, base);
      const pinged = withPings(ir, base);
      const provisioned = withProvisioned(ir, base);
      if (!pinged || !provisioned) {
        log.record('analysis', 'app', 'nothing to prewarm: no step runs after the workflow entry');
        return { ...state, decisions: log.list() };
      }
      const variants = [
        { name: 'warm-up pings from the entry step', deployment: pinged, summary: session.estimate(ir, pinged) },
        { name: 'provisioned concurrency', deployment: provisioned, summary: session.estimate(ir, provisioned) },
      ];
      const numbers = (s: EstimateSummary) => ({ costUsd: s.costUsd, latencyMs: latencyAt(s, context.slo.percentile) });
      const rejected = variants.map((v) => ({ option: v.name, reason: meets(baseSummary) ? 'the plan meets the SLO without it, for less' : meets(v.summary) ? 'dearer' : 'still misses the SLO', numbers: numbers(v.summary) }));
      // Pings the frontier search chose with memory (structural-options.ts): shown against the plan without them and the alternatives.
      const chosenPings = Object.keys(base.steps).filter((id) => base.steps[id]!.warmedBy !== undefined).sort();
      if (meets(baseSummary) && chosenPings.length > 0) {
        const unpinged = withoutPings(base);
        const without = session.estimate(ir, unpinged);
        log.record('passed', 'app', `warm-up pings from ${base.steps[chosenPings[0]!]!.warmedBy} to ${chosenPings.join(', ')}, chosen with memory by the frontier search`, {
          ...numbers(baseSummary),
          withoutLatencyMs: latencyAt(without, context.slo.percentile),
          withoutCostUsd: without.costUsd,
        }, variants.map((v) => ({ option: v.name, reason: v.summary.costUsd > baseSummary.costUsd ? 'dearer' : meets(v.summary) ? 'cheaper in this estimate; the search did not pick it with these sizes' : 'misses the SLO', numbers: numbers(v.summary) })));
        return { ...state, decisions: log.list() };
      }
      if (meets(baseSummary)) {
        log.record('analysis', 'app', 'no prewarming: the sized plan meets the SLO', numbers(baseSummary), rejected);
        return { ...state, decisions: log.list() };
      }
      const winner = variants.filter((v) => meets(v.summary)).sort((a, b) => a.summary.costUsd - b.summary.costUsd)[0];
      if (!winner) {
        log.record('missed', 'app', 'no prewarming makes the plan meet the SLO', numbers(baseSummary), rejected);
        return { ...state, decisions: log.list() };
      }
      let deployment = winner.deployment;
      let summary = winner.summary;
      for (const step of Object.keys(deployment.steps).sort()) {
        const stepDeployment = deployment.steps[step]!;
        if (stepDeployment.warmedBy === undefined && stepDeployment.prewarm === undefined) continue;
        const { warmedBy: _w, prewarm: _p, ...rest } = stepDeployment;
        const trial: Deployment = { ...deployment, steps: { ...deployment.steps, [step]: rest } };
        const trialSummary = session.estimate(ir, trial);
        if (meets(trialSummary) && trialSummary.costUsd < summary.costUsd) {
          deployment = trial;
          summary = trialSummary;
        }
      }
      log.record('passed', 'app', `${winner.name}: the sized plan missed the SLO on cold starts`, { ...numbers(summary), withoutLatencyMs: latencyAt(baseSummary, context.slo.percentile), withoutCostUsd: baseSummary.costUsd }, rejected.filter((r) => r.option !== winner.name));
      return { ir, deployment, decisions: log.list() };
    },
  };
}

/** Every invoking step after the entry warmed by the entry step's ping; undefined when there is no such step. */
function withPings(ir: IR, deployment: Deployment): Deployment | undefined {
  const entry = pingingEntry(ir);
  if (!entry) return undefined;
  const entryGroup = deployment.steps[entry]?.fusionGroup;
  const steps: Record<string, StepDeployment> = { ...deployment.steps };
  let any = false;
  for (const id of [...ir.graph.nodes()].sort()) {
    const node = ir.graph.node(id);
    if (!invokesFunction(node) || id === entry || deployment.functions[node.functionName]?.batch) continue;
    if (entryGroup !== undefined && deployment.steps[id]?.fusionGroup === entryGroup) continue;
    steps[id] = { ...steps[id], warmedBy: entry };
    any = true;
  }
  return any ? { ...deployment, steps } : undefined;
}

/** The deployment with no step warmed by pings. */
function withoutPings(deployment: Deployment): Deployment {
  const steps: Record<string, StepDeployment> = {};
  for (const [id, step] of Object.entries(deployment.steps)) {
    const { warmedBy: _pinged, ...rest } = step;
    steps[id] = rest;
  }
  return { ...deployment, steps };
}

/** Every invoking step with provisioned concurrency for what it runs at once. */
function withProvisioned(ir: IR, deployment: Deployment): Deployment | undefined {
  const steps: Record<string, StepDeployment> = { ...deployment.steps };
  let any = false;
  for (const id of [...ir.graph.nodes()].sort()) {
    const node = ir.graph.node(id);
    if (!invokesFunction(node) || deployment.functions[node.functionName]?.batch) continue;
    const step = steps[id] ?? {};
    const limit = mapConcurrencyLimit(step.map?.mode === 'distributed');
    const atOnce = node.kind === 'map' ? Math.min(Math.ceil(maxWidth(node.width) / (step.bundleSize ?? 1)), node.maxConcurrency > 0 ? node.maxConcurrency : limit, limit) : 1;
    steps[id] = { ...step, prewarm: atOnce };
    any = true;
  }
  return any ? { ...deployment, steps } : undefined;
}
