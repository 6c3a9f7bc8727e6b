// A baseline strategy (src/baselines) run as the sizing pass, for
// `dagc optimize --strategy <name>`: it sizes the same restructured IR with
// the same SLO, profiles and estimator as dagc's own sizing, so plans from
// different strategies are comparable line by line.
import type { Pass } from './pass.ts';
import type { Strategy } from './strategy.ts';

export function strategyPass(name: string, strategy: Strategy): Pass {
  return {
    name,
    summary: `size every function with the ${name} baseline`,
    run(state, context) {
      const result = strategy({ ir: state.ir, profiles: context.profiles, slo: context.slo, estimate: context.estimate, base: state.deployment });
      // Baselines size Lambda memory only: a function the accelerator pass made a Batch job stays one.
      const functions = { ...result.deployment.functions };
      for (const [fn, config] of Object.entries(state.deployment.functions)) if (config.batch) functions[fn] = config;
      // A structural strategy (the exhaustive structural optimum) decides orchestration, groups and bundles as well: keep them.
      const deployment = result.structural ? { ...result.deployment, functions } : { ...state.deployment, functions };
      return { ir: state.ir, deployment, decisions: result.decisions };
    },
  };
}
