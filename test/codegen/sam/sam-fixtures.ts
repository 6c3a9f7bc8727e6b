// Builders for the SAM template tests: the committed fixture plans, and small
// IRs with Deployments the optimizer does not choose yet (fusion groups,
// bundles, S3 edges, prewarm, warm-up pings, a Batch function, Express,
// Distributed Map), so every branch of the emitter is rendered and checked.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadPlannedApp } from '../../../src/codegen/plan-deployment.ts';
import { currentDeployment, type Deployment } from '../../../src/ir/deployment.ts';
import type { IR } from '../../../src/ir/types.ts';
import { irOf } from '../../helpers/ir-builder.ts';
import { projectRoot } from '../../helpers/run-cli.ts';

export const fixturePlans = readdirSync(path.join(projectRoot, 'plans'))
  .filter((app) => existsSync(path.join(projectRoot, 'plans', app, 'plan.json')))
  .sort();

export function fixturePlan(app: string): { ir: IR; deployment: Deployment } {
  const { ir, deployment } = loadPlannedApp(path.join(projectRoot, 'plans', app));
  return { ir, deployment };
}

/** a → b → c → d with d a map; timeouts 30 s, 40 s, 50 s, 60 s. */
export function chainIr(): IR {
  const ir = irOf({ a: [], b: ['a'], c: ['b'], d: ['c'] }, { d: { map: { kind: 'fixed', width: 8 } } }, 'variant-app');
  const seconds: Record<string, number> = { a: 30, b: 40, c: 50, d: 60 };
  for (const [fn, info] of ir.functions) info.timeoutMs = seconds[fn]! * 1000;
  return ir;
}

export type Variant = 'fusion' | 'bundle' | 's3' | 'prewarm' | 'warmup' | 'batch' | 'express' | 'distributed';

/** A deployment of chainIr() with one feature switched on. */
export function variantDeployment(ir: IR, variant: Variant): Deployment {
  const deployment = currentDeployment(ir);
  for (const { v, w } of ir.graph.edges()) deployment.edges[`${v}->${w}`] = 'inline';
  switch (variant) {
    case 'fusion':
      deployment.groups = { ab: { steps: ['a', 'b'], memoryMb: 2048, architecture: 'arm64' } };
      deployment.steps.a = { fusionGroup: 'ab' };
      deployment.steps.b = { fusionGroup: 'ab' };
      deployment.edges['a->b'] = 'in-process';
      deployment.edges['b->c'] = 's3';
      break;
    case 'bundle':
      deployment.steps.d = { bundleSize: 4, map: { mode: 'inline', maxConcurrency: 10 } };
      break;
    case 's3':
      deployment.edges['b->c'] = 's3';
      deployment.edges['c->d'] = 's3';
      break;
    case 'prewarm':
      deployment.steps.b = { prewarm: 3 };
      break;
    case 'warmup':
      deployment.steps.c = { warmedBy: 'a' };
      break;
    case 'batch':
      deployment.functions.c = { memoryMb: 16384, architecture: 'x86_64', batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
      deployment.edges['b->c'] = 's3';
      deployment.edges['c->d'] = 's3';
      break;
    case 'express':
      deployment.orchestration = 'express';
      break;
    case 'distributed':
      deployment.steps.d = { map: { mode: 'distributed', maxConcurrency: 100 } };
      break;
  }
  return deployment;
}

export const VARIANTS: Variant[] = ['fusion', 'bundle', 's3', 'prewarm', 'warmup', 'batch', 'express', 'distributed'];
