// A step's input inside a deployed plan, by the same rules as the reference
// executor (docs/handler-contract.md): outputs come from this invocation's
// memory (fused steps) or from the state (references); a choice's output is
// its input, and a choice step or a step after it runs only as the reference
// run would have it (the branch is choice-draw.ts's draw with the execution's
// name as the seed).
import { drawBranch } from '../choice-draw.ts';
import { stepInput } from '../data-contract.ts';
import type { LambdaConfig } from './lambda-config.ts';
import { RefReader } from './refs.ts';
import type { StateBag } from './state-bag.ts';

export class StepValues {
  readonly reader = new RefReader();
  /** Outputs computed in this invocation (fused steps), by step id. */
  readonly local = new Map<string, unknown>();

  constructor(private readonly config: LambdaConfig, private readonly bag: StateBag) {}

  get seed(): string {
    return this.bag.exec;
  }

  ran(step: string): boolean {
    const info = this.config.steps[step]!;
    if (info.kind === 'task' || info.kind === 'map') return this.local.has(step) || this.bag.out[info.name] !== undefined;
    return !this.skipped(step);
  }

  /** The reference executor's isSkipped: a branch runs only if its choice took it; any other step if any need ran. */
  skipped(step: string): boolean {
    const needs = this.config.steps[step]!.needs;
    if (needs.length === 0) return false;
    for (const need of needs) {
      const info = this.config.steps[need]!;
      if (info.kind === 'choice' && (!this.ran(need) || drawBranch(this.seed, need, info.probabilities ?? {}) !== step)) return true;
    }
    return !needs.some((need) => this.ran(need));
  }

  async output(step: string): Promise<unknown> {
    if (this.local.has(step)) return this.local.get(step);
    const info = this.config.steps[step]!;
    if (info.kind === 'choice' || info.kind === 'join') return this.input(step);
    const ref = this.bag.out[info.name];
    if (ref === undefined) throw new Error(`dagc runtime: the output of '${step}' is not in the state (a dagc bug: it was dropped too early or never written)`);
    return this.reader.value(ref);
  }

  async input(step: string): Promise<unknown> {
    const needs = this.config.steps[step]!.needs;
    const ran = new Map<string, unknown>();
    for (const need of needs) if (this.ran(need)) ran.set(need, await this.output(need));
    const workflowInput = needs.length === 0 ? await this.reader.value(this.bag.in) : undefined;
    return stepInput(needs, ran, workflowInput);
  }
}
