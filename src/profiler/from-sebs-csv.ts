// Converts a SeBS perf-cost result.csv (one row per invocation measured on
// AWS Lambda: memory, warm/cold, exec/client/provider times in µs, memory
// used in MB) into a dagc profile, so dagc can plan on curves measured on
// real Lambda rather than on the emulator.
//
// What maps to what, per memory size:
// - warmDurationsMs / coldDurationsMs: `provider_time` (the Duration the
//   platform reported, what Lambda bills) of warm / cold rows, µs → ms, in
//   file order;
// - initDurationsMs: not in the CSV. Derived per cold row as its client-side
//   overhead (client_time − provider_time) minus the median warm overhead at
//   the same size: the extra time a cold invocation spends before the handler
//   runs (sandbox + runtime start). Clamped at 0; none when the size has no
//   warm rows. An estimate, and the profile's source says so;
// - maxMemoryUsedMb: the largest `mem_used` at that size (empty cells skipped);
// - invocations: rows at that size; errors and timeouts: 0 (the CSV holds
//   successful invocations only).
// The fitted model comes from src/model's fitDurationModel.
// Complexity: O(rows + sizes × rows-per-size · log).
import type { Architecture } from '../ir/types.ts';
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { modelDiagnostics } from '../diagnostics/model.ts';
import { fitDurationModel, median } from '../model/fit-duration-model.ts';
import type { FunctionProfile, MemoryMeasurement, ProfileSource } from '../model/profile-types.ts';
import { PROFILE_SCHEMA_VERSION } from '../model/profile-types.ts';

const REQUIRED_COLUMNS = ['memory', 'type', 'provider_time', 'client_time', 'mem_used'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number];

export interface SebsImportOptions {
  functionName: string;
  /** Provenance in words: dataset, repository, commit, file. */
  description: string;
  architecture?: Architecture;
  region?: string;
}

interface Row {
  memoryMb: number;
  cold: boolean;
  providerUs: number;
  clientUs: number;
  memUsedMb: number | undefined;
}

export function profileFromSebsCsv(file: string, text: string, options: SebsImportOptions): FunctionProfile {
  const rows = parseRows(file, text);
  const sizes = [...new Set(rows.map((r) => r.memoryMb))].sort((a, b) => a - b);
  const measurements = sizes.map((memoryMb) => measurementAt(rows.filter((r) => r.memoryMb === memoryMb)));
  const model = fitDurationModel(measurements);
  const source: ProfileSource = { kind: 'csv', description: options.description };
  if (options.region) source.region = options.region;
  return {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    function: options.functionName,
    source,
    architectures: { [options.architecture ?? 'x86_64']: model ? { measurements, model } : { measurements } },
  };
}

function measurementAt(rows: readonly Row[]): MemoryMeasurement {
  const ms = (us: number) => Math.round(us) / 1000;
  const warm = rows.filter((r) => !r.cold);
  const cold = rows.filter((r) => r.cold);
  const warmOverheadUs = median(warm.map((r) => r.clientUs - r.providerUs));
  const initDurationsMs = Number.isFinite(warmOverheadUs) ? cold.map((r) => ms(Math.max(0, r.clientUs - r.providerUs - warmOverheadUs))) : [];
  const used = rows.flatMap((r) => (r.memUsedMb === undefined ? [] : [r.memUsedMb]));
  return {
    memoryMb: rows[0]!.memoryMb,
    warmDurationsMs: warm.map((r) => ms(r.providerUs)),
    coldDurationsMs: cold.map((r) => ms(r.providerUs)),
    initDurationsMs,
    maxMemoryUsedMb: used.length > 0 ? Math.max(...used) : 0,
    invocations: rows.length,
    errors: 0,
    timeouts: 0,
  };
}

function parseRows(file: string, text: string): Row[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new DagcUserError([modelDiagnostics.csvMissingColumns(file, missing)]);
  const at = Object.fromEntries(REQUIRED_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<Column, number>;
  const rows: Row[] = [];
  const problems: Diagnostic[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const bad = (column: Column, why: string) => {
      const charColumn = cells.slice(0, at[column]).join(',').length + (at[column] > 0 ? 2 : 1);
      problems.push(modelDiagnostics.csvBadCell(file, i + 1, charColumn, column, cells[at[column]] ?? '', why));
    };
    const number = (column: Column): number | undefined => {
      const cell = (cells[at[column]] ?? '').trim();
      const value = Number(cell);
      if (cell === '' || !Number.isFinite(value) || value < 0) return undefined;
      return value;
    };
    const memoryMb = number('memory');
    const type = (cells[at.type] ?? '').trim();
    const providerUs = number('provider_time');
    const clientUs = number('client_time');
    const memUsedCell = (cells[at.mem_used] ?? '').trim();
    const memUsedMb = memUsedCell === '' ? undefined : number('mem_used');
    if (memoryMb === undefined || !Number.isInteger(memoryMb) || memoryMb < 128 || memoryMb > 10_240) bad('memory', 'a whole number of MB in 128–10240');
    else if (type !== 'warm' && type !== 'cold') bad('type', "'warm' or 'cold'");
    else if (providerUs === undefined) bad('provider_time', 'a non-negative number of µs');
    else if (clientUs === undefined) bad('client_time', 'a non-negative number of µs');
    else if (memUsedCell !== '' && memUsedMb === undefined) bad('mem_used', 'a non-negative number of MB, or empty');
    else rows.push({ memoryMb, cold: type === 'cold', providerUs, clientUs, memUsedMb });
    if (problems.length >= 10) break;
  }
  if (problems.length > 0) throw new DagcUserError(problems);
  if (rows.length === 0) throw new DagcUserError([modelDiagnostics.csvEmpty(file)]);
  return rows;
}
