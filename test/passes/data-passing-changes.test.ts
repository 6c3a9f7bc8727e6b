// chooseDataPassing's changesOnly answer (what the search's deployments carry) against its full answer filtered
// by the per-edge default, on random workflows: random edges and sizes around the 256 KB limit, maps of several
// widths, edges the plan forces through S3, and fusion groups.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Deployment } from '../../src/ir/deployment.ts';
import { chooseDataPassing } from '../../src/passes/data-passing.ts';
import { defaultDataPassingMode } from '../../src/passes/data-passing-default.ts';
import { irOf } from '../helpers/ir-builder.ts';

const KB = 1024;

describe('data passing, changes only', () => {
  it('returns exactly the full answer\'s edges whose mode differs from their default, and logs the same', () => {
    const app = fc.record({
      steps: fc.integer({ min: 2, max: 9 }),
      edgeSeeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 20 }),
      bytes: fc.array(fc.integer({ min: 0, max: 400 * KB }), { minLength: 9, maxLength: 9 }),
      widths: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 9, maxLength: 9 }),
      forced: fc.array(fc.nat(), { maxLength: 3 }),
      fuseFirstEdge: fc.boolean(),
    });
    fc.assert(
      fc.property(app, ({ steps, edgeSeeds, bytes, widths, forced, fuseFirstEdge }) => {
        const ids = Array.from({ length: steps }, (_, i) => `s${i}`);
        const needs: Record<string, string[]> = Object.fromEntries(ids.map((id) => [id, [] as string[]]));
        for (const [a, b] of edgeSeeds) {
          const [from, to] = [a % steps, b % steps].sort((x, y) => x - y);
          if (from !== to && !needs[ids[to!]!]!.includes(ids[from!]!)) needs[ids[to!]!]!.push(ids[from!]!);
        }
        const options = Object.fromEntries(
          ids.map((id, i) => [id, { outputBytes: bytes[i]!, ...(widths[i]! > 1 ? { map: { kind: 'uniform' as const, min: 1, max: widths[i]! } } : {}) }]),
        );
        const ir = irOf(needs, options);
        const edges = ir.graph.edges();
        const forcedEdges = Object.fromEntries(forced.filter(() => edges.length > 0).map((k) => [`${edges[k % edges.length]!.v}->${edges[k % edges.length]!.w}`, 's3' as const]));
        const first = edges[0];
        const groups = fuseFirstEdge && first ? { g: { steps: [first.v, first.w], memoryMb: 1024, architecture: 'x86_64' as const } } : undefined;
        const deployment: Deployment = { functions: {}, steps: {}, edges: forcedEdges, orchestration: 'standard', ...(groups ? { groups } : {}) };
        const full = chooseDataPassing(ir, deployment);
        const changes = chooseDataPassing(ir, deployment, { changesOnly: true });
        const expected: Record<string, string> = {};
        for (const { v, w } of edges) {
          const mode = full.edges[`${v}->${w}`]!;
          if (mode !== defaultDataPassingMode(ir.graph.edge(v, w).bytes)) expected[`${v}->${w}`] = mode;
        }
        assert.deepEqual(changes.edges, expected);
        assert.deepEqual(changes.decisions, full.decisions);
      }),
      { numRuns: 300, seed: 26 },
    );
  });
});
