// The emulator's Step Functions state: state machines (name, type) and the
// finished executions recorded into it (`dagc run --local` records each run's
// history here when it runs against a shared emulator), for the read APIs in
// sfn-routes.ts. Nothing here runs a state machine: aws-local-stepfunctions
// does, in src/runtime/local. Executions are listed newest first, as
// ListExecutions lists them; ties by name, so pages are stable.
import type { HistoryEvent } from '../runtime/local/execution-history.ts';

export type StateMachineType = 'STANDARD' | 'EXPRESS';
export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface StateMachineRecord {
  name: string;
  arn: string;
  type: StateMachineType;
  creationDateMs: number;
}

export interface ExecutionRecord {
  name: string;
  arn: string;
  stateMachineArn: string;
  status: ExecutionStatus;
  startDateMs: number;
  stopDateMs: number;
  events: HistoryEvent[];
}

export interface RecordedExecution {
  stateMachineName: string;
  type: StateMachineType;
  /** Unique per state machine, as on AWS; also the execution's seed in a local run. */
  executionName: string;
  status: ExecutionStatus;
  events: HistoryEvent[];
}

export class SfnStore {
  private readonly machines = new Map<string, StateMachineRecord>();
  private readonly executions = new Map<string, ExecutionRecord>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  stateMachineArn(name: string): string {
    return `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${name}`;
  }

  /** Stores a finished execution (and its state machine, on first sight); returns the execution's ARN. */
  record(execution: RecordedExecution): string {
    const machineArn = this.stateMachineArn(execution.stateMachineName);
    const times = execution.events.map((e) => Date.parse(e.timestamp));
    const startDateMs = times.length > 0 ? Math.min(...times) : Date.now();
    if (!this.machines.has(machineArn)) this.machines.set(machineArn, { name: execution.stateMachineName, arn: machineArn, type: execution.type, creationDateMs: startDateMs });
    const kind = execution.type === 'EXPRESS' ? 'express' : 'execution';
    let name = execution.executionName;
    // A rerun under the same name would replace history AWS keeps apart: give it a suffix instead.
    for (let n = 2; this.executions.has(`arn:aws:states:${this.region}:${this.accountId}:${kind}:${execution.stateMachineName}:${name}`); n++) name = `${execution.executionName}-${n}`;
    const arn = `arn:aws:states:${this.region}:${this.accountId}:${kind}:${execution.stateMachineName}:${name}`;
    const stopDateMs = times.length > 0 ? Math.max(...times) : startDateMs;
    this.executions.set(arn, { name, arn, stateMachineArn: machineArn, status: execution.status, startDateMs, stopDateMs, events: execution.events });
    return arn;
  }

  machine(arn: string): StateMachineRecord | undefined {
    return this.machines.get(arn);
  }

  machinesList(): StateMachineRecord[] {
    return [...this.machines.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  execution(arn: string): ExecutionRecord | undefined {
    return this.executions.get(arn);
  }

  executionsOf(machineArn: string): ExecutionRecord[] {
    return [...this.executions.values()]
      .filter((e) => e.stateMachineArn === machineArn)
      .sort((a, b) => b.startDateMs - a.startDateMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
