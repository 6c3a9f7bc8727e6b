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
export { renderTemplate, buildTemplate } from './codegen/sam/render-template.ts';
export { renderCheckedTemplate, writeTemplate } from './codegen/sam/write-template.ts';
export { checkTemplateText } from './codegen/sam/check-template.ts';
export { packageFunctions, writeFunctionPackages } from './codegen/package/function-packages.ts';
