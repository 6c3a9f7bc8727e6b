// The process inside one emulated execution environment (forked by
// environment.ts). Plain JavaScript so it starts without a TypeScript loader:
// what it loads is the user's handler module, as Lambda's Node runtime does.
// Protocol over IPC: {type:'init'} -> {type:'ready'} | {type:'initError'};
// {type:'invoke'} -> {type:'log'}* then {type:'result'}. Console output is
// formatted like Lambda's Node runtime: ISO time, request id, level, message.
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

let handler;
let currentRequestId;

for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG']]) {
  console[method] = (...args) => {
    const line = `${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${format(...args)}`;
    process.send?.({ type: 'log', line });
  };
}

function errorShape(error) {
  if (error instanceof Error) return { errorType: error.name || 'Error', errorMessage: error.message, trace: String(error.stack ?? '').split('\n') };
  return { errorType: 'Error', errorMessage: String(error), trace: [] };
}

async function init(message) {
  try {
    const module = await import(pathToFileURL(message.handlerPath).href);
    const candidate = module[message.handlerExport];
    if (typeof candidate !== 'function') {
      process.send({ type: 'initError', error: { errorType: 'Runtime.HandlerNotFound', errorMessage: `${message.handlerPath}.${message.handlerExport} is undefined or not exported`, trace: [] } });
      return;
    }
    handler = candidate;
    process.send({ type: 'ready' });
  } catch (error) {
    process.send({ type: 'initError', error: { ...errorShape(error), errorType: 'Runtime.ImportModuleError' } });
  }
}

async function invoke(message) {
  currentRequestId = message.requestId;
  const deadline = Date.now() + message.remainingMs;
  const context = {
    functionName: message.functionName,
    functionVersion: '$LATEST',
    memoryLimitInMB: String(message.memoryMb),
    awsRequestId: message.requestId,
    invokedFunctionArn: message.functionArn,
    logGroupName: `/aws/lambda/${message.functionName}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  if (message.hang) await new Promise(() => setInterval(() => {}, 1 << 30));
  try {
    const value = await handler(message.event, context);
    process.send({ type: 'result', requestId: message.requestId, ok: true, payload: JSON.stringify(value === undefined ? null : value) });
  } catch (error) {
    console.error(`Invoke Error \t${JSON.stringify(errorShape(error))}`);
    process.send({ type: 'result', requestId: message.requestId, ok: false, error: errorShape(error) });
  }
}

process.on('message', (message) => {
  if (message.type === 'init') void init(message);
  else if (message.type === 'invoke') void invoke(message);
});
