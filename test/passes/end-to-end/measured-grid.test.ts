// `--memory-grid measured` (FunctionInfo.memoryGrid kind 'measured') never
// yields a plan at a memory size the function's profile did not measure on
// the chosen architecture: over random apps whose profiles measured random
// sizes off dagc's default grid, through the whole optimizer, and over every
// fixture with the Monte Carlo estimator. Also what each grid setting offers.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Deployment } from '../../../src/ir/deployment.ts';
import { loadApp } from '../../../src/ir/load-app.ts';
import { withMemoryGrid } from '../../../src/ir/memory-grid.ts';
import type { IR, MemoryGrid } from '../../../src/ir/types.ts';
import { measuredSizesMb } from '../../../src/model/measured-sizes.ts';
import { readProfiles } from '../../../src/model/profile.ts';
import type { FunctionProfile } from '../../../src/model/profile-types.ts';
import { optionsByFunction } from '../../../src/passes/function-options.ts';
import { candidateConfigurations, DEFAULT_MEMORY_GRID_MB } from '../../../src/passes/memory-options.ts';
import { optimize } from '../../../src/passes/optimize.ts';
import { isUserError } from '../../../src/diagnostics/diagnostic.ts';
import { monteCarloEstimateFn } from '../../../src/sim/index.ts';
import { closedFormEstimator } from '../../helpers/closed-form-estimator.ts';
import { functionInfo } from '../../helpers/ir-builder.ts';
import { profileOf } from '../../helpers/profile-builder.ts';
import { instanceArbitrary } from '../../helpers/random-instance.ts';
import { projectRoot } from '../../helpers/run-cli.ts';

const MEASURED: MemoryGrid = { kind: 'measured' };
/** Sizes a random profile may have measured: mostly off the default grid, so a leak shows. */
const ODD_SIZES_MB = [200, 640, 1000, 1500, 2500, 4000, 7000, 9000];

/** Every (memory, architecture) the deployment runs a Lambda at that its profile did not measure. */
function unmeasured(deployment: Deployment, profiles: ReadonlyMap<string, FunctionProfile>, ir: IR): string[] {
  const problems: string[] = [];
  const fused = new Set(Object.values(deployment.groups ?? {}).flatMap((g) => g.steps.map((id) => ir.graph.node(id)).map((n) => ('functionName' in n ? n.functionName : ''))));
  for (const [fn, config] of Object.entries(deployment.functions)) {
    if (config.batch) continue;
    const standalone = ir.graph.nodes().some((id) => {
      const node = ir.graph.node(id);
      return 'functionName' in node && node.functionName === fn && !Object.values(deployment.groups ?? {}).some((g) => g.steps.includes(id));
    });
    if (!standalone && fused.has(fn)) continue;
    if (!measuredSizesMb(profiles.get(fn)?.architectures[config.architecture]).includes(config.memoryMb)) problems.push(`${fn} at ${config.memoryMb} MB ${config.architecture}`);
  }
  for (const [id, group] of Object.entries(deployment.groups ?? {})) {
    for (const step of group.steps) {
      const node = ir.graph.node(step);
      const fn = 'functionName' in node ? node.functionName : undefined;
      if (fn && !measuredSizesMb(profiles.get(fn)?.architectures[group.architecture]).includes(group.memoryMb)) problems.push(`group ${id} (${fn}) at ${group.memoryMb} MB`);
    }
  }
  return problems;
}

