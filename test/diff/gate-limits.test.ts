import assert from 'node:assert/strict';
import { DagcUserError } from '../../src/diagnostics/diagnostic.ts';
import { parseDiffOptions } from '../../src/diff/diff-options.ts';
import { parseCostLimit, parseP95Limit } from '../../src/diff/gate-limits.ts';
import { flagValuePosition } from '../../src/cli/flag-position.ts';

function codesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DagcUserError, String(error));
    return error.diagnostics.map((d) => d.code);
  }
  assert.fail('expected a DagcUserError');
}

describe('gate limits', () => {
  it('reads a cost limit as a percentage or as dollars per million executions', () => {
    assert.deepEqual(parseCostLimit('5%'), { text: '5%', relative: 0.05 });
    assert.deepEqual(parseCostLimit(' 2.5 % '), { text: '2.5 %', relative: 0.025 });
    assert.deepEqual(parseCostLimit('$0.50/1M'), { text: '$0.50/1M', perMillionExecutionsUsd: 0.5 });
    assert.deepEqual(parseCostLimit('3/1m'), { text: '3/1m', perMillionExecutionsUsd: 3 });
  });

  it('reads a p95 limit as a percentage or a duration', () => {
    assert.deepEqual(parseP95Limit('10%'), { text: '10%', relative: 0.1 });
    assert.deepEqual(parseP95Limit('200ms'), { text: '200ms', latencyMs: 200 });
    assert.deepEqual(parseP95Limit('1.5s'), { text: '1.5s', latencyMs: 1500 });
  });

  it('refuses values that are neither (negative, unitless, the wrong unit) with DAGC0500/DAGC0501 and a valid example', () => {
    for (const bad of ['5', '-5%', '$0.50', '0.5/1k', 'five%', '200ms']) assert.deepEqual(codesOf(() => parseCostLimit(bad)), ['DAGC0500'], bad);
    for (const bad of ['10', '-10%', '$1/1M', '200 parsecs']) assert.deepEqual(codesOf(() => parseP95Limit(bad)), ['DAGC0501'], bad);
    assert.throws(
      () => parseCostLimit('5x'),
      (error: DagcUserError) => {
        const [d] = error.diagnostics;
        assert.match(d!.message, /--max-cost-increase '5x'/);
        assert.match(d!.hint!, /--max-cost-increase 5%/);
        assert.match(d!.hint!, /\$0\.50\/1M/);
        return true;
      },
    );
  });

  it('reports every bad diff option at once, each at its column on the command line', () => {
    const args = ['diff', 'a.json', 'b.json', '--max-cost-increase', '5x', '--max-p95-increase=fast', '--format', 'html'];
    try {
      parseDiffOptions({ maxCostIncrease: '5x', maxP95Increase: 'fast', format: 'html' }, (flag) => flagValuePosition(args, flag));
      assert.fail('expected bad input');
    } catch (error) {
      const diagnostics = (error as DagcUserError).diagnostics;
      assert.deepEqual(diagnostics.map((d) => d.code), ['DAGC0500', 'DAGC0501', 'DAGC0502']);
      const line = `dagc ${args.join(' ')}`;
      // Each position's column points at the flag's value in the line as typed.
      assert.equal(line.slice(diagnostics[0]!.position!.column - 1).split(' ')[0], '5x');
      assert.equal(line.slice(diagnostics[1]!.position!.column - 1).split(' ')[0], 'fast');
      assert.equal(line.slice(diagnostics[2]!.position!.column - 1).split(' ')[0], 'html');
      assert.equal(diagnostics[0]!.position!.file, '<command line>');
    }
  });

  it('takes --json as --format json, markdown as md too, and refuses --json with another format (DAGC0503)', () => {
    assert.equal(parseDiffOptions({}).format, 'text');
    assert.equal(parseDiffOptions({ json: true }).format, 'json');
    assert.equal(parseDiffOptions({ format: 'md' }).format, 'markdown');
    assert.equal(parseDiffOptions({ format: 'markdown', maxCostIncrease: '5%' }).limits.maxCostIncrease?.relative, 0.05);
    assert.deepEqual(codesOf(() => parseDiffOptions({ json: true, format: 'markdown' })), ['DAGC0503']);
  });
});
