// The per-folder mutation score that `npm run mutation` ends with, computed from Stryker's JSON
// report (the mutation-testing-report-schema: files → mutants → status).
//
// Score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's own "mutation
// score" restricted to one folder: a timeout counts as detected (the mutant made a test hang), and
// compile errors, runtime errors and ignored mutants are left out because no test judged them.
// A file belongs to the longest folder that contains it, so src/passes/frontier/compose.ts counts for
// src/passes/frontier and not for src/passes.

export interface MutantRecord {
  status: string;
}

export interface MutationReport {
  files: Record<string, { mutants: MutantRecord[] }>;
  testFiles?: Record<string, { tests: unknown[] }>;
}

export interface FolderScore {
  folder: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Compile and runtime errors: mutants the type checker or the loader rejected before any test ran. */
  errors: number;
  /** Detected / (detected + undetected), in percent; null when no mutant was judged by a test. */
  scorePercent: number | null;
}

/** Folder that owns `file`: the longest of `folders` that is a path prefix of it, or undefined. */
export function owningFolder(file: string, folders: readonly string[]): string | undefined {
  const normalized = file.replaceAll('\\', '/');
  let best: string | undefined;
  for (const folder of folders) {
    if (normalized.startsWith(`${folder}/`) && (best === undefined || folder.length > best.length)) best = folder;
  }
  return best;
}

/** Counts every mutant of `report` into the folder that owns its file; folders without files are omitted. */
export function scoreByFolder(report: MutationReport, folders: readonly string[]): FolderScore[] {
  const byFolder = new Map<string, FolderScore>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = owningFolder(file, folders);
    if (folder === undefined) continue;
    let row = byFolder.get(folder);
    if (row === undefined) {
      row = { folder, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, scorePercent: null };
      byFolder.set(folder, row);
    }
    for (const { status } of mutants) count(row, status);
  }
  for (const row of byFolder.values()) {
    const detected = row.killed + row.timeout;
    const judged = detected + row.survived + row.noCoverage;
    row.scorePercent = judged === 0 ? null : (100 * detected) / judged;
  }
  return folders.flatMap((folder) => byFolder.get(folder) ?? []);
}

function count(row: FolderScore, status: string): void {
  switch (status) {
    case 'Killed': row.killed += 1; break;
    case 'Timeout': row.timeout += 1; break;
    case 'Survived': row.survived += 1; break;
    case 'NoCoverage': row.noCoverage += 1; break;
    case 'CompileError':
    case 'RuntimeError': row.errors += 1; break;
    // Ignored and Pending mutants were never judged.
    default: break;
  }
}

/** Number of tests the report says ran: zero means the setup ran nothing and its score means nothing. */
export function testCount(report: MutationReport): number {
  return Object.values(report.testFiles ?? {}).reduce((sum, file) => sum + file.tests.length, 0);
}

/** A fixed-width text table, one row per folder, with the target (≥ 80 %) marked per row. */
export function renderScoreTable(rows: readonly FolderScore[], targetPercent = 80): string {
  const header = ['folder', 'score', 'killed', 'timeout', 'survived', 'no cov', 'errors', `≥ ${targetPercent} %`];
  const body = rows.map((row) => [
    row.folder,
    row.scorePercent === null ? 'n/a' : `${row.scorePercent.toFixed(2)} %`,
    String(row.killed),
    String(row.timeout),
    String(row.survived),
    String(row.noCoverage),
    String(row.errors),
    row.scorePercent !== null && row.scorePercent >= targetPercent ? 'yes' : 'no',
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...body.map((line) => line[i]!.length)));
  const format = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [format(header), ...body.map(format)].join('\n') + '\n';
}

export interface SurvivorRecord extends MutantRecord {
  mutatorName?: string;
  replacement?: string;
  location?: { start: { line: number; column: number } };
}

/**
 * One line per mutant of `folder`'s files (ownership as in scoreByFolder) that no test detected
 * (survived or not covered), sorted by file, line and column:
 * the list a reviewer goes through to write tests or to mark a mutant equivalent.
 */
export function survivorLines(report: MutationReport, folders: readonly string[], folder: string): string[] {
  const lines: { file: string; line: number; column: number; text: string }[] = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (owningFolder(file, folders) !== folder) continue;
    for (const mutant of mutants as SurvivorRecord[]) {
      if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') continue;
      const line = mutant.location?.start.line ?? 0;
      const column = mutant.location?.start.column ?? 0;
      const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
      lines.push({ file, line, column, text: `${file}:${line}:${column} ${mutant.status} ${mutant.mutatorName ?? '?'}: ${replacement}` });
    }
  }
  lines.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return lines.map((entry) => entry.text);
}
