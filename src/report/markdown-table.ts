// A markdown table whose columns are padded to one width, so it reads as a
// table in a terminal as well as rendered; pipes in cells are escaped.
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, rightAligned: ReadonlySet<number> = new Set()): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => cell.replace(/\|/g, '\\|')));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => [...(row[i] ?? '')].length)));
  const pad = (cell: string, i: number) => {
    const gap = ' '.repeat(widths[i]! - [...cell].length);
    return rightAligned.has(i) ? gap + cell : cell + gap;
  };
  const line = (row: readonly string[]) => `| ${row.map((cell, i) => pad(cell, i)).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (rightAligned.has(i) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}
