// The workflow the estimator runs for a deployment with fusion groups: each group one task node,
// built here by hand from a small graph and compared with fusedView's.
import assert from 'node:assert/strict';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import type { Deployment } from '../../src/ir/deployment.ts';
import { durationModel } from '../../src/model/duration-model.ts';
import { fusedView, groupMembers, hasGroups } from '../../src/sim/fused-view.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

/**
 * s → a; a → b, a → c, a → d, b → d, c → d; d → t, b → t; x → t. Group g = a, b, c, d at 3,538 MB.
 * Each step's output is its own size in bytes: s 300,000 (over the 256 KiB state limit), a 200, b 300, c 400, d 500, x 10.
 */
function fixture() {
  const ir = irOf(
    { s: [], x: [], a: ['s'], b: ['a'], c: ['a'], d: ['a', 'b', 'c'], t: ['d', 'b', 'x'] },
    { s: { outputBytes: 300_000 }, a: { outputBytes: 200 }, b: { outputBytes: 300 }, c: { outputBytes: 400 }, d: { outputBytes: 500 }, x: { outputBytes: 10 } },
  );
  const profiles = new Map(['s', 'x', 'a', 'b', 'c', 'd', 't'].map((fn, i) => [fn, profileOf(fn, { x86_64: { serialMs: 10 * (i + 1), parallelMs: 100 } })]));
  const functions = Object.fromEntries([...ir.functions.keys()].map((fn) => [fn, { memoryMb: 1024, architecture: 'x86_64' as const }]));
  const deployment: Deployment = {
    functions,
    steps: {
      a: { fusionGroup: 'g', prewarm: 2 },
      b: { fusionGroup: 'g' },
      c: { fusionGroup: 'g', prewarm: 5, warmedBy: 's' },
      d: { fusionGroup: 'g', warmedBy: 'x' },
      t: { prewarm: 1 },
    },
    edges: { 'b->t': 's3', 'd->t': 'inline' },
    orchestration: 'express',
    groups: { g: { steps: ['a', 'b', 'c', 'd'], memoryMb: 3538, architecture: 'x86_64' } },
  };
  return { ir, profiles, deployment };
}

