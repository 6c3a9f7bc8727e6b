// `npm run bench`: runs each bench and prints its tables. Benches print
// ratios measured side by side in one run; nothing here is a test.
import { ablation } from './ablation.ts';
import { estimatorThroughput } from './estimator.ts';
import { fidelity } from './fidelity.ts';
import { fidelityTraces } from './fidelity-traces.ts';
import { planQuality } from './plan-quality.ts';
import { profilerBench } from './profiler.ts';
import { scale } from './scale.ts';
import { structuralOptimum } from './structural-optimum.ts';

const benches: [string, () => Promise<string>][] = [
  ['plan-quality', planQuality],
  ['ablation', () => ablation()],
  ['structural-optimum', () => structuralOptimum()],
  ['scale', scale],
  ['estimator', estimatorThroughput],
  ['profiler', profilerBench],
  ['fidelity', fidelity],
  ['fidelity-traces', fidelityTraces],
];
const only = process.argv.slice(2);
for (const [name, bench] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(await bench());
  console.log('');
}
