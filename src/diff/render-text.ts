// dagc diff for a terminal: the summary line first, then the workflow's
// numbers, what changed, the functions, the cost breakdown and the gate's
// checks, in fixed-width columns; the verdict is the last line, so
// `dagc diff … | tail -n 1` (or a CI log's last line) gives the reason.
import { formatDiagnostic } from '../diagnostics/diagnostic.ts';
import type { DiffReport } from './diff-report.ts';
import { breakdownRows, changeRows, functionHeader, functionRows, summaryLine, workflowRows } from './report-rows.ts';

export function renderDiffText(report: DiffReport): string {
  const lines: string[] = [summaryLine(report), `old: ${report.old.file}`, `new: ${report.new.file}`];
  for (const note of report.notes) lines.push(formatDiagnostic({ ...note, severity: 'warning', message: `note: ${note.message}` }));
  lines.push('', ...table([['workflow', 'old', 'new', 'change'], ...workflowRows(report)]));
  lines.push('');
  if (report.changes.length === 0) lines.push('what changed: no deployment decision');
  else lines.push(`what changed (${report.changes.length}):`, ...indent(table([['aspect', 'subject', 'old', 'new'], ...changeRows(report)])));
  lines.push('', 'functions:', ...indent(table([functionHeader(report), ...functionRows(report)])));
  lines.push('', 'cost breakdown per 1M executions:', ...indent(table([['part', 'old', 'new', 'change'], ...breakdownRows(report)])));
  lines.push('', 'gate:', ...report.gate.checks.map((c) => `  ${c.passed ? 'ok  ' : 'FAIL'} ${c.message}`));
  lines.push(report.gate.verdict);
  return `${lines.join('\n')}\n`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines;
}

function indent(lines: string[]): string[] {
  return lines.map((l) => `  ${l}`);
}
