// Number formats shared by the HTML page and the markdown summary, so both
// say the same thing the same way: milliseconds below a second and seconds
// above, dollars with cents (more digits below a cent), signed percentages.

export function formatMs(latencyMs: number): string {
  return latencyMs >= 1000 ? `${(latencyMs / 1000).toFixed(2)} s` : `${Math.round(latencyMs)} ms`;
}

export function formatUsd(amount: number): string {
  if (amount !== 0 && Math.abs(amount) < 0.01) return `$${amount.toPrecision(2)}`;
  return `$${amount.toFixed(2)}`;
}

/** "12.3% cheaper", "4.0% dearer", "same"; "—" without a base. */
export function formatSaving(todayUsd: number | undefined, chosenUsd: number): string {
  if (todayUsd === undefined || todayUsd <= 0) return '—';
  const saving = ((todayUsd - chosenUsd) / todayUsd) * 100;
  if (Math.abs(saving) < 0.05) return 'same';
  return saving > 0 ? `${saving.toFixed(1)}% cheaper` : `${(-saving).toFixed(1)}% dearer`;
}

/** Decision numbers as "k=v" pairs, in the order the pass recorded them. */
export function formatNumbers(numbers: Readonly<Record<string, number>>): string {
  return Object.entries(numbers)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
