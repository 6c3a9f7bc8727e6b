// Input limits, file-system errors, paths that leave the app, command-line
// values and internal errors: codes DAGC0600–DAGC0649. Each says what is
// wrong, where, and what to do; none quotes more than a short excerpt of the
// input back (makeDiagnostic caps every message).
import { makeDiagnostic, type Diagnostic, type SourcePosition } from './diagnostic.ts';
import { suggest } from './spec.ts';

/** Why a file-system call failed, in words, with what to do; keyed by Node's error code. */
const FILE_SYSTEM_CAUSES: Record<string, { what: string; fix: string }> = {
  EROFS: { what: 'the file system is read-only', fix: 'write somewhere writable: pass --out <dir> on a writable disk' },
  EACCES: { what: 'permission denied', fix: 'give this user write access to the folder, or pass --out <dir> somewhere it has' },
  EPERM: { what: 'operation not permitted', fix: 'give this user write access to the folder, or pass --out <dir> somewhere it has' },
  ENOSPC: { what: 'the disk is full', fix: 'free some space on that disk, or pass --out <dir> on another one' },
  EDQUOT: { what: 'the disk quota is exhausted', fix: 'free some space within the quota, or pass --out <dir> on another disk' },
  EFBIG: { what: 'the file is larger than the file-size limit allows', fix: 'raise the file-size limit (ulimit -f), or write to another disk' },
  ENOTDIR: { what: 'a file stands where a folder should be', fix: 'remove or rename that file, or pass --out <dir> naming a folder' },
  EEXIST: { what: 'a file stands where a folder should be', fix: 'remove or rename that file, or pass --out <dir> naming a folder' },
  EISDIR: { what: 'a folder stands where the file should be', fix: 'remove or rename that folder, or pass --out <dir> elsewhere' },
  ENAMETOOLONG: { what: 'the path is too long', fix: 'use a shorter --out path' },
  EMFILE: { what: 'too many open files', fix: 'raise the open-file limit (ulimit -n) and run again' },
  EIO: { what: 'an I/O error from the disk', fix: 'check the disk, then run again' },
};

export function fileSystemCause(code: string | undefined): { what: string; fix: string } {
  return FILE_SYSTEM_CAUSES[code ?? ''] ?? { what: `the file system refused (${code ?? 'unknown error'})`, fix: 'check the path and the disk, then run again' };
}

export const inputDiagnostics = {
  fileTooLarge: (file: string, what: string, bytes: number, limitBytes: number, position?: SourcePosition): Diagnostic =>
    makeDiagnostic(
      'DAGC0600',
      `${what} ${file} is larger than ${formatMb(limitBytes)} (${bytes} bytes or more), the most dagc reads of one`,
      `check that this is the right file: no ${what} dagc writes or a person maintains is this large`,
      position ?? { file, line: 1, column: 1 },
    ),
  yamlTooDeep: (position: SourcePosition, limit: number): Diagnostic =>
    makeDiagnostic('DAGC0601', `YAML nested more than ${limit} levels deep`, 'an app spec needs about 5 levels (steps → step → map → width → values); flatten this part', position),
  yamlTooManyAliases: (position: SourcePosition, limit: number): Diagnostic =>
    makeDiagnostic('DAGC0602', `more than ${limit} YAML aliases (*name): aliases that expand into each other can make a small file enormous`, 'write the repeated parts out, or use fewer aliases', position),
  stringTooLong: (position: SourcePosition, length: number, limit: number): Diagnostic =>
    makeDiagnostic('DAGC0603', `a string of ${length} characters (dagc allows ${limit})`, 'shorten it: names are at most 64 characters, paths at most 4096', position),
  writeFailed: (file: string, code: string | undefined, previousKept: boolean): Diagnostic => {
    const cause = fileSystemCause(code);
    return makeDiagnostic(
      'DAGC0605',
      `cannot write ${file}: ${cause.what}${previousKept ? '; the previous file there was left unchanged and does not reflect this run' : ''}`,
      cause.fix,
      undefined,
    );
  },
  readFailed: (file: string, what: string, code: string | undefined, position?: SourcePosition): Diagnostic => {
    const detail = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : fileSystemCause(code).what;
    return makeDiagnostic('DAGC0606', `cannot read ${what} ${file}: ${detail}`, 'check the path and its permissions', position);
  },
  outsideApp: (position: SourcePosition, what: string, file: string, appDir: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0607',
      `${what} ${file} is outside the app's folder ${appDir} (after following links)`,
      "keep handlers and payloads inside the folder that holds app.yaml: dagc packages and profiles only what is in the app's folder",
      position,
    ),
  notARegularFile: (position: SourcePosition, what: string, file: string, kind: string): Diagnostic =>
    makeDiagnostic('DAGC0608', `${what} ${file} is ${kind}, not a file`, 'point it at a .mjs/.js module (handler) or a .json event (payload)', position),
  unknownPass: (name: string, known: string[]): Diagnostic =>
    makeDiagnostic('DAGC0609', `--pass '${name}' is not a pass in this plan`, suggest(name, known, known.length > 0 ? `passes in this plan: ${known.join(', ')}` : 'this plan has no decisions'), undefined),
  badEndpoint: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0610', `--endpoint '${text}' is not an http(s) URL`, 'write the full URL, e.g. --endpoint http://127.0.0.1:9001', undefined),
  unknownRegion: (position: SourcePosition | undefined, region: string, known: readonly string[], where = 'region'): Diagnostic =>
    makeDiagnostic('DAGC0611', `${where} '${region}' is not an AWS region`, suggest(region, known, 'write a region code such as us-east-1 or eu-west-1'), position),
  planRetired: (file: string, retiredFile: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0612',
      `the previous plan ${file} was moved to ${retiredFile}: it was not made by this run, which found no plan meeting the SLO`,
      'loosen the SLO or raise the memory bounds and run dagc optimize again; the old plan is kept for reference only',
      undefined,
      'warning',
    ),
  memoryFlagOutOfRange: (fn: string, text: string, minMemoryMb: number, maxMemoryMb: number): Diagnostic =>
    makeDiagnostic('DAGC0613', `--memory ${fn}=${text}: Lambda allows whole MB from ${minMemoryMb} to ${maxMemoryMb}`, `write e.g. --memory ${fn}=1769 (1769 MB is one vCPU)`, undefined),
  journalUnreadable: (file: string, detail: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0614',
      `the profiling journal ${file} is damaged: ${detail}`,
      "delete it to start this function's profiling over; if a run was interrupted, first check that the function's memory is back to its usual setting",
      undefined,
    ),
  internalError: (detail: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0649',
      `internal error (a bug in dagc, not in your input): ${detail}`,
      'please report it with the command line and the input files (run again with --debug to include the stack)',
      undefined,
    ),
};

function formatMb(bytes: number): string {
  return `${Math.round((bytes / 1024 ** 2) * 10) / 10} MB`;
}
