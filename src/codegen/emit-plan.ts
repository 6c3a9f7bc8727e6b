// `dagc emit`: everything in plans/<app>/ except plan.json (the source of
// truth), re-rendered from the plan: statemachine.asl.json and
// functions/<name>/index.mjs for every deployed Lambda, then template.yaml
// (src/codegen/sam, checked offline and against the definition's
// placeholders) and functions/SHA256SUMS (src/codegen/package). The definition is validated before anything is written; a stale
// functions/ folder of a Lambda the plan no longer has is removed, so the
// folder always matches the plan.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { codegenDiagnostics } from '../diagnostics/codegen.ts';
import type { Deployment } from '../ir/deployment.ts';
import { toSeriesParallel } from '../ir/series-parallelize.ts';
import type { IR } from '../ir/types.ts';
import { stableStringify } from '../model/stable-json.ts';
import { emitAsl, type AslDefinition } from './asl/emit-asl.ts';
import { assertValidAsl } from './asl/validate-asl.ts';
import { deployedLambdas } from './deployed-lambdas.ts';
import { dataFlow } from './functions/data-flow.ts';
import { bundleEntryPoint } from './functions/entry-point.ts';
import { lambdaConfig } from './functions/lambda-configs.ts';
import { stateName } from './names.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { HASHES_FILE, writeFunctionPackages } from './package/function-packages.ts';
import { TEMPLATE_FILE } from './sam/render-template.ts';
import { writeTemplate } from './sam/write-template.ts';

export const ASL_FILE = 'statemachine.asl.json';
export const FUNCTIONS_DIR = 'functions';

export interface RenderedPlan {
  definition: AslDefinition;
  /** Path relative to the plan folder → bytes. */
  files: Map<string, string>;
  /** Lambdas left without an entry point because a function they run has no handler (a profile-only app). */
  skipped: Diagnostic[];
}

export function renderDefinition(ir: IR, deployment: Deployment): AslDefinition {
  const staged = toSeriesParallel(ir);
  const definition = emitAsl(ir, deployment, staged, dataFlow(ir, deployment, staged));
  assertValidAsl(definition, ASL_FILE);
  return definition;
}

export async function renderPlan(ir: IR, deployment: Deployment): Promise<RenderedPlan> {
  const staged = toSeriesParallel(ir);
  const flow = dataFlow(ir, deployment, staged);
  const definition = emitAsl(ir, deployment, staged, flow);
  assertValidAsl(definition, ASL_FILE);
  const files = new Map<string, string>([[ASL_FILE, stableStringify(definition)]]);
  const skipped: Diagnostic[] = [];
  for (const lambda of deployedLambdas(ir, deployment)) {
    const missing = lambda.functions.find((fn) => ir.functions.get(fn)?.handlerPath === undefined);
    if (missing !== undefined) {
      const problem = codegenDiagnostics.noHandler(missing);
      skipped.push(makeDiagnostic(problem.code, problem.message, problem.hint, ir.functions.get(missing)?.position, 'warning'));
      continue;
    }
    const code = await bundleEntryPoint(ir, lambdaConfig(ir, deployment, flow, lambda));
    files.set(`${FUNCTIONS_DIR}/${stateName(lambda.key)}/index.mjs`, code);
  }
  return { definition, files, skipped };
}

export async function writeRenderedPlan(planDir: string, ir: IR, deployment: Deployment): Promise<{ written: string[]; skipped: Diagnostic[] }> {
  const { files, skipped } = await renderPlan(ir, deployment);
  const functionsDir = path.join(planDir, FUNCTIONS_DIR);
  if (existsSync(functionsDir)) {
    const keep = new Set([...files.keys()].filter((f) => f.startsWith(`${FUNCTIONS_DIR}/`)).map((f) => f.split('/')[1]));
    for (const entry of readdirSync(functionsDir)) if (!keep.has(entry)) rmSync(path.join(functionsDir, entry), { recursive: true, force: true });
  }
  for (const [file, bytes] of files) {
    mkdirSync(path.dirname(path.join(planDir, file)), { recursive: true });
    writeFileAtomic(path.join(planDir, file), bytes);
  }
  // The template reads the definition just written (its placeholders), the hashes the function folders.
  writeTemplate(planDir);
  const packages = await writeFunctionPackages(planDir);
  const written = [...files.keys(), TEMPLATE_FILE, ...(packages.length > 0 ? [`${FUNCTIONS_DIR}/${HASHES_FILE}`] : [])];
  return { written: written.sort(), skipped };
}
