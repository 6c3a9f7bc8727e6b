// The floor of the cost bound at a node of the exhaustive structural search
// (exhaustive-structural.ts), kept up to date as the search descends: the
// partition's fixed floor (structural-floor.ts) plus, under Express, the
// duration bill of the longest chain of mean-latency floors, where a decided
// unit's nodes weigh its chosen option's floors and an undecided unit's nodes
// the least over its options. Levels own disjoint nodes, so taking an option
// writes only its level's nodes, and leaving the level restores their least.
// With the floor off (the search's `floor: false`, for comparison) it is the
// Express request fee alone, the bound before the floor existed.
// Complexity: O(nodes of the level) per take/reset, O(V + E) per usd().
import type { Unit } from './structural-units.ts';
import { PartitionFloor, type FloorParts } from './structural-floor.ts';

export interface FloorAtOptimum extends FloorParts {
  /** Express: the duration floor of the chosen plan's longest chain. */
  expressDurationUsd: number;
}

export class SearchFloor {
  /** Per node of the partition's contracted graph, the mean-latency floor in force at the current search node. */
  readonly meansMs: Float64Array;
  /** Whether an option's own latencies move the floor (Express with the floor on). */
  readonly perOption: boolean;
  private readonly least: Float64Array;
  private readonly levelNodes: number[][];
  private readonly levelMeans: Float64Array[][];

  constructor(
    private readonly partition: PartitionFloor,
    levels: readonly Unit[],
    private readonly enabled: boolean,
  ) {
    this.meansMs = new Float64Array(partition.size);
    this.levelNodes = levels.map((l) =>
      (l.meansMs[0] ?? []).map(([id]) => {
        const node = partition.nodeOf(id);
        if (node === undefined) throw new Error(`unit node '${id}' is not in its partition's contracted graph (a dagc bug: units and the fused view disagree on ids)`);
        return node;
      }),
    );
    this.levelMeans = levels.map((l) => l.meansMs.map((means) => Float64Array.from(means, ([, ms]) => ms)));
    this.levelMeans.forEach((options, i) => {
      this.levelNodes[i]!.forEach((node, j) => {
        this.meansMs[node] = Math.min(...options.map((m) => m[j]!));
      });
    });
    this.least = Float64Array.from(this.meansMs);
    this.perOption = enabled && partition.usdPerMeanMs > 0;
  }

  /** Level `depth` takes its option k. */
  take(depth: number, k: number): void {
    const nodes = this.levelNodes[depth]!;
    const means = this.levelMeans[depth]![k]!;
    for (let j = 0; j < nodes.length; j += 1) this.meansMs[nodes[j]!] = means[j]!;
  }

  /** Level `depth` is undecided again. */
  reset(depth: number): void {
    for (const node of this.levelNodes[depth]!) this.meansMs[node] = this.least[node]!;
  }

  /** What every completion of the current search node pays beyond its units' probes. */
  usd(): number {
    if (!this.enabled) return this.partition.parts.expressRequestUsd;
    return this.partition.usd(this.meansMs);
  }

  /** The floor's terms at the current search node (a leaf: the plan's own). */
  parts(): FloorAtOptimum {
    if (!this.enabled) return { s3Usd: 0, choiceTransitionsUsd: 0, batchUsd: 0, expressRequestUsd: this.partition.parts.expressRequestUsd, expressDurationUsd: 0 };
    return { ...this.partition.parts, expressDurationUsd: this.partition.usd(this.meansMs) - this.partition.fixedUsd };
  }
}
