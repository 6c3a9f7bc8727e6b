// Diagnostics of `dagc profile` and the profiler: codes DAGC0250–DAGC0299.
// Codes are stable; each factory says what went wrong and what to do.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

export const profilerDiagnostics = {
  logFileUnreadable: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0250', `cannot read log file ${file}: ${detail}`, 'pass a text file of REPORT lines, a JSON-format log export, or a CloudWatch log group name', undefined),
  noReports: (source: string): Diagnostic =>
    makeDiagnostic('DAGC0251', `no REPORT lines found in ${source}`, 'check that the source holds Lambda logs (REPORT RequestId: … Duration: …) for this function and time range', undefined),
  unreadableReports: (source: string, count: number, firstLine: number): Diagnostic =>
    makeDiagnostic('DAGC0252', `${count} REPORT line(s) in ${source} could not be read (first at line ${firstLine}); they were skipped`, 'a REPORT line needs Duration, Billed Duration, Memory Size and Max Memory Used', undefined, 'warning'),
  ambiguousLogSource: (source: string, functions: string[]): Diagnostic =>
    makeDiagnostic('DAGC0253', `--from-logs ${source}: the app has ${functions.length} functions (${functions.join(', ')}); say which one the logs belong to`, `write --from-logs <function>=${source}, pass a directory with <function>.log files, or a log group prefix ending in '/' such as /aws/lambda/`, undefined),
  unknownFunction: (flag: string, name: string, known: string[]): Diagnostic =>
    makeDiagnostic('DAGC0254', `${flag}: '${name}' is not a function of this app`, `use one of: ${known.join(', ')}`, undefined),
  badMemoryList: (text: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0255', `--memory ${text}: ${detail}`, 'give whole MB sizes separated by commas, e.g. --memory 128,256,512,1024', undefined),
  badInvocations: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0256', `--invocations ${text}: not a whole number between 1 and 1000`, 'give how many warm invocations to make at each memory size, e.g. --invocations 10', undefined),
  functionNotFound: (awsName: string, region: string): Diagnostic =>
    makeDiagnostic('DAGC0257', `Lambda function ${awsName} does not exist in ${region}`, 'deploy it first, or map the app function to its deployed name with --function-name <function>=<name or ARN>', undefined),
  payloadUnreadable: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0258', `cannot use sample payload ${file}: ${detail}`, "point the function's payload: at a JSON file with the event to profile with", undefined),
  accessDenied: (detail: string): Diagnostic =>
    makeDiagnostic('DAGC0259', `AWS refused the request: ${detail}`, 'check credentials (--profile, AWS_PROFILE, environment) and that they allow lambda:GetFunctionConfiguration, UpdateFunctionConfiguration and InvokeFunction', undefined),
  journalDiscarded: (fn: string, why: string): Diagnostic =>
    makeDiagnostic('DAGC0260', `discarding the unfinished profiling run of ${fn}: ${why}`, 'samples measured with a different payload or architecture do not describe the same work; profiling starts over', undefined, 'warning'),
  retriesExhausted: (what: string, attempts: number, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0261', `${what} still failing after ${attempts} attempts: ${detail}`, 'the samples paid for so far are saved; run dagc profile again later to resume', undefined),
  endpointConflict: (): Diagnostic =>
    makeDiagnostic('DAGC0262', '--endpoint and --local cannot be used together', 'use --local to start the emulator, or --endpoint URL to talk to one already running', undefined),
  noUsableSamples: (fn: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0263', `profiling ${fn} produced no usable duration: ${detail}`, 'check the payload and the handler (every invocation failed or timed out); see the function logs', undefined),
  interrupted: (): Diagnostic =>
    makeDiagnostic('DAGC0264', 'profiling interrupted; the original configuration was restored and the samples paid for are saved', 'run the same dagc profile command again to resume where it stopped', undefined),
  logGroupNotFound: (group: string): Diagnostic =>
    makeDiagnostic('DAGC0265', `CloudWatch log group ${group} does not exist`, 'Lambda writes to /aws/lambda/<function name>; check the name and --region', undefined),
  badFunctionMapping: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0266', `--function-name ${text}: expected <function>=<deployed name or ARN>`, 'e.g. --function-name resize=arn:aws:lambda:us-east-1:123456789012:function:resize-prod', undefined),
  restoreFailed: (awsName: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0267', `could not restore the original configuration of ${awsName}: ${detail}`, 'run dagc profile again (it restores from its saved journal) or set the memory back by hand', undefined),
  cannotRunOnLambda: (fn: string, accelerator: string): Diagnostic =>
    makeDiagnostic('DAGC0268', `function ${fn} needs a ${accelerator}, which Lambda does not offer; it was not profiled`, 'profile it where it runs and import the numbers, or drop the accelerator requirement', undefined, 'warning'),
  noPayload: (fn: string): Diagnostic =>
    makeDiagnostic('DAGC0269', `function ${fn} has no sample payload; profiling it with the event {}`, `add payload: events/${fn}.json to the function in app.yaml, with an event of realistic size`, undefined, 'warning'),
};
