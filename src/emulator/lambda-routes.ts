// The Lambda REST API (restJson1) as the AWS SDK v3 sends it: paths, query
// parameters, X-Amz-* headers and JSON bodies of Invoke, CreateFunction,
// GetFunction, GetFunctionConfiguration, UpdateFunctionConfiguration,
// UpdateFunctionCode, DeleteFunction, PublishVersion, ListFunctions,
// ListVersionsByFunction and the function-concurrency calls. Each handler
// parses, calls the registry or the invoker, and renders; errors are
// AwsApiErrors rendered by the server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsApiError, lambdaErrors } from './aws-error.ts';
import type { CodeStore } from './code-store.ts';
import { settingsChange, settingsForCreate } from './config-validation.ts';
import { renderConfiguration, type FunctionVersion } from './function-config.ts';
import { parseFunctionRef, type FunctionRecord, type FunctionRegistry } from './function-registry.ts';
import { parseJsonObject, readBody, send, sendJson } from './http-util.ts';
import type { InvocationType, Invoker } from './invoker.ts';

export interface LambdaApiContext {
  registry: FunctionRegistry;
  invoker: Invoker;
  code: CodeStore;
  region: string;
  accountId: string;
  endpoint: () => string;
}

interface Route {
  method: string;
  pattern: RegExp;
  handle: (call: Call) => Promise<void>;
}

interface Call {
  context: LambdaApiContext;
  request: IncomingMessage;
  response: ServerResponse;
  /** Decoded FunctionName path segment, when the route has one. */
  functionName: string;
  query: URLSearchParams;
}

const FN = '([^/]+)';
const routes: Route[] = [
  { method: 'POST', pattern: new RegExp(`^/2015-03-31/functions/${FN}/invocations$`), handle: invoke },
  { method: 'POST', pattern: /^\/2015-03-31\/functions\/?$/, handle: createFunction },
  { method: 'GET', pattern: /^\/2015-03-31\/functions\/?$/, handle: listFunctions },
  { method: 'GET', pattern: new RegExp(`^/2015-03-31/functions/${FN}$`), handle: getFunction },
  { method: 'DELETE', pattern: new RegExp(`^/2015-03-31/functions/${FN}$`), handle: deleteFunction },
  { method: 'GET', pattern: new RegExp(`^/2015-03-31/functions/${FN}/configuration$`), handle: getFunctionConfiguration },
  { method: 'PUT', pattern: new RegExp(`^/2015-03-31/functions/${FN}/configuration$`), handle: updateFunctionConfiguration },
  { method: 'PUT', pattern: new RegExp(`^/2015-03-31/functions/${FN}/code$`), handle: updateFunctionCode },
  { method: 'POST', pattern: new RegExp(`^/2015-03-31/functions/${FN}/versions$`), handle: publishVersion },
  { method: 'GET', pattern: new RegExp(`^/2015-03-31/functions/${FN}/versions$`), handle: listVersions },
  { method: 'PUT', pattern: new RegExp(`^/2017-10-31/functions/${FN}/concurrency$`), handle: putConcurrency },
  { method: 'DELETE', pattern: new RegExp(`^/2017-10-31/functions/${FN}/concurrency$`), handle: deleteConcurrency },
  { method: 'GET', pattern: new RegExp(`^/2019-09-30/functions/${FN}/concurrency$`), handle: getConcurrency },
];

export async function handleLambdaRequest(context: LambdaApiContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  for (const route of routes) {
    if (route.method !== request.method) continue;
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    await route.handle({ context, request, response, functionName: match[1] === undefined ? '' : decodeURIComponent(match[1]), query: url.searchParams });
    return;
  }
  throw lambdaErrors.routeNotFound(request.method ?? '?', url.pathname);
}

async function invoke(call: Call): Promise<void> {
  const { name, qualifier } = target(call);
  const invocationType = call.request.headers['x-amz-invocation-type'] ?? 'RequestResponse';
  if (invocationType !== 'RequestResponse' && invocationType !== 'Event' && invocationType !== 'DryRun') {
    throw lambdaErrors.invalidParameter(`Unsupported invocation type ${String(invocationType)}`);
  }
  const output = await call.context.invoker.invoke({
    functionName: name,
    ...(qualifier !== undefined ? { qualifier } : {}),
    payload: await readBody(call.request),
    invocationType: invocationType as InvocationType,
    tailLog: call.request.headers['x-amz-log-type'] === 'Tail',
  });
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Amz-Executed-Version': output.executedVersion,
    'x-amzn-RequestId': output.requestId,
  };
  if (output.functionError) headers['X-Amz-Function-Error'] = output.functionError;
  if (output.logResult !== undefined) headers['X-Amz-Log-Result'] = output.logResult;
  send(call.response, output.statusCode, output.payload, headers);
}

async function createFunction(call: Call): Promise<void> {
  const body = await jsonBody(call);
  const name = body.FunctionName;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    throw lambdaErrors.invalidParameter(`1 validation error detected: Value '${String(name)}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern`);
  }
  const { registry, code } = call.context;
  if (registry.has(name)) throw lambdaErrors.alreadyExists(name);
  const settings = settingsForCreate(body);
  const record = registry.create(name, code.fromZip(name, zipFile(body, true)!), settings);
  if (body.Publish === true) registry.publish(name, { duringCreate: true });
  sendJson(call.response, 201, configuration(call, record, record.latest));
}

