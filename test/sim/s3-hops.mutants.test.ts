// s3Hop out of a step that runs no function (a Choice): nothing is PUT there — the value passes through the state —
// and the reader GETs only when the plan sends that edge through S3. Hand-worked from the platform's S3 and inline
// rates (GET 20 ms, 90 MiB/s; inline 50 MiB/s: src/model/platform.ts OVERHEADS).
import assert from 'node:assert/strict';
import { edgeKey, type Deployment } from '../../src/ir/deployment.ts';
import { hopContext, s3Hop } from '../../src/sim/s3-hops.ts';
import { deployAt } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';

const MIB = 1024 * 1024;

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

describe('s3Hop out of a Choice', () => {
  // a → ch; the Choice ch passes its 1 MiB on to b (through S3, as planned) or c (inline).
  const ir = irOf({ a: [], ch: ['a'], b: ['ch'], c: ['ch'] }, { ch: { choice: { b: 0.5, c: 0.5 }, outputBytes: MIB } });
  const deployment: Deployment = { ...deployAt(ir, 1769), edges: { [edgeKey('ch', 'b')]: 's3', [edgeKey('ch', 'c')]: 'inline' } };

  it('GETs through S3 without a PUT when the plan sends the Choice\'s edge through S3', () => {
    const hop = s3Hop(hopContext(ir, deployment), 'ch', 'b', MIB);
    assert.deepEqual({ puts: hop.puts, gets: hop.gets }, { puts: 0, gets: 1 });
    close(hop.transferMs, 20 + 1000 / 90, 'GET latency + 1 MiB at 90 MiB/s');
  });

  it('passes the value inline, with no request, on the Choice\'s inline edge', () => {
    const hop = s3Hop(hopContext(ir, deployment), 'ch', 'c', MIB);
    assert.deepEqual({ puts: hop.puts, gets: hop.gets }, { puts: 0, gets: 0 });
    close(hop.transferMs, 1000 / 50, '1 MiB at the inline 50 MiB/s');
  });

  it('makes no request into a step that runs no function, even on an S3 edge', () => {
    // ch chooses b or a second Choice ch2, which passes the value on to e; the edge ch → ch2 is marked S3.
    const chained = irOf({ a: [], ch: ['a'], b: ['ch'], ch2: ['ch'], e: ['ch2'] }, { ch: { choice: { b: 0.5, ch2: 0.5 }, outputBytes: MIB }, ch2: { choice: { e: 1 } } });
    const hop = s3Hop(hopContext(chained, { ...deployAt(chained, 1769), edges: { [edgeKey('ch', 'ch2')]: 's3' } }), 'ch', 'ch2', MIB);
    assert.deepEqual({ puts: hop.puts, gets: hop.gets }, { puts: 0, gets: 0 });
    close(hop.transferMs, 1000 / 50, 'inline transfer');
  });
});
