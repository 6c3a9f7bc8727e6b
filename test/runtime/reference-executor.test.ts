// Runs every fixture on its events/input.json with the reference executor and
// checks real properties of what the handlers computed, each against an
// independent computation in the test (not against recorded outputs).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { alg } from '@dagrejs/graphlib';
import { loadAppIr } from '../../src/ir/load-app.ts';
import type { IR } from '../../src/ir/types.ts';
import { drawBranch } from '../../src/runtime/choice-draw.ts';
import { runReference, type ReferenceResult } from '../../src/runtime/reference-executor.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const fixturesDir = path.join(projectRoot, 'fixtures');
// Profile-only fixtures (no handlers/, e.g. sebs-thumbnail-compress: imported measurements) have no code to run.
const fixtures = readdirSync(fixturesDir).filter((name) => existsSync(path.join(fixturesDir, name, 'app.yaml')) && existsSync(path.join(fixturesDir, name, 'handlers'))).sort();

// Handler outputs are whatever JSON each fixture computes; the assertions say what they must hold.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface FixtureRun extends ReferenceResult {
  outputs: Record<string, Json>;
  final: Json;
}

const irs = new Map<string, IR>();
function irOf(name: string): IR {
  if (!irs.has(name)) irs.set(name, loadAppIr(path.join(fixturesDir, name, 'app.yaml')));
  return irs.get(name)!;
}
function inputOf(name: string): Json {
  return JSON.parse(readFileSync(path.join(fixturesDir, name, 'events', 'input.json'), 'utf8'));
}
// Each fixture runs once per seed; its tests share the result.
const runs = new Map<string, Promise<FixtureRun>>();
function run(name: string, seed = 0): Promise<FixtureRun> {
  const key = `${name}@${seed}`;
  if (!runs.has(key)) runs.set(key, runReference(irOf(name), inputOf(name), { seed }) as Promise<FixtureRun>);
  return runs.get(key)!;
}

describe('fixtures under the reference executor', () => {
  for (const name of fixtures) {
    describe(name, () => {
      it('fans every map out over a width its app.yaml allows, on the sample input', async () => {
        const { outputs } = await run(name);
        for (const id of irOf(name).graph.nodes()) {
          const node = irOf(name).graph.node(id);
          if (node.kind !== 'map' || !(id in outputs)) continue;
          const items = outputs[id].items.length;
          const { width } = node;
          if (width.kind === 'fixed') assert.equal(items, width.width, id);
          else if (width.kind === 'uniform') assert.ok(items >= width.min && items <= width.max, id);
          else assert.ok(width.values.includes(items), `${id}: ${items} items`);
        }
      });

      it('computes byte-identical outputs on a second run', async () => {
        const first = await run(name);
        const second = await runReference(irOf(name), inputOf(name), { seed: 0 });
        assert.equal(JSON.stringify(second), JSON.stringify(first));
      });
    });
  }
});

