import { Graph } from '@dagrejs/graphlib';
import { fixtureApps } from '/work/wt/optimum3/bench/apps.ts';
import { searchEstimate } from '/work/wt/optimum3/bench/verdict.ts';
import { StepProbe } from '/work/wt/optimum3/src/passes/step-probe.ts';
const app = fixtureApps().find((a) => a.name === 'sebs-excamera')!;
const ir = app.ir;
const slo = { percentile: 'p95' as const, latencyMs: 6600 };
const est = searchEstimate(ir, app.profiles, slo);
const probe = new StepProbe(ir, est, 'express');
for (const mb of [256, 512, 1024, 2048]) {
  const opt = { memoryMb: mb, architecture: 'x86_64' as const };
  const one = probe.step('rebase-01', opt)!;
  for (const n of [1, 3, 8]) {
    const members = Array.from({ length: n }, (_, i) => `rebase-0${i}`);
    const g = new Graph<any, any, any>({ directed: true });
    for (const m of members) g.setNode(m, ir.graph.node(m));
    for (let i = 1; i < n; i++) g.setEdge(members[i - 1], members[i], ir.graph.edge(members[i - 1], members[i]));
    const steps: any = {}; const edges: any = {};
    for (const m of members) steps[m] = { fusionGroup: 'G' };
    for (let i = 1; i < n; i++) edges[`${members[i - 1]}->${members[i]}`] = 'in-process';
    const s = n === 1 ? one : est({ ...ir, functions: new Map([['rebase', ir.functions.get('rebase')!]]), graph: g }, { functions: { rebase: opt }, steps, edges, orchestration: 'express', groups: { G: { steps: members, ...opt } } });
    const sfn = s.breakdown.stepFunctionsUsd;
    console.log(mb, n, 'group probe: p95', s.latencyMs.p95.toFixed(0), 'mean?', 'cost-sfn $/1M', ((s.costUsd - sfn) * 1e6).toFixed(2), '| leaf sum: p95', (n * one.latencyMs.p95).toFixed(0), 'cost', ((n * (one.costUsd - one.breakdown.stepFunctionsUsd) - (n - 1) * 0.2e-6) * 1e6).toFixed(2), 'λ', (s.breakdown.lambdaComputeUsd*1e6).toFixed(2), (n*one.breakdown.lambdaComputeUsd*1e6).toFixed(2));
  }
}
