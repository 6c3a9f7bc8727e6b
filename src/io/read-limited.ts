// Reads a text input with a size limit checked before the read: the file is
// opened once, its size taken from that open file (no race with a writer),
// and at most limit + 1 bytes are read, so a FIFO, /dev/zero or a 20 GB file
// given as app.yaml ends as a diagnostic (DAGC0600) instead of filling memory.
// Every input path (spec, profiles, plans, logs, payloads, calibration files)
// reads through here; new commands should too.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { DagcUserError, type SourcePosition } from '../diagnostics/diagnostic.ts';
import { inputDiagnostics } from '../diagnostics/input.ts';

export interface LimitedRead {
  /** What the file is, in words, for the diagnostic: "app spec", "profile", "plan". */
  what: string;
  maxBytes: number;
  /** Where the file was named, when a spec named it. */
  position?: SourcePosition;
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * The file's text (UTF-8). Throws DagcUserError for a file over the limit and
 * for a folder; other fs errors (ENOENT, EACCES) are thrown as they are, for
 * callers that have their own message for a missing file.
 */
export function readTextLimited(file: string, options: LimitedRead): string {
  const fd = openSync(file, 'r');
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error(`EISDIR: ${file} is a directory`), { code: 'EISDIR' });
    if (stats.isFile() && stats.size > options.maxBytes) {
      throw new DagcUserError([inputDiagnostics.fileTooLarge(file, options.what, stats.size, options.maxBytes, options.position)]);
    }
    // Not trusting the size (a pipe or a device has none, a file may grow): read in chunks up to the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, options.maxBytes + 1 - total));
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      chunks.push(buffer.subarray(0, read));
      total += read;
      if (total > options.maxBytes) throw new DagcUserError([inputDiagnostics.fileTooLarge(file, options.what, total, options.maxBytes, options.position)]);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The Node error code of a failed fs call, if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
