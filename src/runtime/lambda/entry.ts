// The handler every generated entry point exports (functions/<name>/index.mjs):
// answers a warm-up ping at once, sends the warm-up pings this unit is
// responsible for (asynchronous invokes, not awaited for their result), then
// runs the unit the Task asked for.
import type { Handler } from '../handler-loader.ts';
import type { LambdaConfig } from './lambda-config.ts';
import { runUnit } from './run-unit.ts';
import { WARMUP_KEY, type UnitPayload } from './state-bag.ts';

interface LambdaContext {
  getRemainingTimeInMillis?: () => number;
}

export function createLambdaHandler(config: LambdaConfig, handlers: Record<string, Handler>) {
  return async function handler(event: unknown, context?: LambdaContext): Promise<unknown> {
    if (typeof event === 'object' && event !== null && (event as Record<string, unknown>)[WARMUP_KEY] === true) return { warmed: config.key };
    const payload = event as UnitPayload;
    const pings = warmUp(config.units[payload.unit]?.warm ?? []);
    const remainingMs = context?.getRemainingTimeInMillis ? () => context.getRemainingTimeInMillis!() : undefined;
    try {
      return await runUnit({ config, handlers, ...(remainingMs ? { remainingMs } : {}) }, payload);
    } finally {
      await pings;
    }
  };
}

/** A failed ping costs only a cold start later, so it is logged, not thrown. */
async function warmUp(envVars: string[]): Promise<void> {
  const targets = envVars.map((v) => process.env[v]).filter((name): name is string => !!name);
  if (targets.length === 0) return;
  try {
    const loaded = (await import(process.env.DAGC_SDK_LAMBDA || '@aws-sdk/client-lambda')) as typeof import('@aws-sdk/client-lambda') & { default?: typeof import('@aws-sdk/client-lambda') };
    const lambda = loaded.LambdaClient ? loaded : loaded.default!;
    const endpoint = process.env.DAGC_LAMBDA_ENDPOINT;
    const client = new lambda.LambdaClient(endpoint ? { endpoint, region: process.env.AWS_REGION ?? 'us-east-1' } : {});
    await Promise.all(targets.map((FunctionName) => client.send(new lambda.InvokeCommand({ FunctionName, InvocationType: 'Event', Payload: JSON.stringify({ [WARMUP_KEY]: true }) }))));
  } catch (error) {
    console.warn(`dagc: warm-up ping failed: ${(error as Error).message}`);
  }
}
