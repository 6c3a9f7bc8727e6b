// The apps the plan-quality bench runs on: every fixture that has profiles
// (fixtures/<app>/app.yaml with fixtures/<app>/profiles/<function>.json), and,
// while no fixture has profiles yet, three small synthetic apps, labelled as
// such in the output, so the table has rows to show.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAppIr } from '../src/ir/load-app.ts';
import type { IR } from '../src/ir/types.ts';
import { readProfiles } from '../src/model/profile.ts';
import type { FunctionProfile } from '../src/model/profile-types.ts';
import { functionInfo, irOf } from '../test/helpers/ir-builder.ts';
import { profileOf, type CurveOptions } from '../test/helpers/profile-builder.ts';

export interface BenchApp {
  name: string;
  synthetic: boolean;
  ir: IR;
  profiles: Map<string, FunctionProfile>;
}

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function benchApps(): BenchApp[] {
  const fixtures = fixtureApps();
  return fixtures.length > 0 ? fixtures : syntheticApps();
}

/** Fixtures whose every function has a profile; others are skipped (they cannot be estimated). */
export function fixtureApps(): BenchApp[] {
  const dir = path.join(projectRoot, 'fixtures');
  if (!existsSync(dir)) return [];
  const apps: BenchApp[] = [];
  for (const name of readdirSync(dir).sort()) {
    const appFile = path.join(dir, name, 'app.yaml');
    const profileDir = path.join(dir, name, 'profiles');
    if (!existsSync(appFile) || !existsSync(profileDir)) continue;
    const ir = loadAppIr(appFile);
    const { profiles, missing } = readProfiles(ir);
    if (missing.length === 0) apps.push({ name, synthetic: false, ir, profiles });
  }
  return apps;
}

function app(name: string, needs: Record<string, string[]>, curves: Record<string, { x86_64: CurveOptions; arm64?: CurveOptions; map?: number }>): BenchApp {
  const options = Object.fromEntries(Object.entries(curves).filter(([, c]) => c.map).map(([id, c]) => [id, { map: { kind: 'fixed' as const, width: c.map! } }]));
  const ir = irOf(needs, options, name);
  const profiles = new Map<string, FunctionProfile>();
  for (const [fn, c] of Object.entries(curves)) {
    // Today's memory: 1024 MB, or 2048 MB for a function that would not fit (no one runs a function that runs out of memory).
    const todayMb = (c.x86_64.footprintMb ?? 0) * 1.1 > 1024 ? 2048 : 1024;
    ir.functions.set(fn, functionInfo(fn, { memoryMb: todayMb, architectures: c.arm64 ? ['x86_64', 'arm64'] : ['x86_64'] }));
    profiles.set(fn, profileOf(fn, c.arm64 ? { x86_64: c.x86_64, arm64: c.arm64 } : { x86_64: c.x86_64 }));
  }
  return { name, synthetic: true, ir, profiles };
}

export function syntheticApps(): BenchApp[] {
  return [
    app('synthetic-video', { decode: [], detect: ['decode'], aggregate: ['detect'], publish: ['aggregate'] }, {
      decode: { x86_64: { serialMs: 120, parallelMs: 2400, maxUsefulVcpu: 2, footprintMb: 300 } },
      detect: { x86_64: { serialMs: 60, parallelMs: 1800, maxUsefulVcpu: 4, footprintMb: 600 }, arm64: { serialMs: 70, parallelMs: 2100, maxUsefulVcpu: 4, footprintMb: 600 }, map: 16 },
      aggregate: { x86_64: { serialMs: 400, parallelMs: 150, maxUsefulVcpu: 1, footprintMb: 120 } },
      publish: { x86_64: { serialMs: 80, parallelMs: 20, maxUsefulVcpu: 1, footprintMb: 60 } },
    }),
    app('synthetic-diamond', { ingest: [], resize: ['ingest'], classify: ['ingest'], store: ['resize', 'classify'] }, {
      ingest: { x86_64: { serialMs: 50, parallelMs: 300, maxUsefulVcpu: 1, footprintMb: 90 } },
      resize: { x86_64: { serialMs: 30, parallelMs: 3000, maxUsefulVcpu: 6, footprintMb: 400 }, arm64: { serialMs: 35, parallelMs: 3300, maxUsefulVcpu: 6, footprintMb: 400 } },
      classify: { x86_64: { serialMs: 200, parallelMs: 1200, maxUsefulVcpu: 2, footprintMb: 900 } },
      store: { x86_64: { serialMs: 90, parallelMs: 10, maxUsefulVcpu: 1, footprintMb: 70 } },
    }),
    app(
      'synthetic-fanout',
      { split: [], w1: ['split'], w2: ['split'], w3: ['split'], w4: ['split'], w5: ['split'], w6: ['split'], merge: ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'] },
      {
        split: { x86_64: { serialMs: 40, parallelMs: 200, maxUsefulVcpu: 1, footprintMb: 100 } },
        w1: { x86_64: { serialMs: 20, parallelMs: 2600, maxUsefulVcpu: 6, footprintMb: 200 } },
        w2: { x86_64: { serialMs: 300, parallelMs: 900, maxUsefulVcpu: 2, footprintMb: 200 } },
        w3: { x86_64: { serialMs: 100, parallelMs: 1500, maxUsefulVcpu: 3, footprintMb: 700 } },
        w4: { x86_64: { serialMs: 700, parallelMs: 100, maxUsefulVcpu: 1, footprintMb: 150 } },
        w5: { x86_64: { serialMs: 50, parallelMs: 4000, maxUsefulVcpu: 6, footprintMb: 1200 } },
        w6: { x86_64: { serialMs: 250, parallelMs: 600, maxUsefulVcpu: 1, footprintMb: 100 } },
        merge: { x86_64: { serialMs: 150, parallelMs: 350, maxUsefulVcpu: 1, footprintMb: 250 } },
      },
    ),
  ];
}
