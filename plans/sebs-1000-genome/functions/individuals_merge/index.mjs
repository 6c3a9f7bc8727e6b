import { createRequire as __dagcCreateRequire } from 'node:module';
const require = __dagcCreateRequire(import.meta.url);

// src/ir/group-stages.ts
function groupStages(members, insideNeeds) {
  const stageOf = /* @__PURE__ */ new Map();
  const stage = (member) => {
    let k = stageOf.get(member);
    if (k === void 0) {
      k = 0;
      for (const need of insideNeeds(member)) k = Math.max(k, stage(need) + 1);
      stageOf.set(member, k);
    }
    return k;
  };
  for (const member of members) stage(member);
  return stageOf;
}

// src/diagnostics/diagnostic.ts
var DagcUserError = class extends Error {
  diagnostics;
  constructor(diagnostics) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "DagcUserError";
    this.diagnostics = diagnostics;
  }
};
function formatPosition(position) {
  if (!position) return "";
  return `${position.file}:${position.line}:${position.column}: `;
}
function formatDiagnostic(diagnostic) {
  const head = `${formatPosition(diagnostic.position)}${diagnostic.code} ${diagnostic.message}`;
  return diagnostic.hint ? `${head}
  fix: ${diagnostic.hint}` : head;
}
var MAX_DIAGNOSTIC_CHARS = 1e3;
function truncateText(text, maxChars = MAX_DIAGNOSTIC_CHARS) {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars - 1)}\u2026 (${text.length - maxChars + 1} more characters)`;
}
function makeDiagnostic(code, message, hint, position, severity = "error") {
  const diagnostic = { code, severity, message: truncateText(message) };
  if (hint !== void 0) diagnostic.hint = truncateText(hint);
  if (position !== void 0) diagnostic.position = position;
  return diagnostic;
}

// src/diagnostics/runtime.ts
var runtimeDiagnostics = {
  noHandler: (fn) => makeDiagnostic("DAGC0400", `function '${fn}' has no handler, so it cannot be run locally`, `add handler: handlers/${fn}.mjs to function '${fn}' in app.yaml`, void 0),
  handlerNotExported: (fn, file) => makeDiagnostic("DAGC0401", `handler module of '${fn}' (${file}) does not export an async function 'handler'`, "write `export async function handler(event, context) { \u2026 }` in that module", void 0),
  mapWithoutItems: (step, detail) => makeDiagnostic("DAGC0402", `map step '${step}' has no items to fan out over: ${detail}`, "make the step it needs return { items: [...] } (see docs/handler-contract.md)", void 0),
  notSerializable: (step, detail) => makeDiagnostic("DAGC0403", `step '${step}' returned a value that is not JSON: ${detail}`, "return plain objects, arrays, strings, finite numbers, booleans or null", void 0),
  handlerFailed: (step, detail) => makeDiagnostic("DAGC0404", `step '${step}' failed: ${detail}`, "fix the handler, or the event it was given (run it alone on its events/*.json)", void 0)
};

// src/runtime/data-contract.ts
function stepInput(needs, ran, workflowInput) {
  if (needs.length === 0) return workflowInput;
  if (needs.length === 1) return ran.get(needs[0]);
  const keyed = {};
  for (const need of [...needs].sort()) if (ran.has(need)) keyed[need] = ran.get(need);
  return keyed;
}
function mapItemEvents(stepId, needs, input) {
  if (needs.length <= 1) {
    const { items: items2, context: context2 } = splitItems(stepId, input, needs[0] ?? "the workflow input");
    return items2.map((item, index) => ({ item, index, context: context2 }));
  }
  const keyed = input;
  const carriers = Object.keys(keyed).filter((need) => hasItems(keyed[need]));
  if (carriers.length !== 1) {
    const detail = carriers.length === 0 ? `none of its needs (${needs.join(", ")}) returned items` : `several of its needs returned items (${carriers.join(", ")}); exactly one may`;
    throw new DagcUserError([runtimeDiagnostics.mapWithoutItems(stepId, detail)]);
  }
  const carrier = carriers[0];
  const { items, context: carrierRest } = splitItems(stepId, keyed[carrier], carrier);
  const context = { ...keyed, [carrier]: carrierRest };
  return items.map((item, index) => ({ item, index, context }));
}
function mapOutput(results) {
  return { items: results };
}
function overTheWire(stepId, value) {
  let text;
  try {
    text = JSON.stringify(value, rejectNonJson);
  } catch (error) {
    throw new DagcUserError([runtimeDiagnostics.notSerializable(stepId, error.message)]);
  }
  return text === void 0 ? null : JSON.parse(text);
}
function rejectNonJson(key, value) {
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`${key || "the result"} is ${value}`);
  if (typeof value === "bigint") throw new Error(`${key || "the result"} is a BigInt`);
  return value;
}
function hasItems(value) {
  return typeof value === "object" && value !== null && Array.isArray(value.items);
}
function splitItems(stepId, value, from) {
  if (!hasItems(value)) {
    throw new DagcUserError([runtimeDiagnostics.mapWithoutItems(stepId, `${from} returned no 'items' array`)]);
  }
  const { items, ...context } = value;
  return { items, context };
}

// src/runtime/handler-loader.ts
import { createHash } from "node:crypto";
function handlerContext(fn, seed, stepId, itemIndex) {
  const startedAt = performance.now();
  const context = {
    functionName: fn.name,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: requestId(`${seed}\0${stepId}\0${itemIndex ?? ""}`),
    stepId,
    getRemainingTimeInMillis: () => Math.max(0, Math.round(fn.timeoutMs - (performance.now() - startedAt)))
  };
  if (itemIndex !== void 0) context.itemIndex = itemIndex;
  return context;
}
function requestId(key) {
  const hex = createHash("sha256").update(key).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// src/runtime/lambda/item-pool.ts
async function runPool(count, limit, task) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await task(i) };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
  return results;
}

// src/runtime/lambda/s3-store.ts
var client;
function s3Client() {
  const specifier = process.env.DAGC_SDK_S3 || "@aws-sdk/client-s3";
  client ??= import(specifier).then((loaded) => {
    const s3 = loaded.S3Client ? loaded : loaded.default;
    const endpoint = process.env.DAGC_S3_ENDPOINT;
    const instance = new s3.S3Client(
      endpoint ? { endpoint, forcePathStyle: true, region: process.env.AWS_REGION ?? "us-east-1", requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" } : {}
    );
    return { s3, send: (command) => instance.send(command) };
  });
  return client;
}
function bucket() {
  const name = process.env.DAGC_BUCKET;
  if (!name) throw new Error("the plan passes data through S3 but DAGC_BUCKET is not set in this Lambda's environment");
  return name;
}
async function putJson(key, value) {
  const { s3, send } = await s3Client();
  await send(new s3.PutObjectCommand({ Bucket: bucket(), Key: key, Body: JSON.stringify(value), ContentType: "application/json" }));
}
async function getJson(key) {
  const { s3, send } = await s3Client();
  const response = await send(new s3.GetObjectCommand({ Bucket: bucket(), Key: key }));
  return JSON.parse(await response.Body.transformToString());
}
async function deleteObject(key) {
  const { s3, send } = await s3Client();
  await send(new s3.DeleteObjectCommand({ Bucket: bucket(), Key: key }));
}

// src/runtime/lambda/refs.ts
var RefReader = class {
  cache = /* @__PURE__ */ new Map();
  async value(ref) {
    if ("v" in ref) return ref.v;
    if ("s3" in ref) return this.object(ref.s3);
    const chunks = await Promise.all(ref.parts.map((part) => this.value(part)));
    return { items: chunks.flat() };
  }
  object(key) {
    let loaded = this.cache.get(key);
    if (!loaded) {
      loaded = getJson(key);
      this.cache.set(key, loaded);
    }
    return loaded;
  }
};
async function storeValue(mode, key, value) {
  if (mode === "inline") return { v: value };
  await putJson(key, value);
  return { s3: key };
}
function s3Keys(ref) {
  if ("s3" in ref) return [ref.s3];
  if ("parts" in ref) return ref.parts.flatMap(s3Keys);
  return [];
}
async function deleteRefs(refs) {
  await Promise.all(refs.flatMap(s3Keys).map((key) => deleteObject(key)));
}

// src/runtime/lambda/state-bag.ts
var STATE_LIMIT_BYTES = 256 * 1024;
var WARMUP_KEY = "dagcWarmup";

// src/runtime/choice-draw.ts
import { createHash as createHash2 } from "node:crypto";
function drawUnit(seed, stepId) {
  const digest = createHash2("sha256").update(`${seed}\0${stepId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}
