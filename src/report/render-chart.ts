// Renders a Vega-Lite spec to static SVG in Node: compile to Vega, run a
// headless View (renderer 'none': no DOM, no canvas), and take view.toSVG().
// The charts are drawn by the library — scales, axes, ticks, legends — and
// only data and encodings are ours. No data is loaded from anywhere (every
// spec carries its values inline), so nothing touches the network.
// Ids: Vega numbers its clip paths from one counter per process ("clip7"), so
// the same chart rendered twice gets different ids, and two charts inlined in
// one page could collide. Every id is renamed to <chartId>-<n> in order of
// appearance: unique per page and the same bytes every time.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Fonts and colours shared by every chart, so the page reads as one document. */
export const CHART_CONFIG = {
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  background: '#ffffff',
  view: { stroke: '#e5e7eb' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eef0f3' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' },
} as const;

export interface RenderedChart {
  svg: string;
  /** What Vega-Lite and Vega warned about (a spec mistake of ours): kept off the user's terminal, asserted empty by the tests. */
  warnings: string[];
}

export async function renderChart(spec: TopLevelSpec, chartId: string): Promise<RenderedChart> {
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, level, args) => {
    warnings.push(`${level} ${args.map(String).join(' ')}`);
  });
  const vegaSpec = compile({ config: CHART_CONFIG, ...spec } as TopLevelSpec, { logger }).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    return { svg: renameIds(svg, chartId), warnings };
  } finally {
    view.finalize();
  }
}

/** Renames every id="…" and its url(#…) / href="#…" references to chartId-1, chartId-2, … in order of appearance. */
export function renameIds(svg: string, chartId: string): string {
  const renamed = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) if (!renamed.has(match[1]!)) renamed.set(match[1]!, `${chartId}-${renamed.size + 1}`);
  if (renamed.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}${renamed.get(id) ?? id}${b}`)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (renamed.has(id) ? `url(#${renamed.get(id)})` : whole))
    .replace(/(href=")#([^"]+)(")/g, (whole, a: string, id: string, b: string) => (renamed.has(id) ? `${a}#${renamed.get(id)}${b}` : whole));
}
