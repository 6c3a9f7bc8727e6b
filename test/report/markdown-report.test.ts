import assert from 'node:assert/strict';
import { markdownTable } from '../../src/report/markdown-table.ts';
import { MAX_FRONTIER_ROWS, renderMarkdownReport } from '../../src/report/markdown-report.ts';
import { loadReportInput } from '../../src/report/report-input.ts';
import { committedPlanDir, fusedVideoPlanDir } from '../helpers/report-plans.ts';

describe('report markdown', () => {
  it('summarises the plan: percentile against the SLO, cost against today, the breakdown total', () => {
    const input = loadReportInput(committedPlanDir('video'));
    const md = renderMarkdownReport(input);
    const { plan } = input;
    assert.match(md, /^# dagc report: video\n/);
    const p95 = `${(plan.predicted.latencyMs.p95 / 1000).toFixed(2)} s`;
    const todayP95 = `${(plan.today!.latencyMs.p95 / 1000).toFixed(2)} s`;
    assert.ok(md.includes(`**p95**: ${p95} against an SLO of 3.00 s: meets it (today ${todayP95})`), md.split('\n')[2]);
    assert.ok(md.includes(`$${plan.predicted.cost.perMillionExecutionsUsd.toFixed(2)} (today $${plan.today!.cost.perMillionExecutionsUsd.toFixed(2)}`));
    const total = md.split('\n').find((l) => l.startsWith('| total '))!.split('|').map((c) => c.trim());
    assert.deepEqual(total.slice(2, 4), [`$${plan.predicted.cost.perMillionExecutionsUsd.toFixed(2)}`, `$${plan.today!.cost.perMillionExecutionsUsd.toFixed(2)}`]);
  });

  it('lists every step with the labels the graph draws: memory, map and bundle, fusion group, in-edges', () => {
    const input = loadReportInput(fusedVideoPlanDir());
    const md = renderMarkdownReport(input);
    const split = input.plan.functions.split!;
    const row = (step: string) => md.split('\n').find((l) => l.startsWith(`| ${step} `))!.split('|').map((c) => c.trim());
    assert.deepEqual(row('rebase').slice(1, 7), ['rebase', 'rebase', '2048 MB arm64', '×16 · bundle 4 · distributed', 'pair-rebase', 'in-process']);
    assert.deepEqual(row('split').slice(1, 7), ['split', 'split', `${split.memoryMb} MB ${split.architecture}`, '—', '—', '— (start)']);
  });

  it('shows the frontier with the chosen point marked, at most the row limit, and the decision log by pass', () => {
    const input = loadReportInput(committedPlanDir('video'));
    const md = renderMarkdownReport(input);
    const frontier = md.slice(md.indexOf('## Cost–p95 frontier'), md.indexOf('## Decisions'));
    const rows = frontier.split('\n').filter((l) => /^\| +\d/.test(l));
    assert.ok(rows.length >= 2 && rows.length <= MAX_FRONTIER_ROWS + 1);
    assert.equal(rows.filter((r) => r.includes('← chosen')).length, 1);
    for (const pass of new Set(input.plan.decisions.map((d) => d.pass))) assert.ok(md.includes(`### ${pass}\n`), pass);
    assert.equal((md.match(/^- (passed|missed|analysis) /gm) ?? []).length, input.plan.decisions.length);
  });

  it('lists each rejected option under its decision with the numbers that rejected it', () => {
    const input = loadReportInput(committedPlanDir('video'));
    const md = renderMarkdownReport(input);
    const withNumbers = input.plan.decisions.flatMap((d) => d.rejected).filter((r) => r.numbers && Object.keys(r.numbers).length > 0);
    assert.ok(withNumbers.length > 0, 'the video plan rejects options with numbers (its orchestration pass)');
    for (const r of withNumbers) {
      const pairs = Object.entries(r.numbers!).map(([k, v]) => `${k}=${v}`).join(' ');
      assert.ok(md.includes(`  - rejected ${r.option}: ${r.reason} (${pairs})`), r.option);
    }
  });

  it('is the same text every time', () => {
    assert.equal(renderMarkdownReport(loadReportInput(committedPlanDir('ml-pipeline'))), renderMarkdownReport(loadReportInput(committedPlanDir('ml-pipeline'))));
  });

  it('pads table columns to one width and escapes pipes', () => {
    assert.equal(markdownTable(['a', 'n'], [['x|y', '1'], ['z', '22']], new Set([1])), '| a    |   n |\n| ---- | --: |\n| x\\|y |   1 |\n| z    |  22 |');
  });
});
