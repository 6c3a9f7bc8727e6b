// The one way dagc writes a file it leaves behind (plan.json, profiles,
// journals, and whatever emitters come next): into a temporary file in the
// same folder, flushed, then renamed over the target. A rename within one
// folder is atomic on POSIX file systems, so a reader — or the next dagc run
// after a crash, a full disk or a kill — sees the old file or the new one,
// never half of one. Every file-system error becomes a diagnostic (DAGC0605:
// what failed, where, what to do, and that the previous file is unchanged),
// never a stack trace.
//
// The file-system calls go through `fileSystem`, which tests replace with
// setFileSystemForTests to inject ENOSPC, EFBIG or EROFS at any step: those
// errors cannot be produced on demand on a developer's disk.
import * as fs from 'node:fs';
import path from 'node:path';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { inputDiagnostics } from '../diagnostics/input.ts';
import { errorCode } from './read-limited.ts';

export interface AtomicFileSystem {
  mkdirSync: (dir: string, options: { recursive: true }) => unknown;
  openSync: (file: string, flags: string) => number;
  writeSync: (fd: number, data: Uint8Array) => number;
  fsyncSync: (fd: number) => void;
  closeSync: (fd: number) => void;
  renameSync: (from: string, to: string) => void;
  unlinkSync: (file: string) => void;
  existsSync: (file: string) => boolean;
}

const realFileSystem: AtomicFileSystem = {
  mkdirSync: (dir, options) => fs.mkdirSync(dir, options),
  openSync: (file, flags) => fs.openSync(file, flags, 0o666),
  writeSync: (fd, data) => fs.writeSync(fd, data),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (file) => fs.unlinkSync(file),
  existsSync: (file) => fs.existsSync(file),
};

let fileSystem: AtomicFileSystem = realFileSystem;

/** Tests only: route the helpers' file-system calls through `replacement` (undefined restores the real one). */
export function setFileSystemForTests(replacement: AtomicFileSystem | undefined): void {
  fileSystem = replacement ?? realFileSystem;
}

export function realAtomicFileSystem(): AtomicFileSystem {
  return realFileSystem;
}

let temporaryCounter = 0;

export interface AtomicWriteOptions {
  /**
   * Flush to the disk before the rename (default true), so a power loss
   * leaves the old file or the whole new one. Files rewritten many times a
   * second whose loss a rerun repairs (the profiler's journal) pass false:
   * the rename alone already protects them from a killed process.
   */
  durable?: boolean;
}

/** Writes `data` to `file` atomically, creating its folder. Throws DagcUserError (DAGC0605) on any fs error. */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const dir = path.dirname(file);
  // Hidden, unique per process and call, in the target's own folder (a rename across file systems is not atomic).
  temporaryCounter += 1;
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.${temporaryCounter}.tmp`);
  let fd: number | undefined;
  try {
    fileSystem.mkdirSync(dir, { recursive: true });
    fd = fileSystem.openSync(temporary, 'wx');
    let written = 0;
    while (written < bytes.length) written += fileSystem.writeSync(fd, bytes.subarray(written));
    if (options.durable !== false) fileSystem.fsyncSync(fd);
    fileSystem.closeSync(fd);
    fd = undefined;
    fileSystem.renameSync(temporary, file);
  } catch (error) {
    if (fd !== undefined) ignoreErrors(() => fileSystem.closeSync(fd!));
    ignoreErrors(() => fileSystem.unlinkSync(temporary));
    throw asWriteDiagnostic(error, file);
  }
}

/** The same as a promise, for async callers (the profiler's journal); the write itself is synchronous and small. */
export async function writeFileAtomicAsync(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  writeFileAtomic(file, data, options);
}

/**
 * Moves `file` aside to `file + suffix` (replacing an older one there), so it
 * no longer looks current; returns the new name, or undefined when there was
 * no file. Errors are diagnostics like a write's.
 */
export function retireFile(file: string, suffix: string): string | undefined {
  if (!fileSystem.existsSync(file)) return undefined;
  const retired = `${file}${suffix}`;
  try {
    fileSystem.renameSync(file, retired);
  } catch (error) {
    throw asWriteDiagnostic(error, retired);
  }
  return retired;
}

function asWriteDiagnostic(error: unknown, file: string): unknown {
  const code = errorCode(error);
  if (code === undefined) return error;
  // The previous file is only worth mentioning when there is one (not when a folder stands there).
  return new DagcUserError([inputDiagnostics.writeFailed(file, code, code !== 'EISDIR' && safeExists(file))]);
}

function safeExists(file: string): boolean {
  try {
    return fileSystem.existsSync(file);
  } catch {
    return false;
  }
}

function ignoreErrors(action: () => void): void {
  try {
    action();
  } catch {
    // Cleaning up after a failed write: the write's own error is the one to report.
  }
}
