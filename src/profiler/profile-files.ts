// Turns measurements into the profile file the rest of dagc reads: fits the
// duration model (src/model) and writes profiles/<function>.json with the
// model's writer. Re-profiling one architecture keeps what an existing
// profile holds for the others (REPORT lines cannot tell x86_64 from arm64,
// so each architecture is measured separately and merged here).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { fitDurationModel } from '../model/fit-duration-model.ts';
import { LAMBDA_LIMITS, pricesFor } from '../model/platform.ts';
import { readProfile, writeProfile } from '../model/profile.ts';
import type { ArchitectureProfile, FunctionProfile } from '../model/profile-types.ts';
import type { Architecture } from '../spec/types.ts';
import type { PriceSheet } from './cost.ts';

/**
 * Fits the model on the sizes with warm samples: a size seen only cold (the
 * probe at a size off the ladder) would pull the curve up by its cold-start
 * slowness. Such sizes stay in the profile for their footprint and init time.
 */
export function withFittedModels(profile: FunctionProfile): FunctionProfile {
  const architectures: FunctionProfile['architectures'] = {};
  for (const architecture of Object.keys(profile.architectures).sort() as Architecture[]) {
    const entry = profile.architectures[architecture]!;
    const warm = entry.measurements.filter((m) => m.warmDurationsMs.length > 0);
    const model = fitDurationModel(warm.length > 0 ? warm : entry.measurements);
    const fitted: ArchitectureProfile = { measurements: entry.measurements };
    if (model) fitted.model = model;
    architectures[architecture] = fitted;
  }
  return { ...profile, architectures };
}

export function profileFile(outDir: string, functionName: string): string {
  return path.join(outDir, `${functionName}.json`);
}

/** Writes the profile, keeping other architectures an existing file has; returns the path. */
export function saveProfile(outDir: string, profile: FunctionProfile): string {
  const file = profileFile(outDir, profile.function);
  let merged = profile;
  if (existsSync(file)) {
    const existing = readExisting(file);
    if (existing?.function === profile.function) merged = { ...profile, architectures: { ...existing.architectures, ...profile.architectures } };
  }
  writeProfile(file, merged);
  return file;
}

/** An unreadable old profile is replaced, not merged: the new measurement is what counts. */
function readExisting(file: string): FunctionProfile | undefined {
  try {
    return readProfile(file);
  } catch (error) {
    if (error instanceof DagcUserError) return undefined;
    throw error;
  }
}

export function lambdaMemoryBounds(): { minMemoryMb: number; maxMemoryMb: number } {
  return { minMemoryMb: LAMBDA_LIMITS.minMemoryMb, maxMemoryMb: LAMBDA_LIMITS.maxMemoryMb };
}

export function lambdaPriceSheet(region: string, architecture: Architecture): PriceSheet {
  const prices = pricesFor(region);
  return { perGbSecondUsd: prices.lambdaGbSecondUsd[architecture], perRequestUsd: prices.lambdaRequestUsd };
}
