// Which calibration an app runs with, and where it came from. app.yaml may say
//   platform:
//     calibration: calibration.json        # a file, relative to app.yaml
//     calibration: { version: 1, … }        # or the calibration inline
// A file is read and checked as `--calibration FILE` is (its own positions);
// an inline one is checked in place (app.yaml positions). --calibration on the
// command line wins over either; without any, the shipped defaults apply
// (DEFAULT_CALIBRATION) and `explain` says so. The origin names app.yaml by its
// base name, so a plan's bytes do not depend on where dagc was run from.
import path from 'node:path';
import { isUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { calibrateDiagnostics } from '../diagnostics/calibrate.ts';
import type { PlatformCalibration } from '../model/calibration.ts';
import type { SourceMap } from '../spec/source-map.ts';
import { checkCalibration, readCalibrationFile } from './calibration-file.ts';
import { DagcUserError } from '../diagnostics/diagnostic.ts';

export interface ChosenCalibration {
  calibration: PlatformCalibration;
  /** Where this calibration came from: a file, app.yaml's platform section. */
  origin: string;
}

export function calibrationFromFlag(file: string): ChosenCalibration {
  return { calibration: readCalibrationFile(file), origin: `--calibration ${file}` };
}

/** The app's `platform.calibration`, checked; diagnostics instead when it is wrong. */
export function appCalibration(platform: { calibration?: unknown } | undefined, sourceMap: SourceMap, baseDir: string): { chosen?: ChosenCalibration; diagnostics: Diagnostic[] } {
  const value = platform?.calibration;
  if (value === undefined) return { diagnostics: [] };
  const at = ['platform', 'calibration'];
  if (typeof value === 'string') {
    try {
      return { chosen: { calibration: readCalibrationFile(path.resolve(baseDir, value)), origin: `${path.basename(sourceMap.file)} platform.calibration: ${value}` }, diagnostics: [] };
    } catch (error) {
      if (!isUserError(error)) throw error;
      // A missing file is the app's mistake: point at the line that names it.
      return { diagnostics: error.diagnostics.map((d) => (d.code === 'DAGC0580' ? { ...d, position: sourceMap.positionOf(at) } : d)) };
    }
  }
  const checked = checkCalibration(value, (p) => sourceMap.positionOf(p), at);
  if (!checked.calibration) return { diagnostics: checked.diagnostics.length > 0 ? checked.diagnostics : [calibrateDiagnostics.badField(sourceMap.positionOf(at), '$.platform.calibration', 'not a calibration')] };
  return { chosen: { calibration: checked.calibration, origin: `${path.basename(sourceMap.file)} platform.calibration (inline)` }, diagnostics: [] };
}

/** A plan's recorded calibration, checked as a file's would be (a hand-edited plan must not feed NaNs to the estimator or crash explain). */
export function calibrationFromPlan(recorded: { origin: string; values: unknown }, planFile: string): ChosenCalibration {
  const checked = checkCalibration(recorded.values, () => undefined, ['calibration', 'values']);
  if (!checked.calibration) throw new DagcUserError(checked.diagnostics.map((d) => ({ ...d, message: `${planFile}: ${d.message}` })));
  return { calibration: checked.calibration, origin: recorded.origin };
}
