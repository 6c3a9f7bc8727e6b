// dagc diff as a pull-request comment (GitHub-flavoured markdown): the
// summary line first, notes on plans that do not compare like for like, a
// table of the workflow's numbers and one of every decision that changed;
// functions, the cost breakdown, the gate's checks and the two plans'
// provenance folded into <details>; the verdict is the last line, the same
// words as in the terminal output. Names from the user's app are escaped so a
// step id cannot break a table or inject HTML.
import type { DiffReport } from './diff-report.ts';
import { isChanged } from './number-delta.ts';
import { breakdownRows, changeRows, functionHeader, functionRows, planRows, summaryLine, workflowRows } from './report-rows.ts';

export function renderDiffMarkdown(report: DiffReport): string {
  const out: string[] = [`${report.gate.passed ? '✅' : '❌'} **dagc diff** ${escape(summaryLine(report))}`, ''];
  if (report.notes.length > 0) {
    out.push('> [!WARNING]', ...report.notes.map((n) => `> **${n.code}** ${escape(n.message)}${n.hint ? ` (${escape(n.hint)})` : ''}<br>`), '');
  }
  out.push(...table(['', 'old', 'new', 'change'], workflowRows(report), ['l', 'r', 'r', 'l']), '');
  const changes = changeRows(report);
  if (changes.length === 0) out.push('No deployment decision changed.', '');
  else {
    out.push(`**What changed** (${changes.length})`, '', ...table(['aspect', 'subject', 'old', 'new'], changes.slice(0, SHOWN_CHANGES)), '');
    if (changes.length > SHOWN_CHANGES) out.push(...details(`${changes.length - SHOWN_CHANGES} more changes`, capped(table(['aspect', 'subject', 'old', 'new'], changes.slice(SHOWN_CHANGES)), changes.length - SHOWN_CHANGES)));
  }
  const functions = functionRows(report);
  const changedFunctions = functions.filter((_, i) => functionChanged(report.functions[i]!));
  const unchanged = functions.length - changedFunctions.length;
  const functionBody = changedFunctions.length === 0 ? [] : capped(table(functionHeader(report), changedFunctions), changedFunctions.length);
  if (unchanged > 0) functionBody.push('', `${unchanged} function${unchanged === 1 ? '' : 's'} unchanged.`);
  out.push(...details(`Functions (${changedFunctions.length} changed of ${functions.length})`, functionBody));
  out.push(...details('Cost breakdown per 1M executions', table(['part', 'old', 'new', 'change'], breakdownRows(report), ['l', 'r', 'r', 'l'])));
  out.push(...details('Gate checks', report.gate.checks.map((c) => `- ${c.passed ? '✅' : '❌'} ${escape(c.message)}`)));
  out.push(...details('Plans compared', table(['', 'old', 'new'], planRows(report))));
  out.push(escape(report.gate.verdict));
  return `${out.join('\n')}\n`;
}

/**
 * A PR comment holds at most 65,536 characters, and a generated app can have
 * thousands of functions: the first SHOWN_CHANGES changes are in the open
 * table, and no table in <details> runs past MAX_TABLE_ROWS rows; --json and
 * the terminal output always carry everything.
 */
const SHOWN_CHANGES = 30;
const MAX_TABLE_ROWS = 300;

function capped(tableLines: string[], rows: number): string[] {
  if (rows <= MAX_TABLE_ROWS) return tableLines;
  return [...tableLines.slice(0, MAX_TABLE_ROWS + 2), '', `… and ${rows - MAX_TABLE_ROWS} more rows: run \`dagc diff\` (text or --json) for all of them.`];
}

function functionChanged(f: DiffReport['functions'][number]): boolean {
  return f.presence !== 'both' || f.memoryMb.old !== f.memoryMb.new || f.architecture.old !== f.architecture.new || isChanged(f.stepLatencyMs) || isChanged(f.costPerMillionExecutionsUsd);
}

function details(summary: string, body: string[]): string[] {
  // Inside HTML a markdown escape would show its backslash: only HTML's own characters are escaped here.
  return ['<details>', `<summary>${summary.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</summary>`, '', ...body, '', '</details>', ''];
}

function table(header: string[], rows: string[][], align?: Array<'l' | 'r'>): string[] {
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '--:' : ':--'));
  return [header, rule, ...rows].map((cells, i) => `| ${cells.map((c) => (i === 1 ? c : escape(c))).join(' | ')} |`);
}

/** Markdown and HTML special characters in text that may come from the user's app (ids, names); `$` too, which GitHub reads as math. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]|#$]/g, (c) => `\\${c}`).replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
