// JSON with sorted object keys and numbers rounded to 10 significant digits,
// so that a plan's bytes depend only on its content — the CI gate diffs them.

export function stableStringify(value: unknown): string {
  return `${JSON.stringify(canonical(value), null, 2)}\n`;
}

function canonical(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(10)) : value;
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) out[key] = canonical(child);
    }
    return out;
  }
  return value;
}
