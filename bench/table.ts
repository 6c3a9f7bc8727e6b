// Plain-text tables for bench output: columns padded to their widest cell,
// numbers right-aligned, so the tables paste into a PR or a report as is.
export type Cell = string | number;

export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[], raw?: readonly Cell[]): string =>
    cells.map((cell, i) => (typeof raw?.[i] === 'number' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map((row, r) => line(row, rows[r]))].join('\n');
}

export function usd(value: number): string {
  return `$${value.toExponential(3)}`;
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : '—';
}