describe('memory grids', () => {
  const profile = profileOf('f', { x86_64: { serialMs: 50, parallelMs: 800, measuredMb: [640, 1500, 4000] }, arm64: { serialMs: 60, parallelMs: 700, measuredMb: [1000, 4000] } });

  it('offers, under measured, exactly each architecture\'s measured sizes within the bounds', () => {
    const fn = functionInfo('f', { architectures: ['x86_64', 'arm64'], memoryGrid: MEASURED, maxMemoryMb: 3008 });
    assert.deepEqual(
      candidateConfigurations(fn, profile).map((o) => `${o.memoryMb} ${o.architecture}`),
      ['640 x86_64', '1000 arm64', '1500 x86_64'],
    );
  });

  it('offers a user list as given (no fallback to the bounds), and all = the default grid plus the measured sizes', () => {
    const listed = functionInfo('f', { memoryGrid: { kind: 'list', sizesMb: [256, 1769, 5000] } });
    assert.deepEqual(candidateConfigurations(listed, profile).map((o) => o.memoryMb), [256, 1769, 5000]);
    const all = candidateConfigurations(functionInfo('f', { memoryGrid: { kind: 'all' } }), profile).map((o) => o.memoryMb);
    assert.deepEqual(all, [...new Set([...DEFAULT_MEMORY_GRID_MB, 640, 1500, 4000])].sort((a, b) => a - b));
    // A list the bounds exclude leaves nothing, which the optimizer reports (DAGC0306), rather than sizes never listed.
    assert.deepEqual(candidateConfigurations(functionInfo('f', { memoryGrid: { kind: 'list', sizesMb: [256] }, minMemoryMb: 300, maxMemoryMb: 400 }), profile), []);
  });

  it('lets the user\'s grid win over a strategy\'s own grid', () => {
    const fn = functionInfo('f', { memoryGrid: MEASURED });
    assert.deepEqual(candidateConfigurations(fn, profile, { gridMb: [128, 256] }).map((o) => o.memoryMb), [640, 1500, 4000]);
  });

  it('reports DAGC0306 for a function whose measured sizes all fall outside its bounds', () => {
    const ir = { name: 'x', functions: new Map([['f', functionInfo('f', { memoryGrid: MEASURED, maxMemoryMb: 512 })]]) } as unknown as IR;
    assert.throws(
      () => optionsByFunction(ir, new Map([['f', profile]])),
      (error: unknown) => isUserError(error) && error.diagnostics.some((d) => d.code === 'DAGC0306' && /640, 1500, 4000 MB/.test(d.message)),
    );
  });

  it('never plans an unmeasured size under measured, on random apps with random measured sizes', () => {
    let planned = 0;
    fc.assert(
      fc.property(
        instanceArbitrary({ maxSteps: 5, architectures: [['x86_64'], ['x86_64', 'arm64']] }),
        fc.array(fc.subarray(ODD_SIZES_MB, { minLength: 1 }), { minLength: 10, maxLength: 10 }),
        fc.double({ min: 0.3, max: 2, noNaN: true }),
        (instance, sizes, sloScale) => {
          const profiles = new Map<string, FunctionProfile>();
          let i = 0;
          for (const [fn, p] of instance.profiles) {
            const curves: Parameters<typeof profileOf>[1] = {};
            for (const arch of ['x86_64', 'arm64'] as const) {
              const model = p.architectures[arch]!.model!;
              const footprintMb = p.architectures[arch]!.measurements[0]!.maxMemoryUsedMb;
              curves[arch] = { serialMs: model.serialMs, parallelMs: model.parallelMs, maxUsefulVcpu: model.maxUsefulVcpu, footprintMb, measuredMb: sizes[(i + (arch === 'arm64' ? 5 : 0)) % 10]! };
            }
            profiles.set(fn, profileOf(fn, curves));
            i += 1;
          }
          const ir = withMemoryGrid(instance.ir, MEASURED);
          const estimate = closedFormEstimator(profiles);
          let result;
          try {
            result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 1000 * sloScale }, estimate });
          } catch (error) {
            // Only a function none of whose measured sizes fits its footprint may stop it, and it says so.
            if (isUserError(error) && error.diagnostics.every((d) => d.code === 'DAGC0306')) return;
            throw error;
          }
          planned += 1;
          assert.deepEqual(unmeasured(result.deployment, profiles, result.ir), []);
          if (result.fastest) assert.deepEqual(unmeasured(result.fastest.deployment, profiles, result.ir), []);
        },
      ),
      { numRuns: 60, seed: 23 },
    );
    assert.ok(planned > 30, `only ${planned} apps planned`);
  });

  const fixtures = readdirSync(path.join(projectRoot, 'fixtures')).filter((app) => existsSync(path.join(projectRoot, 'fixtures', app, 'profiles'))).sort();
  for (const app of fixtures) {
    it(`never plans an unmeasured size under measured for fixture ${app}`, () => {
      const loaded = loadApp(path.join(projectRoot, 'fixtures', app, 'app.yaml')).ir;
      const ir = withMemoryGrid(loaded, MEASURED);
      const { profiles } = readProfiles(ir);
      const estimate = monteCarloEstimateFn(profiles, { samples: 400, seed: 1, threads: 1 });
      const result = optimize(ir, profiles, { slo: ir.slo!, estimate });
      assert.deepEqual(unmeasured(result.deployment, profiles, result.ir), []);
      if (result.fastest) assert.deepEqual(unmeasured(result.fastest.deployment, profiles, result.ir), []);
    });
  }
});
