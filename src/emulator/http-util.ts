// Small HTTP helpers shared by the Lambda, Logs and admin routes.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a JSON object body; an empty body is `{}`. Returns undefined when it is not a JSON object. */
export function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function send(response: ServerResponse, statusCode: number, body: Buffer | string, headers: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(statusCode, {
    'x-amzn-RequestId': headers['x-amzn-RequestId'] ?? randomUUID(),
    'Content-Length': String(bytes.length),
    ...headers,
  });
  response.end(bytes);
}

export function sendJson(response: ServerResponse, statusCode: number, value: unknown, headers: Record<string, string> = {}): void {
  send(response, statusCode, statusCode === 204 ? '' : JSON.stringify(value), { 'Content-Type': 'application/json', ...headers });
}
