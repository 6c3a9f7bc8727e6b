import assert from 'node:assert/strict';
import { DecisionLog } from '../../src/passes/decision-log.ts';

describe('decision log', () => {
  it('records each decision under its pass, in the order made, with empty numbers and rejections by default', () => {
    const log = new DecisionLog('memory-sizing');
    log.record('passed', 'f', 'memory 1769 MB on arm64');
    log.record('missed', 'app', 'no plan meets', { latencyMs: 12 }, [{ option: 'x', reason: 'dearer' }]);
    assert.deepEqual(log.list(), [
      { pass: 'memory-sizing', kind: 'passed', subject: 'f', chosen: 'memory 1769 MB on arm64', numbers: {}, rejected: [] },
      { pass: 'memory-sizing', kind: 'missed', subject: 'app', chosen: 'no plan meets', numbers: { latencyMs: 12 }, rejected: [{ option: 'x', reason: 'dearer' }] },
    ]);
  });

  it('rounds numbers to 10 significant digits and writes their keys sorted', () => {
    const log = new DecisionLog('p');
    log.record('analysis', 'app', 'x', { zeta: 0.1 + 0.2, alpha: 123456.78901234, mid: 2 / 3 });
    const { numbers } = log.list()[0]!;
    assert.deepEqual(Object.keys(numbers), ['alpha', 'mid', 'zeta']);
    assert.equal(numbers.zeta, 0.3);
    assert.equal(numbers.alpha, 123456.789);
    assert.equal(numbers.mid, 0.6666666667);
  });

  it('hands out a copy of its entries: changing the list does not change the log', () => {
    const log = new DecisionLog('p');
    log.record('analysis', 'app', 'one');
    const list = log.list();
    list.pop();
    assert.equal(log.list().length, 1);
  });
});
