import assert from 'node:assert/strict';
import path from 'node:path';
import type { Plan } from '../../src/codegen/plan.ts';
import { readPlan } from '../../src/codegen/read-plan.ts';
import { diffPlans } from '../../src/diff/diff-report.ts';
import { parseCostLimit } from '../../src/diff/gate-limits.ts';
import { renderDiffMarkdown } from '../../src/diff/render-markdown.ts';
import { renderDiffText } from '../../src/diff/render-text.ts';
import { projectRoot } from '../helpers/run-cli.ts';

/** A real plan, frozen (test/diff/data/README.md) so the asserted numbers do not move with the optimizer. */
function committed(): Plan {
  return readPlan(path.join(projectRoot, 'test/diff/data/mapreduce-standard.plan.json')).plan;
}

function resized(plan: Plan, fn: string, memoryMb: number, costFactor: number): Plan {
  const next = structuredClone(plan);
  next.functions[fn]!.memoryMb = memoryMb;
  next.functions[fn]!.costPerMillionExecutionsUsd *= costFactor;
  next.predicted.cost.perMillionExecutionsUsd *= 1.1;
  next.predicted.cost.perExecutionUsd *= 1.1;
  return next;
}

const report = () => diffPlans({ plan: committed(), file: 'main/plan.json' }, { plan: resized(committed(), 'map', 3008, 1.4), file: 'pr/plan.json' }, { maxCostIncrease: parseCostLimit('5%') });

describe('dagc diff renderings', () => {
  it('writes a PR comment: the summary line first, the numbers and the changes as tables, details folded, the verdict last', () => {
    const md = renderDiffMarkdown(report());
    const lines = md.trimEnd().split('\n');
    assert.match(lines[0]!, /^❌ \*\*dagc diff\*\* mapreduce: REGRESSION: cost per 1M executions \\\$501\.02 → \\\$551\.12 \(\+10\.0%\)/);
    assert.match(md, /\n\| cost \/ 1M executions \| \\\$501\.02 \| \\\$551\.12 \| \+\\\$50\.10 \(\+10\.0%\) \|\n/);
    assert.match(md, /\*\*What changed\*\* \(1\)\n\n\| aspect \| subject \| old \| new \|\n\| :-- \| :-- \| :-- \| :-- \|\n\| memory \| function map \| 2048 MB \| 3008 MB \|/);
    assert.match(md, /<details>\n<summary>Functions \(1 changed of 5\)<\/summary>\n\n\| function \|/);
    assert.equal((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length);
    assert.match(lines.at(-1)!, /^dagc diff: FAIL: cost per 1M executions \+\\\$50\.10 \(\+10\.0%\), .* over --max-cost-increase 5%$/);
  });

  it('prints the same facts for a terminal, verdict on the last line', () => {
    const text = renderDiffText(report());
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0]!, /^mapreduce: REGRESSION: cost per 1M executions \$501\.02 → \$551\.12 \(\+10\.0%\)/);
    assert.match(text, /\n  memory  function map  2048 MB  3008 MB\n/);
    assert.match(text, /\n  FAIL cost per 1M executions/);
    assert.equal(lines.at(-1), report().gate.verdict);
  });

  it('is byte-identical for the same plans', () => {
    assert.equal(renderDiffMarkdown(report()), renderDiffMarkdown(report()));
    assert.equal(renderDiffText(report()), renderDiffText(report()));
  });

  it('escapes ids from the app so they cannot break a table or inject HTML', () => {
    const plan = committed();
    const next = structuredClone(plan);
    next.steps = { 'evil|<img src=x>': { bundleSize: 2 } };
    const md = renderDiffMarkdown(diffPlans({ plan, file: 'a' }, { plan: next, file: 'b' }));
    const row = md.split('\n').find((l) => l.startsWith('| bundling'))!;
    assert.equal(row, '| bundling | step evil\\|&lt;img src=x&gt; | 1 item per invocation | 2 items per invocation |');
    assert.doesNotMatch(md, /<img/);
  });

  it('keeps a comment for thousands of changes under GitHub\'s 65,536 characters, pointing to the full output', () => {
    const plan = committed();
    const next = structuredClone(plan);
    for (let i = 0; i < 3000; i += 1) next.steps[`step-${String(i).padStart(4, '0')}`] = { prewarm: 1 };
    const r = diffPlans({ plan, file: 'a' }, { plan: next, file: 'b' });
    assert.equal(r.changes.length, 3000);
    const md = renderDiffMarkdown(r);
    assert.ok(md.length < 65_536, `${md.length} characters`);
    assert.match(md, /<summary>2970 more changes<\/summary>/);
    assert.match(md, /… and 2670 more rows: run `dagc diff` \(text or --json\) for all of them\./);
    assert.ok(renderDiffText(r).includes('step-2999'), 'the terminal output keeps every change');
  });
});
