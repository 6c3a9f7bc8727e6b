import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import { graphLayoutInput, layoutForPage, layoutGraph, PAGE_WIDTH_PX } from '../../src/report/graph-layout.ts';
import { graphSvg } from '../../src/report/graph-svg.ts';
import { irOf } from '../helpers/ir-builder.ts';

function app() {
  const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: ['d'] }, { c: { map: { kind: 'fixed', width: 16 } } });
  const deployment: Deployment = {
    functions: Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((f) => [f, { memoryMb: 1024, architecture: 'x86_64' as const }])),
    steps: { d: { fusionGroup: 'tail' }, e: { fusionGroup: 'tail' }, c: { bundleSize: 2 } },
    edges: { 'a->b': 'inline', 'a->c': 's3', 'b->d': 'inline', 'c->d': 's3', 'd->e': 'in-process' },
    orchestration: 'express',
    groups: { tail: { steps: ['d', 'e'], memoryMb: 2048, architecture: 'arm64' } },
  };
  return { ir, deployment };
}

type Box = { x: number; y: number; widthPx: number; heightPx: number };
const left = (b: Box) => b.x - b.widthPx / 2;
const right = (b: Box) => b.x + b.widthPx / 2;
const top = (b: Box) => b.y - b.heightPx / 2;
const bottom = (b: Box) => b.y + b.heightPx / 2;

describe('report graph layout', () => {
  it('gives dagre one node per step, one edge per dependency with its data-passing mode, and the fusion groups', () => {
    const { ir, deployment } = app();
    const input = graphLayoutInput(ir, deployment);
    assert.deepEqual(input.nodes.map((n) => n.id).sort(), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(
      input.edges.map((e) => `${e.from}->${e.to}:${e.mode}`),
      ['a->b:inline', 'a->c:s3', 'b->d:inline', 'c->d:s3', 'd->e:in-process'],
    );
    assert.deepEqual(input.groups, [{ id: 'tail', title: 'tail · 2048 MB arm64', steps: ['d', 'e'] }]);
    for (const node of input.nodes) {
      const longest = Math.max(node.id.length, ...node.label.lines.map((l) => l.length));
      assert.ok(node.widthPx > longest * 7, `${node.id} box ${node.widthPx} px is narrower than its text`);
    }
  });

  it('places steps in dependency order without overlapping boxes, inside the drawing, each group around its members', () => {
    const { ir, deployment } = app();
    const layout = layoutGraph(graphLayoutInput(ir, deployment));
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const edge of layout.edges) assert.ok(bottom(at.get(edge.from)!) <= top(at.get(edge.to)!), `${edge.from} is not above ${edge.to}`);
    for (const a of layout.nodes) {
      assert.ok(left(a) >= 0 && top(a) >= 0 && right(a) <= layout.widthPx && bottom(a) <= layout.heightPx, `${a.id} outside the drawing`);
      for (const b of layout.nodes) {
        if (a.id >= b.id) continue;
        const apart = right(a) <= left(b) || right(b) <= left(a) || bottom(a) <= top(b) || bottom(b) <= top(a);
        assert.ok(apart, `${a.id} overlaps ${b.id}`);
      }
    }
    const tail = layout.groups[0]!;
    for (const id of ['d', 'e']) {
      const n = at.get(id)!;
      assert.ok(left(n) >= left(tail) && right(n) <= right(tail) && top(n) >= top(tail) && bottom(n) <= bottom(tail), `${id} outside its group`);
    }
    for (const edge of layout.edges) assert.ok(edge.points.length >= 2, `${edge.from}->${edge.to} has no route`);
  });

  it('is the same layout every time', () => {
    const { ir, deployment } = app();
    assert.deepEqual(layoutGraph(graphLayoutInput(ir, deployment)), layoutGraph(graphLayoutInput(ir, deployment)));
  });

  it('draws a box per step and a path per edge styled by its mode, and escapes ids', () => {
    const ir = irOf({ 'a<b': [], c: ['a<b'] });
    const deployment: Deployment = {
      functions: { 'a<b': { memoryMb: 128, architecture: 'x86_64' }, c: { memoryMb: 128, architecture: 'x86_64' } },
      steps: {},
      edges: { 'a<b->c': 's3' },
      orchestration: 'standard',
    };
    const svg = graphSvg(layoutGraph(graphLayoutInput(ir, deployment)));
    assert.equal((svg.match(/<g class="step"/g) ?? []).length, 2);
    assert.equal((svg.match(/<path class="edge"/g) ?? []).length, 1);
    assert.match(svg, /data-mode="s3"[^>]*stroke-dasharray="7 4"/);
    assert.match(svg, /a&lt;b/);
    assert.doesNotMatch(svg, /a<b/);
  });

  it('keeps a narrow workflow top to bottom and turns a wide fan-out left to right, dependencies still in order', () => {
    const { ir, deployment } = app();
    assert.equal(layoutForPage(graphLayoutInput(ir, deployment)).rankdir, 'TB');
    const needs: Record<string, string[]> = { root: [] };
    for (let i = 0; i < 24; i += 1) needs[`leaf-${String(i).padStart(2, '0')}`] = ['root'];
    const wide = irOf(needs);
    const functions = Object.fromEntries([...wide.functions.keys()].map((f) => [f, { memoryMb: 128, architecture: 'x86_64' as const }]));
    const wideInput = graphLayoutInput(wide, { functions, steps: {}, edges: {}, orchestration: 'standard' });
    assert.ok(layoutGraph(wideInput, 'TB').widthPx > PAGE_WIDTH_PX);
    const layout = layoutForPage(wideInput);
    assert.equal(layout.rankdir, 'LR');
    assert.ok(layout.widthPx <= PAGE_WIDTH_PX);
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const edge of layout.edges) assert.ok(right(at.get(edge.from)!) <= left(at.get(edge.to)!), `${edge.from} is not left of ${edge.to}`);
  });
});
