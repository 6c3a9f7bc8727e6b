import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LogStore, parsePattern } from '../../src/emulator/log-store.ts';

describe('emulator: log store', () => {
  it('reads plain terms and quoted phrases from a filter pattern', () => {
    assert.deepEqual(parsePattern('REPORT "Init Duration" timeout'), ['REPORT', 'Init Duration', 'timeout']);
    assert.deepEqual(parsePattern('  '), []);
  });

  it('pages through every matching event exactly once, in order, for any page size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 25 }), (count, limit) => {
        const store = new LogStore();
        for (let i = 0; i < count; i += 1) store.append('/aws/lambda/f', 's', [i % 2 === 0 ? `REPORT ${i}` : `START ${i}`], 1000 + i);
        const seen: string[] = [];
        let token: string | undefined;
        do {
          const page = store.filter({ logGroupName: '/aws/lambda/f', filterPattern: 'REPORT', limit, ...(token ? { nextToken: token } : {}) });
          seen.push(...page.events.map((event) => event.message));
          token = page.nextToken;
        } while (token);
        const expected = Array.from({ length: count }, (_, i) => i).filter((i) => i % 2 === 0).map((i) => `REPORT ${i}\n`);
        assert.deepEqual(seen, expected);
      }),
    );
  });

  it('keeps events inside startTime and endTime, both inclusive', () => {
    const store = new LogStore();
    for (const timestamp of [10, 20, 30]) store.append('g', 's', [`at ${timestamp}`], timestamp);
    assert.deepEqual(store.filter({ logGroupName: 'g', startTime: 20, endTime: 30 }).events.map((e) => e.timestamp), [20, 30]);
  });
});
