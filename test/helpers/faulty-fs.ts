// A file system for src/io/atomic-write.ts that fails one chosen call with a
// chosen errno (ENOSPC, EFBIG, EROFS…) and passes every other call to the real
// one: the error paths of a write, which a developer's disk cannot produce on
// demand. Unit tests of error paths only.
import { realAtomicFileSystem, setFileSystemForTests, type AtomicFileSystem } from '../../src/io/atomic-write.ts';

export type FaultStep = 'mkdirSync' | 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync';
export const FAULT_STEPS: readonly FaultStep[] = ['mkdirSync', 'openSync', 'writeSync', 'fsyncSync', 'closeSync', 'renameSync'];

export function errnoError(code: string, call: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected failure, ${call}`), { code, syscall: call });
}

/** Runs `body` with `step` failing with `code`; the real file system is restored afterwards. */
export async function withFault<T>(step: FaultStep, code: string, body: () => Promise<T> | T): Promise<T> {
  const real = realAtomicFileSystem();
  const faulty: AtomicFileSystem = { ...real };
  if (step === 'writeSync') {
    // A disk that fills mid-file: part of the data lands, then the error.
    faulty.writeSync = (fd, data) => {
      real.writeSync(fd, data.subarray(0, Math.floor(data.length / 2)));
      throw errnoError(code, step);
    };
  } else {
    (faulty as unknown as Record<string, () => never>)[step] = () => {
      throw errnoError(code, step);
    };
  }
  setFileSystemForTests(faulty);
  try {
    return await body();
  } finally {
    setFileSystemForTests(undefined);
  }
}
