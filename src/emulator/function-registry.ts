// The emulator's control plane: functions, their published versions, their
// lifecycle state and reserved concurrency. Like Lambda, creation and updates
// are not instant: a new function is Pending and an update InProgress for
// `transitionMs`, then Active / Successful — so the SDK's waiters
// (waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2) have something to
// wait for. During an update, invocations keep running the previous
// configuration; when it lands, `onServingChange` fires so the environment
// pools retire the old environments.
import { randomUUID } from 'node:crypto';
import { lambdaErrors } from './aws-error.ts';
import {
  functionArn,
  lambdaTimestamp,
  type FunctionCode,
  type FunctionSettings,
  type FunctionStatus,
  type FunctionVersion,
} from './function-config.ts';

export const LATEST = '$LATEST';

export interface FunctionRecord {
  name: string;
  /** What the configuration APIs show: the newest settings, even while an update is in progress. */
  latest: FunctionVersion;
  /** What $LATEST invocations run: catches up with `latest` when the update completes. */
  serving: FunctionVersion;
  versions: Map<string, FunctionVersion>;
  status: FunctionStatus;
  reservedConcurrency?: number;
  nextVersion: number;
  lastPublished?: { revisionId: string; version: string };
  timer?: NodeJS.Timeout;
}

export interface RegistryOptions {
  region: string;
  accountId: string;
  transitionMs: number;
  /** A function's serving version changed or was deleted: retire its environments. */
  onServingChange: (name: string, version: string) => void;
}

export class FunctionRegistry {
  private readonly records = new Map<string, FunctionRecord>();
  private generation = 0;

  constructor(private readonly options: RegistryOptions) {}

  create(name: string, code: FunctionCode, settings: FunctionSettings, transitionMs = this.options.transitionMs): FunctionRecord {
    if (this.records.has(name)) throw lambdaErrors.alreadyExists(name);
    const latest = this.newVersion(name, LATEST, code, settings);
    const record: FunctionRecord = {
      name,
      latest,
      serving: latest,
      versions: new Map(),
      status: transitionMs > 0 ? { state: 'Pending', lastUpdateStatus: 'InProgress' } : { state: 'Active', lastUpdateStatus: 'Successful' },
      nextVersion: 1,
    };
    this.records.set(name, record);
    if (transitionMs > 0) this.settleLater(record, transitionMs);
    return record;
  }

  get(name: string): FunctionRecord {
    const record = this.records.get(name);
    if (!record) throw lambdaErrors.functionNotFound(this.arn(name));
    return record;
  }

  has(name: string): boolean {
    return this.records.has(name);
  }

  /** The version a configuration API call names (latest settings for $LATEST). */
  configurationOf(name: string, qualifier: string | undefined): FunctionVersion {
    const record = this.get(name);
    if (qualifier === undefined || qualifier === LATEST) return record.latest;
    const version = record.versions.get(qualifier);
    if (!version) throw lambdaErrors.versionNotFound(this.arn(name, qualifier));
    return version;
  }

  /** The version an invocation runs. */
  servingVersion(name: string, qualifier: string | undefined): FunctionVersion {
    const record = this.get(name);
    if (record.status.state !== 'Active') throw lambdaErrors.notReady(record.status.state);
    if (qualifier === undefined || qualifier === LATEST) return record.serving;
    return this.configurationOf(name, qualifier);
  }

  update(name: string, change: { settings?: Partial<FunctionSettings>; code?: FunctionCode }, transitionMs = this.options.transitionMs): FunctionRecord {
    const record = this.get(name);
    if (record.status.lastUpdateStatus === 'InProgress') throw lambdaErrors.updateInProgress(this.arn(name));
    const settings = { ...record.latest.settings, ...change.settings };
    record.latest = this.newVersion(name, LATEST, change.code ?? record.latest.code, settings);
    if (transitionMs > 0) {
      record.status = { ...record.status, lastUpdateStatus: 'InProgress' };
      this.settleLater(record, transitionMs);
    } else {
      this.settle(record);
    }
    return record;
  }

  /** `duringCreate`: the Publish flag of CreateFunction / UpdateFunctionCode, which publishes the change being made. */
  publish(name: string, options: { duringCreate?: boolean } = {}): FunctionVersion {
    const record = this.get(name);
    if (!options.duringCreate && record.status.lastUpdateStatus === 'InProgress') throw lambdaErrors.updateInProgress(this.arn(name));
    // Publishing an unchanged $LATEST returns the version already published from it.
    if (record.lastPublished?.revisionId === record.latest.revisionId) return record.versions.get(record.lastPublished.version)!;
    const version = String(record.nextVersion++);
    const published = this.newVersion(name, version, record.latest.code, record.latest.settings);
    record.versions.set(version, published);
    record.lastPublished = { revisionId: record.latest.revisionId, version };
    return published;
  }

  delete(name: string, qualifier: string | undefined): void {
    const record = this.get(name);
    if (qualifier !== undefined && qualifier !== LATEST) {
      if (!record.versions.delete(qualifier)) throw lambdaErrors.versionNotFound(this.arn(name, qualifier));
      this.options.onServingChange(name, qualifier);
      return;
    }
    if (record.timer) clearTimeout(record.timer);
    this.records.delete(name);
    for (const version of [LATEST, ...record.versions.keys()]) this.options.onServingChange(name, version);
  }

  setReservedConcurrency(name: string, limit: number | undefined): void {
    const record = this.get(name);
    if (limit === undefined) delete record.reservedConcurrency;
    else record.reservedConcurrency = limit;
  }

  list(): FunctionRecord[] {
    return [...this.records.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  arn(name: string, version?: string): string {
    return functionArn(this.options.region, this.options.accountId, name, version);
  }

  close(): void {
    for (const record of this.records.values()) if (record.timer) clearTimeout(record.timer);
  }

  private newVersion(name: string, version: string, code: FunctionCode, settings: FunctionSettings): FunctionVersion {
    return {
      functionName: name,
      version,
      code,
      settings: { ...settings, env: { ...settings.env } },
      generation: ++this.generation,
      revisionId: randomUUID(),
      lastModified: lambdaTimestamp(new Date()),
    };
  }

  private settleLater(record: FunctionRecord, transitionMs: number): void {
    if (record.timer) clearTimeout(record.timer);
    record.timer = setTimeout(() => this.settle(record), transitionMs);
    record.timer.unref();
  }

  private settle(record: FunctionRecord): void {
    record.timer = undefined;
    record.status = { state: 'Active', lastUpdateStatus: 'Successful' };
    const changed = record.serving !== record.latest;
    record.serving = record.latest;
    if (changed) this.options.onServingChange(record.name, LATEST);
  }
}

/** Splits what the API accepts as FunctionName: a name, name:qualifier, a full or partial ARN. */
export function parseFunctionRef(raw: string): { name: string; qualifier?: string } {
  const arn = /^(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:)?(?:\d{12}:)?function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?$/.exec(raw);
  const plain = /^([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?$/.exec(raw);
  const match = arn ?? plain;
  if (!match) throw lambdaErrors.invalidParameter(`1 validation error detected: Value '${raw}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern`);
  return match[2] === undefined ? { name: match[1]! } : { name: match[1]!, qualifier: match[2] };
}