function drawBranch(seed, stepId, probabilities) {
  const branches = Object.keys(probabilities).sort();
  if (branches.length === 0) throw new Error(`choice '${stepId}' has no branches`);
  const u = drawUnit(seed, stepId);
  let cumulative = 0;
  let lastPositive;
  for (const branch of branches) {
    const p = probabilities[branch];
    if (p <= 0) continue;
    cumulative += p;
    lastPositive = branch;
    if (u < cumulative) return branch;
  }
  return lastPositive ?? branches[0];
}

// src/runtime/lambda/step-values.ts
var StepValues = class {
  constructor(config2, bag) {
    this.config = config2;
    this.bag = bag;
  }
  config;
  bag;
  reader = new RefReader();
  /** Outputs computed in this invocation (fused steps), by step id. */
  local = /* @__PURE__ */ new Map();
  get seed() {
    return this.bag.exec;
  }
  ran(step) {
    const info = this.config.steps[step];
    if (info.kind === "task" || info.kind === "map") return this.local.has(step) || this.bag.out[info.name] !== void 0;
    return !this.skipped(step);
  }
  /** The reference executor's isSkipped: a branch runs only if its choice took it; any other step if any need ran. */
  skipped(step) {
    const needs = this.config.steps[step].needs;
    if (needs.length === 0) return false;
    for (const need of needs) {
      const info = this.config.steps[need];
      if (info.kind === "choice" && (!this.ran(need) || drawBranch(this.seed, need, info.probabilities ?? {}) !== step)) return true;
    }
    return !needs.some((need) => this.ran(need));
  }
  async output(step) {
    if (this.local.has(step)) return this.local.get(step);
    const info = this.config.steps[step];
    if (info.kind === "choice" || info.kind === "join") return this.input(step);
    const ref = this.bag.out[info.name];
    if (ref === void 0) throw new Error(`dagc runtime: the output of '${step}' is not in the state (a dagc bug: it was dropped too early or never written)`);
    return this.reader.value(ref);
  }
  async input(step) {
    const needs = this.config.steps[step].needs;
    const ran = /* @__PURE__ */ new Map();
    for (const need of needs) if (this.ran(need)) ran.set(need, await this.output(need));
    const workflowInput = needs.length === 0 ? await this.reader.value(this.bag.in) : void 0;
    return stepInput(needs, ran, workflowInput);
  }
};

