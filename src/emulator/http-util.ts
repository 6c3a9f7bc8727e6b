// Small HTTP helpers shared by the Lambda and Logs routes: read a body, send
// JSON, and send errors in the shapes the AWS SDK v3 parses (restJson1: the
// x-amzn-errortype header plus {Type, message}; awsJson1_1: {__type, message}).
import type { IncomingMessage, ServerResponse } from 'node:http';

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)), 'x-amzn-requestid': crypto.randomUUID(), ...headers });
  response.end(text);
}

/** restJson1 error (Lambda): the SDK reads the code from x-amzn-errortype. */
export function sendRestError(response: ServerResponse, status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
  const type = status >= 500 ? 'Service' : 'User';
  sendJson(response, status, { Type: type, message, ...extra }, { 'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazonaws.awslambda.core/`, ...headers });
}

/** awsJson1_1 error (CloudWatch Logs): the SDK reads __type from the body. */
export function sendJsonProtocolError(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, { __type: code, message }, {}, 'application/x-amz-json-1.1');
}
