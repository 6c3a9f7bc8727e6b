// Loads and validates app.yaml: YAML → schema → semantics. Collects every
// problem before reporting (CDK-style) and throws them together, sorted by
// position, as one DagcUserError. Warnings are returned, not thrown.
import path from 'node:path';
import { DagcUserError, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { readYamlFile } from './parse.ts';
import { checkSchema } from './schema-check.ts';
import { checkSemantics } from './semantic-check.ts';
import type { SourceMap } from './source-map.ts';
import type { AppSpec } from './types.ts';
import { specDiagnostics } from '../diagnostics/spec.ts';
import { sanitizeSpec } from './sanitize.ts';
import { appCalibration, type ChosenCalibration } from '../calibrate/app-calibration.ts';

export interface LoadedSpec {
  spec: AppSpec;
  sourceMap: SourceMap;
  file: string;
  baseDir: string;
  warnings: Diagnostic[];
  /** The app's platform.calibration, read and checked. */
  calibration?: ChosenCalibration;
}

export function loadSpec(file: string): LoadedSpec {
  const absolute = path.resolve(file);
  // Diagnostics name the file as the user would: relative to where they are, unless it is elsewhere.
  const relative = path.relative(process.cwd(), absolute);
  const displayName = relative && !relative.startsWith('..') ? relative : absolute;
  const parsed = readYamlFile(displayName);
  if (!('sourceMap' in parsed) || parsed.diagnostics.length > 0) throw new DagcUserError(parsed.diagnostics);
  const { value, sourceMap } = parsed;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DagcUserError([specDiagnostics.notAMapping(sourceMap.positionOf([]))]);
  }
  const schemaErrors = checkSchema(value, sourceMap);
  const baseDir = path.dirname(absolute);
  // Graph checks run even on a schema-invalid spec (on its sound parts), so
  // every problem is reported in one go.
  const spec = schemaErrors.length === 0 ? (value as AppSpec) : sanitizeSpec(value as Record<string, unknown>);
  const semantic = checkSemantics(spec, sourceMap, baseDir);
  const platform = schemaErrors.length === 0 ? appCalibration(spec.platform, sourceMap, baseDir) : { diagnostics: [] };
  const errors = [...schemaErrors, ...semantic.filter((d) => d.severity === 'error'), ...platform.diagnostics];
  if (errors.length > 0) throw new DagcUserError(sortDiagnostics(errors));
  return { spec, sourceMap, file: absolute, baseDir, warnings: sortDiagnostics(semantic.filter((d) => d.severity === 'warning')), ...(platform.chosen ? { calibration: platform.chosen } : {}) };
}