// src/runtime/lambda/run-unit.ts
var StepFailure = class extends Error {
  constructor(message) {
    super(message);
    this.name = "DagcStepFailed";
  }
};
async function runUnit(runner, payload) {
  const unit = runner.config.units[payload.unit];
  if (!unit) throw new Error(`dagc runtime: this Lambda (${runner.config.key}) does not run '${payload.unit}'`);
  const values = new StepValues(runner.config, payload.state);
  if (unit.kind === "map" && payload.chunk !== void 0) return runChunk(runner, unit, values, payload.chunk);
  await runMembers(runner, unit, values);
  return nextState(runner, payload.unit, unit, values, payload.state);
}
async function runChunk(runner, unit, values, chunk) {
  const step = unit.steps[0];
  const info = runner.config.steps[step];
  const events = mapItemEvents(step, info.needs, await values.input(step));
  const results = await callItems(runner, step, chunk.map((i) => events[i]), values.seed);
  const key = `${runner.config.prefix}/${values.seed}/${info.name}/chunk-${chunk[0] ?? 0}.json`;
  return storeValue(unit.writes[step] ?? "inline", key, results);
}
async function runMembers(runner, unit, values) {
  const members = new Set(unit.steps);
  const insideNeeds = (step) => runner.config.steps[step].needs.filter((n) => members.has(n));
  const stageOf = groupStages(unit.steps, insideNeeds);
  const byStage = [];
  for (const step of unit.steps) (byStage[stageOf.get(step)] ??= []).push(step);
  const done = /* @__PURE__ */ new Map();
  let previous = Promise.resolve();
  for (const steps of byStage) {
    const running = (steps ?? []).map((step) => {
      const info = runner.config.steps[step];
      const run = previous.then(() => Promise.all(insideNeeds(step).map((n) => done.get(n)))).then(async () => {
        if (info.kind === "choice" || info.kind === "join" || values.skipped(step)) return;
        const input = await values.input(step);
        if (info.kind === "map") {
          const events = mapItemEvents(step, info.needs, input);
          values.local.set(step, mapOutput(await callItems(runner, step, events, values.seed)));
        } else {
          values.local.set(step, await call(runner, step, input, values.seed));
        }
      });
      done.set(step, run);
      return run;
    });
    previous = Promise.allSettled(running);
  }
  const outcomes = await Promise.allSettled(unit.steps.map((step) => done.get(step)));
  const failures = outcomes.filter((o) => o.status === "rejected").map((o) => o.reason.message);
  if (failures.length > 0) throw new StepFailure(failures.join("; "));
}
async function callItems(runner, step, events, seed) {
  const outcomes = await runPool(events.length, runner.config.itemConcurrency, (i) => call(runner, step, events[i], seed, events[i].index));
  const failures = outcomes.flatMap((o) => o.ok ? [] : [o.error.message]);
  if (failures.length > 0) throw new StepFailure(failures.join("; "));
  return outcomes.map((o) => o.value);
}
async function call(runner, step, event, seed, itemIndex) {
  const fnName = runner.config.steps[step].fn;
  const fn = runner.config.functions[fnName];
  const context = handlerContext({ name: fnName, memoryMb: fn.memoryMb, timeoutMs: fn.timeoutMs, architectures: [] }, seed, step, itemIndex);
  if (runner.remainingMs) context.getRemainingTimeInMillis = runner.remainingMs;
  const where = itemIndex === void 0 ? `step '${step}'` : `step '${step}' item ${itemIndex}`;
  let value;
  try {
    value = await runner.handlers[fnName](structuredClone(event), context);
  } catch (error) {
    throw new StepFailure(`${where} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return overTheWire(step, value);
  } catch (error) {
    throw new StepFailure(`${where} returned a value that is not JSON: ${error.message}`);
  }
}
async function nextState(runner, unitId, unit, values, bag) {
  const out = { ...bag.out };
  const deleted = unit.delete.map((step) => out[runner.config.steps[step].name]).filter((r) => r !== void 0);
  for (const step of unit.drop) delete out[runner.config.steps[step].name];
  const sched = { ...bag.sched };
  await Promise.all(
    Object.entries(unit.writes).map(async ([step, mode]) => {
      if (!values.local.has(step)) return;
      const name = runner.config.steps[step].name;
      out[name] = await storeValue(mode, `${runner.config.prefix}/${values.seed}/${name}.json`, values.local.get(step));
    })
  );
  for (const [step, maps] of Object.entries(unit.schedules)) {
    const value = values.local.get(step);
    if (!value || !Array.isArray(value.items)) continue;
    for (const { map, bundleSize } of maps) sched[runner.config.steps[map].name] = partition(value.items.length, bundleSize);
  }
  await deleteRefs(deleted);
  const next = { exec: bag.exec, in: bag.in, out, sched };
  const bytes = Buffer.byteLength(JSON.stringify(next));
  if (bytes > STATE_LIMIT_BYTES) {
    const largest = Object.entries(out).sort(([, a], [, b]) => JSON.stringify(b).length - JSON.stringify(a).length)[0]?.[0] ?? "none";
    throw new StepFailure(`after '${unitId}' the state is ${bytes} bytes, over Step Functions' 256 KB limit (largest: ${largest}); pass that output through S3 (plan.json $.edges)`);
  }
  return next;
}
function partition(count, size) {
  const chunks = [];
  for (let start = 0; start < count; start += size) chunks.push(Array.from({ length: Math.min(size, count - start) }, (_, i) => start + i));
  return chunks;
}

// src/runtime/lambda/entry.ts
function createLambdaHandler(config2, handlers) {
  return async function handler3(event, context) {
    if (typeof event === "object" && event !== null && event[WARMUP_KEY] === true) return { warmed: config2.key };
    const payload = event;
    const pings = warmUp(config2.units[payload.unit]?.warm ?? []);
    const remainingMs = context?.getRemainingTimeInMillis ? () => context.getRemainingTimeInMillis() : void 0;
    try {
      return await runUnit({ config: config2, handlers, ...remainingMs ? { remainingMs } : {} }, payload);
    } finally {
      await pings;
    }
  };
}
async function warmUp(envVars) {
  const targets = envVars.map((v) => process.env[v]).filter((name) => !!name);
  if (targets.length === 0) return;
  try {
    const loaded = await import(process.env.DAGC_SDK_LAMBDA || "@aws-sdk/client-lambda");
    const lambda = loaded.LambdaClient ? loaded : loaded.default;
    const endpoint = process.env.DAGC_LAMBDA_ENDPOINT;
    const client2 = new lambda.LambdaClient(endpoint ? { endpoint, region: process.env.AWS_REGION ?? "us-east-1" } : {});
    await Promise.all(targets.map((FunctionName) => client2.send(new lambda.InvokeCommand({ FunctionName, InvocationType: "Event", Payload: JSON.stringify({ [WARMUP_KEY]: true }) }))));
  } catch (error) {
    console.warn(`dagc: warm-up ping failed: ${error.message}`);
  }
}

// fixtures/sebs-1000-genome/handlers/lib/genome.mjs
import { deflateRawSync, inflateRawSync } from "node:zlib";
function packLists(lists) {
  const words = [];
  for (const [individual, variants] of lists) {
    words.push(individual, variants.length);
    let last = 0;
    for (const v of variants) {
      words.push(v - last);
      last = v;
    }
  }
  return deflateRawSync(Buffer.from(Uint16Array.from(words).buffer)).toString("base64");
}
function unpackLists(text) {
  const bytes = inflateRawSync(Buffer.from(text, "base64"));
  const words = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  const lists = [];
  for (let at = 0; at < words.length; ) {
    const individual = words[at++];
    const n = words[at++];
    const variants = new Array(n);
    let last = 0;
    for (let i = 0; i < n; i++) variants[i] = last += words[at++];
    lists.push([individual, variants]);
  }
  return lists;
}

// fixtures/sebs-1000-genome/handlers/individuals_merge.mjs
async function handler(event) {
  const slices = [...event.items].sort((a, b) => a.first - b.first);
  const job = slices[0].job;
  const lists = [];
  for (const slice of slices) {
    if (slice.first !== lists.length) throw new Error(`slice ${slice.chunk} starts at ${slice.first}, expected ${lists.length}`);
    lists.push(...unpackLists(slice.mutations));
  }
  const carriers = new Uint32Array(job.variants);
  for (const [, variants] of lists) for (const v of variants) carriers[v]++;
  return {
    individuals: lists.length,
    variants: job.variants,
    mutationsTotal: carriers.reduce((a, b) => a + b, 0),
    merged: packLists(lists)
  };
}

// index.mjs
var config = {
  "app": "sebs-1000-genome",
  "functions": {
    "individuals_merge": {
      "memoryMb": 2048,
      "timeoutMs": 54e4
    }
  },
  "itemConcurrency": 1,
  "key": "individuals_merge",
  "prefix": "individuals_merge",
  "steps": {
    "frequency": {
      "fn": "frequency",
      "kind": "map",
      "name": "frequency",
      "needs": [
        "individuals_merge",
        "sifting"
      ]
    },
    "individuals": {
      "fn": "individuals",
      "kind": "map",
      "name": "individuals",
      "needs": []
    },
    "individuals_merge": {
      "fn": "individuals_merge",
      "kind": "task",
      "name": "individuals_merge",
      "needs": [
        "individuals"
      ]
    },
    "mutation_overlap": {
      "fn": "mutation_overlap",
      "kind": "map",
      "name": "mutation_overlap",
      "needs": [
        "individuals_merge",
        "sifting"
      ]
    },
    "sifting": {
      "fn": "sifting",
      "kind": "task",
      "name": "sifting",
      "needs": [
        "individuals"
      ]
    }
  },
  "units": {
    "individuals_merge": {
      "delete": [],
      "drop": [],
      "kind": "task",
      "schedules": {
        "individuals_merge": [
          {
            "bundleSize": 1,
            "map": "frequency"
          },
          {
            "bundleSize": 2,
            "map": "mutation_overlap"
          }
        ]
      },
      "steps": [
        "individuals_merge"
      ],
      "warm": [],
      "writes": {
        "individuals_merge": "s3"
      }
    }
  }
};
var handler2 = createLambdaHandler(config, { "individuals_merge": handler });
export {
  handler2 as handler
};
