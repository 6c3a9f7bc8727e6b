// Lets @stryker-mutator/mocha-runner 9.6 load mocha 12's CLI helpers (preloaded with --require by
// scripts/mutation.ts, in Stryker's own process and every child it starts).
//
// Why: Stryker 10 requires Node >= 22 and this project runs on Node 20, so we use Stryker 9.6, the
// last line that supports Node 20. Its mocha runner requires mocha's `lib/cli/run-helpers`,
// `lib/cli/options` and `lib/cli/collect-files` by extensionless absolute path; mocha 12 ships those
// same CommonJS modules as `.cjs`, which Node's resolver does not try. This hook retries exactly those
// three requests with `.cjs` and leaves every other resolution alone.
'use strict';
const Module = require('node:module');

const MOCHA_CLI_HELPER = /[\\/]mocha[\\/]lib[\\/]cli[\\/](run-helpers|options|collect-files)$/;
const resolveFilename = Module._resolveFilename;

Module._resolveFilename = function resolveMochaCliHelper(request, ...rest) {
  try {
    return resolveFilename.call(this, request, ...rest);
  } catch (error) {
    if (typeof request === 'string' && MOCHA_CLI_HELPER.test(request)) {
      return resolveFilename.call(this, `${request}.cjs`, ...rest);
    }
    throw error;
  }
};
