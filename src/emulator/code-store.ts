// Where function code lives on disk: each uploaded zip is extracted into its
// own directory under one temporary root (removed on close), so two versions
// of a function never share files; a registered handler is used in place.
// CodeSha256 is the base64 SHA-256 of the zip (or of the module file), as
// Lambda reports it.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lambdaErrors } from './aws-error.ts';
import type { FunctionCode } from './function-config.ts';
import { readZip, ZipFormatError } from './zip-reader.ts';

export class CodeStore {
  private root: string | undefined;
  private extractions = 0;

  fromZip(functionName: string, zip: Buffer): FunctionCode {
    let entries;
    try {
      entries = readZip(zip);
    } catch (error) {
      if (error instanceof ZipFormatError) throw lambdaErrors.invalidParameter(`Could not unzip uploaded file. Please check your file, then try to upload again. (${error.message})`);
      throw error;
    }
    this.root ??= mkdtempSync(path.join(os.tmpdir(), 'dagc-emulator-code-'));
    const rootDir = path.join(this.root, `${functionName}-${this.extractions++}`);
    mkdirSync(rootDir);
    for (const entry of entries) {
      const file = path.join(rootDir, ...entry.path.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, entry.bytes);
    }
    return { rootDir, sha256Base64: sha256(zip), sizeBytes: zip.length };
  }

  fromHandlerFile(moduleFile: string): FunctionCode {
    const bytes = readFileSync(moduleFile);
    return { rootDir: path.dirname(moduleFile), moduleFile, sha256Base64: sha256(bytes), sizeBytes: bytes.length };
  }

  close(): void {
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64');
}
