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
  return async function handler4(event, context) {
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

// fixtures/tree-reduction/handlers/lib/prng.mjs
import { createHash as createHash3 } from "node:crypto";
function rng(key) {
  const seed = createHash3("sha256").update(String(key)).digest();
  let a = seed.readUInt32LE(0);
  let b = seed.readUInt32LE(4);
  let c = seed.readUInt32LE(8);
  let d = seed.readUInt32LE(12);
  const next = () => {
    const t = (a + b | 0) + d | 0;
    d = d + 1 | 0;
    a = b ^ b >>> 9;
    b = c + (c << 3) | 0;
    c = c << 21 | c >>> 11;
    c = c + t | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  let spare;
  return {
    /** uniform 32-bit unsigned integer */
    uint32: next,
    /** uniform in [0, 1) */
    float: () => next() / 4294967296,
    /** uniform integer in [0, n) */
    int: (n) => Math.floor(next() / 4294967296 * n),
    /** standard normal (Box–Muller) */
    normal: () => {
      if (spare !== void 0) {
        const value = spare;
        spare = void 0;
        return value;
      }
      const u = (next() + 1) / 4294967297;
      const v = next() / 4294967296;
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    }
  };
}

// fixtures/tree-reduction/handlers/lib/modmat.mjs
var MODULUS = 65521;
function multiply(a, b, n) {
  const out = new Uint16Array(n * n);
  const acc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    acc.fill(0);
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      const row = k * n;
      for (let j = 0; j < n; j++) acc[j] += aik * b[row + j];
    }
    for (let j = 0; j < n; j++) out[i * n + j] = acc[j] % MODULUS;
  }
  return out;
}
function encode(matrix) {
  return Buffer.from(matrix.buffer, matrix.byteOffset, matrix.byteLength).toString("base64");
}
function decode(text, n) {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length !== n * n * 2) throw new Error(`matrix has ${bytes.length} bytes, expected ${n * n * 2}`);
  const out = new Uint16Array(n * n);
  for (let i = 0; i < n * n; i++) out[i] = bytes.readUInt16LE(i * 2);
  return out;
}

// fixtures/tree-reduction/handlers/leaf.mjs
async function handler(event, context) {
  const index = leafIndex(context?.stepId);
  const n = event.size;
  const factor = (name) => {
    const random = rng(`${event.seed}:${index}:${name}`);
    const m = new Uint16Array(n * n);
    for (let i = 0; i < m.length; i++) m[i] = random.int(MODULUS);
    return m;
  };
  const matrix = multiply(factor("a"), factor("b"), n);
  return { first: index, last: index, size: n, matrix: encode(matrix) };
}
function leafIndex(stepId) {
  const match = /^leaf-(\d+)$/.exec(stepId ?? "");
  return match ? Number(match[1]) : 0;
}

// fixtures/tree-reduction/handlers/reduce.mjs
async function handler2(event) {
  const parts = Object.values(event).sort((a, b) => a.first - b.first);
  if (parts.length !== 2) throw new Error(`reduce takes two partial products, got ${parts.length}`);
  const [left, right] = parts;
  if (left.last + 1 !== right.first) throw new Error(`ranges ${left.first}..${left.last} and ${right.first}..${right.last} are not adjacent`);
  if (left.size !== right.size) throw new Error("operands differ in size");
  const n = left.size;
  const product = multiply(decode(left.matrix, n), decode(right.matrix, n), n);
  return { first: left.first, last: right.last, size: n, matrix: encode(product) };
}

