// The Node.js "runtime" inside one emulated execution environment. The
// emulator forks this file (plain JavaScript, no TypeScript loader, so a cold
// start costs what a Node process and the handler's module cost), with
//   argv: <module file or ""> <export name> <handler setting>
// It imports the handler module once (the init phase), says `ready`, then
// serves one invocation at a time over IPC, as Lambda's runtime interface
// client does. console output gets the Node runtime's line format
// (`<ISO time>\t<request id>\t<LEVEL>\t<message>`). An uncaught exception or an
// unhandled rejection fails the current invocation and ends the process, like
// the managed runtime; the emulator then starts a fresh environment.
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const [modulePath, exportName, handlerSetting] = process.argv.slice(2);
let currentRequestId;
let deadlineMs = 0;

function send(message) {
  if (process.connected) process.send(message);
}

function logLine(level, args) {
  const at = Date.now();
  send({ type: 'log', timestampMs: at, message: `${new Date(at).toISOString()}\t${currentRequestId}\t${level}\t${format(...args)}\n` });
}

for (const [method, level] of [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
  ['trace', 'TRACE'],
]) {
  console[method] = (...args) => logLine(level, args);
}

function describeError(error, fallbackType) {
  if (error instanceof Error) {
    return {
      errorType: error.name && error.name !== 'Error' ? error.name : fallbackType ?? 'Error',
      errorMessage: error.message,
      trace: String(error.stack ?? '').split('\n'),
    };
  }
  return { errorType: fallbackType ?? 'Error', errorMessage: String(error), trace: [] };
}

function failAndExit(error, errorType) {
  const described = describeError(error, errorType);
  logLine('ERROR', [`Uncaught Exception \t${JSON.stringify(described)}`]);
  send({ type: 'error', requestId: currentRequestId, error: described, fatal: true });
  setImmediate(() => process.exit(129));
}

process.on('uncaughtException', (error) => failAndExit(error, 'Runtime.UncaughtException'));
process.on('unhandledRejection', (reason) => failAndExit(reason, 'Runtime.UnhandledPromiseRejection'));
process.on('disconnect', () => process.exit(0));

async function loadHandler() {
  if (!modulePath) {
    const moduleName = handlerSetting.slice(0, handlerSetting.lastIndexOf('.'));
    throw Object.assign(new Error(`Cannot find module '${moduleName}'`), { name: 'Runtime.ImportModuleError' });
  }
  let module;
  try {
    module = await import(pathToFileURL(modulePath).href);
  } catch (error) {
    if (error instanceof SyntaxError) throw Object.assign(error, { name: 'Runtime.UserCodeSyntaxError' });
    if (error && error.code === 'ERR_MODULE_NOT_FOUND') throw Object.assign(error, { name: 'Runtime.ImportModuleError' });
    throw error;
  }
  const handler = module[exportName] ?? module.default?.[exportName];
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${handlerSetting} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  return handler;
}

function contextFor(message) {
  return {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
}

function callHandler(handler, event, context) {
  // Callback-style handlers (event, context, callback) are still supported by the Node runtime.
  if (handler.length >= 3) {
    return new Promise((resolve, reject) => {
      const returned = handler(event, context, (error, result) => (error ? reject(error) : resolve(result)));
      if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
    });
  }
  return handler(event, context);
}

let handler;
try {
  handler = await loadHandler();
} catch (error) {
  const described = describeError(error, 'Runtime.ImportModuleError');
  logLine('ERROR', [`Uncaught Exception \t${JSON.stringify(described)}`]);
  send({ type: 'init-error', error: described });
  // Stay alive: the emulator reads our memory high-water mark, then kills us.
}

if (handler) {
  process.on('message', async (message) => {
    if (message.type !== 'invoke') return;
    currentRequestId = message.requestId;
    deadlineMs = message.deadlineMs;
    try {
      const result = await callHandler(handler, JSON.parse(message.event), contextFor(message));
      const payload = JSON.stringify(result);
      send({ type: 'result', requestId: message.requestId, payload: payload === undefined ? 'null' : payload });
    } catch (error) {
      const described = describeError(error);
      logLine('ERROR', [`Invoke Error \t${JSON.stringify(described)}`]);
      send({ type: 'error', requestId: message.requestId, error: described, fatal: false });
    }
  });
  send({ type: 'ready' });
}
