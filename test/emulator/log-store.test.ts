import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matchesFilter, parseFilterPattern, UnsupportedFilterPattern } from '../../src/emulator/filter-pattern.ts';
import { LogStore, type FilterQuery } from '../../src/emulator/log-store.ts';

const everything = parseFilterPattern('');

function query(logGroupName: string, fields: Partial<FilterQuery> = {}): FilterQuery {
  return { logGroupName, pattern: everything, limit: 10_000, ...fields };
}

describe('emulator: filter patterns', () => {
  it('reads plain terms, quoted phrases, ?alternatives and -exclusions', () => {
    assert.deepEqual(parseFilterPattern('REPORT "Init Duration" ?timeout ?error -Restore'), {
      required: ['REPORT', 'Init Duration'],
      anyOf: ['timeout', 'error'],
      excluded: ['Restore'],
    });
    assert.deepEqual(parseFilterPattern('  '), { required: [], anyOf: [], excluded: [] });
  });

  it('matches case-sensitively: all required terms, none excluded, one of the alternatives', () => {
    const pattern = parseFilterPattern('REPORT ?timeout ?error -SnapStart');
    assert.equal(matchesFilter(pattern, 'REPORT RequestId: x\tStatus: timeout\t\n'), true);
    assert.equal(matchesFilter(pattern, 'REPORT RequestId: x\t\n'), false);
    assert.equal(matchesFilter(pattern, 'report status: timeout'), false);
    assert.equal(matchesFilter(pattern, 'REPORT Status: error SnapStart'), false);
  });

  it('refuses JSON and space-delimited patterns instead of matching them wrongly', () => {
    assert.throws(() => parseFilterPattern('{ $.level = "ERROR" }'), UnsupportedFilterPattern);
    assert.throws(() => parseFilterPattern('[ip, user, status=500]'), UnsupportedFilterPattern);
  });
});

describe('emulator: log store', () => {
  it('pages through every matching event exactly once, in time order, for any page size and arrival order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }), fc.integer({ min: 1, max: 25 }), (timestamps, limit) => {
        const store = new LogStore();
        timestamps.forEach((timestamp, i) => store.append('/aws/lambda/f', `s${i % 3}`, 1000 + timestamp, `${i % 2 === 0 ? 'REPORT' : 'START'} ${i}\n`));
        const seen: string[] = [];
        let after: FilterQuery['after'];
        let pages = 0;
        do {
          const page = store.filter(query('/aws/lambda/f', { pattern: parseFilterPattern('REPORT'), limit, ...(after ? { after } : {}) }));
          assert.ok(page.events.length <= limit);
          seen.push(...page.events.map((event) => event.message));
          after = page.resumeAfter;
          pages += 1;
        } while (after && pages < 100);
        const expected = timestamps
          .map((timestamp, i) => ({ timestamp, i }))
          .filter(({ i }) => i % 2 === 0)
          .sort((a, b) => a.timestamp - b.timestamp || a.i - b.i)
          .map(({ i }) => `REPORT ${i}\n`);
        assert.deepEqual(seen, expected);
      }),
    );
  });

  it('keeps events inside startTime and endTime, both inclusive, and filters by stream', () => {
    const store = new LogStore();
    for (const timestamp of [10, 20, 30]) store.append('g', timestamp === 20 ? 'b' : 'a', timestamp, `at ${timestamp}\n`);
    assert.deepEqual(store.filter(query('g', { startTime: 20, endTime: 30 })).events.map((e) => e.timestamp), [20, 30]);
    assert.deepEqual(store.filter(query('g', { logStreamNames: ['a'] })).events.map((e) => e.timestamp), [10, 30]);
    assert.deepEqual(store.filter(query('g', { logStreamNamePrefix: 'b' })).searchedLogStreams, ['b']);
  });

  it('keeps only the newest events of a group beyond its cap', () => {
    const store = new LogStore(3);
    for (let i = 0; i < 5; i += 1) store.append('g', 's', i, `line ${i}\n`);
    assert.deepEqual(store.filter(query('g')).events.map((e) => e.message), ['line 2\n', 'line 3\n', 'line 4\n']);
  });
});
