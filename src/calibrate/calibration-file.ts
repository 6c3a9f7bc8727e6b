// Reads a calibration (PlatformCalibration, src/model/calibration.ts) from a
// JSON file, or from a value already parsed (app.yaml's inline `platform:`),
// and checks every field, reporting all problems at once with their JSON path
// and file:line:col (DAGC0580–0582). A calibration that passes is safe for
// the estimator to draw from: every number finite, shift/median/sigma ≥ 0.
// Writing is stable JSON (sorted keys), so the same fit is the same bytes.
import path from 'node:path';
import { DagcUserError, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.ts';
import { calibrateDiagnostics } from '../diagnostics/calibrate.ts';
import { errorCode, readTextLimited } from '../io/read-limited.ts';
import { parseJsonSource } from '../import/json-source.ts';
import { formatJsonPath, type JsonPath } from '../import/json-path.ts';
import { DISPATCH_KINDS, type MeasuredLatency, type PlatformCalibration } from '../model/calibration.ts';
import { stableStringify } from '../model/stable-json.ts';

/** A calibration file is a few KB; this only keeps a wrong path (a trace dump) from being read whole. */
const MAX_CALIBRATION_BYTES = 1024 * 1024;
/** A log-spread above this is not a latency distribution anyone measured (e^5 ≈ 150× between median and +1σ). */
const MAX_SIGMA = 5;

export type PositionOf = (path: JsonPath) => SourcePosition | undefined;

export function readCalibrationFile(file: string): PlatformCalibration {
  let text: string;
  try {
    text = readTextLimited(file, { what: 'calibration file', maxBytes: MAX_CALIBRATION_BYTES });
  } catch (error) {
    const code = errorCode(error);
    if (code === undefined) throw error;
    throw new DagcUserError([calibrateDiagnostics.fileUnreadable(file, code === 'ENOENT' ? 'no such file' : code)]);
  }
  const parsed = parseJsonSource(text, path.relative(process.cwd(), file) || file);
  if (!parsed.ok) throw new DagcUserError(parsed.diagnostics.map((d) => calibrateDiagnostics.notJson(d.position!, d.message.replace(/^DAGC\d+\s*/, ''))));
  const { calibration, diagnostics } = checkCalibration(parsed.source.value, parsed.source.positionOf, []);
  if (!calibration) throw new DagcUserError(diagnostics);
  return calibration;
}

/** Checks a parsed value; `prefix` is where it sits in its document (['platform'] in app.yaml). */
export function checkCalibration(value: unknown, positionOf: PositionOf, prefix: JsonPath): { calibration?: PlatformCalibration; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const problem = (at: JsonPath, detail: string): void => {
    diagnostics.push(calibrateDiagnostics.badField(positionOf([...prefix, ...at]), formatJsonPath([...prefix, ...at]), detail));
  };
  const object = (v: unknown, at: JsonPath): Record<string, unknown> | undefined => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    problem(at, v === undefined ? 'missing' : 'must be an object');
    return undefined;
  };
  const latency = (v: unknown, at: JsonPath): void => {
    const o = object(v, at);
    if (!o) return;
    for (const key of ['shiftMs', 'medianMs', 'sigma'] as const) {
      const n = o[key];
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) problem([...at, key], `must be a number ≥ 0 (got ${JSON.stringify(n) ?? 'nothing'})`);
      else if (key === 'sigma' && n > MAX_SIGMA) problem([...at, key], `${n} is not a plausible log-spread (at most ${MAX_SIGMA})`);
    }
    if (typeof o.source !== 'string' || o.source === '') problem([...at, 'source'], 'must say where the numbers come from (a non-empty string)');
    if (typeof o.observations !== 'number' || !Number.isInteger(o.observations) || o.observations < 0) problem([...at, 'observations'], 'must be a whole number ≥ 0');
  };
  const root = object(value, []);
  if (!root) return { diagnostics };
  if (root.version !== 1) problem(['version'], `must be 1 (got ${JSON.stringify(root.version) ?? 'nothing'})`);
  if (typeof root.source !== 'string' || root.source === '') problem(['source'], 'must say what the calibration was built from (a non-empty string)');
  const orchestration = object(root.orchestration, ['orchestration']);
  if (orchestration) {
    const dispatch = object(orchestration.taskDispatch, ['orchestration', 'taskDispatch']);
    for (const type of ['standard', 'express'] as const) {
      const perType = dispatch && object(dispatch[type], ['orchestration', 'taskDispatch', type]);
      if (perType) for (const temp of ['warm', 'cold'] as const) latency(perType[temp], ['orchestration', 'taskDispatch', type, temp]);
      for (const part of ['mapIterationStart', 'parallelBranchStart'] as const) {
        const parent = orchestration[part];
        if (type === 'standard') object(parent, ['orchestration', part]);
        if (parent !== null && typeof parent === 'object') latency((parent as Record<string, unknown>)[type], ['orchestration', part, type]);
      }
      // Optional: the cold staggers, fitted apart when a burst measured them; checked like the others when present.
      for (const part of ['coldMapIterationStart', 'coldParallelBranchStart'] as const) {
        const parent = orchestration[part];
        if (parent === undefined) continue;
        if (type === 'standard') object(parent, ['orchestration', part]);
        if (parent !== null && typeof parent === 'object') latency((parent as Record<string, unknown>)[type], ['orchestration', part, type]);
      }
    }
    // Optional: the cold Task dispatch outside a wave, per workflow type (either may be left out).
    const isolated = orchestration.isolatedColdTaskDispatch;
    if (isolated !== undefined) {
      const perType = object(isolated, ['orchestration', 'isolatedColdTaskDispatch']);
      for (const key of Object.keys(perType ?? {}).sort()) {
        if (key !== 'standard' && key !== 'express') problem(['orchestration', 'isolatedColdTaskDispatch', key], 'is not a workflow type (standard, express)');
        else latency(perType![key], ['orchestration', 'isolatedColdTaskDispatch', key]);
      }
    }
    // Optional: Task dispatch by kind; a kind may be left out (it then draws the pooled taskDispatch), one present is whole.
    const byKind = orchestration.dispatchByKind;
    if (byKind !== undefined) {
      const kinds = object(byKind, ['orchestration', 'dispatchByKind']);
      for (const key of Object.keys(kinds ?? {}).sort()) {
        const at: JsonPath = ['orchestration', 'dispatchByKind', key];
        if (!(DISPATCH_KINDS as readonly string[]).includes(key)) {
          problem(at, `is not a kind of Task dispatch (${DISPATCH_KINDS.join(', ')})`);
          continue;
        }
        const kind = object(kinds![key], at);
        for (const type of ['standard', 'express'] as const) {
          const perType = kind && object(kind[type], [...at, type]);
          if (perType) for (const temp of ['warm', 'cold'] as const) latency(perType[temp], [...at, type, temp]);
        }
      }
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { calibration: root as unknown as PlatformCalibration, diagnostics };
}

export function calibrationFileText(calibration: PlatformCalibration): string {
  return stableStringify(calibration);
}

/** The values one latency stands for, as `explain` prints them. */
export function describeLatency(l: MeasuredLatency): string {
  const round = (x: number) => Math.round(x * 10) / 10;
  return `${round(l.shiftMs)} ms + lognormal(median ${round(l.medianMs)} ms, σ ${round(l.sigma * 100) / 100})`;
}
