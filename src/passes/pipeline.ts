// dagc's pass pipeline, in order. Why this order:
//  1. accelerator — first: a GPU function runs as an AWS Batch job, which
//     decides what may be sized (its container keeps its memory) and rules
//     out Express (submitJob.sync) before anything reasons about cost.
//  2. long-steps — refuses a function no Lambda can run within 900 s before
//     any work is spent on a plan that would time out.
//  3. structure — everything after it must reason about the DAG that will
//     actually run: Step Functions cannot emit a DAG that is not
//     series-parallel, and staging one lengthens its critical path, so
//     budgets, curves and estimates computed on the ideal DAG would promise
//     latencies the deployed workflow cannot keep.
//  4. slack-allotment — an analysis of the emitted DAG at today's settings:
//     it shows where the SLO is tight before any decision, and its budgets
//     are what the sizing falls back to on graphs too large for the frontier.
//  5. data-passing — the payload limits force some edges through S3 whatever
//     the memory; deciding them first lets the search price those hops.
//  6. memory-sizing — the pass that spends the SLO, and the one where the
//     money is: memory, bundles, Inline or Distributed Map and fusion are
//     options of one frontier search, run under each allowed orchestration
//     type (Standard, Express), so they are chosen jointly, not one after
//     another (structural-options.ts, orchestration.ts).
//  7. prewarm — where cold starts are frequent (low traffic), warm-up pings
//     or provisioned concurrency, each costed, kept only when cheaper at the
//     SLO; it needs the sized plan to know what a cold start costs.
//  8. data-passing again — fusion merged states (a group receives all its
//     members' inputs in one payload); the limits are re-applied to the
//     emitted states and every edge's mode written, so codegen decides
//     nothing.
// With --strategy <baseline>, that baseline replaces memory-sizing (and the
// structural choices in it) and sees the same DAG, SLO, profiles and estimator.
import type { OptimizerSession } from './optimizer-session.ts';
import type { Pass } from './pass.ts';
import { acceleratorPass } from './accelerator.ts';
import { dataPassingPass } from './data-passing.ts';
import { longStepsPass } from './long-steps.ts';
import { memorySizingPass } from './memory-sizing.ts';
import { prewarmPass } from './prewarm.ts';
import { slackAnalysisPass } from './slack-analysis.ts';
import { strategyPass } from './strategy-pass.ts';
import type { Strategy } from './strategy.ts';
import { structurePass } from './structure.ts';
import { ALL_STRUCTURE, type StructuralOptions } from './structural-options.ts';

/** Which structural decisions the optimizer makes (all by default; the ablation bench turns them off one by one). */
export interface StructuralConfig extends StructuralOptions {
  orchestration: boolean;
  prewarm: boolean;
}

export const ALL_DECISIONS: StructuralConfig = { ...ALL_STRUCTURE, orchestration: true, prewarm: true };

export function optimizerPipeline(session: OptimizerSession, baseline?: { name: string; strategy: Strategy }, config: StructuralConfig = ALL_DECISIONS): Pass[] {
  // Warm-up pings join the frontier with the structural options (chosen with memory); provisioned concurrency stays in the prewarm pass.
  const structural =
    config.fusion || config.bundling || config.distributedMaps || config.prewarm
      ? { fusion: config.fusion, bundling: config.bundling, distributedMaps: config.distributedMaps, ...(config.prewarm ? { pings: true } : {}) }
      : undefined;
  return [
    acceleratorPass,
    longStepsPass,
    structurePass(session),
    slackAnalysisPass(session),
    dataPassingPass(false),
    baseline ? strategyPass(baseline.name, baseline.strategy) : memorySizingPass(session, structural, config.orchestration),
    ...(baseline || !config.prewarm ? [] : [prewarmPass(session)]),
    dataPassingPass(true),
  ];
}