describe('fixture outputs', () => {
  it('video: one keyframe, every frame, a sound PSNR, and fewer bytes than the independently encoded chunks', async () => {
    const input = inputOf('video');
    const { outputs, final } = await run('video');
    assert.equal(final.frames, input.frames);
    assert.equal(final.keyframes, 1);
    assert.ok(final.psnr > 30, `psnr ${final.psnr}`);
    const encoded = outputs.encode.items.reduce((sum: number, c: Json) => sum + c.bytes, 0);
    assert.ok(final.bytes < encoded, `stitched ${final.bytes} B vs ${encoded} B encoded`);
    assert.deepEqual(outputs.rebase.items.map((c: Json) => c.chunk), [...Array(outputs.split.items.length).keys()]);
  });

  it('mapreduce: counts every word of the corpus split produced, and the top words match a direct count', async () => {
    const input = inputOf('mapreduce');
    const { outputs, final } = await run('mapreduce');
    const counts = new Map<string, number>();
    for (const part of outputs.split.items) {
      const text = inflateRawSync(Buffer.from(part.data, 'base64')).toString('utf8');
      for (const word of text.toLowerCase().match(/[a-z']+/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    assert.equal(total, input.words);
    assert.equal(final.totalWords, input.words);
    assert.equal(final.distinctWords, counts.size);
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, final.top.length);
    assert.deepEqual(final.top, top);
  });

  it('tree-reduction: the root equals the left-to-right product of the 64 leaves, which all differ', async () => {
    const { outputs, final } = await run('tree-reduction');
    const leaves = Object.keys(outputs).filter((id) => id.startsWith('leaf-')).sort();
    assert.equal(leaves.length, 64);
    const n = final.size;
    const matrices = leaves.map((id) => uint16(outputs[id].matrix));
    assert.equal(new Set(leaves.map((id) => outputs[id].matrix)).size, 64);
    const product = matrices.reduce((acc, m) => modMultiply(acc, m, n, 65521));
    assert.deepEqual([final.first, final.last], [0, 63]);
    assert.deepEqual(uint16(final.matrix), product);
  });

  it('tiled-linear-algebra: the factor L from the potrf and trsm tasks satisfies L·Lᵀ ≈ A within 1e-9', async () => {
    const { outputs } = await run('tiled-linear-algebra');
    const { tiles, tileSize: b, points, bandwidth, ridge } = outputs.load;
    const n = tiles * b;
    const l = new Float64Array(n * n);
    for (const [id, out] of Object.entries<Json>(outputs)) {
      if (!/^(potrf|trsm)-/.test(id)) continue;
      const tile = float64(out.tile);
      for (let r = 0; r < b; r++) for (let c = 0; c < b; c++) l[(out.i * b + r) * n + out.j * b + c] = tile[r * b + c]!;
    }
    let worst = 0;
    for (let x = 0; x < n; x++) {
      assert.ok(l[x * n + x]! > 0);
      for (let y = 0; y < n; y++) {
        if (y > x) assert.equal(l[x * n + y], 0);
        let llt = 0;
        for (let k = 0; k < n; k++) llt += l[x * n + k]! * l[y * n + k]!;
        const d2 = points[x].reduce((s: number, v: number, d: number) => s + (v - points[y][d]) ** 2, 0);
        const a = Math.exp(-d2 / (2 * bandwidth * bandwidth)) + (x === y ? ridge : 0);
        worst = Math.max(worst, Math.abs(llt - a));
      }
    }
    assert.ok(worst < 1e-9, `max |L·Lᵀ − A| = ${worst}`);
  });

  it('tiled-linear-algebra: its DAG is not series-parallel (it contains an N)', () => {
    const graph = irOf('tiled-linear-algebra').graph;
    const reaches = (from: string, to: string): boolean => alg.preorder(graph as never, [from]).includes(to);
    assert.ok(graph.hasEdge('trsm-1-0', 'gemm-2-1-0') && graph.hasEdge('trsm-2-0', 'gemm-2-1-0') && graph.hasEdge('trsm-1-0', 'syrk-1-0'));
    assert.ok(!reaches('trsm-2-0', 'syrk-1-0'));
  });

  it('ml-pipeline: takes the drawn branch, deploys what it produced, and retraining learns the labels', async () => {
    const seeds = [0, 1, 2, 3, 4, 5, 6, 7].map((seed) => [seed, drawBranch(seed, 'gate', { retrain: 0.3, reuse: 0.7 })] as const);
    for (const branch of ['retrain', 'reuse']) {
      const seed = seeds.find(([, b]) => b === branch)![0];
      const { outputs, final, skipped, branches } = await run('ml-pipeline', seed);
      const other = branch === 'retrain' ? 'reuse' : 'retrain';
      assert.equal(branches.gate, branch);
      assert.deepEqual(skipped, [other]);
      assert.ok(!(other in outputs));
      assert.equal(final.source, branch === 'retrain' ? 'train' : 'reuse');
      assert.deepEqual(final.holdout, outputs[branch].holdout);
      assert.equal(outputs.featurize.items.reduce((sum: number, s: Json) => sum + s.rows, 0), inputOf('ml-pipeline').samples);
      if (branch === 'retrain') assert.ok(outputs.retrain.train.accuracy > 0.8, `train accuracy ${outputs.retrain.train.accuracy}`);
    }
  });

  it('gpu-inference: runs the GPU step, finds exactly the re-sent images, and ranks classes by probability', async () => {
    assert.equal(irOf('gpu-inference').functions.get('infer')?.accelerator, 'gpu');
    const input = inputOf('gpu-inference');
    const { outputs, final } = await run('gpu-inference');
    assert.deepEqual(outputs.dedupe.duplicates, outputs.fetch.resent);
    assert.ok(outputs.fetch.resent.length > 0);
    assert.equal(final.images, input.images);
    assert.equal(final.unique, input.images - outputs.fetch.resent.length);
    for (const answer of final.answers) {
      const p = answer.top.map((t: Json) => t.p);
      assert.ok(p[0] >= p[1] && p[1] >= p[2] && p.reduce((a: number, b: number) => a + b, 0) <= 1 + 1e-9);
    }
  });

  it('sebs-excamera: the rebase chain covers every segment in order into one keyframe and fewer bytes', async () => {
    const input = inputOf('sebs-excamera');
    const { outputs, final } = await run('sebs-excamera');
    const chain = Object.keys(outputs).filter((id) => id.startsWith('rebase-')).sort();
    assert.deepEqual(chain.map((id) => outputs[id].segment), [...chain.keys()]);
    assert.equal(final.totals.frames, input.frames);
    assert.equal(final.totals.keyframes, 1);
    assert.ok(final.totals.bytes < final.totals.keyframeBytes);
    const mse = final.totals.squaredError / (input.frames * input.width * input.height);
    assert.ok(10 * Math.log10((255 * 255) / mse) > 30);
  });

  it('sebs-1000-genome: populations partition the individuals and their carrier counts add up to ALL\'s', async () => {
    const input = inputOf('sebs-1000-genome');
    const { outputs, final } = await run('sebs-1000-genome');
    assert.deepEqual(Object.keys(final), ['frequency', 'mutation_overlap']);
    assert.equal(outputs.individuals_merge.individuals, input.individuals);
    const populations = outputs.sifting.items;
    assert.deepEqual(populations.map((p: Json) => p.population), input.populations);
    const all = populations.find((p: Json) => p.population === 'ALL').members;
    const others = populations.filter((p: Json) => p.population !== 'ALL').flatMap((p: Json) => p.members).sort((a: number, b: number) => a - b);
    assert.deepEqual(others, all);
    const frequency = outputs.frequency.items;
    const allCarriers = frequency.find((f: Json) => f.population === 'ALL').carriers;
    const summed = allCarriers.map((_: number, v: number) => frequency.filter((f: Json) => f.population !== 'ALL').reduce((s: number, f: Json) => s + f.carriers[v], 0));
    assert.deepEqual(summed, allCarriers);
    assert.ok(allCarriers.some((c: number) => c > 0));
    for (const overlap of outputs.mutation_overlap.items) {
      assert.equal(overlap.pairs, (overlap.members * (overlap.members - 1)) / 2);
      assert.equal(overlap.histogram.reduce((a: number, b: number) => a + b, 0), overlap.pairs);
    }
  });
});

function uint16(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  return Array.from({ length: bytes.length / 2 }, (_, i) => bytes.readUInt16LE(i * 2));
}

function float64(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  return Float64Array.from({ length: bytes.length / 8 }, (_, i) => bytes.readDoubleLE(i * 8));
}

function modMultiply(a: number[], b: number[], n: number, modulus: number): number[] {
  const out = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0n;
      for (let k = 0; k < n; k++) s += BigInt(a[i * n + k]!) * BigInt(b[k * n + j]!);
      out[i * n + j] = Number(s % BigInt(modulus));
    }
  }
  return out;
}
