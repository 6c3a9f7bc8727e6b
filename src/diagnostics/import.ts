// Diagnostics for `dagc import` (an ASL definition → app.yaml): codes
// DAGC0540–DAGC0579. Errors stop the import (nothing usable could be made);
// warnings say what dagc could not carry over exactly, where (file:line:col
// and the JSON path, e.g. $.States.Foo.Branches[1].States.Bar) and what to do.
// Every code is documented with its fix in docs/import.md.
import { makeDiagnostic, type Diagnostic, type SourcePosition } from './diagnostic.ts';

type At = SourcePosition | undefined;
const warn = (code: string, message: string, hint: string, position: At): Diagnostic => makeDiagnostic(code, message, hint, position, 'warning');

export const importDiagnostics = {
  fileNotFound: (file: string): Diagnostic =>
    makeDiagnostic('DAGC0540', `cannot read ${file}: no such file`, 'give the path of a Step Functions definition (the ASL JSON, e.g. statemachine.asl.json)', undefined),
  jsonSyntax: (position: At, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0541', `JSON syntax error: ${detail}`, 'fix the JSON at this position (a missing comma or quote, a trailing comma, a comment)', position),
  notAsl: (position: At, jsonPath: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0542', `${jsonPath}: not a state machine definition: ${detail}`, 'dagc imports the Amazon States Language definition itself: an object with StartAt and States (unwrap it from a CloudFormation/SAM template first)', position),
  badState: (position: At, jsonPath: string, detail: string): Diagnostic =>
    warn('DAGC0543', `${jsonPath}: ${detail}; the import goes on without it`, 'Step Functions would reject this definition: fix the state (aws stepfunctions validate-state-machine-definition shows the same problem)', position),
  noTasks: (position: At): Diagnostic =>
    makeDiagnostic('DAGC0544', 'the definition runs no Task state on its main path, so there is nothing for dagc to size', 'dagc optimizes the Lambda functions a workflow runs: import a definition with at least one Task state reachable from StartAt', position),
  loopCut: (position: At, jsonPath: string, target: string): Diagnostic =>
    warn('DAGC0545', `${jsonPath} jumps back to '${target}': a loop cannot be part of a DAG, so dagc cut this transition and models one pass through the loop`, 'if the loop usually runs k times, model its body as a map of width k in app.yaml (or repeat its steps k times); a polling loop (Wait + check) adds its waiting time to the latency: lower the SLO by it', position),
  catchNotModeled: (position: At, jsonPath: string, targets: string[]): Diagnostic =>
    warn('DAGC0546', `${jsonPath} catches errors into ${targets.map((t) => `'${t}'`).join(', ')}: dagc models the path where no error is raised, so the error handlers are not part of the app`, 'nothing to do for a rare error path; if the handler runs often, add its steps to app.yaml as a choice branch with its probability', position),
  retryNotModeled: (position: At, jsonPaths: string[]): Diagnostic =>
    warn('DAGC0547', `${jsonPaths.length} state(s) retry on errors (${listed(jsonPaths)}): dagc assumes the first attempt succeeds`, 'nothing to do when retries are rare; if a step retries often, its profile should include the failed attempts (profile it from production logs with dagc profile --from-logs)', position),
  waitNotModeled: (position: At, jsonPath: string, detail: string): Diagnostic =>
    warn('DAGC0548', `${jsonPath} is a Wait state (${detail}): dagc models the time functions run, not timers`, 'lower the SLO you optimize against by the wait (dagc optimize --slo p95=<SLO minus wait>)', position),
  emptyOutcome: (position: At, jsonPath: string, outcomes: string[]): Diagnostic =>
    warn('DAGC0549', `${jsonPath}: outcome(s) ${outcomes.join(', ')} run no Task before they end or rejoin; dagc models a choice between steps, so it treats them as never taken and the estimate is conservative (the other branches always run)`, 'nothing to do if those outcomes are rare; to model them exactly, give the outcome a step of its own in app.yaml', position),
  badProbability: (position: At, jsonPath: string, detail: string): Diagnostic =>
    warn('DAGC0550', `${jsonPath}: ${detail}; the branches are taken as equally likely`, "write 'dagc:p=0.3' in a choice rule's Comment and 'dagc:default=0.2' in the Choice state's Comment, with values in [0, 1] summing to at most 1", position),
  equalProbabilities: (position: At, jsonPath: string, step: string): Diagnostic =>
    warn('DAGC0551', `${jsonPath}: ASL has no branch probabilities, so the branches of choice '${step}' are taken as equally likely`, `set the real shares in app.yaml (steps.${step}.choice), or write 'dagc:p=0.3' in each rule's Comment ('dagc:default=0.2' in the Choice's Comment) and import again`, position),
  mapWidthUnknown: (position: At, jsonPath: string, steps: string[], width: number): Diagnostic =>
    warn('DAGC0552', `${jsonPath}: how many items a Map gets is only known at run time; map step${steps.length > 1 ? 's' : ''} ${steps.map((s) => `'${s}'`).join(', ')} assume${steps.length > 1 ? '' : 's'} width ${width}`, `set ${steps.map((s) => `steps.${s}.map.width`).join(', ')} in app.yaml to the typical item count: a number, { min, max } or { values, probabilities } taken from your execution history`, position),
  mapBodySplit: (position: At, jsonPath: string, steps: string[]): Diagnostic =>
    warn('DAGC0553', `${jsonPath}: each item runs ${steps.length} Task states; dagc models each as its own map step (${steps.join(', ')}), all items finishing one before the next starts, which slightly overstates latency`, 'nothing to do; keep their widths equal when you edit them', position),
  choiceInMap: (position: At, jsonPath: string): Diagnostic =>
    warn('DAGC0554', `${jsonPath}: a Choice inside a Map picks a branch per item; dagc picks one per execution`, 'nothing to do for the average; if items split between branches, make each branch its own map step with the width of its share', position),
  nestedMap: (position: At, jsonPath: string, width: number): Diagnostic =>
    warn('DAGC0555', `${jsonPath}: a Map inside a Map; dagc flattens it into one fan-out of ${width} items (outer × inner)`, 'set the map width of its steps to the number of inner items per execution', position),
  mapConfigNoted: (position: At, jsonPath: string, detail: string): Diagnostic =>
    warn('DAGC0556', `${jsonPath}: ${detail}`, 'check the map step in app.yaml: its width is items (or batches) per execution, maxConcurrency the items in flight', position),
  serviceTask: (position: At, jsonPath: string, service: string, fn: string): Diagnostic =>
    warn('DAGC0557', `${jsonPath} calls ${service}, not a Lambda function: dagc keeps it as profile-only function '${fn}' pinned at 128 MB so its latency counts, but cannot size it, and its Lambda cost in a plan stands in for what ${service.split(':')[0]} bills`, `give profiles/${fn}.json the call's measured latency, or delete the step from app.yaml if its time does not matter`, position),
  callbackTask: (position: At, jsonPath: string, pattern: string): Diagnostic =>
    warn('DAGC0558', `${jsonPath} waits for ${pattern}: its latency is however long the outside party takes, which no profile of a function measures`, 'lower the SLO by the typical wait, or give the step a profile that includes it', position),
  nestedExecution: (position: At, jsonPath: string): Diagnostic =>
    warn('DAGC0559', `${jsonPath} starts another state machine: dagc models it as one opaque step`, 'import the child state machine with dagc import too, and give this step a profile with the child\'s end-to-end latency', position),
  dynamicFunction: (position: At, jsonPath: string, path: string, fn: string): Diagnostic =>
    warn('DAGC0560', `${jsonPath}: the function is chosen at run time (${path}); dagc models it as one function '${fn}'`, `if it dispatches to several functions, replace the step in app.yaml with a choice over one step per function`, position),
  placeholderResource: (position: At, jsonPath: string, placeholder: string, fn: string): Diagnostic =>
    warn('DAGC0561', `${jsonPath}: the function is the template placeholder ${placeholder}; dagc named it '${fn}'`, `when profiling, map it to the deployed function: dagc profile app.yaml --from-logs ... --function-name ${fn}=<deployed name or ARN>; if the placeholder stands for a service integration rather than a Lambda, pin it in app.yaml (memory, minMemory and maxMemory: 128)`, position),
  parallelSerialized: (position: At, jsonPath: string): Diagnostic =>
    warn('DAGC0562', `${jsonPath}: a Parallel at the start of a choice branch; a dagc choice branch starts at one step, so its branches run one after another in the app, which overstates latency (cost is unchanged)`, 'nothing to do for a conservative estimate; for an exact one, start the branch with a Task in the definition', position),
  unreachable: (position: At, jsonPath: string, why: string): Diagnostic =>
    warn('DAGC0563', `${jsonPath} is not part of the app: ${why}`, 'nothing to do if that is intended; otherwise connect it with Next', position),
  writeFailed: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0564', `cannot write ${file}: ${detail}`, 'check that the folder exists and is writable, or pass --out', undefined),
  wouldOverwrite: (file: string): Diagnostic =>
    makeDiagnostic('DAGC0565', `${file} exists and was not written by dagc import; it is left as it is`, 'pass --out <another file>, or --force to replace it', undefined),
  structureChanged: (position: At, detail: string): Diagnostic =>
    warn('DAGC0566', `the app's structure differs from the definition's: ${detail}`, 'a branch of a Choice jumps into the middle of another branch; the app keeps every dependency but runs some steps the definition would skip: check the choice branches in app.yaml, or restructure the definition so branches rejoin in one place', position),
};

function listed(items: string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}