async function listFunctions(call: Call): Promise<void> {
  const records = call.context.registry.list();
  const marker = call.query.get('Marker');
  const maxItems = Math.min(Number(call.query.get('MaxItems') ?? 50) || 50, 10_000);
  const start = marker === null ? 0 : Math.max(0, records.findIndex((record) => record.name === marker) + 1);
  const page = records.slice(start, start + maxItems);
  const result: Record<string, unknown> = { Functions: page.map((record) => configuration(call, record, record.latest)) };
  if (start + maxItems < records.length && page.length > 0) result.NextMarker = page[page.length - 1]!.name;
  sendJson(call.response, 200, result);
}

async function getFunction(call: Call): Promise<void> {
  const { name, qualifier } = target(call);
  const { registry } = call.context;
  const record = registry.get(name);
  const version = registry.configurationOf(name, qualifier);
  const result: Record<string, unknown> = {
    Configuration: configuration(call, record, version),
    Code: { RepositoryType: 'S3', Location: `${call.context.endpoint()}/__emulator/functions/${encodeURIComponent(name)}` },
  };
  if (record.reservedConcurrency !== undefined) result.Concurrency = { ReservedConcurrentExecutions: record.reservedConcurrency };
  sendJson(call.response, 200, result);
}

async function getFunctionConfiguration(call: Call): Promise<void> {
  const { name, qualifier } = target(call);
  const record = call.context.registry.get(name);
  sendJson(call.response, 200, configuration(call, record, call.context.registry.configurationOf(name, qualifier)));
}

async function updateFunctionConfiguration(call: Call): Promise<void> {
  const { name } = target(call);
  const body = await jsonBody(call);
  checkRevision(call, name, body);
  const record = call.context.registry.update(name, { settings: settingsChange(body) });
  sendJson(call.response, 200, configuration(call, record, record.latest));
}

async function updateFunctionCode(call: Call): Promise<void> {
  const { name } = target(call);
  const body = await jsonBody(call);
  checkRevision(call, name, body);
  const zip = zipFile(body, false);
  const change = {
    settings: settingsChange(body.Architectures === undefined ? {} : { Architectures: body.Architectures }),
    ...(zip ? { code: call.context.code.fromZip(name, zip) } : {}),
  };
  const record = call.context.registry.update(name, change);
  if (body.Publish === true) call.context.registry.publish(name, { duringCreate: true });
  sendJson(call.response, 200, configuration(call, record, record.latest));
}

async function deleteFunction(call: Call): Promise<void> {
  const { name, qualifier } = target(call);
  call.context.registry.delete(name, qualifier);
  sendJson(call.response, 204, undefined);
}

async function publishVersion(call: Call): Promise<void> {
  const { name } = target(call);
  await readBody(call.request);
  const version = call.context.registry.publish(name);
  sendJson(call.response, 201, configuration(call, call.context.registry.get(name), version));
}

async function listVersions(call: Call): Promise<void> {
  const { name } = target(call);
  const record = call.context.registry.get(name);
  const versions = [record.latest, ...[...record.versions.values()].sort((a, b) => Number(a.version) - Number(b.version))];
  sendJson(call.response, 200, { Versions: versions.map((version) => configuration(call, record, version)) });
}

async function putConcurrency(call: Call): Promise<void> {
  const { name } = target(call);
  const body = await jsonBody(call);
  const limit = body.ReservedConcurrentExecutions;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) throw lambdaErrors.invalidParameter('ReservedConcurrentExecutions must be a whole number ≥ 0');
  call.context.registry.setReservedConcurrency(name, limit);
  sendJson(call.response, 200, { ReservedConcurrentExecutions: limit });
}

async function deleteConcurrency(call: Call): Promise<void> {
  call.context.registry.setReservedConcurrency(target(call).name, undefined);
  sendJson(call.response, 204, undefined);
}

async function getConcurrency(call: Call): Promise<void> {
  const limit = call.context.registry.get(target(call).name).reservedConcurrency;
  sendJson(call.response, 200, limit === undefined ? {} : { ReservedConcurrentExecutions: limit });
}

function target(call: Call): { name: string; qualifier?: string } {
  const ref = parseFunctionRef(call.functionName);
  const qualifier = call.query.get('Qualifier') ?? ref.qualifier;
  return qualifier === undefined || qualifier === null ? { name: ref.name } : { name: ref.name, qualifier };
}

async function jsonBody(call: Call): Promise<Record<string, unknown>> {
  const body = parseJsonObject(await readBody(call.request));
  if (!body) throw lambdaErrors.invalidRequestContent('Could not parse request body into json');
  return body;
}

function zipFile(body: Record<string, unknown>, required: boolean): Buffer | undefined {
  const source = (body.Code as Record<string, unknown> | undefined) ?? body;
  const zip = source.ZipFile;
  if (typeof zip === 'string' && zip.length > 0) return Buffer.from(zip, 'base64');
  if (source.S3Bucket !== undefined || source.ImageUri !== undefined) {
    throw lambdaErrors.invalidParameter('The dagc emulator accepts code as ZipFile only (no S3 or container images).');
  }
  if (required) throw lambdaErrors.invalidParameter('Code.ZipFile is required by the dagc emulator.');
  return undefined;
}

function checkRevision(call: Call, name: string, body: Record<string, unknown>): void {
  const revision = body.RevisionId;
  if (typeof revision === 'string' && revision !== call.context.registry.get(name).latest.revisionId) {
    throw new AwsApiError('PreconditionFailedException', 412, 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id');
  }
}

function configuration(call: Call, record: FunctionRecord, version: FunctionVersion): Record<string, unknown> {
  // A published version is immutable: it is Active and Successful whatever $LATEST is doing.
  const status = version.version === '$LATEST' ? record.status : { state: 'Active' as const, lastUpdateStatus: 'Successful' as const };
  return renderConfiguration(version, status, call.context.region, call.context.accountId);
}
