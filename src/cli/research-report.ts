// What `dagc optimize` says when its search ran more than once because a plan
// met the SLO only on its own draws (out-of-sample-search.ts): one decision
// per search in the plan's log (pass `out-of-sample`, printed by `dagc
// explain`) with the numbers that rejected or kept it — the others in the
// order run, the kept one's last — and warning DAGC0341 with the cost of the
// plan written against the first one and, when a later search's plan is not
// the one written, why. Costs are the
// searches' own (in-sample) expected costs per execution, as the plan's
// `predicted` cost is.
import type { Slo } from '../ir/types.ts';
import type { Decision } from '../passes/decision-log.ts';
import { DecisionLog } from '../passes/decision-log.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { optimizerDiagnostics } from '../diagnostics/optimizer.ts';
import type { OutOfSampleSearch, SearchAttempt } from './out-of-sample-search.ts';

export const RESEARCH_PASS = 'out-of-sample';

export interface ResearchReport {
  decisions: Decision[];
  warning: Diagnostic;
}

/** Why a later search's plan was not the one written, in words (none when the last search's plan is). */
const STOP_REASONS: Partial<Record<OutOfSampleSearch['stop'], (samples: number) => string>> = {
  'no-plan-in-sample': (samples) => `the search on ${samples} samples found no plan meeting the SLO in sample`,
  'same-plan': (samples) => `the search on ${samples} samples chose the plan already rejected`,
  'guard-no-plan': (samples) => `the search on ${samples} samples with a guard band found no plan meeting the tightened SLO in sample`,
  'guard-same-plan': (samples) => `the search on ${samples} samples with a guard band chose the plan already rejected`,
};

export function researchReport(app: string, slo: Slo, seed: number, search: OutOfSampleSearch): ResearchReport {
  const log = new DecisionLog(RESEARCH_PASS);
  const p = slo.percentile;
  const { attempts, chosen } = search;
  const ms = (v: number) => `${Math.round(v)} ms`;
  // A guarded search (out-of-sample-search.ts) says the target it searched for and why; it is always the last.
  const searchedFor = (attempt: SearchAttempt) =>
    attempt.guardMs ? ` for ${p} ≤ ${ms(slo.latencyMs - attempt.guardMs)} (the SLO less a guard band of ${ms(attempt.guardMs)}: the most a rejected plan was flattered)` : '';
  const guardNumbers = (attempt: SearchAttempt): Record<string, number> => (attempt.guardMs ? { guardMs: attempt.guardMs } : {});
  attempts.forEach((attempt, i) => {
    if (attempt === chosen) return;
    const next = attempts[i + 1];
    const searched = `the search on ${attempt.samples} samples (seed ${seed})${searchedFor(attempt)}`;
    const numbers = { searchSamples: attempt.samples, costUsd: attempt.result.summary.costUsd, inSampleLatencyMs: attempt.result.summary.latencyMs[p], ...guardNumbers(attempt) };
    if (attempt.check) {
      const o = attempt.check.outOfSample;
      const again = next ? `: searched again on ${next.samples} samples${next.guardMs ? ` for ${p} ≤ ${ms(slo.latencyMs - next.guardMs)}` : ''}` : '';
      log.record('missed', 'app', `${searched} chose a plan that meets ${p} ≤ ${ms(slo.latencyMs)} on its own draws (${ms(attempt.check.inSample.latencyMs)}) but not on independent ones (${ms(o.latencyMs)}, seed ${o.seed}, ${o.samples} samples)${again}`, {
        ...numbers,
        outOfSampleLatencyMs: o.latencyMs,
        outOfSampleSamples: o.samples,
      });
    } else if (!attempt.result.meetsSlo) {
      log.record('missed', 'app', `${searched} found no plan meeting ${p} ≤ ${ms(slo.latencyMs - (attempt.guardMs ?? 0))} in sample: the plan of the search on ${chosen.samples} samples is kept`, numbers);
    } else {
      log.record('missed', 'app', `${searched} chose the plan already rejected out of sample: its miss stands${next ? `; searched again on ${next.samples} samples` : `, and the plan of the search on ${chosen.samples} samples is kept`}`, numbers);
    }
  });
  const first = attempts[0]!;
  const firstCostUsd = first.result.summary.costUsd;
  const costUsd = chosen.result.summary.costUsd;
  const o = chosen.check!.outOfSample;
  const costChangePct = ((costUsd - firstCostUsd) / firstCostUsd) * 100;
  log.record(o.meetsSlo ? 'passed' : 'missed', 'app', `kept the plan of the search on ${chosen.samples} samples${searchedFor(chosen)}: ${o.meetsSlo ? 'meets' : 'misses'} ${p} ≤ ${ms(slo.latencyMs)} on independent draws (${ms(o.latencyMs)}, seed ${o.seed}, ${o.samples} samples)`, {
    searches: attempts.length,
    searchSamples: chosen.samples,
    costUsd,
    firstCostUsd,
    costChangePct,
    outOfSampleLatencyMs: o.latencyMs,
    ...guardNumbers(chosen),
  });
  const firstCheck = first.check!;
  return {
    decisions: log.list(),
    warning: optimizerDiagnostics.researchedOutOfSample(app, p, slo.latencyMs, {
      firstSamples: first.samples,
      firstInSampleMs: firstCheck.inSample.latencyMs,
      firstOutOfSampleMs: firstCheck.outOfSample.latencyMs,
      searches: attempts.map((a) => ({ samples: a.samples, ...(a.guardMs ? { guardMs: a.guardMs } : {}) })),
      chosenSamples: chosen.samples,
      ...(chosen.guardMs ? { chosenGuardMs: chosen.guardMs } : {}),
      firstCostUsd,
      costUsd,
      outOfSampleMs: o.latencyMs,
      meets: o.meetsSlo,
      ...(STOP_REASONS[search.stop] ? { stop: STOP_REASONS[search.stop]!(attempts[attempts.length - 1]!.samples) } : {}),
    }),
  };
}
