import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { explainArrivals, explainUnmeasuredSizes, formatArrivals } from '../../src/cli/plan-assumptions.ts';
import { main } from '../../src/cli/main.ts';
import { readPlan } from '../../src/codegen/read-plan.ts';
import { parseArrivalsFlag } from '../../src/spec/arrivals.ts';

describe('what explain says a plan assumed', () => {
  it('writes an arrival model as --arrivals reads it back', () => {
    for (const text of ['rate=60/h', 'burst=30@1h', 'rate=12/h,burst=30@1m×5', 'burst=4@90s', 'burst=2@1500ms']) {
      const model = parseArrivalsFlag(text);
      assert.deepEqual(parseArrivalsFlag(formatArrivals(model)), model, text);
    }
  });

  it('says the arrival model and its cold odds: hourly bursts with no steady traffic are all cold waves', () => {
    // Bursts an hour apart find every environment expired (5 min lifetime) and no steady execution kept one warm.
    assert.match(explainArrivals({ ratePerHour: 0, burst: { executions: 30, everyMs: 3_600_000 } }), /\[arrivals\] burst=30@1h, recorded in the plan[^\n]*\n {2}100 % of executions in a cold wave[^\n]*, the others cold at 0 % per invocation/);
    // The default: 60/h steady, cold when no execution came within 5 min: e^−5.
    const text = explainArrivals(undefined);
    assert.match(text, /\[arrivals\] rate=60\/h, the default/);
    assert.match(text, new RegExp(`cold at ${Number((100 * Math.exp(-5)).toPrecision(3))} % per invocation`));
  });

  it('lists each function at a size its profile never measured with its interval, and no measured one', () => {
    // The first committed plan (by name) with a function at a size its profile did not measure: which plan has one changes as plans are regenerated.
    const example = firstUnmeasuredSize();
    assert.ok(example, 'some committed plan sizes a function at a size its profile never measured');
    const { app, fn, measured } = example;
    const { plan } = readPlan(`plans/${app}`);
    const text = explainUnmeasuredSizes(plan, `plans/${app}`);
    const size = plan.functions[fn]!.memoryMb;
    const below = Math.max(...measured.filter((m) => m < size));
    const above = Math.min(...measured.filter((m) => m > size));
    const line = text.split('\n').find((l) => l.includes(`${fn} at`))!;
    assert.ok(line.includes(`between the measured ${below} and ${above} MB`), line);
    const [low, high] = /duration (\d+)–(\d+) ms/.exec(line)!.slice(1).map(Number);
    const used = Number(/the estimate used (\d+) ms/.exec(line)![1]);
    assert.ok(low! <= high! && used === high, line);
    for (const [other, chosen] of Object.entries(plan.functions)) {
      if (measuredSizes(app, other, chosen.architecture).includes(chosen.memoryMb)) assert.ok(!text.includes(`${other} at `), `${other} runs at a measured size`);
    }
  });

  it('says the intervals cannot be shown when the plan\'s app is not where it says, and explain still prints the log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-explain-'));
    copyFileSync('plans/mapreduce/plan.json', path.join(dir, 'plan.json'));
    const { plan } = readPlan(dir);
    assert.match(explainUnmeasuredSizes(plan, dir), /\[unmeasured sizes\] not shown: the plan's app or profiles cannot be read/);
    let out = '';
    const code = await main(['node', 'dagc', 'explain', dir], { stdout: (t) => (out += t), stderr: () => {} });
    assert.equal(code, 0);
    assert.match(out, /\[arrivals\] rate=60\/h/);
    assert.match(out, /\[memory-sizing\]|\[structure\]/);
  });
});

interface ProfileSizes {
  architectures: Record<string, { measurements: Array<{ memoryMb: number }> } | undefined>;
}

function measuredSizes(app: string, fn: string, architecture: string): number[] {
  const profile = JSON.parse(readFileSync(`fixtures/${app}/profiles/${fn}.json`, 'utf8')) as ProfileSizes;
  return (profile.architectures[architecture]?.measurements ?? []).map((m) => m.memoryMb);
}

/** A function of a committed plan at a size between two its profile measured. */
function firstUnmeasuredSize(): { app: string; fn: string; measured: number[] } | undefined {
  for (const app of readdirSync('plans').sort()) {
    if (!existsSync(`plans/${app}/plan.json`)) continue;
    const { plan } = readPlan(`plans/${app}`);
    for (const [fn, chosen] of Object.entries(plan.functions).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!existsSync(`fixtures/${app}/profiles/${fn}.json`)) continue;
      const measured = measuredSizes(app, fn, chosen.architecture);
      if (!measured.includes(chosen.memoryMb) && measured.some((m) => m < chosen.memoryMb) && measured.some((m) => m > chosen.memoryMb)) return { app, fn, measured };
    }
  }
  return undefined;
}
