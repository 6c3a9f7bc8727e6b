import assert from 'node:assert/strict';
import { formatDecision } from '../../src/cli/commands/explain.ts';
import type { Decision } from '../../src/passes/decision-log.ts';

describe('dagc explain: one decision', () => {
  const decision: Decision = {
    pass: 'orchestration',
    kind: 'passed',
    subject: 'app',
    chosen: 'express workflow',
    numbers: { costUsd: 0.0001, latencyMs: 2900 },
    rejected: [
      { option: 'standard (memory alone)', reason: 'dearer at the SLO', numbers: { costUsd: 0.0004, latencyMs: 2800 } },
      { option: 'express', reason: 'f runs as an AWS Batch job', numbers: {} },
      { option: 'arm64', reason: 'no profile' },
    ],
  };

  it('prints what was chosen with its numbers, then each rejected option with the numbers that rejected it', () => {
    assert.equal(
      formatDecision(decision),
      [
        '  passed   app: express workflow  (costUsd=0.0001 latencyMs=2900)',
        '           rejected standard (memory alone): dearer at the SLO  (costUsd=0.0004 latencyMs=2800)',
        '           rejected express: f runs as an AWS Batch job',
        '           rejected arm64: no profile',
        '',
      ].join('\n'),
    );
  });
});
