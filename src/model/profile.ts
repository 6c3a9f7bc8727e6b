// Reading and writing profiles. A profile that does not match the schema is a
// user error (exit 2) naming the file and the JSON path; profiles are written
// with sorted keys and an atomic rename, so a killed writer never leaves half
// a file and the same profile always has the same bytes.
import { existsSync } from 'node:fs';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { errorCode, readTextLimited } from '../io/read-limited.ts';
import { LIMITS } from '../spec/limits.ts';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { stableStringify } from './stable-json.ts';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { modelDiagnostics } from '../diagnostics/model.ts';
import type { IR } from '../ir/types.ts';
import type { FunctionProfile } from './profile-types.ts';
import { withColdPriors } from './cold-prior.ts';

const require = createRequire(import.meta.url);
export const profileSchema = require('./profile.schema.json') as Record<string, unknown>;
const validateProfile = new Ajv({ allErrors: true, strict: true }).compile(profileSchema);

export function profilePath(ir: IR, fn: string): string {
  return path.join(ir.baseDir, 'profiles', `${fn}.json`);
}

export function parseProfile(file: string, text: string): FunctionProfile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DagcUserError([modelDiagnostics.profileUnreadable(file, `not JSON (${(error as Error).message})`)]);
  }
  if (!validateProfile(value)) {
    throw new DagcUserError((validateProfile.errors ?? []).slice(0, 10).map((e) => modelDiagnostics.profileInvalid(file, e.instancePath, e.message ?? 'invalid')));
  }
  const profile = value as FunctionProfile;
  const empty = emptyMeasurements(profile);
  if (empty.length > 0) throw new DagcUserError(empty.map(({ jsonPath, detail }) => modelDiagnostics.profileInvalid(file, jsonPath, detail)));
  for (const arch of Object.values(profile.architectures)) arch!.measurements.sort((a, b) => a.memoryMb - b.memoryMb);
  return profile;
}

/**
 * Measurements that measured nothing: no duration at all, or only zeros. The
 * schema bounds each number; this is the check across a measurement's lists
 * (a zero here and there is real data, all zeros is not a measurement).
 */
function emptyMeasurements(profile: FunctionProfile): Array<{ jsonPath: string; detail: string }> {
  const problems: Array<{ jsonPath: string; detail: string }> = [];
  for (const [architecture, entry] of Object.entries(profile.architectures).sort(([a], [b]) => (a < b ? -1 : 1))) {
    entry!.measurements.forEach((m, index) => {
      const durations = [...m.warmDurationsMs, ...(m.warmupDurationsMs ?? []), ...m.coldDurationsMs];
      const jsonPath = `/architectures/${architecture}/measurements/${index}`;
      if (durations.length === 0) problems.push({ jsonPath, detail: `no durations at ${m.memoryMb} MB (warm, warm-up and cold lists are all empty)` });
      else if (durations.every((d) => d === 0)) problems.push({ jsonPath, detail: `every duration at ${m.memoryMb} MB is 0 ms, which no invocation takes` });
    });
  }
  return problems;
}

export function readProfile(file: string): FunctionProfile {
  let text: string;
  try {
    text = readTextLimited(file, { what: 'profile', maxBytes: LIMITS.profileBytes });
  } catch (error) {
    const code = errorCode(error);
    if (code === undefined) throw error;
    throw new DagcUserError([modelDiagnostics.profileUnreadable(file, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code)]);
  }
  return parseProfile(file, text);
}

/**
 * Profiles of the app's functions that exist under <app dir>/profiles/, and
 * the names of those missing. A function no step runs is never estimated, so
 * its profile is read when present but never missing: validate only warns
 * about such a function (DAGC0024), and optimize must not then fail on it.
 */
export function readProfiles(ir: IR): { profiles: Map<string, FunctionProfile>; missing: string[] } {
  const profiles = new Map<string, FunctionProfile>();
  const missing: string[] = [];
  const used = new Set<string>();
  for (const id of ir.graph.nodes()) {
    const node = ir.graph.node(id);
    if (node && 'functionName' in node) used.add(node.functionName);
  }
  for (const fn of [...ir.functions.keys()].sort()) {
    const file = profilePath(ir, fn);
    if (!existsSync(file)) {
      if (used.has(fn)) missing.push(fn);
      continue;
    }
    const profile = readProfile(file);
    if (profile.function !== fn) throw new DagcUserError([modelDiagnostics.profileNameMismatch(file, profile.function, fn)]);
    profiles.set(fn, profile);
  }
  // Read together, a function with few cold samples shrinks toward the others' (cold-prior.ts).
  return { profiles: withColdPriors(profiles), missing };
}

export function serializeProfile(profile: FunctionProfile): string {
  return stableStringify(profile);
}

/** Atomic: written to a temporary file beside the target, then renamed over it. */
export function writeProfile(file: string, profile: FunctionProfile): void {
  writeFileAtomic(file, serializeProfile(profile));
}
