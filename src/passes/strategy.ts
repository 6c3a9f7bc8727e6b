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
}

export interface StrategyResult {
  strategy: string;
  deployment: Deployment;
  decisions: Decision[];
}

export type Strategy = (input: StrategyInput) => StrategyResult;

/** One configuration a function may be deployed with. */
export interface ConfigurationOption {
  memoryMb: number;
  architecture: Architecture;
}
