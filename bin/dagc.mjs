#!/usr/bin/env node
// The dagc command. TypeScript sources run through tsx's loader, so a fresh
// clone works after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
// `dagc explain plans/x | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
