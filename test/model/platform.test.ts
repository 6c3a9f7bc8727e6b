import assert from 'node:assert/strict';
import { billedDurationMs, invocationComputeUsd, mapConcurrencyLimit, pricesFor, vcpuForMemory, workerShareMb, workersFor } from '../../src/model/platform.ts';

// Facts from AWS's documentation, written here independently of platform.ts: one vCPU per 1,769 MB,
// at most 6 vCPUs (10,240 MB); billed per 1 ms; x86 $0.0000166667 and Arm $0.0000133334 per GB-s in
// us-east-1; Inline Map runs 40 iterations at once; a Distributed Map is capped by the account's
// 1,000 concurrent Lambdas.

describe('platform', () => {
  it('grants one vCPU per 1,769 MB, up to 6', () => {
    assert.equal(vcpuForMemory(1769), 1);
    assert.equal(vcpuForMemory(3538), 2);
    assert.equal(vcpuForMemory(884.5), 0.5);
    assert.equal(vcpuForMemory(12_000), 6);
  });

  it('runs one worker per whole vCPU, at least one and at most one per item', () => {
    assert.equal(workersFor(10, 1769 * 3), 3);
    assert.equal(workersFor(2, 1769 * 3), 2);
    assert.equal(workersFor(10, 1000), 1); // 0.57 vCPU: still one worker
    assert.equal(workersFor(0, 4000), 1);
  });

  it('splits memory evenly among workers but never below 128 MB, and leaves a lone worker all of it', () => {
    assert.equal(workerShareMb(3000, 1), 3000);
    assert.equal(workerShareMb(3000, 2), 1500);
    assert.equal(workerShareMb(300, 3), 128);
  });

  it('bills duration rounded up to the millisecond', () => {
    assert.equal(billedDurationMs(10.2), 11);
    assert.equal(billedDurationMs(10), 10);
  });

  it('prices an invocation as GB × billed seconds × the architecture\'s GB-second price', () => {
    const prices = pricesFor('us-east-1');
    // 2,048 MB for 1,500.4 ms → 2 GB × 1.501 s × $0.0000166667.
    assert.ok(Math.abs(invocationComputeUsd(2048, 1500.4, 'x86_64', prices) - 2 * 1.501 * 0.0000166667) < 1e-15);
    assert.ok(Math.abs(invocationComputeUsd(512, 1000, 'arm64', prices) - 0.5 * 1 * 0.0000133334) < 1e-15);
  });

  it('falls back to us-east-1 prices for a region without its own', () => {
    assert.equal(pricesFor('ap-south-2'), pricesFor('us-east-1'));
    assert.equal(pricesFor('us-east-1').lambdaRequestUsd, 0.2 / 1_000_000);
  });

  it('runs 40 map iterations at once inline and 1,000 in a Distributed Map (the account\'s Lambda concurrency)', () => {
    assert.equal(mapConcurrencyLimit(false), 40);
    assert.equal(mapConcurrencyLimit(true), 1000);
  });
});
