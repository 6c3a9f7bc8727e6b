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
  mapWithoutItems: (step2, detail) => makeDiagnostic("DAGC0402", `map step '${step2}' has no items to fan out over: ${detail}`, "make the step it needs return { items: [...] } (see docs/handler-contract.md)", void 0),
  notSerializable: (step2, detail) => makeDiagnostic("DAGC0403", `step '${step2}' returned a value that is not JSON: ${detail}`, "return plain objects, arrays, strings, finite numbers, booleans or null", void 0),
  handlerFailed: (step2, detail) => makeDiagnostic("DAGC0404", `step '${step2}' failed: ${detail}`, "fix the handler, or the event it was given (run it alone on its events/*.json)", void 0)
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
  ran(step2) {
    const info = this.config.steps[step2];
    if (info.kind === "task" || info.kind === "map") return this.local.has(step2) || this.bag.out[info.name] !== void 0;
    return !this.skipped(step2);
  }
  /** The reference executor's isSkipped: a branch runs only if its choice took it; any other step if any need ran. */
  skipped(step2) {
    const needs = this.config.steps[step2].needs;
    if (needs.length === 0) return false;
    for (const need of needs) {
      const info = this.config.steps[need];
      if (info.kind === "choice" && (!this.ran(need) || drawBranch(this.seed, need, info.probabilities ?? {}) !== step2)) return true;
    }
    return !needs.some((need) => this.ran(need));
  }
  async output(step2) {
    if (this.local.has(step2)) return this.local.get(step2);
    const info = this.config.steps[step2];
    if (info.kind === "choice" || info.kind === "join") return this.input(step2);
    const ref = this.bag.out[info.name];
    if (ref === void 0) throw new Error(`dagc runtime: the output of '${step2}' is not in the state (a dagc bug: it was dropped too early or never written)`);
    return this.reader.value(ref);
  }
  async input(step2) {
    const needs = this.config.steps[step2].needs;
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
  const step2 = unit.steps[0];
  const info = runner.config.steps[step2];
  const events = mapItemEvents(step2, info.needs, await values.input(step2));
  const results = await callItems(runner, step2, chunk.map((i) => events[i]), values.seed);
  const key = `${runner.config.prefix}/${values.seed}/${info.name}/chunk-${chunk[0] ?? 0}.json`;
  return storeValue(unit.writes[step2] ?? "inline", key, results);
}
async function runMembers(runner, unit, values) {
  const members = new Set(unit.steps);
  const insideNeeds = (step2) => runner.config.steps[step2].needs.filter((n) => members.has(n));
  const stageOf = groupStages(unit.steps, insideNeeds);
  const byStage = [];
  for (const step2 of unit.steps) (byStage[stageOf.get(step2)] ??= []).push(step2);
  const done = /* @__PURE__ */ new Map();
  let previous = Promise.resolve();
  for (const steps of byStage) {
    const running = (steps ?? []).map((step2) => {
      const info = runner.config.steps[step2];
      const run = previous.then(() => Promise.all(insideNeeds(step2).map((n) => done.get(n)))).then(async () => {
        if (info.kind === "choice" || info.kind === "join" || values.skipped(step2)) return;
        const input = await values.input(step2);
        if (info.kind === "map") {
          const events = mapItemEvents(step2, info.needs, input);
          values.local.set(step2, mapOutput(await callItems(runner, step2, events, values.seed)));
        } else {
          values.local.set(step2, await call(runner, step2, input, values.seed));
        }
      });
      done.set(step2, run);
      return run;
    });
    previous = Promise.allSettled(running);
  }
  const outcomes = await Promise.allSettled(unit.steps.map((step2) => done.get(step2)));
  const failures = outcomes.filter((o) => o.status === "rejected").map((o) => o.reason.message);
  if (failures.length > 0) throw new StepFailure(failures.join("; "));
}
async function callItems(runner, step2, events, seed) {
  const outcomes = await runPool(events.length, runner.config.itemConcurrency, (i) => call(runner, step2, events[i], seed, events[i].index));
  const failures = outcomes.flatMap((o) => o.ok ? [] : [o.error.message]);
  if (failures.length > 0) throw new StepFailure(failures.join("; "));
  return outcomes.map((o) => o.value);
}
async function call(runner, step2, event, seed, itemIndex) {
  const fnName = runner.config.steps[step2].fn;
  const fn = runner.config.functions[fnName];
  const context = handlerContext({ name: fnName, memoryMb: fn.memoryMb, timeoutMs: fn.timeoutMs, architectures: [] }, seed, step2, itemIndex);
  if (runner.remainingMs) context.getRemainingTimeInMillis = runner.remainingMs;
  const where = itemIndex === void 0 ? `step '${step2}'` : `step '${step2}' item ${itemIndex}`;
  let value;
  try {
    value = await runner.handlers[fnName](structuredClone(event), context);
  } catch (error) {
    throw new StepFailure(`${where} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return overTheWire(step2, value);
  } catch (error) {
    throw new StepFailure(`${where} returned a value that is not JSON: ${error.message}`);
  }
}
async function nextState(runner, unitId, unit, values, bag) {
  const out = { ...bag.out };
  const deleted = unit.delete.map((step2) => out[runner.config.steps[step2].name]).filter((r) => r !== void 0);
  for (const step2 of unit.drop) delete out[runner.config.steps[step2].name];
  const sched = { ...bag.sched };
  await Promise.all(
    Object.entries(unit.writes).map(async ([step2, mode]) => {
      if (!values.local.has(step2)) return;
      const name = runner.config.steps[step2].name;
      out[name] = await storeValue(mode, `${runner.config.prefix}/${values.seed}/${name}.json`, values.local.get(step2));
    })
  );
  for (const [step2, maps] of Object.entries(unit.schedules)) {
    const value = values.local.get(step2);
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

// fixtures/video/handlers/lib/codec.mjs
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { createHash as createHash3 } from "node:crypto";
var BLOCK = 8;
var SEARCH = 4;
var TYPES = { I: 0, P: 1 };
var TYPE_NAMES = ["I", "P"];
var COS = new Float64Array(64);
for (let k = 0; k < 8; k++) {
  const scale = k === 0 ? Math.sqrt(1 / 8) : Math.sqrt(2 / 8);
  for (let n = 0; n < 8; n++) COS[k * 8 + n] = scale * Math.cos((2 * n + 1) * k * Math.PI / 16);
}
function synthFrame(clip, t) {
  const { width, height } = clip;
  const frame = new Uint8Array(width * height);
  const colWave = new Float64Array(width);
  const rowWave = new Float64Array(height);
  for (let x = 0; x < width; x++) colWave[x] = Math.sin((x + 2 * t) / 17);
  for (let y = 0; y < height; y++) rowWave[y] = Math.cos((y - t) / 23);
  const discs = discsOf(clip);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 128 + 60 * colWave[x] * rowWave[y] + noise(clip.seed, x + 2 * t, y - t);
      for (const d of discs) {
        const dx = x - (d.x + d.vx * t);
        const dy = y - (d.y + d.vy * t);
        if (dx * dx + dy * dy < d.r * d.r) v = d.luma;
      }
      frame[y * width + x] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
  }
  return frame;
}
function discsOf(clip) {
  const out = [];
  let h = hash32(clip.seed, 7, 11);
  for (let i = 0; i < 3; i++) {
    h = hash32(h, i, 3);
    out.push({
      x: h % clip.width,
      y: (h >>> 8) % clip.height,
      vx: (h >>> 16) % 7 - 3,
      vy: (h >>> 20) % 5 - 2,
      r: 4 + (h >>> 24) % Math.max(4, clip.width >> 4),
      luma: 30 + (h >>> 4) % 200
    });
  }
  return out;
}
function noise(seed, x, y) {
  return (hash32(seed, x, y) & 7) - 3.5;
}
function hash32(a, b, c) {
  let h = (Math.imul(a | 0, 2654435761) ^ Math.imul(b | 0, 2246822519) ^ Math.imul(c | 0, 3266489917)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 2146121005) >>> 0;
  h ^= h >>> 15;
  return h >>> 0;
}
function sha256(bytes) {
  return createHash3("sha256").update(bytes).digest("hex");
}
function encodeFrame(frame, reference, type, clip, vectors) {
  const { width, height, quality } = clip;
  const blocksX = width / BLOCK;
  const blocks = blocksX * (height / BLOCK);
  const mvs = new Int8Array(blocks * 2);
  const coeffs = new Int16Array(blocks * 64);
  const residual = new Float64Array(64);
  const out = new Float64Array(64);
  for (let b = 0; b < blocks; b++) {
    const bx = b % blocksX * BLOCK;
    const by = Math.floor(b / blocksX) * BLOCK;
    let mx = 0;
    let my = 0;
    if (type !== "I") {
      if (vectors) [mx, my] = motionSearch(frame, reference, bx, by, width, height, vectors[b * 2], vectors[b * 2 + 1], 1);
      else [mx, my] = motionSearch(frame, reference, bx, by, width, height, 0, 0, SEARCH);
    }
    mvs[b * 2] = mx;
    mvs[b * 2 + 1] = my;
    for (let y = 0; y < BLOCK; y++) {
      for (let x = 0; x < BLOCK; x++) {
        const target = frame[(by + y) * width + bx + x];
        const predicted = type === "I" ? 128 : reference[(by + y + my) * width + bx + x + mx];
        residual[y * 8 + x] = target - predicted;
      }
    }
    dct(residual, out);
    for (let i = 0; i < 64; i++) coeffs[b * 64 + i] = Math.round(out[i] / step(i, quality));
  }
  const coded = { type, mvs, coeffs };
  return { coded, recon: decodeFrame(coded, reference, clip) };
}
function decodeFrame(coded, reference, clip) {
  const { width, height, quality } = clip;
  const blocksX = width / BLOCK;
  const blocks = blocksX * (height / BLOCK);
  const recon = new Uint8Array(width * height);
  const coeff = new Float64Array(64);
  const residual = new Float64Array(64);
  for (let b = 0; b < blocks; b++) {
    const bx = b % blocksX * BLOCK;
    const by = Math.floor(b / blocksX) * BLOCK;
    const mx = coded.mvs[b * 2];
    const my = coded.mvs[b * 2 + 1];
    for (let i = 0; i < 64; i++) coeff[i] = coded.coeffs[b * 64 + i] * step(i, quality);
    idct(coeff, residual);
    for (let y = 0; y < BLOCK; y++) {
      for (let x = 0; x < BLOCK; x++) {
        const predicted = coded.type === "I" ? 128 : reference[(by + y + my) * width + bx + x + mx];
        const v = Math.round(predicted + residual[y * 8 + x]);
        recon[(by + y) * width + bx + x] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  return recon;
}
function motionSearch(frame, reference, bx, by, width, height, cx, cy, radius) {
  let best = Infinity;
  let bestX = 0;
  let bestY = 0;
  for (let my = Math.max(-SEARCH, cy - radius); my <= Math.min(SEARCH, cy + radius); my++) {
    if (by + my < 0 || by + my + BLOCK > height) continue;
    for (let mx = Math.max(-SEARCH, cx - radius); mx <= Math.min(SEARCH, cx + radius); mx++) {
      if (bx + mx < 0 || bx + mx + BLOCK > width) continue;
      let sad = 0;
      for (let y = 0; y < BLOCK && sad < best; y++) {
        const row = (by + y) * width + bx;
        const refRow = (by + y + my) * width + bx + mx;
        for (let x = 0; x < BLOCK; x++) sad += Math.abs(frame[row + x] - reference[refRow + x]);
      }
      if (sad < best) {
        best = sad;
        bestX = mx;
        bestY = my;
      }
    }
  }
  return [bestX, bestY];
}
function step(i, quality) {
  return quality * (1 + ((i >> 3) + (i & 7)) / 4);
}
function dct(input, out) {
  const tmp = new Float64Array(64);
  for (let k = 0; k < 8; k++) for (let x = 0; x < 8; x++) {
    let s = 0;
    for (let n = 0; n < 8; n++) s += COS[k * 8 + n] * input[n * 8 + x];
    tmp[k * 8 + x] = s;
  }
  for (let k = 0; k < 8; k++) for (let l = 0; l < 8; l++) {
    let s = 0;
    for (let n = 0; n < 8; n++) s += tmp[k * 8 + n] * COS[l * 8 + n];
    out[k * 8 + l] = s;
  }
}
function idct(input, out) {
  const tmp = new Float64Array(64);
  for (let n = 0; n < 8; n++) for (let l = 0; l < 8; l++) {
    let s = 0;
    for (let k = 0; k < 8; k++) s += COS[k * 8 + n] * input[k * 8 + l];
    tmp[n * 8 + l] = s;
  }
  for (let n = 0; n < 8; n++) for (let m = 0; m < 8; m++) {
    let s = 0;
    for (let l = 0; l < 8; l++) s += tmp[n * 8 + l] * COS[l * 8 + m];
    out[n * 8 + m] = s;
  }
}
function packStream(codedFrames) {
  const parts = [];
  for (const f of codedFrames) {
    parts.push(Buffer.from([TYPES[f.type]]), Buffer.from(f.mvs.buffer, f.mvs.byteOffset, f.mvs.byteLength));
    parts.push(Buffer.from(f.coeffs.buffer, f.coeffs.byteOffset, f.coeffs.byteLength));
  }
  return deflateRawSync(Buffer.concat(parts), { level: 6 }).toString("base64");
}
function unpackStream(stream, clip) {
  const raw = inflateRawSync(Buffer.from(stream, "base64"));
  const blocks = clip.width / BLOCK * (clip.height / BLOCK);
  const frameBytes = 1 + blocks * 2 + blocks * 128;
  const frames = [];
  for (let at = 0; at + frameBytes <= raw.length; at += frameBytes) {
    const copy = Buffer.from(raw.subarray(at, at + frameBytes));
    frames.push({
      type: TYPE_NAMES[copy[0]],
      mvs: new Int8Array(copy.buffer, copy.byteOffset + 1, blocks * 2),
      coeffs: new Int16Array(copy.buffer.slice(copy.byteOffset + 1 + blocks * 2, copy.byteOffset + frameBytes))
    });
  }
  return frames;
}

// fixtures/video/handlers/stitch.mjs
async function handler(event) {
  const { clip } = event.split;
  const chunks = event.rebase.items;
  const coded = [];
  let state = null;
  let frame = 0;
  let squaredError = 0;
  for (const chunk of chunks) {
    if (chunk.firstFrame !== frame) throw new Error(`chunk ${chunk.chunk} starts at frame ${chunk.firstFrame}, expected ${frame}`);
    for (const rebased of unpackStream(chunk.stream, clip)) {
      const original = synthFrame(clip, frame);
      const type = state === null ? "I" : "P";
      const { coded: out, recon } = encodeFrame(original, state, type, clip, type === "P" ? rebased.mvs : void 0);
      for (let i = 0; i < recon.length; i++) squaredError += (recon[i] - original[i]) ** 2;
      coded.push(out);
      state = recon;
      frame++;
    }
  }
  const stream = Buffer.from(packStream(coded), "base64");
  const mse = squaredError / (frame * clip.width * clip.height);
  return {
    frames: frame,
    bytes: stream.length,
    keyframes: coded.filter((f) => f.type === "I").length,
    chunkBytes: chunks.reduce((sum, c) => sum + c.bytes, 0),
    psnr: mse === 0 ? 99 : Math.round(10 * Math.log10(255 * 255 / mse) * 1e3) / 1e3,
    lastFrameSha256: sha256(state),
    streamSha256: sha256(stream)
  };
}

// index.mjs
var config = {
  "app": "video",
  "functions": {
    "stitch": {
      "memoryMb": 1024,
      "timeoutMs": 12e4
    }
  },
  "itemConcurrency": 1,
  "key": "stitch",
  "prefix": "stitch",
  "steps": {
    "encode": {
      "fn": "encode",
      "kind": "map",
      "name": "encode",
      "needs": [
        "split"
      ]
    },
    "pair": {
      "fn": "pair",
      "kind": "task",
      "name": "pair",
      "needs": [
        "encode",
        "split"
      ]
    },
    "rebase": {
      "fn": "rebase",
      "kind": "map",
      "name": "rebase",
      "needs": [
        "pair"
      ]
    },
    "split": {
      "fn": "split",
      "kind": "task",
      "name": "split",
      "needs": []
    },
    "stitch": {
      "fn": "stitch",
      "kind": "task",
      "name": "stitch",
      "needs": [
        "rebase",
        "split"
      ]
    }
  },
  "units": {
    "stitch": {
      "delete": [],
      "drop": [
        "encode",
        "pair",
        "rebase",
        "split"
      ],
      "kind": "task",
      "schedules": {},
      "steps": [
        "stitch"
      ],
      "warm": [],
      "writes": {
        "stitch": "inline"
      }
    }
  }
};
var handler2 = createLambdaHandler(config, { "stitch": handler });
export {
  handler2 as handler
};
