// CreateFunction from a zip: unpack Code.ZipFile into a temporary directory and
// resolve Handler "file.export" to file.mjs, file.js or file.cjs inside it, as
// Lambda's Node runtime does. Entry paths that escape the directory are refused.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import type { EmulatorCore } from './emulator-core.ts';
import type { EmulatedArchitecture, FunctionState } from './types.ts';
import { readZip } from './zip-reader.ts';

export function createFromZip(core: EmulatorCore, input: Record<string, unknown>, name: string): FunctionState {
  const zipBase64 = (input.Code as { ZipFile?: unknown } | undefined)?.ZipFile;
  if (typeof zipBase64 !== 'string') throw new Error('Code.ZipFile is required (S3 and image code are not emulated)');
  const handler = typeof input.Handler === 'string' ? input.Handler : '';
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`Handler '${handler}' must look like file.export`);
  const archive = Buffer.from(zipBase64, 'base64');
  const dir = mkdtempSync(join(tmpdir(), `dagc-emulator-${name}-`));
  try {
    for (const entry of readZip(archive)) {
      const target = resolve(dir, entry.path);
      if (!target.startsWith(dir + sep)) throw new Error(`zip entry '${entry.path}' escapes the code directory`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, entry.bytes);
    }
    const base = join(dir, handler.slice(0, dot));
    const handlerPath = ['.mjs', '.js', '.cjs'].map((extension) => base + extension).find((candidate) => existsSync(candidate));
    if (!handlerPath) throw new Error(`Cannot find module '${handler.slice(0, dot)}' in the zip (looked for .mjs, .js, .cjs)`);
    const architectures = input.Architectures;
    const architecture: EmulatedArchitecture = Array.isArray(architectures) && architectures[0] === 'arm64' ? 'arm64' : 'x86_64';
    const variables = (input.Environment as { Variables?: Record<string, string> } | undefined)?.Variables;
    return core.register(
      {
        name,
        handlerPath,
        handlerExport: handler.slice(dot + 1),
        memoryMb: typeof input.MemorySize === 'number' ? input.MemorySize : 128,
        timeoutMs: (typeof input.Timeout === 'number' ? input.Timeout : 3) * 1000,
        architecture,
        env: variables ?? {},
      },
      { sha256: createHash('sha256').update(archive).digest('base64'), size: archive.length, dir },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
