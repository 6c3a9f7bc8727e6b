// The S3 hops a fused run's merged input costs (src/passes/group-payload.ts),
// on hand-built groups sized against the 256 KB state payload limit: edges
// inside the group are not inputs, inputs the plan already sends through S3
// are not new hops, the largest inputs move until the rest fits (sources
// listed sorted), and a source that already writes to S3 pays no second PUT.
// Expected prices and latencies are worked from the platform table's request
// prices, round trips and throughputs (src/model/platform.ts).
import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import type { IR } from '../../src/ir/types.ts';
import { OVERHEADS, pricesFor } from '../../src/model/platform.ts';
import { mergedInputHops } from '../../src/passes/group-payload.ts';
import { irOf } from '../helpers/ir-builder.ts';

const KB = 1024;
const NONE = { sources: [], costUsd: 0, latencyMs: 0 };

function base(edges: Deployment['edges'] = {}): Deployment {
  return { functions: {}, steps: {}, edges, orchestration: 'standard' };
}

/** One new S3 hop of `bytes`: PUT (unless the writer already writes to S3) and GET round trips plus transfer, less the inline transfer it replaces. */
function hopMs(bytes: number, writes: boolean): number {
  const s3Ms = (writes ? 0 : OVERHEADS.s3PutMs) + OVERHEADS.s3GetMs + ((writes ? 1 : 2) * bytes * 1000) / OVERHEADS.s3BytesPerSecond;
  return Math.max(0, s3Ms - (bytes * 1000) / OVERHEADS.inlineBytesPerSecond);
}

function near(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

describe('mergedInputHops (a fused run’s merged input)', () => {
  const prices = pricesFor('us-east-1');

  it('does not count an edge between two members of the group as an input', () => {
    // g1 → g2 carries 200 KB inside the group; the one outside input is 100 KB: it fits.
    const ir: IR = irOf({ a: [], g1: ['a'], g2: ['g1'] }, { a: { outputBytes: 100 * KB }, g1: { outputBytes: 200 * KB } });
    assert.deepEqual(mergedInputHops({ ir, base: base() }, ['g1', 'g2']), NONE);
  });

  it('adds no hop for an input the plan already sends through S3', () => {
    // 200 KB (already S3) + 100 KB = 300 KB: the 200 KB one is the one to move, and it has moved already.
    const ir = irOf({ a: [], b: [], g: ['a', 'b'] }, { a: { outputBytes: 200 * KB }, b: { outputBytes: 100 * KB } });
    assert.deepEqual(mergedInputHops({ ir, base: base({ 'a->g': 's3' }) }, ['g']), NONE);
  });

  it('moves the largest inputs until the rest fits, and lists their sources sorted', () => {
    // 200 + 210 + 100 = 510 KB: b's 210 KB moves (300 KB left), then a's 200 KB (100 KB left, fits).
    const ir = irOf({ a: [], b: [], c: [], g: ['a', 'b', 'c'] }, { a: { outputBytes: 200 * KB }, b: { outputBytes: 210 * KB }, c: { outputBytes: 100 * KB } });
    const hops = mergedInputHops({ ir, base: base() }, ['g']);
    assert.deepEqual(hops.sources, ['a', 'b']);
    near(hops.costUsd, 2 * (prices.s3PutUsd + prices.s3GetUsd), 'cost');
    near(hops.latencyMs, hopMs(200 * KB, false) + hopMs(210 * KB, false), 'latency');
  });

  it('charges no PUT for a source that already writes its output to S3 for another reader', () => {
    // a's 300 KB output goes to z through S3 already; the group's 300 KB input from a must move too, as a GET only.
    const ir = irOf({ a: [], z: ['a'], g: ['a'] }, { a: { outputBytes: 300 * KB } });
    const hops = mergedInputHops({ ir, base: base({ 'a->z': 's3' }) }, ['g']);
    assert.deepEqual(hops.sources, ['a']);
    near(hops.costUsd, prices.s3GetUsd, 'cost');
    near(hops.latencyMs, hopMs(300 * KB, true), 'latency');
    // Without the S3 edge to z, a PUTs for the group: PUT + GET.
    const fresh = mergedInputHops({ ir, base: base() }, ['g']);
    near(fresh.costUsd, prices.s3PutUsd + prices.s3GetUsd, 'cost without a writer');
    near(fresh.latencyMs, hopMs(300 * KB, false), 'latency without a writer');
  });
});
