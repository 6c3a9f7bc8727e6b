// A sizing strategy: dagc's own optimizer and every baseline it is measured
// against share this shape, get the same inputs (IR, profiles, SLO, one
// EstimateFn) and return a deployment with the decisions that produced it.
import type { Deployment } from '../ir/deployment.ts';
import type { Architecture, IR, Slo } from '../ir/types.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { Decision } from './decision-log.ts';
import type { EstimateFn } from './estimator-port.ts';

export interface StrategyInput {
  ir: IR;
  profiles: ReadonlyMap<string, FunctionProfile>;
  slo: Slo;
  estimate: EstimateFn;
  /** The deployment the pipeline has so far (edge modes, Batch jobs); a strategy that decides structure builds on it. */
  base?: Deployment;
}

export interface StrategyResult {
  strategy: string;
  deployment: Deployment;
  decisions: Decision[];
  /** Set by a strategy that decides structure too (orchestration, groups, bundles): its whole deployment is kept, not only memory. */
  structural?: boolean;
}

export type Strategy = (input: StrategyInput) => StrategyResult;

/** One configuration a function may be deployed with. */
export interface ConfigurationOption {
  memoryMb: number;
  architecture: Architecture;
}
