// The report in a real browser: Debian's chromium driven by playwright-core
// (.ci/run installs it). The page is opened from disk as a user would, and
// the test asserts what a reader would see: the workflow graph and every
// chart drawn with non-empty boxes, no console errors, and no request beyond
// the page itself. A screenshot of each page is kept in the temp folder (its
// path is printed) so a person can look at what was tested.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { costBreakdownRows } from '../../src/report/cost-breakdown.ts';
import { renderHtmlReport } from '../../src/report/html-report.ts';
import { loadReportInput } from '../../src/report/report-input.ts';
import { committedPlanDir, fusedVideoPlanDir } from '../helpers/report-plans.ts';

const CHROMIUM = '/usr/bin/chromium';

interface Drawn {
  graph: { width: number; height: number };
  steps: Array<{ id: string; width: number; height: number; text: string }>;
  edges: Array<{ width: number; height: number }>;
  groups: Array<{ width: number; height: number }>;
  charts: Array<{ kind: string; fn: string | null; width: number; height: number; marks: Record<string, Array<{ width: number; height: number }>> }>;
}

/**
 * Boxes of everything the tests look at, measured by the browser's own layout.
 * Plain JavaScript in a string: the TypeScript loader wraps functions in a
 * helper (__name) that does not exist inside the page.
 */
const MEASURE = `(() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return { width: r.width, height: r.height }; };
  const graph = document.querySelector('svg.workflow-graph');
  return {
    graph: graph ? box(graph) : { width: 0, height: 0 },
    steps: [...document.querySelectorAll('g.step')].map((g) => ({ id: g.getAttribute('data-step'), ...box(g.querySelector('rect')), text: g.textContent })),
    edges: [...document.querySelectorAll('path.edge')].map(box),
    groups: [...document.querySelectorAll('g.fusion-group rect')].map(box),
    charts: [...document.querySelectorAll('figure.chart')].map((figure) => {
      const svg = figure.querySelector('svg');
      const marks = {};
      for (const el of svg.querySelectorAll('[role="graphics-symbol"]')) {
        const kind = el.getAttribute('aria-roledescription') || '?';
        (marks[kind] = marks[kind] || []).push(box(el));
      }
      return { kind: figure.getAttribute('data-chart'), fn: figure.getAttribute('data-function'), ...box(svg), marks };
    }),
  };
})()`;

describe('report page in headless Chromium', function () {
  this.timeout(240_000);
  let browser: Browser;
  const dir = mkdtempSync(path.join(tmpdir(), 'dagc-report-browser-'));

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
    browser = await chromium.launch({ executablePath: CHROMIUM });
  });

  after(async () => {
    await browser?.close();
  });

  const cases: Array<{ name: string; planDir: () => string }> = [
    { name: 'video with a fusion group and a bundled distributed map', planDir: fusedVideoPlanDir },
    { name: 'tiled-linear-algebra, restructured with joins', planDir: () => committedPlanDir('tiled-linear-algebra') },
  ];

  for (const { name, planDir } of cases) {
    it(`draws the graph and every chart of ${name}, with no console errors and no network requests`, async () => {
      const input = loadReportInput(planDir());
      const file = path.join(dir, `${input.plan.app}-${cases.findIndex((c) => c.name === name)}.html`);
      writeFileSync(file, await renderHtmlReport(input));
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (request) => requests.push(request.url()));
      const url = pathToFileURL(file).href;
      await page.goto(url, { waitUntil: 'load' });
      const screenshot = file.replace(/\.html$/, '.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      console.log(`      screenshot: ${screenshot}`);
      const drawn = (await page.evaluate(MEASURE)) as Drawn;
      await page.close();

      assert.deepEqual(errors, []);
      assert.deepEqual(requests, [url], 'the page fetched something beyond itself');
      assert.ok(statSync(screenshot).size > 10_000);

      assert.ok(drawn.graph.width > 0 && drawn.graph.height > 0, 'the workflow graph is not drawn');
      assert.deepEqual(drawn.steps.map((s) => s.id).sort(), [...input.ir.graph.nodes()].sort());
      for (const step of drawn.steps) {
        assert.ok(step.width > 0 && step.height > 0, `step ${step.id} has an empty box`);
        assert.ok(step.text.startsWith(step.id) && step.text.includes('in: '), `step ${step.id} reads "${step.text}"`);
      }
      assert.equal(drawn.edges.length, input.ir.graph.edgeCount());
      for (const edge of drawn.edges) assert.ok(edge.width > 0 || edge.height > 0, 'an edge is not drawn');
      assert.equal(drawn.groups.length, Object.keys(input.deployment.groups ?? {}).length);
      for (const group of drawn.groups) assert.ok(group.width > 0 && group.height > 0, 'a fusion group has an empty box');

      const functions = Object.keys(input.plan.functions).sort();
      assert.deepEqual(drawn.charts.map((c) => c.kind), ['frontier', 'cost-breakdown', ...functions.map(() => 'function')]);
      assert.deepEqual(drawn.charts.filter((c) => c.kind === 'function').map((c) => c.fn), functions);
      const expectedMarks: Record<string, string[]> = {
        frontier: ['point', 'line mark', 'rule mark', 'text mark', 'axis'],
        'cost-breakdown': ['bar', 'axis', 'legend'],
        function: ['point', 'line mark', 'rule mark', 'axis', 'legend'],
      };
      for (const chart of drawn.charts) {
        const label = chart.fn ?? chart.kind;
        assert.ok(chart.width > 100 && chart.height > 100, `chart ${label} is ${chart.width}×${chart.height}`);
        for (const kind of expectedMarks[chart.kind]!) {
          const items = chart.marks[kind] ?? [];
          assert.ok(items.length > 0, `chart ${label} has no ${kind}`);
          assert.ok(items.some((b) => b.width > 0 && b.height > 0) || (kind === 'rule mark' && items.some((b) => b.width > 0 || b.height > 0)), `chart ${label}: every ${kind} is empty`);
        }
      }
      assert.equal(chart(drawn, 'cost-breakdown').marks.bar!.length, costBreakdownRows(input.plan).length * (input.plan.today ? 2 : 1));
    });
  }
});

function chart(drawn: Drawn, kind: string) {
  return drawn.charts.find((c) => c.kind === kind)!;
}
