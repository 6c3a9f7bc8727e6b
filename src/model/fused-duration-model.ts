// The duration of one fusion group's invocation (WiseFuse, Fusionize): its
// members run in one Lambda at the group's memory, stage after stage; the
// members of one stage (steps with no path between them) run concurrently
// and share the Lambda's vCPUs. Each member's duration comes from its own
// profile's model, evaluated at the share of memory (so of vCPU) it gets.
//
// A stage of k members on ⌊vcpu⌋ workers: each worker gets memory / workers
// (at least Lambda's minimum) and the members are list-scheduled on the
// workers in stage order; below one vCPU they run one after another at the
// full memory — the same contention rule as a bundle of map items
// (src/sim/plan-steps.ts workerSamplers), so fused parallel branches are not
// free concurrency.
// A cold start loads every member's module in one process: its init is taken
// as the sum of the members' inits at the same quantile (comonotone, the
// pessimistic side), as a table of INIT_LEVELS quantiles. The cold handler
// slowdown is the members' cold factors weighted by their median durations.
// The footprint is the largest stage's summed footprints (a stage's members
// are alive at once; stages run one after another and free what they used).
// Assumes: members' durations are independent given their memory share.
// Complexity: O(members) per draw.
import { LAMBDA_LIMITS, workerShareMb, workersFor } from './platform.ts';
import type { DurationModel, Rng } from './duration-model.ts';
import { normalQuantile } from './normal-quantile.ts';
import type { TablePart } from './noise.ts';
import type { FittedDurationModel } from './profile-types.ts';

/** Quantile levels of the fused init table. */
const INIT_LEVELS = 64;

export interface FusedMember {
  model: DurationModel;
  /** Stages run in order; members of one stage run concurrently. */
  stage: number;
}

export class FusedDurationModel implements DurationModel {
  readonly fit: FittedDurationModel;
  readonly footprintMb: number;
  readonly initDraw: { sortedInitsMs: readonly number[] };
  private readonly stages: DurationModel[][];

  constructor(members: readonly FusedMember[]) {
    const stageCount = Math.max(0, ...members.map((m) => m.stage)) + 1;
    this.stages = Array.from({ length: stageCount }, () => [] as DurationModel[]);
    for (const member of members) this.stages[member.stage]!.push(member.model);
    this.stages = this.stages.filter((s) => s.length > 0);
    this.footprintMb = Math.max(0, ...this.stages.map((stage) => stage.reduce((sum, m) => sum + m.footprintMb, 0)));
    const models = members.map((m) => m.model);
    const inits: number[] = [];
    for (let k = 0; k < INIT_LEVELS; k += 1) {
      const u = (k + 0.5) / INIT_LEVELS;
      inits.push(models.reduce((sum, m) => sum + initQuantile(m, u), 0));
    }
    this.initDraw = { sortedInitsMs: inits };
    this.fit = {
      kind: 'amdahl-lognormal',
      serialMs: models.reduce((s, m) => s + m.fit.serialMs, 0),
      parallelMs: models.reduce((s, m) => s + m.fit.parallelMs, 0),
      maxUsefulVcpu: Math.max(...models.map((m) => m.fit.maxUsefulVcpu)),
      sigma: Math.max(...models.map((m) => m.fit.sigma)),
      initMs: models.reduce((s, m) => s + m.fit.initMs, 0),
      fitErrorPct: Math.max(...models.map((m) => m.fit.fitErrorPct)),
    };
  }

  medianMs(memoryMb: number): number {
    return this.combine(memoryMb, (m, mb) => m.medianMs(mb));
  }

  sample(memoryMb: number, rng: Rng): number {
    return this.samplerAt(memoryMb)(rng);
  }

  samplerAt(memoryMb: number): (rng: Rng) => number {
    const plans = this.stages.map((stage) => {
      const workers = workersFor(stage.length, memoryMb);
      const share = workerShareMb(memoryMb, workers);
      return { workers, samplers: stage.map((m) => m.samplerAt(share)) };
    });
    const free = new Float64Array(LAMBDA_LIMITS.maxVcpu + 1);
    return (rng) => {
      let total = 0;
      for (const { workers, samplers } of plans) total += makespan(samplers.map((s) => s(rng)), workers, free);
      return total;
    };
  }

  tableDrawAt(): TablePart[] | undefined {
    return undefined;
  }

  sampleInit(rng: Rng): number {
    const inits = this.initDraw.sortedInitsMs;
    return inits[Math.min(inits.length - 1, Math.floor(rng.next() * inits.length))]!;
  }

  coldFactor(memoryMb: number): number {
    let weighted = 0;
    let total = 0;
    for (const stage of this.stages) {
      const share = workerShareMb(memoryMb, workersFor(stage.length, memoryMb));
      for (const m of stage) {
        const median = m.medianMs(share);
        weighted += median * m.coldFactor(share);
        total += median;
      }
    }
    return total > 0 ? weighted / total : 1;
  }

  /** The members' quantiles at the same level, combined like a draw (comonotone: an upper bound on the fused quantile). */
  quantile(memoryMb: number, q: number): number {
    return this.combine(memoryMb, (m, mb) => m.quantile(mb, q));
  }

  quantilesAndMedians(memoriesMb: readonly number[], q: number, quantilesMs: Float64Array, mediansMs: Float64Array): void {
    for (let i = 0; i < memoriesMb.length; i += 1) {
      quantilesMs[i] = this.quantile(memoriesMb[i]!, q);
      mediansMs[i] = this.medianMs(memoriesMb[i]!);
    }
  }

  quantilesAt(memoryMb: number, qs: readonly number[], out: Float64Array): void {
    for (let k = 0; k < qs.length; k += 1) out[k] = this.quantile(memoryMb, qs[k]!);
  }

  private combine(memoryMb: number, value: (m: DurationModel, shareMb: number) => number): number {
    const free = new Float64Array(LAMBDA_LIMITS.maxVcpu + 1);
    let total = 0;
    for (const stage of this.stages) {
      const workers = workersFor(stage.length, memoryMb);
      const share = workerShareMb(memoryMb, workers);
      total += makespan(stage.map((m) => value(m, share)), workers, free);
    }
    return total;
  }
}

/** List scheduling of durations (in order) on `workers` workers: when the last one finishes. */
function makespan(durationsMs: readonly number[], workers: number, free: Float64Array): number {
  if (workers === 1) return durationsMs.reduce((a, b) => a + b, 0);
  free.fill(0, 0, workers);
  let end = 0;
  for (const d of durationsMs) {
    let w = 0;
    for (let j = 1; j < workers; j += 1) if (free[j]! < free[w]!) w = j;
    free[w] = free[w]! + d;
    if (free[w]! > end) end = free[w]!;
  }
  return end;
}

function initQuantile(model: DurationModel, u: number): number {
  const draw = model.initDraw;
  if ('sortedInitsMs' in draw) {
    const inits = draw.sortedInitsMs;
    return inits.length === 0 ? model.fit.initMs : inits[Math.min(inits.length - 1, Math.floor(u * inits.length))]!;
  }
  return draw.medianMs * Math.exp(draw.sigma * normalQuantile(u));
}
