// The library surface: everything the CLI does is reachable from here too.
export { loadSpec } from './spec/load.ts';
export { loadApp, loadAppIr } from './ir/load-app.ts';
export { buildIr } from './ir/build.ts';
export { verify } from './ir/verify.ts';
export { print } from './ir/print.ts';
export { currentDeployment } from './ir/deployment.ts';
export type { Deployment } from './ir/deployment.ts';
export type { IR, StepNode, FunctionInfo, Slo } from './ir/types.ts';
export type { AppSpec } from './spec/types.ts';
export { DagcUserError, formatDiagnostic } from './diagnostics/diagnostic.ts';
export type { Diagnostic } from './diagnostics/diagnostic.ts';
export { readPlan } from './codegen/read-plan.ts';
export { diffPlans } from './diff/diff-report.ts';
export type { DiffReport } from './diff/diff-report.ts';
export { parseDiffOptions } from './diff/diff-options.ts';
export { renderDiffMarkdown } from './diff/render-markdown.ts';
export { renderDiffText } from './diff/render-text.ts';
