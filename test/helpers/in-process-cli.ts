// Runs the dagc CLI in this process (src/cli/main.ts) and captures its output:
// fast enough for a fuzzer to run hundreds of commands, and the same code path
// as bin/dagc.mjs apart from the process around it.
import { main } from '../../src/cli/main.ts';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(args: string[]): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'dagc', ...args], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** A Node stack frame ("    at fn (file:1:2)") anywhere in the text. */
export const STACK_FRAME = /\n\s+at [^\n]*[:(]/;
