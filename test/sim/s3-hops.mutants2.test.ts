// s3Hop and writesToS3 (src/sim/s3-hops.ts) as src/baselines/structural-floor.ts calls them, on deployments that
// set no edge mode (each edge then has its default: inline up to the 256 KiB state limit, else S3). Hand-worked from
// src/model/platform.ts OVERHEADS: PUT 35 ms, GET 20 ms, S3 at 90 MiB/s, inline at 50 MiB/s.
import assert from 'node:assert/strict';
import { edgeKey, type Deployment } from '../../src/ir/deployment.ts';
import { hopContext, s3Hop, writesToS3 } from '../../src/sim/s3-hops.ts';
import { deployAt } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';

const MIB = 1024 * 1024;

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

describe('S3 hops on default edge modes', () => {
  it('stores a 1 MiB output in S3 by default: one PUT on the edge to the first successor by id, a GET on each', () => {
    // Edges inserted a → c before a → b: the PUT goes on a → b all the same (b is first by id).
    const ir = irOf({ a: [], c: ['a'], b: ['a'] }, { a: { outputBytes: MIB } });
    const ctx = hopContext(ir, deployAt(ir, 1769));
    assert.equal(writesToS3(ctx, 'a'), true);
    const toB = s3Hop(ctx, 'a', 'b', MIB);
    const toC = s3Hop(ctx, 'a', 'c', MIB);
    assert.deepEqual({ puts: toB.puts, gets: toB.gets }, { puts: 1, gets: 1 });
    assert.deepEqual({ puts: toC.puts, gets: toC.gets }, { puts: 0, gets: 1 });
    close(toC.transferMs, 35 + 20 + (2 * 1000) / 90, 'PUT + GET, 1 MiB each way at 90 MiB/s');
  });

  it('passes a 1 KiB output inline by default, with no request', () => {
    const ir = irOf({ a: [], b: ['a'] }, { a: { outputBytes: 1024 } });
    const ctx = hopContext(ir, deployAt(ir, 1769));
    assert.equal(writesToS3(ctx, 'a'), false);
    const hop = s3Hop(ctx, 'a', 'b', 1024);
    assert.deepEqual({ puts: hop.puts, gets: hop.gets }, { puts: 0, gets: 0 });
    close(hop.transferMs, 1000 / (50 * 1024), '1 KiB at 50 MiB/s');
  });

  it('charges the PUT alone on a writer\'s edge into a Choice, which reads nothing', () => {
    const ir = irOf({ a: [], ch: ['a'], b: ['ch'] }, { a: { outputBytes: MIB }, ch: { choice: { b: 1 }, outputBytes: MIB } });
    const hop = s3Hop(hopContext(ir, deployAt(ir, 1769)), 'a', 'ch', MIB);
    assert.deepEqual({ puts: hop.puts, gets: hop.gets }, { puts: 1, gets: 0 });
    close(hop.transferMs, 35 + 1000 / 90, 'PUT latency + 1 MiB at 90 MiB/s');
  });

  it('says a Choice stores nothing in S3, even when its edge is planned through S3', () => {
    const ir = irOf({ a: [], ch: ['a'], b: ['ch'] }, { ch: { choice: { b: 1 }, outputBytes: MIB } });
    const deployment: Deployment = { ...deployAt(ir, 1769), edges: { [edgeKey('ch', 'b')]: 's3' } };
    assert.equal(writesToS3(hopContext(ir, deployment), 'ch'), false);
  });
});
