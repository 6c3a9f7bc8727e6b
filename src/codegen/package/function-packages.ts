// Packages every generated function folder of a plan (functions/<dir>/, the
// folder the SAM template's CodeUri names) as a deterministic zip and writes
// their SHA-256 into functions/SHA256SUMS, in `sha256sum` format, so a
// reviewer sees in a diff exactly which deployment packages a change touched,
// and `cd functions && sha256sum -c SHA256SUMS` verifies zips written beside
// the folders (writeZips). The zips themselves are build output, not committed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipFolder } from './deterministic-zip.ts';

export const FUNCTIONS_DIR = 'functions';
export const HASHES_FILE = 'SHA256SUMS';

export interface FunctionPackage {
  /** Folder name under functions/ (stateName of the Lambda key). */
  dir: string;
  zip: Buffer;
  sha256: string;
}

export async function packageFunctions(planDir: string): Promise<FunctionPackage[]> {
  const root = path.join(planDir, FUNCTIONS_DIR);
  if (!existsSync(root)) return [];
  const dirs = readdirSync(root).filter((name) => statSync(path.join(root, name)).isDirectory()).sort();
  const packages: FunctionPackage[] = [];
  for (const dir of dirs) {
    const zip = await zipFolder(path.join(root, dir));
    packages.push({ dir, zip, sha256: createHash('sha256').update(zip).digest('hex') });
  }
  return packages;
}

/** SHA256SUMS text: one `<hex>  <dir>.zip` line per package, in folder order. */
export function hashesText(packages: FunctionPackage[]): string {
  return packages.map((p) => `${p.sha256}  ${p.dir}.zip\n`).join('');
}

/** Writes functions/SHA256SUMS (and the zips beside the folders when asked); returns the packages. */
export async function writeFunctionPackages(planDir: string, options: { writeZips?: boolean } = {}): Promise<FunctionPackage[]> {
  const packages = await packageFunctions(planDir);
  if (packages.length === 0) return packages;
  const root = path.join(planDir, FUNCTIONS_DIR);
  writeFileSync(path.join(root, HASHES_FILE), hashesText(packages));
  if (options.writeZips) for (const p of packages) writeFileSync(path.join(root, `${p.dir}.zip`), p.zip);
  return packages;
}
