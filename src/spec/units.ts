// Sizes and durations as users write them in app.yaml and on the command line.
// KB/MB/GB are binary (1 KB = 1024 bytes), as in AWS's own limits
// (256 KB Step Functions state = 262,144 bytes); KiB/MiB/GiB are accepted too.

const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
};

export const SIZE_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?\\s*([bB]|[kKmMgG][iI]?[bB])\\s*$';
export const DURATION_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?\\s*(ms|s|m|min)\\s*$';

/** "1.5MB" → 1572864; undefined when it does not parse. */
export function parseBytes(text: string): number | undefined {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  if (!match) return undefined;
  const factor = BYTE_UNITS[match[2]!.toLowerCase()];
  if (factor === undefined) return undefined;
  return Math.round(Number(match[1]) * factor);
}

/** "350ms" → 350, "2s" → 2000; undefined when it does not parse. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|min)\s*$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * DURATION_UNITS_MS[match[2]!]!;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${trim(bytes / 1024 ** 3)}GB`;
  if (bytes >= 1024 ** 2) return `${trim(bytes / 1024 ** 2)}MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)}KB`;
  return `${bytes}B`;
}

export function formatDurationMs(latencyMs: number): string {
  if (latencyMs >= 1000) return `${trim(latencyMs / 1000)}s`;
  return `${trim(latencyMs)}ms`;
}

function trim(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
