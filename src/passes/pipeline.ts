// dagc's pass pipeline, in order. Why this order:
//  1. structure — first, because everything after it must reason about the
//     DAG that will actually run: Step Functions cannot emit a DAG that is
//     not series-parallel, and staging one lengthens its critical path, so
//     budgets, curves and estimates computed on the ideal DAG would promise
//     latencies the deployed workflow cannot keep.
//  2. slack-allotment — an analysis of the emitted DAG at today's settings:
//     it shows where the SLO is tight before any decision, and its budgets
//     are what the sizing falls back to on graphs too large for the frontier.
//  3. memory-sizing — last, because it is the pass that spends the SLO: it
//     needs the final structure, and every other choice that changes a
//     step's latency or cost must already be fixed or be one of its options.
//  4. data-passing — the default rule (inline when it fits, else S3) made
//     explicit on every edge, after the structure is final so the edges
//     staging added get a mode too; codegen then decides nothing.
// Fusion, bundling, data passing, prewarming and orchestration will come
// before memory-sizing as options of the same frontier (each leaf's option
// list grows; its cost already includes everything the estimator bills),
// not as passes after it, so that they are chosen jointly with memory.
// With --strategy <baseline>, that baseline replaces memory-sizing and sees
// the same restructured DAG, SLO, profiles and estimator.
import type { OptimizerSession } from './optimizer-session.ts';
import type { Pass } from './pass.ts';
import { dataPassingDefaultPass } from './data-passing-default.ts';
import { memorySizingPass } from './memory-sizing.ts';
import { slackAnalysisPass } from './slack-analysis.ts';
import { strategyPass } from './strategy-pass.ts';
import type { Strategy } from './strategy.ts';
import { structurePass } from './structure.ts';

export function optimizerPipeline(session: OptimizerSession, baseline?: { name: string; strategy: Strategy }): Pass[] {
  return [
    structurePass(session),
    slackAnalysisPass(session),
    baseline ? strategyPass(baseline.name, baseline.strategy) : memorySizingPass(session),
    dataPassingDefaultPass,
  ];
}