// index.mjs
var config = {
  "app": "tree-reduction",
  "functions": {
    "leaf": {
      "memoryMb": 1024,
      "timeoutMs": 3e4
    },
    "reduce": {
      "memoryMb": 1024,
      "timeoutMs": 3e4
    }
  },
  "itemConcurrency": 1,
  "key": "~fuse-leaf-04",
  "prefix": "_fuse-leaf-04_3ce699ab",
  "steps": {
    "leaf-00": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-00",
      "needs": []
    },
    "leaf-01": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-01",
      "needs": []
    },
    "leaf-02": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-02",
      "needs": []
    },
    "leaf-03": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-03",
      "needs": []
    },
    "leaf-04": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-04",
      "needs": []
    },
    "leaf-05": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-05",
      "needs": []
    },
    "leaf-06": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-06",
      "needs": []
    },
    "leaf-07": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-07",
      "needs": []
    },
    "leaf-08": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-08",
      "needs": []
    },
    "leaf-09": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-09",
      "needs": []
    },
    "leaf-10": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-10",
      "needs": []
    },
    "leaf-11": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-11",
      "needs": []
    },
    "leaf-12": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-12",
      "needs": []
    },
    "leaf-13": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-13",
      "needs": []
    },
    "leaf-14": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-14",
      "needs": []
    },
    "leaf-15": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-15",
      "needs": []
    },
    "leaf-16": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-16",
      "needs": []
    },
    "leaf-17": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-17",
      "needs": []
    },
    "leaf-18": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-18",
      "needs": []
    },
    "leaf-19": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-19",
      "needs": []
    },
    "leaf-20": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-20",
      "needs": []
    },
    "leaf-21": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-21",
      "needs": []
    },
    "leaf-22": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-22",
      "needs": []
    },
    "leaf-23": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-23",
      "needs": []
    },
    "leaf-24": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-24",
      "needs": []
    },
    "leaf-25": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-25",
      "needs": []
    },
    "leaf-26": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-26",
      "needs": []
    },
    "leaf-27": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-27",
      "needs": []
    },
    "leaf-28": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-28",
      "needs": []
    },
    "leaf-29": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-29",
      "needs": []
    },
    "leaf-30": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-30",
      "needs": []
    },
    "leaf-31": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-31",
      "needs": []
    },
    "leaf-32": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-32",
      "needs": []
    },
    "leaf-33": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-33",
      "needs": []
    },
    "leaf-34": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-34",
      "needs": []
    },
    "leaf-35": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-35",
      "needs": []
    },
    "leaf-36": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-36",
      "needs": []
    },
    "leaf-37": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-37",
      "needs": []
    },
    "leaf-38": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-38",
      "needs": []
    },
    "leaf-39": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-39",
      "needs": []
    },
    "leaf-40": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-40",
      "needs": []
    },
    "leaf-41": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-41",
      "needs": []
    },
    "leaf-42": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-42",
      "needs": []
    },
    "leaf-43": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-43",
      "needs": []
    },
    "leaf-44": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-44",
      "needs": []
    },
    "leaf-45": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-45",
      "needs": []
    },
    "leaf-46": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-46",
      "needs": []
    },
    "leaf-47": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-47",
      "needs": []
    },
    "leaf-48": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-48",
      "needs": []
    },
    "leaf-49": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-49",
      "needs": []
    },
    "leaf-50": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-50",
      "needs": []
    },
    "leaf-51": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-51",
      "needs": []
    },
    "leaf-52": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-52",
      "needs": []
    },
    "leaf-53": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-53",
      "needs": []
    },
    "leaf-54": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-54",
      "needs": []
    },
    "leaf-55": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-55",
      "needs": []
    },
    "leaf-56": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-56",
      "needs": []
    },
    "leaf-57": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-57",
      "needs": []
    },
    "leaf-58": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-58",
      "needs": []
    },
    "leaf-59": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-59",
      "needs": []
    },
    "leaf-60": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-60",
      "needs": []
    },
    "leaf-61": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-61",
      "needs": []
    },
    "leaf-62": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-62",
      "needs": []
    },
    "leaf-63": {
      "fn": "leaf",
      "kind": "task",
      "name": "leaf-63",
      "needs": []
    },
    "reduce-1-00": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-00",
      "needs": [
        "leaf-00",
        "leaf-01"
      ]
    },
    "reduce-1-01": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-01",
      "needs": [
        "leaf-02",
        "leaf-03"
      ]
    },
    "reduce-1-02": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-02",
      "needs": [
        "leaf-04",
        "leaf-05"
      ]
    },
    "reduce-1-03": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-03",
      "needs": [
        "leaf-06",
        "leaf-07"
      ]
    },
    "reduce-1-04": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-04",
      "needs": [
        "leaf-08",
        "leaf-09"
      ]
    },
    "reduce-1-05": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-05",
      "needs": [
        "leaf-10",
        "leaf-11"
      ]
    },
    "reduce-1-06": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-06",
      "needs": [
        "leaf-12",
        "leaf-13"
      ]
    },
    "reduce-1-07": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-07",
      "needs": [
        "leaf-14",
        "leaf-15"
      ]
    },
    "reduce-1-08": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-08",
      "needs": [
        "leaf-16",
        "leaf-17"
      ]
    },
    "reduce-1-09": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-09",
      "needs": [
        "leaf-18",
        "leaf-19"
      ]
    },
    "reduce-1-10": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-10",
      "needs": [
        "leaf-20",
        "leaf-21"
      ]
    },
    "reduce-1-11": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-11",
      "needs": [
        "leaf-22",
        "leaf-23"
      ]
    },
    "reduce-1-12": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-12",
      "needs": [
        "leaf-24",
        "leaf-25"
      ]
    },
    "reduce-1-13": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-13",
      "needs": [
        "leaf-26",
        "leaf-27"
      ]
    },
    "reduce-1-14": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-14",
      "needs": [
        "leaf-28",
        "leaf-29"
      ]
    },
    "reduce-1-15": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-15",
      "needs": [
        "leaf-30",
        "leaf-31"
      ]
    },
    "reduce-1-16": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-16",
      "needs": [
        "leaf-32",
        "leaf-33"
      ]
    },
    "reduce-1-17": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-17",
      "needs": [
        "leaf-34",
        "leaf-35"
      ]
    },
    "reduce-1-18": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-18",
      "needs": [
        "leaf-36",
        "leaf-37"
      ]
    },
    "reduce-1-19": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-19",
      "needs": [
        "leaf-38",
        "leaf-39"
      ]
    },
    "reduce-1-20": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-20",
      "needs": [
        "leaf-40",
        "leaf-41"
      ]
    },
    "reduce-1-21": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-21",
      "needs": [
        "leaf-42",
        "leaf-43"
      ]
    },
    "reduce-1-22": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-22",
      "needs": [
        "leaf-44",
        "leaf-45"
      ]
    },
    "reduce-1-23": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-23",
      "needs": [
        "leaf-46",
        "leaf-47"
      ]
    },
    "reduce-1-24": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-24",
      "needs": [
        "leaf-48",
        "leaf-49"
      ]
    },
    "reduce-1-25": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-25",
      "needs": [
        "leaf-50",
        "leaf-51"
      ]
    },
    "reduce-1-26": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-26",
      "needs": [
        "leaf-52",
        "leaf-53"
      ]
    },
    "reduce-1-27": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-27",
      "needs": [
        "leaf-54",
        "leaf-55"
      ]
    },
    "reduce-1-28": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-28",
      "needs": [
        "leaf-56",
        "leaf-57"
      ]
    },
    "reduce-1-29": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-29",
      "needs": [
        "leaf-58",
        "leaf-59"
      ]
    },
    "reduce-1-30": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-30",
      "needs": [
        "leaf-60",
        "leaf-61"
      ]
    },
    "reduce-1-31": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-1-31",
      "needs": [
        "leaf-62",
        "leaf-63"
      ]
    },
    "reduce-2-00": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-00",
      "needs": [
        "reduce-1-00",
        "reduce-1-01"
      ]
    },
    "reduce-2-01": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-01",
      "needs": [
        "reduce-1-02",
        "reduce-1-03"
      ]
    },
    "reduce-2-02": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-02",
      "needs": [
        "reduce-1-04",
        "reduce-1-05"
      ]
    },
    "reduce-2-03": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-03",
      "needs": [
        "reduce-1-06",
        "reduce-1-07"
      ]
    },
    "reduce-2-04": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-04",
      "needs": [
        "reduce-1-08",
        "reduce-1-09"
      ]
    },
    "reduce-2-05": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-05",
      "needs": [
        "reduce-1-10",
        "reduce-1-11"
      ]
    },
    "reduce-2-06": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-06",
      "needs": [
        "reduce-1-12",
        "reduce-1-13"
      ]
    },
    "reduce-2-07": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-07",
      "needs": [
        "reduce-1-14",
        "reduce-1-15"
      ]
    },
    "reduce-2-08": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-08",
      "needs": [
        "reduce-1-16",
        "reduce-1-17"
      ]
    },
    "reduce-2-09": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-09",
      "needs": [
        "reduce-1-18",
        "reduce-1-19"
      ]
    },
    "reduce-2-10": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-10",
      "needs": [
        "reduce-1-20",
        "reduce-1-21"
      ]
    },
    "reduce-2-11": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-11",
      "needs": [
        "reduce-1-22",
        "reduce-1-23"
      ]
    },
    "reduce-2-12": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-12",
      "needs": [
        "reduce-1-24",
        "reduce-1-25"
      ]
    },
    "reduce-2-13": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-13",
      "needs": [
        "reduce-1-26",
        "reduce-1-27"
      ]
    },
    "reduce-2-14": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-14",
      "needs": [
        "reduce-1-28",
        "reduce-1-29"
      ]
    },
    "reduce-2-15": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-2-15",
      "needs": [
        "reduce-1-30",
        "reduce-1-31"
      ]
    },
    "reduce-3-00": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-3-00",
      "needs": [
        "reduce-2-00",
        "reduce-2-01"
      ]
    },
    "reduce-3-01": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-3-01",
      "needs": [
        "reduce-2-02",
        "reduce-2-03"
      ]
    },
    "reduce-3-02": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-3-02",
      "needs": [
        "reduce-2-04",
        "reduce-2-05"
      ]
    },
    "reduce-3-03": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-3-03",
      "needs": [
        "reduce-2-06",
        "reduce-2-07"
      ]
    },
    "reduce-3-04": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-3-04",
      "needs": [
        "reduce-2-08",
        "reduce-2-09"
      ]
    },
    "reduce-3-05": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-3-05",
      "needs": [
        "reduce-2-10",
        "reduce-2-11"
      ]
    },
    "reduce-3-06": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-3-06",
      "needs": [
        "reduce-2-12",
        "reduce-2-13"
      ]
    },
    "reduce-3-07": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-3-07",
      "needs": [
        "reduce-2-14",
        "reduce-2-15"
      ]
    },
    "reduce-4-00": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-4-00",
      "needs": [
        "reduce-3-00",
        "reduce-3-01"
      ]
    },
    "reduce-4-01": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-4-01",
      "needs": [
        "reduce-3-02",
        "reduce-3-03"
      ]
    },
    "reduce-4-02": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-4-02",
      "needs": [
        "reduce-3-04",
        "reduce-3-05"
      ]
    },
    "reduce-4-03": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-4-03",
      "needs": [
        "reduce-3-06",
        "reduce-3-07"
      ]
    },
    "reduce-5-00": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-5-00",
      "needs": [
        "reduce-4-00",
        "reduce-4-01"
      ]
    },
    "reduce-5-01": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-5-01",
      "needs": [
        "reduce-4-02",
        "reduce-4-03"
      ]
    },
    "reduce-6-00": {
      "fn": "reduce",
      "kind": "task",
      "name": "reduce-6-00",
      "needs": [
        "reduce-5-00",
        "reduce-5-01"
      ]
    }
  },
  "units": {
    "~fuse-leaf-04": {
      "delete": [],
      "drop": [],
      "kind": "group",
      "schedules": {},
      "steps": [
        "leaf-04",
        "leaf-05",
        "leaf-06",
        "leaf-07",
        "reduce-1-02",
        "reduce-1-03",
        "reduce-2-01"
      ],
      "warm": [],
      "writes": {
        "reduce-2-01": "s3"
      }
    }
  }
};
var handler3 = createLambdaHandler(config, { "leaf": handler, "reduce": handler2 });
export {
  handler3 as handler
};
