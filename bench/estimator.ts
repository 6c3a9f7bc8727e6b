// Estimator throughput: Monte Carlo samples per second on every fixture with
// profiles, at today's deployment (the estimator sits inside the optimizer's
// loop, so this is what bounds how many plans the search can afford).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentDeployment } from '../src/ir/deployment.ts';
import { loadAppIr } from '../src/ir/load-app.ts';
import { toSeriesParallel } from '../src/ir/series-parallelize.ts';
import { meanWidth } from '../src/ir/width.ts';
import { readProfiles } from '../src/model/profile.ts';
import { estimate } from '../src/sim/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = 20_000;

export async function estimatorThroughput(): Promise<string> {
  const rows = [['fixture', 'steps', 'invocations/execution', 'samples/s', 'µs/sample']];
  for (const app of readdirSync(path.join(root, 'fixtures')).sort()) {
    const file = path.join(root, 'fixtures', app, 'app.yaml');
    if (!existsSync(path.join(root, 'fixtures', app, 'profiles'))) continue;
    const ir = toSeriesParallel(loadAppIr(file)).ir;
    const { profiles, missing } = readProfiles(ir);
    if (missing.length > 0) continue;
    const deployment = currentDeployment(ir);
    estimate(ir, deployment, profiles, { samples: 500, seed: 1 }); // warm-up
    const start = performance.now();
    estimate(ir, deployment, profiles, { samples: SAMPLES, seed: 1 });
    const seconds = (performance.now() - start) / 1000;
    const invocations = ir.graph.nodes().reduce((n, id) => {
      const node = ir.graph.node(id);
      return n + (node.kind === 'map' ? meanWidth(node.width) : node.kind === 'task' ? 1 : 0);
    }, 0);
    rows.push([app, String(ir.graph.nodeCount()), String(invocations), Math.round(SAMPLES / seconds).toLocaleString('en-US'), ((seconds / SAMPLES) * 1e6).toFixed(1)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return `# estimator throughput (${SAMPLES} samples per fixture, today's deployment)\n\n${lines.join('\n')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await estimatorThroughput());
