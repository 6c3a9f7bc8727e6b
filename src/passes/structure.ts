// Structure pass: make the workflow series-parallel, because Step Functions
// can only emit series-parallel structure (Parallel states join all their
// branches). A series-parallel DAG passes unchanged; any other is staged by
// toSeriesParallel (src/ir/series-parallelize.ts: join steps between
// stages), and the pass logs what that costs: the critical path at today's
// configuration before and after, so a user sees how much of the SLO the
// restructuring eats before any sizing. Every later pass sizes, and the
// estimator judges, the emitted DAG.
// Complexity: that of toSeriesParallel, O(V + E) plus the decomposition's
// join rounds, and two critical paths, O(V + E).
import { criticalPathMs, toSeriesParallel } from '../ir/series-parallelize.ts';
import { DecisionLog } from './decision-log.ts';
import type { OptimizerSession } from './optimizer-session.ts';
import type { Pass } from './pass.ts';

export const STRUCTURE = 'structure';

export function structurePass(session: OptimizerSession): Pass {
  return {
    name: STRUCTURE,
    summary: 'restructure a DAG that is not series-parallel into what Step Functions can emit',
    run(state) {
      const log = new DecisionLog(STRUCTURE);
      const restructured = toSeriesParallel(state.ir);
      const ir = restructured.ir;
      const deployment = state.deployment;
      session.structure = { tree: restructured.tree, joins: restructured.joins };
      if (restructured.joins.length === 0) {
        log.record('passed', 'app', 'the DAG is series-parallel: emitted as written', { steps: ir.graph.nodeCount() });
      } else {
        // Today's latencies come from the restructured IR's analysis: the steps are the same, only edges were added.
        const today = session.analysis(ir, deployment).todayLatencyMs;
        const latencyOf = (step: string) => today.get(step)!;
        const beforeMs = criticalPathMs(state.ir, latencyOf);
        const afterMs = criticalPathMs(ir, latencyOf);
        log.record('analysis', 'app', 'staged the DAG into a series of parallel stages for Step Functions, a join between consecutive stages', {
          joins: restructured.joins.length,
          edgesBefore: state.ir.graph.edgeCount(),
          edgesAfter: ir.graph.edgeCount(),
          criticalPathBeforeMs: beforeMs,
          criticalPathAfterMs: afterMs,
          stretchPct: beforeMs > 0 ? (100 * (afterMs - beforeMs)) / beforeMs : 0,
        });
      }
      return { ir, deployment, decisions: log.list() };
    },
  };
}
