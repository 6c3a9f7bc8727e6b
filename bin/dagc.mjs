#!/usr/bin/env node
// The dagc command. TypeScript sources run through tsx's loader, so a fresh
// clone works after `npm ci` with no build step. main() turns every error into
// an exit code; this file only guards what happens outside it (loading the
// sources, an error thrown from a callback after main returned): a short
// message and exit 3, the stack only with --debug or DAGC_DEBUG=1.
import { register } from 'tsx/esm/api';

const EXIT_INTERNAL_ERROR = 3;
const debug = process.argv.includes('--debug') || process.env.DAGC_DEBUG === '1';

function internalError(error) {
  const detail = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  process.stderr.write(
    `DAGC0649 internal error (a bug in dagc, not in your input): ${detail.slice(0, 1000)}\n` +
      '  fix: please report it with the command line and the input files (run again with --debug to include the stack)\n',
  );
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(EXIT_INTERNAL_ERROR);
}

process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);
register();
// `dagc explain plans/x | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  internalError(error);
});
try {
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv);
} catch (error) {
  internalError(error);
}
