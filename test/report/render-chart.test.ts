import assert from 'node:assert/strict';
import type { TopLevelSpec } from 'vega-lite';
import { renameIds, renderChart } from '../../src/report/render-chart.ts';

const clipped: TopLevelSpec = {
  width: 200,
  height: 100,
  data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }, { x: 3, y: 1 }] },
  mark: { type: 'line', clip: true },
  encoding: { x: { field: 'x', type: 'quantitative', scale: { domain: [1.5, 3] } }, y: { field: 'y', type: 'quantitative' } },
};

describe('report chart rendering', () => {
  it('renders a Vega-Lite spec to static SVG with axes, without warnings', async () => {
    const { svg, warnings } = await renderChart(clipped, 'c');
    assert.deepEqual(warnings, []);
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /role-axis/);
  });

  it('gives the same bytes for the same chart rendered twice in one process (clip ids renamed per chart)', async () => {
    const first = await renderChart(clipped, 'same');
    const second = await renderChart(clipped, 'same');
    assert.equal(first.svg, second.svg);
    assert.match(first.svg, /id="same-1"/);
    assert.match(first.svg, /url\(#same-1\)/);
  });

  it('renames ids and every reference to them, leaving other urls alone', () => {
    const svg = '<svg><clipPath id="clip9"><rect/></clipPath><g clip-path="url(#clip9)"/><use href="#clip9"/><g fill="url(#other)"/></svg>';
    assert.equal(renameIds(svg, 'k'), '<svg><clipPath id="k-1"><rect/></clipPath><g clip-path="url(#k-1)"/><use href="#k-1"/><g fill="url(#other)"/></svg>');
  });

  it('collects what Vega-Lite warns about instead of printing it', async () => {
    const bad: TopLevelSpec = { data: { values: [{ x: 1 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative', scale: { type: 'log', zero: true } } } };
    const { warnings } = await renderChart(bad, 'bad');
    assert.ok(warnings.some((w) => /zero/.test(w)), warnings.join('\n'));
  });
});
