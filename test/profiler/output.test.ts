import assert from 'node:assert/strict';
import { DagcUserError } from '../../src/diagnostics/diagnostic.ts';
import { spendOf } from '../../src/profiler/cost.ts';
import { parseInvocations, parseMemoryList } from '../../src/profiler/option-parsing.ts';
import { chooseProgressMode, progressPrinter } from '../../src/profiler/progress.ts';
import { renderRunReport, runReportJson, totalSpend, type FunctionReport } from '../../src/profiler/summary.ts';
import type { ReportRecord } from '../../src/profiler/report-line.ts';

const codeOf = (error: unknown) => (error instanceof DagcUserError ? error.diagnostics[0]!.code : String(error));

describe('dagc profile options', () => {
  it('reads --memory lists sorted and without repeats, refusing sizes Lambda does not offer', () => {
    assert.deepEqual(parseMemoryList('1024, 128,256,1024', 128, 10240), [128, 256, 1024]);
    assert.throws(() => parseMemoryList('64,128', 128, 10240), (e) => codeOf(e) === 'DAGC0255');
    assert.throws(() => parseMemoryList('1.5GB', 128, 10240), (e) => codeOf(e) === 'DAGC0255');
    assert.throws(() => parseMemoryList(',', 128, 10240), (e) => codeOf(e) === 'DAGC0255');
  });

  it('reads --invocations as a whole number of at least one', () => {
    assert.equal(parseInvocations('10'), 10);
    assert.throws(() => parseInvocations('0'), (e) => codeOf(e) === 'DAGC0256');
    assert.throws(() => parseInvocations('ten'), (e) => codeOf(e) === 'DAGC0256');
  });
});

describe('progress output', () => {
  const sample = (durationMs: number, cold: boolean): ReportRecord => ({
    durationMs,
    billedDurationMs: Math.ceil(durationMs),
    memorySizeMb: 512,
    maxMemoryUsedMb: 60,
    status: 'success',
    ...(cold ? { initDurationMs: 100 } : {}),
  });

  it('draws a bar on a terminal, plain lines in CI or a pipe, and nothing with --json', () => {
    assert.equal(chooseProgressMode({ json: false, isTty: true, env: {} }), 'tty');
    assert.equal(chooseProgressMode({ json: false, isTty: true, env: { CI: 'true' } }), 'plain');
    assert.equal(chooseProgressMode({ json: false, isTty: false, env: {} }), 'plain');
    assert.equal(chooseProgressMode({ json: true, isTty: true, env: {} }), 'silent');
  });

  it('prints one line per sample in plain mode and redraws one line on a terminal', () => {
    for (const mode of ['plain', 'tty', 'silent'] as const) {
      let text = '';
      const print = progressPrinter(mode, (chunk) => (text += chunk));
      print({ kind: 'app-start', functions: 2 });
      print({ kind: 'function-start', function: 'f', deployedName: 'f', resumedSamples: 3, originalMemoryMb: 512 });
      print({ kind: 'sample', function: 'f', memoryMb: 512, phase: 'ladder', report: sample(10, true), invocations: 1 });
      print({ kind: 'sample', function: 'f', memoryMb: 512, phase: 'ladder', report: sample(8, false), invocations: 2 });
      print.finish();
      if (mode === 'silent') assert.equal(text, '');
      if (mode === 'plain') {
        assert.match(text, /resuming after 3 saved samples/);
        assert.match(text, /f: 512 MB ladder #1 10\.0 ms cold\n.*#2 8\.0 ms warm\n/);
        assert.doesNotMatch(text, /\r/);
      }
      if (mode === 'tty') {
        assert.equal(text.split('\r\x1b[K').length - 1, 2);
        assert.match(text, /\[\.+\] 1\/2 f 512 MB · 2 invocations · 8\.0 ms warm\n$/);
      }
    }
  });
});

describe('run summary', () => {
  const reports: ReportRecord[] = [
    { durationMs: 1000, billedDurationMs: 1000, memorySizeMb: 1024, maxMemoryUsedMb: 1, status: 'success' },
    { durationMs: 499.2, billedDurationMs: 500, memorySizeMb: 2048, maxMemoryUsedMb: 1, status: 'success' },
  ];

  it('charges billed GB-seconds at the given price plus the request price', () => {
    const spend = spendOf(reports, { perGbSecondUsd: 0.001, perRequestUsd: 0.5 });
    assert.equal(spend.billedGbSeconds, 2);
    assert.equal(spend.costUsd, 0.002 + 1);
    assert.equal(spendOf(reports, undefined).costUsd, undefined);
  });

  it('renders the same table and JSON for the same run', () => {
    const fn: FunctionReport = {
      function: 'resize',
      architecture: 'arm64',
      source: 'emulator',
      measuredMb: [128, 256],
      flatFromMb: 256,
      spend: spendOf(reports, { perGbSecondUsd: 0.0000133334, perRequestUsd: 0.0000002 }),
      invocationsThisRun: 1,
      profilePath: 'profiles/resize.json',
    };
    const report = { app: 'demo', mode: 'invoke' as const, region: 'local', endpoint: 'http://127.0.0.1:9', functions: [fn], skipped: [], interrupted: false, totals: totalSpend([fn]) };
    const text = renderRunReport(report);
    assert.match(text, /resize\s+arm64\s+128,256 \(flat from 256\)\s+2 \(1 this run\)\s+2\.000\s+\$0\.000027/);
    assert.equal(text, renderRunReport(report));
    const json = JSON.parse(runReportJson(report));
    assert.equal(json.totals.invocations, 2);
    assert.equal(json.functions[0].spend.billedGbSeconds, 2);
  });
});
