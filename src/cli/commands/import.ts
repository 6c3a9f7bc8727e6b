// dagc import statemachine.asl.json [--out app.yaml] [--name N]: an existing
// Step Functions definition → an app.yaml dagc can profile and optimize.
// Warnings (what could not be carried exactly) go to stderr; the file is
// written, then loaded back as any app.yaml would be, so what is written is
// known to validate. It never replaces an app.yaml a person wrote (one
// without the import header) unless told to with --force.
// Exit 0 with or without warnings, 2 when nothing usable.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DagcUserError, formatDiagnostic } from '../../diagnostics/diagnostic.ts';
import { importDiagnostics } from '../../diagnostics/import.ts';
import { IMPORT_HEADER, renderAppYaml } from '../../import/app-yaml-writer.ts';
import { importAslText } from '../../import/import-asl.ts';
import { structureCheck } from '../../import/structure-check.ts';
import { loadApp } from '../../ir/load-app.ts';
import { EXIT_OK, runCommand, type CliIo } from '../run-command.ts';
import type { RegisterCommand } from './index.ts';

export const registerImport: RegisterCommand = (program: Command, io: CliIo, setExitCode) => {
  program
    .command('import')
    .description('turn a Step Functions definition (ASL JSON) into an app.yaml, with a warning for everything it cannot carry exactly')
    .argument('<definition>', 'path to the state machine definition, e.g. statemachine.asl.json')
    .option('--out <file>', 'where to write the app spec (default: app.yaml beside the definition)')
    .option('--name <name>', "the app's name (default: from the file name)")
    .option('--force', 'replace the output file even if dagc import did not write it')
    .action(async (definition: string, options: { out?: string; name?: string; force?: boolean }) => {
      setExitCode(
        await runCommand(io, async () => {
          let text: string;
          try {
            text = readFileSync(definition, 'utf8');
          } catch {
            throw new DagcUserError([importDiagnostics.fileNotFound(definition)]);
          }
          const app = importAslText(text, definition, options.name === undefined ? {} : { name: options.name });
          for (const diagnostic of app.diagnostics) io.stderr(`${formatDiagnostic(diagnostic)}\n`);
          const out = options.out ?? path.join(path.dirname(definition), 'app.yaml');
          if (!options.force && existsSync(out) && !readFileSync(out, 'utf8').startsWith(IMPORT_HEADER)) {
            throw new DagcUserError([importDiagnostics.wouldOverwrite(out)]);
          }
          try {
            writeFileSync(out, renderAppYaml(app));
          } catch (error) {
            throw new DagcUserError([importDiagnostics.writeFailed(out, error instanceof Error ? error.message : String(error))]);
          }
          const { ir } = loadApp(out);
          const changed = structureCheck(app, ir);
          if (changed) io.stderr(`${formatDiagnostic(changed)}\n`);
          io.stdout(`${out}: ${ir.graph.nodeCount()} steps, ${ir.functions.size} functions from ${definition} (${app.diagnostics.length + (changed ? 1 : 0)} warnings)\n`);
          return EXIT_OK;
        }),
      );
    });
};
