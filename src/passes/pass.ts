// A pass: a named unit with a one-line summary that takes the IR and the
// deployment decided so far and returns a new deployment (and, for structural
// passes, a new IR) plus its decisions. Passes never mutate their inputs.
import type { Deployment } from '../ir/deployment.ts';
import type { IR, Slo } from '../ir/types.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { Decision } from './decision-log.ts';
import type { EstimateFn } from './estimator-port.ts';

export interface PassContext {
  slo: Slo;
  profiles: ReadonlyMap<string, FunctionProfile>;
  estimate: EstimateFn;
}

export interface PassState {
  ir: IR;
  deployment: Deployment;
}

export interface PassResult extends PassState {
  decisions: Decision[];
}

export interface Pass {
  name: string;
  summary: string;
  run(state: PassState, context: PassContext): PassResult;
}