describe('fusedView (a fusion group as one task)', () => {
  it('replaces the group\'s members by one task node whose output is what leaves the group', () => {
    const { ir, profiles, deployment } = fixture();
    const view = fusedView(ir, deployment, profiles);
    assert.deepEqual(view.ir.graph.nodes().sort(), ['g', 's', 't', 'x']);
    // Leaving g: b → t (300 bytes) and d → t (500 bytes).
    assert.deepEqual(view.ir.graph.node('g'), { kind: 'task', id: 'g', functionName: 'g', outputBytes: 800 });
    assert.deepEqual(view.ir.functions.get('g'), { name: 'g', memoryMb: 3538, timeoutMs: 900_000, architectures: ['x86_64'] });
    assert.equal(view.ir.graph.node('s'), ir.graph.node('s'));
    // The original IR is left as it was.
    assert.equal(ir.graph.nodes().length, 7);
  });

  it('sums the bytes of the edges it merges and sends a merged edge through S3 when any part went through S3', () => {
    const { ir, profiles, deployment } = fixture();
    const view = fusedView(ir, deployment, profiles);
    const edges = view.ir.graph.edges().map(({ v, w }) => [`${v}->${w}`, view.ir.graph.edge(v, w).bytes]).sort();
    assert.deepEqual(edges, [['g->t', 800], ['s->g', 300_000], ['x->t', 10]]);
    // s → a is over 256 KiB and unset: S3; b → t is S3 and d → t inline: S3; x → t small and unset: inline.
    assert.deepEqual(view.deployment.edges, { 's->g': 's3', 'g->t': 's3', 'x->t': 'inline' });
  });

  it('keeps a merged edge on S3 whichever of its parts comes first, the S3 one or the inline one', () => {
    // b → t and d → t merge into g → t; one of them S3, the other inline, in both assignments: whichever part the
    // graph lists last, the merged edge must stay S3 (a later inline part must not overwrite an earlier S3 one).
    for (const [b, d] of [['s3', 'inline'], ['inline', 's3']] as const) {
      const { ir, profiles, deployment } = fixture();
      deployment.edges = { 'b->t': b, 'd->t': d };
      assert.equal(fusedView(ir, deployment, profiles).deployment.edges['g->t'], 's3', `b->t ${b}, d->t ${d}`);
    }
    const { ir, profiles, deployment } = fixture();
    deployment.edges = { 'b->t': 'inline', 'd->t': 'inline' };
    assert.equal(fusedView(ir, deployment, profiles).deployment.edges['g->t'], 'inline');
  });

  it('gives the group node the most provisioned concurrency of its members and the first warm-up among them', () => {
    const { ir, profiles, deployment } = fixture();
    const view = fusedView(ir, deployment, profiles);
    assert.deepEqual(view.deployment.steps, { g: { prewarm: 5, warmedBy: 's' }, t: { prewarm: 1 } });
    assert.deepEqual(view.deployment.functions.g, { memoryMb: 3538, architecture: 'x86_64' });
    assert.deepEqual(view.deployment.functions.t, { memoryMb: 1024, architecture: 'x86_64' });
    assert.equal(view.deployment.orchestration, 'express');
    assert.equal(view.deployment.groups, undefined);
  });

  it('names a warm-up sent from inside a group by the group, and leaves a group without either setting none', () => {
    const { ir, profiles, deployment } = fixture();
    deployment.steps = { a: { fusionGroup: 'g' }, b: { fusionGroup: 'g', warmedBy: 'a' }, c: { fusionGroup: 'g' }, d: { fusionGroup: 'g' } };
    assert.deepEqual(fusedView(ir, deployment, profiles).deployment.steps, { g: { warmedBy: 'g' } });
    deployment.steps = {};
    assert.deepEqual(fusedView(ir, deployment, profiles).deployment.steps, { g: {} });
  });

  it('runs the group with the fused model of its members, in stages by the longest path inside the group', () => {
    const { ir, profiles, deployment } = fixture();
    const members = groupMembers(ir, deployment.groups!.g!, profiles);
    // d needs a (stage 0), b and c (stage 1): stage 2, not 1.
    assert.deepEqual(members.map((m) => [m.step, m.stage]), [['a', 0], ['b', 1], ['c', 1], ['d', 2]]);
    members.forEach((m) => assert.equal(m.model, durationModel(profiles.get(m.step)!, 'x86_64'), m.step));
    const view = fusedView(ir, deployment, profiles);
    assert.deepEqual([...view.models.keys()], ['g']);
    // Stages at 3,538 MB: a alone (all of it), b and c on two workers of 1,769 MB, d alone; each its curve (median × 1).
    const curve = (i: number, mb: number) => 10 * (i + 1) + 100 / Math.min(mb / 1769, 6);
    const expected = curve(2, 3538) + Math.max(curve(3, 1769), curve(4, 1769)) + curve(5, 3538);
    assert.ok(Math.abs(view.models.get('g')!.medianMs(3538) - expected) < 1e-9, `${view.models.get('g')!.medianMs(3538)} vs ${expected}`);
  });

  it('refuses a member whose function has no profile on the group\'s architecture (DAGC0104)', () => {
    const { ir, profiles, deployment } = fixture();
    profiles.delete('c');
    assert.throws(
      () => fusedView(ir, deployment, profiles),
      (error) => isUserError(error) && error.diagnostics[0]!.code === 'DAGC0104' && error.diagnostics[0]!.message.includes("'c' has no profile on x86_64"),
    );
    const arm = { ...deployment.groups!.g!, architecture: 'arm64' as const };
    assert.throws(() => groupMembers(ir, arm, fixture().profiles), (error) => isUserError(error) && error.diagnostics[0]!.code === 'DAGC0104');
  });

  it('says whether a deployment fuses anything', () => {
    const { deployment } = fixture();
    assert.equal(hasGroups(deployment), true);
    assert.equal(hasGroups({ ...deployment, groups: {} }), false);
    assert.equal(hasGroups({ ...deployment, groups: undefined }), false);
  });
});
