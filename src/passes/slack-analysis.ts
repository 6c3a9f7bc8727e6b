// Slack analysis pass: each step's latency budget under the SLO (Llama's
// allotment, slack-allotment.ts — proportional to its share of the longest
// path through it, computed by two dynamic programs, no path enumeration),
// from today's configuration. It decides nothing; it tells the reader where
// the SLO is tight before sizing, and the fallback sizing for graphs too
// large for the frontier (slack-sizing.ts) cuts its budgets the same way.
// Logs the tightest steps (budget / today's latency, smallest first) and how
// many steps are over budget today. Complexity: O(V log V + E).
import { DecisionLog } from './decision-log.ts';
import type { OptimizerSession } from './optimizer-session.ts';
import type { Pass } from './pass.ts';
import { slackBudgets } from './slack-allotment.ts';

export const SLACK_ALLOTMENT = 'slack-allotment';
const TIGHTEST_LOGGED = 5;

export function slackAnalysisPass(session: OptimizerSession): Pass {
  return {
    name: SLACK_ALLOTMENT,
    summary: "each step's latency budget under the SLO, in proportion to its share of the longest path through it",
    run(state, context) {
      const log = new DecisionLog(SLACK_ALLOTMENT);
      const today = session.analysis(state.ir, state.deployment).todayLatencyMs;
      const budgets = slackBudgets(state.ir, today, context.slo.latencyMs);
      const ratios = [...budgets]
        .filter(([id]) => today.get(id)! > 0)
        .map(([id, budgetMs]) => ({ id, budgetMs, todayMs: today.get(id)!, ratio: budgetMs / today.get(id)! }))
        .sort((a, b) => a.ratio - b.ratio || (a.id < b.id ? -1 : 1));
      const over = ratios.filter((r) => r.ratio < 1).length;
      log.record(over > 0 ? 'missed' : 'analysis', 'app', over > 0 ? `${over} step(s) over their budget at today's configuration` : "every step fits its budget at today's configuration", {
        stepsOverBudget: over,
        steps: ratios.length,
      });
      for (const r of ratios.slice(0, TIGHTEST_LOGGED)) {
        log.record('analysis', r.id, 'budget under the SLO', { budgetMs: r.budgetMs, todayLatencyMs: r.todayMs, budgetToTodayRatio: r.ratio });
      }
      return { ir: state.ir, deployment: state.deployment, decisions: log.list() };
    },
  };
}
