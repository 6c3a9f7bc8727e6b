// Problems found while rendering a plan into deployable files (ASL, entry
// points) and running it locally: codes DAGC0420–DAGC0469. A plan that
// cannot be rendered is either hand-edited or a dagc bug; both are reported
// with the plan.json path that is wrong and what to do.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

export const codegenDiagnostics = {
  groupNotContiguous: (group: string, steps: string[]): Diagnostic =>
    makeDiagnostic('DAGC0420', `fusion group '${group}' (${steps.join(', ')}) is not one contiguous part of the workflow's structure, so it cannot be one Task state`, 'a fusion group must have one entry and one exit: fix plan.json $.groups, or re-run dagc optimize', undefined),
  invalidDefinition: (file: string, errors: string): Diagnostic =>
    makeDiagnostic('DAGC0421', `dagc emitted a state machine definition that asl-validator rejects (${file}): ${errors}`, 'this is a dagc bug: please report it with the plan.json', undefined),
  notEmitted: (planDir: string, missing: string): Diagnostic =>
    makeDiagnostic('DAGC0422', `${planDir} has no ${missing}`, `run dagc emit ${planDir} first`, undefined),
  noHandler: (fn: string): Diagnostic =>
    makeDiagnostic('DAGC0423', `function '${fn}' has no handler, so its Lambda entry point cannot be generated`, `add handler: handlers/${fn}.mjs to function '${fn}' in app.yaml`, undefined),
  bundleFailed: (key: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0424', `the entry point of Lambda '${key}' could not be bundled: ${detail}`, 'check that the handler modules import only Node built-ins and files of the app', undefined),
  batchNotLocal: (step: string): Diagnostic =>
    makeDiagnostic('DAGC0425', `step '${step}' runs as an AWS Batch job, which dagc run --local cannot run`, 'run the plan on AWS, or let the step run on Lambda (no batch in plan.json $.functions)', undefined),
  s3ServerMissing: (detail: string): Diagnostic =>
    makeDiagnostic('DAGC0426', `the plan passes data through S3, and the local S3 server (s3rver) could not be loaded: ${detail}`, 'npm install --save-dev s3rver in the project that runs dagc run --local', undefined),
  executionFailed: (error: string, cause: string): Diagnostic =>
    makeDiagnostic('DAGC0427', `the local execution failed: ${error}: ${cause}`, 'see the per-state timeline above; fix the handler named in the error', undefined),
  badInputFile: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0428', `cannot read the execution input ${file}: ${detail}`, 'pass a JSON file with --input', undefined),
  stateTooLarge: (unit: string, bytes: number, largest: string): Diagnostic =>
    makeDiagnostic('DAGC0429', `after '${unit}' the execution's state is ${bytes} bytes, over Step Functions' 256 KB limit (largest inline output: ${largest})`, "pass that output through S3: set its edges to 's3' in plan.json $.edges, or re-run dagc optimize", undefined),
  mapTooWide: (step: string, branches: number): Diagnostic =>
    makeDiagnostic('DAGC0430', `a Parallel state of ${branches} branches before '${step}' needs intrinsic functions nested deeper than Step Functions allows (10)`, 'restructure the workflow into fewer parallel branches per stage', undefined),
  runNeedsLocal: (plan: string): Diagnostic =>
    makeDiagnostic('DAGC0431', `dagc run ${plan} needs --local: running on AWS is a deploy of template.yaml (sam deploy), not a dagc command`, `dagc run ${plan} --local`, undefined),
};
