// Values computed from a graph alone (its topological order, a step's inputs, its outputs, its dispatch kind, a
// graph's Parallel branch heads), kept per graph object: every estimate of a graph asks for the same ones — a
// search makes dozens, a 10k-step workflow's each plans 10k steps — and graphlib's lookups are the cost. A graph
// is not changed once built (passes make new IRs, types.ts); the node and edge counts are checked as well, so a
// graph that is still being built (tests, builders) never sees a value from before.
import type { IR } from './types.ts';

export class GraphMemo<T> {
  private readonly byGraph = new WeakMap<object, { nodes: number; edges: number; values: Map<string, T> }>();

  /** The value for this key of this graph, computed once. */
  get(ir: IR, key: string, compute: () => T): T {
    const { graph } = ir;
    let cached = this.byGraph.get(graph);
    if (!cached || cached.nodes !== graph.nodeCount() || cached.edges !== graph.edgeCount()) {
      this.byGraph.set(graph, (cached = { nodes: graph.nodeCount(), edges: graph.edgeCount(), values: new Map() }));
    }
    let value = cached.values.get(key);
    if (value === undefined) {
      value = compute();
      cached.values.set(key, value);
    }
    return value;
  }
}
