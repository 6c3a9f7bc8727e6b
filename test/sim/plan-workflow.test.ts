// Planning an estimate's workflow (src/sim/plan-workflow.ts): a step's plan is reused while its own deployment stays
// the same, and the graph's structure is read once (src/sim/estimate-skeleton.ts). Neither may change a number: an
// estimate made after others on the same graph equals the one made on a fresh copy of it, to the last bit.
import assert from 'node:assert/strict';
import { Graph } from '@dagrejs/graphlib';
import fc from 'fast-check';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { EdgeData, IR, StepNode } from '../../src/ir/types.ts';
import { estimate, type EstimateOptions } from '../../src/sim/estimate.ts';
import { estimateSkeleton } from '../../src/sim/estimate-skeleton.ts';
import { dispatchTablesOf, stepDispatchKinds } from '../../src/sim/dispatch-kinds.ts';
import { hopContext, s3Hop, workflowHops } from '../../src/sim/s3-hops.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { instanceArbitrary, type Instance } from '../helpers/random-instance.ts';

/** The same workflow on a graph object no estimate has seen: nothing kept for it. */
function freshCopy(ir: IR): IR {
  const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
  for (const id of ir.graph.nodes()) graph.setNode(id, ir.graph.node(id));
  for (const e of ir.graph.edges()) graph.setEdge(e.v, e.w, ir.graph.edge(e));
  return { ...ir, graph };
}

const MEMORIES_MB = [512, 1024, 1769, 3008];

/** A deployment of the instance with settings drawn from `picks` (one number in [0, 1) per decision). */
function deploymentOf(ir: IR, picks: number[]): Deployment {
  let k = 0;
  const pick = () => picks[k++ % picks.length]!;
  const d = structuredClone(currentDeployment(ir));
  for (const config of Object.values(d.functions)) if (pick() < 0.6) config.memoryMb = MEMORIES_MB[Math.floor(pick() * MEMORIES_MB.length)]!;
  for (const id of ir.graph.nodes()) {
    const node = ir.graph.node(id);
    if (node.kind !== 'task' && node.kind !== 'map') continue;
    const own: Deployment['steps'][string] = {};
    if (pick() < 0.2) own.prewarm = 1;
    if (pick() < 0.2) own.warmedBy = 'entry';
    if (node.kind === 'map' && pick() < 0.5) own.bundleSize = 2;
    if (node.kind === 'map' && pick() < 0.3) own.map = { mode: 'distributed', maxConcurrency: 0 };
    d.steps[id] = own;
  }
  for (const e of ir.graph.edges()) if (pick() < 0.3) d.edges[`${e.v}->${e.w}`] = pick() < 0.5 ? 's3' : 'inline';
  if (pick() < 0.3) d.orchestration = 'express';
  return d;
}

/** The estimate, or the message of the user error it raised (a size below a footprint). */
function outcome(ir: IR, deployment: Deployment, instance: Instance, options: EstimateOptions): unknown {
  try {
    return estimate(ir, deployment, instance.profiles, options);
  } catch (error) {
    return (error as Error).message;
  }
}

describe('planning an estimate’s workflow', () => {
  it('gives every estimate of a graph the numbers of the same estimate on a fresh copy of it, whatever was estimated before', () => {
    fc.assert(
      fc.property(
        instanceArbitrary({ maxSteps: 7, architectures: [['x86_64'], ['x86_64', 'arm64']] }),
        fc.array(fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 8, maxLength: 24 }), { minLength: 2, maxLength: 5 }),
        fc.boolean(),
        (instance, rounds, untimed) => {
          const options: EstimateOptions = { samples: 64, seed: 5, ...(untimed ? { timedFrom: 'first-handler-start' as const } : {}) };
          for (const picks of rounds) {
            const deployment = deploymentOf(instance.ir, picks);
            assert.deepStrictEqual(outcome(instance.ir, deployment, instance, options), outcome(freshCopy(instance.ir), deployment, instance, options));
          }
        },
      ),
      { numRuns: 40, seed: 21 },
    );
  });

  it('gives every step the dispatch tables stepDispatchKinds reads off the graph', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 8 }), ({ ir }) => {
        const skeleton = estimateSkeleton(ir);
        skeleton.order.forEach((id, i) => assert.deepStrictEqual(skeleton.tables[i], dispatchTablesOf(stepDispatchKinds(ir, id)), id));
      }),
      { numRuns: 60, seed: 23 },
    );
    // A choice's successors are alternatives, not branches: a map after one is dispatched as a map's first item.
    const ir = irOf({ a: [], c: ['a'], x: ['c'], y: ['c'] }, { c: { choice: { x: 0.5, y: 0.5 } }, x: { map: { kind: 'fixed', width: 3 } } });
    const s = estimateSkeleton(ir);
    for (const id of ['a', 'c', 'x', 'y']) assert.deepStrictEqual(s.tables[s.index.get(id)!], dispatchTablesOf(stepDispatchKinds(ir, id)), id);
  });

  it('reads every edge’s hop off the skeleton as s3Hop reads it off the graph', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 8 }), fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 8, maxLength: 16 }), (instance, picks) => {
        const { ir } = instance;
        const deployment = deploymentOf(ir, picks);
        const skeleton = estimateSkeleton(ir);
        const hops = workflowHops(hopContext(ir, deployment), skeleton);
        const byGraph = hopContext(ir, deployment);
        for (let to = 0; to < skeleton.order.length; to += 1) {
          for (let k = skeleton.predStart[to]!; k < skeleton.predStart[to + 1]!; k += 1) {
            const from = skeleton.order[skeleton.predFrom[k]!]!;
            const hop = s3Hop(byGraph, from, skeleton.order[to]!, ir.graph.edge(from, skeleton.order[to]!).bytes);
            assert.deepStrictEqual({ puts: hops.puts[k], gets: hops.gets[k], transferMs: hops.transferMs[k] }, hop);
          }
        }
      }),
      { numRuns: 60, seed: 22 },
    );
  });

  it('lists each step’s predecessors and successors in id order, with the bytes of each edge', () => {
    const ir = irOf({ a: [], c: ['a'], b: ['a'], d: ['c', 'b'] }, { a: { outputBytes: 10 }, b: { outputBytes: 20 }, c: { outputBytes: 30 } });
    const s = estimateSkeleton(ir);
    const at = (id: string) => s.index.get(id)!;
    const preds = (id: string) => [...s.predFrom.subarray(s.predStart[at(id)]!, s.predStart[at(id) + 1]!)].map((i) => s.order[i]);
    const succs = (id: string) => [...s.succTo.subarray(s.succStart[at(id)]!, s.succStart[at(id) + 1]!)].map((i) => s.order[i]);
    assert.deepEqual(preds('d'), ['b', 'c']);
    assert.deepEqual(succs('a'), ['b', 'c']);
    assert.deepEqual([...s.predBytes.subarray(s.predStart[at('d')]!, s.predStart[at('d') + 1]!)], [20, 30]);
    assert.equal(s.maxOutBytes[at('a')], 10);
    // a's PUT is counted on its edge to b, its first successor by id.
    assert.deepEqual([...s.predIsFirstOut.subarray(s.predStart[at('b')]!, s.predStart[at('b') + 1]!)], [1]);
    assert.deepEqual([...s.predIsFirstOut.subarray(s.predStart[at('c')]!, s.predStart[at('c') + 1]!)], [0]);
  });
});
