// Platform model, profile and estimator diagnostics: codes DAGC0100–DAGC0149.
import { makeDiagnostic, type Diagnostic, type SourcePosition } from './diagnostic.ts';

const GRID_EXAMPLE = 'memoryGrid: measured, or memoryGrid: [512, 1024, 1769]';

export const modelDiagnostics = {
  profileUnreadable: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0100', `cannot read profile ${file}: ${detail}`, 'regenerate it with `dagc profile`, or fix the JSON', undefined),
  profileInvalid: (file: string, jsonPath: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0101', `profile ${file} at ${jsonPath || '/'}: ${detail}`, 'the profile format is src/model/profile.schema.json; regenerate it with `dagc profile`', undefined),
  profileNameMismatch: (file: string, inFile: string, expected: string): Diagnostic =>
    makeDiagnostic('DAGC0102', `profile ${file} is for function '${inFile}', not '${expected}'`, `rename the file or set "function": "${expected}"`, undefined),
  memoryBelowFootprint: (fn: string, memoryMb: number, footprintMb: number): Diagnostic =>
    makeDiagnostic('DAGC0103', `function '${fn}' at ${memoryMb} MB is below its measured footprint of ${footprintMb} MB`, `give it at least ${Math.ceil(footprintMb)} MB; it would run out of memory`, undefined),
  noProfileForArchitecture: (fn: string, architecture: string): Diagnostic =>
    makeDiagnostic('DAGC0104', `function '${fn}' has no profile on ${architecture}`, `profile it on ${architecture}, or deploy it on an architecture it was profiled on`, undefined),
  badMemoryFlag: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0105', `'${text}' is not a function of the app with a memory size (fn=MB) or an architecture (fn=x86_64|arm64)`, 'write --memory encode=1769,split=512 or --arch encode=arm64', undefined),
  csvMissingColumns: (file: string, columns: readonly string[]): Diagnostic =>
    makeDiagnostic('DAGC0106', `${file} lacks the column(s) ${columns.join(', ')} of a SeBS perf-cost result.csv`, 'pass the result.csv that SeBS writes per benchmark (header: memory,type,is_cold,exec_time,connection_time,client_time,provider_time,mem_used)', { file, line: 1, column: 1 }),
  csvBadCell: (file: string, line: number, charColumn: number, column: string, cell: string, expected: string): Diagnostic =>
    makeDiagnostic('DAGC0107', `${column} is '${cell}', not ${expected}`, `fix or delete row ${line}`, { file, line, column: charColumn }),
  csvEmpty: (file: string): Diagnostic =>
    makeDiagnostic('DAGC0108', `${file} holds no measurements`, 'pass a result.csv with at least one row per memory size', { file, line: 1, column: 1 }),
  coldOnlyProfile: (where: string, coldSamples: number): Diagnostic =>
    makeDiagnostic(
      'DAGC0120',
      `${where} has cold samples only: warm invocations are taken to run like its ${coldSamples} cold ones (their distribution, cold factor 1)`,
      'profile it again with warm invocations (dagc profile --invocations N), or import REPORT lines of warm runs',
      undefined,
      'warning',
    ),
  fewColdSamples: (where: string, coldSamples: number, minimum: number, usedFactor: number, measuredFactor: number, weight: number, toward = '×1, the warm curve'): Diagnostic =>
    makeDiagnostic(
      'DAGC0121',
      `${where} has ${coldSamples} cold sample${coldSamples === 1 ? '' : 's'} (fewer than ${minimum}): cold handlers are taken to run ×${usedFactor.toFixed(2)} their warm duration ` +
        `(measured ×${measuredFactor.toFixed(2)}, shrunk toward ${toward}, with credibility ${weight.toFixed(2)})`,
      'measure more cold starts (dagc profile --invocations N, or REPORT lines with an Init Duration)',
      undefined,
      'warning',
    ),
  fewInitSamples: (where: string, initSamples: number, minimum: number, assumed: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0122',
      `${where} has ${initSamples} init duration${initSamples === 1 ? '' : 's'} (fewer than ${minimum}): cold starts draw ${assumed}`,
      'measure more cold starts (REPORT lines with an Init Duration)',
      undefined,
      'warning',
    ),
  badExecutionsPerHour: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0109', `--executions-per-hour '${text}' is not a positive number`, 'give the expected traffic, e.g. --executions-per-hour 60 (one execution a minute)', undefined),
  // Memory grids (app.yaml `memoryGrid`, `--memory-grid`): DAGC0130–DAGC0134.
  memoryGridForm: (position: SourcePosition | undefined, where: string, text: string): Diagnostic =>
    makeDiagnostic('DAGC0130', `${where} is '${text}', not default, measured, all or a list of memory sizes in MB`, position ? `write ${GRID_EXAMPLE}` : 'write --memory-grid measured, --memory-grid all, or --memory-grid 512,1024,1769', position),
  memoryGridSize: (position: SourcePosition | undefined, where: string, text: string): Diagnostic =>
    makeDiagnostic('DAGC0131', `${where} holds ${text}, not a whole number of MB from 128 to 10240`, 'Lambda takes memory in whole MB from 128 to 10240: round it, or drop it from the grid', position),
  memoryGridDuplicate: (position: SourcePosition | undefined, where: string, memoryMb: number): Diagnostic =>
    makeDiagnostic('DAGC0132', `${where} lists ${memoryMb} MB twice`, 'list each size once', position),
  memoryGridEmpty: (position: SourcePosition | undefined, where: string): Diagnostic =>
    makeDiagnostic('DAGC0133', `${where} is an empty list`, `list at least one size, or leave it out for dagc's default grid (${GRID_EXAMPLE})`, position),
  memoryGridOutsideBounds: (position: SourcePosition | undefined, fn: string, minMemoryMb: number | undefined, maxMemoryMb: number | undefined): Diagnostic =>
    makeDiagnostic(
      'DAGC0134',
      `no size of function '${fn}''s memory grid lies within its ${[minMemoryMb === undefined ? '' : `minMemory ${minMemoryMb} MB`, maxMemoryMb === undefined ? '' : `maxMemory ${maxMemoryMb} MB`].filter((x) => x).join(' and ')}`,
      'add a size inside the bounds to the grid, or widen minMemory/maxMemory',
      position,
    ),
};
