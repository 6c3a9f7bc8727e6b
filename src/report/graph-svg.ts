// Draws a laid-out workflow (graph-layout.ts) as inline SVG: a box per step
// with its label lines, fusion groups as shaded boxes behind their members,
// edges along dagre's routed points with an arrowhead, coloured and dashed by
// data-passing mode (the legend says which is which). Only drawing: every
// position comes from the layout, every word from step-labels.ts.
import { escapeHtml } from './html-escape.ts';
import { GRAPH_FONT, type PositionedGraph } from './graph-layout.ts';

/** Stroke colour and dash per data-passing mode; the page's legend is drawn from the same table. */
export const EDGE_STYLES: Readonly<Record<string, { color: string; dash: string; meaning: string }>> = {
  inline: { color: '#2563eb', dash: '', meaning: 'inline: in the Step Functions state (≤ 256 KB)' },
  s3: { color: '#d97706', dash: '7 4', meaning: 's3: written to S3, a pointer in the state' },
  'in-process': { color: '#059669', dash: '2 3', meaning: 'in-process: same fusion group, stays in memory' },
};

const NODE_FILL: Record<string, string> = { task: '#ffffff', map: '#f1f5ff', choice: '#fff7ed', join: '#f3f4f6' };
const PAD_PX = 10;

export function graphSvg(graph: PositionedGraph): string {
  const width = Math.ceil(graph.widthPx);
  const height = Math.ceil(graph.heightPx);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="workflow-graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="workflow graph" font-family="${escapeHtml(GRAPH_FONT.family)}" font-size="${GRAPH_FONT.sizePx}">`,
    '<defs>',
    ...Object.keys(EDGE_STYLES).sort().map((mode) => `<marker id="dagc-arrow-${mode}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${EDGE_STYLES[mode]!.color}"/></marker>`),
    '</defs>',
  ];
  for (const group of graph.groups) {
    const x = group.x - group.widthPx / 2;
    const y = group.y - group.heightPx / 2;
    out.push(
      `<g class="fusion-group" data-group="${escapeHtml(group.id)}"><rect x="${x}" y="${y}" width="${group.widthPx}" height="${group.heightPx}" rx="8" fill="#ecfdf5" stroke="#059669" stroke-dasharray="4 3"/>` +
        `<text x="${x + 6}" y="${y + GRAPH_FONT.sizePx}" fill="#047857" font-size="${GRAPH_FONT.sizePx - 1}">${escapeHtml(group.title)}</text></g>`,
    );
  }
  for (const edge of graph.edges) {
    const style = EDGE_STYLES[edge.mode] ?? EDGE_STYLES.inline!;
    const d = edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');
    out.push(
      `<path class="edge" data-from="${escapeHtml(edge.from)}" data-to="${escapeHtml(edge.to)}" data-mode="${escapeHtml(edge.mode)}" d="${d}" fill="none" stroke="${style.color}" stroke-width="1.6"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''} marker-end="url(#dagc-arrow-${EDGE_STYLES[edge.mode] ? edge.mode : 'inline'})"><title>${escapeHtml(`${edge.from} → ${edge.to}: ${edge.mode}`)}</title></path>`,
    );
  }
  for (const node of graph.nodes) {
    const x = node.x - node.widthPx / 2;
    const y = node.y - node.heightPx / 2;
    const lines = [node.label.id, ...node.label.lines];
    const text = lines
      .map((line, i) => `<tspan x="${x + PAD_PX}" y="${y + PAD_PX + GRAPH_FONT.sizePx + i * GRAPH_FONT.lineHeightPx}"${i === 0 ? ' font-weight="bold"' : ''}>${escapeHtml(line)}</tspan>`)
      .join('');
    out.push(
      `<g class="step" data-step="${escapeHtml(node.id)}" data-kind="${node.label.kind}">` +
        `<rect x="${x}" y="${y}" width="${node.widthPx}" height="${node.heightPx}" rx="${node.label.kind === 'choice' ? 14 : 4}" fill="${NODE_FILL[node.label.kind] ?? '#ffffff'}" stroke="#334155"${node.label.kind === 'join' ? ' stroke-dasharray="3 3"' : ''}/>` +
        `<text fill="#0f172a">${text}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
