// Plans for report tests: the committed fixture plans, and a copy of the
// video plan with fusion, bundling, a distributed map and in-process edges
// written in (the optimizer does not choose those yet), so the drawing of
// every label and edge style is exercised on a real app and real profiles.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Plan } from '../../src/codegen/plan.ts';
import { stableStringify } from '../../src/model/stable-json.ts';
import { projectRoot } from './run-cli.ts';

export function committedPlanDir(app: string): string {
  return path.join(projectRoot, 'plans', app);
}

/** plans/video with pair and rebase fused into one arm64 Lambda, rebase bundled 4 to an invocation as a distributed map. */
export function fusedVideoPlanDir(): string {
  const plan = JSON.parse(readFileSync(path.join(committedPlanDir('video'), 'plan.json'), 'utf8')) as Plan;
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'dagc-report-')), 'video-fused');
  mkdirSync(dir, { recursive: true });
  plan.appFile = path.relative(dir, path.join(projectRoot, 'fixtures', 'video', 'app.yaml')).split(path.sep).join('/');
  plan.groups = { 'pair-rebase': { steps: ['pair', 'rebase'], memoryMb: 2048, architecture: 'arm64' } };
  plan.steps = { ...plan.steps, pair: { fusionGroup: 'pair-rebase' }, rebase: { fusionGroup: 'pair-rebase', bundleSize: 4, map: { mode: 'distributed', maxConcurrency: 0 } } };
  plan.edges = { ...plan.edges, 'pair->rebase': 'in-process' };
  writeFileSync(path.join(dir, 'plan.json'), stableStringify(plan));
  return dir;
}

/** A copy of fixtures/video and its plan, with the pair function's profile removed. */
export function videoPlanWithoutProfile(fn: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dagc-report-'));
  const app = path.join(root, 'video');
  cpSync(path.join(projectRoot, 'fixtures', 'video'), app, { recursive: true });
  rmSync(path.join(app, 'profiles', `${fn}.json`));
  const dir = path.join(root, 'plan');
  mkdirSync(dir);
  const plan = JSON.parse(readFileSync(path.join(committedPlanDir('video'), 'plan.json'), 'utf8')) as Plan;
  plan.appFile = '../video/app.yaml';
  writeFileSync(path.join(dir, 'plan.json'), stableStringify(plan));
  return dir;
}

/** plans/tiled-linear-algebra with its first join recorded under another id, as a plan from a dagc that staged differently would be. */
export function tiledPlanWithOtherJoins(): string {
  const plan = JSON.parse(readFileSync(path.join(committedPlanDir('tiled-linear-algebra'), 'plan.json'), 'utf8')) as Plan;
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'dagc-report-')), 'tiled');
  mkdirSync(dir, { recursive: true });
  plan.appFile = path.relative(dir, path.join(projectRoot, 'fixtures', 'tiled-linear-algebra', 'app.yaml')).split(path.sep).join('/');
  plan.structure.joins[0]!.id = '~join-0';
  writeFileSync(path.join(dir, 'plan.json'), stableStringify(plan));
  return dir;
}
