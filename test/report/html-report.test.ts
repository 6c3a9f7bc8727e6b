import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { renderHtmlReport } from '../../src/report/html-report.ts';
import { loadReportInput } from '../../src/report/report-input.ts';
import { committedPlanDir, fusedVideoPlanDir, videoPlanWithoutProfile } from '../helpers/report-plans.ts';
import { projectRoot } from '../helpers/run-cli.ts';

/** Every URL-like reference in the page that is not an XML namespace name (those are identifiers, never fetched). */
function externalReferences(html: string): string[] {
  const refs = [...html.matchAll(/(?:src|href|action)\s*=\s*["']([^"']+)["']|url\(\s*['"]?([^)'"]+)/g)].map((m) => m[1] ?? m[2]!);
  const bare = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]).filter((u) => !/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/.test(u));
  return [...refs.filter((r) => !r.startsWith('#')), ...bare];
}

describe('report HTML page', function () {
  this.timeout(240_000);

  it('is the same bytes when the same plan is rendered twice', async () => {
    const dir = fusedVideoPlanDir();
    const first = await renderHtmlReport(loadReportInput(dir));
    const second = await renderHtmlReport(loadReportInput(dir));
    assert.ok(first === second, 'two renders of one plan differ');
  });

  it('draws the fusion group, the in-process edge and the bundled distributed map of a fused plan', async () => {
    const html = await renderHtmlReport(loadReportInput(fusedVideoPlanDir()));
    assert.match(html, /<g class="fusion-group" data-group="pair-rebase">/);
    assert.match(html, /<path class="edge" data-from="pair" data-to="rebase" data-mode="in-process"/);
    assert.match(html, /map ×16 · bundle 4 · distributed/);
    assert.match(html, /fused in pair-rebase/);
  });

  for (const app of readdirSync(path.join(projectRoot, 'plans')).sort()) {
    it(`renders plans/${app} self-contained: every section, a chart per function, no Vega warning, nothing to fetch`, async () => {
      const input = loadReportInput(committedPlanDir(app));
      const warnings: string[] = [];
      const html = await renderHtmlReport(input, warnings);
      assert.deepEqual(warnings, []);
      for (const id of ['summary', 'workflow', 'frontier', 'cost', 'functions', 'decisions']) assert.ok(html.includes(`<section id="${id}">`), id);
      assert.equal((html.match(/data-chart="function"/g) ?? []).length, Object.keys(input.plan.functions).length);
      assert.equal((html.match(/<g class="step"/g) ?? []).length, input.ir.graph.nodeCount());
      assert.deepEqual(externalReferences(html), []);
      assert.doesNotMatch(html, /<script|<link|<img|<iframe/i);
      assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    });
  }

  it("says which function has no profile and draws the others' curves", async () => {
    const input = loadReportInput(videoPlanWithoutProfile('pair'));
    assert.deepEqual(input.missingProfiles, ['pair']);
    assert.ok(input.warnings.some((w) => w.code === 'DAGC0522'));
    const html = await renderHtmlReport(input);
    assert.match(html, /pair: no profile, so no curves/);
    assert.equal((html.match(/data-chart="function"/g) ?? []).length, 4);
  });
});
