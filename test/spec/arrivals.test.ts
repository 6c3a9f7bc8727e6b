// The arrival model as users write it: the spec's arrivals section into the
// IR, its warnings, and the --arrivals flag (src/spec/arrivals.ts).
import assert from 'node:assert/strict';
import path from 'node:path';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { loadApp } from '../../src/ir/load-app.ts';
import { parseArrivalsFlag, parseIntervalMs, parseRatePerHour } from '../../src/spec/arrivals.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const samplesDir = path.join(projectRoot, 'test', 'spec', 'samples');

function flagError(text: string): string {
  try {
    parseArrivalsFlag(text);
  } catch (error) {
    if (isUserError(error)) return error.diagnostics.map((d) => d.code).join(',');
    throw error;
  }
  return 'parsed';
}

describe('arrivals in the app spec and on the command line', () => {
  it('reads rates per hour, minute and second, and intervals up to hours', () => {
    assert.equal(parseRatePerHour('60/h'), 60);
    assert.equal(parseRatePerHour('1/min'), 60);
    assert.equal(parseRatePerHour(' 0.5 / s '), 1800);
    assert.equal(parseRatePerHour('60/day'), undefined);
    assert.equal(parseIntervalMs('1h'), 3_600_000);
    assert.equal(parseIntervalMs('90s'), 90_000);
    assert.equal(parseIntervalMs('5m'), 300_000);
  });

  it('turns the spec section into the IR model, and warns (DAGC0028, positioned) that a count is moot when bursts are over the idle lifetime apart', () => {
    const { ir, warnings } = loadApp(path.join(samplesDir, 'valid-arrivals.yaml'));
    assert.deepEqual(ir.arrivals, { ratePerHour: 60, burst: { executions: 30, everyMs: 3_600_000, count: 3 } });
    const moot = warnings.filter((w) => w.code === 'DAGC0028');
    assert.equal(moot.length, 1);
    assert.equal(moot[0]!.severity, 'warning');
    assert.deepEqual([moot[0]!.position?.line, moot[0]!.position?.column], [7, 46]);
  });

  it('leaves the IR without arrivals when the spec has none (the estimator default applies)', () => {
    const { ir } = loadApp(path.join(samplesDir, 'valid-full.yaml'));
    assert.equal(ir.arrivals, undefined);
  });

  it('parses --arrivals rate, burst, burst with bursts per episode, and both', () => {
    assert.deepEqual(parseArrivalsFlag('rate=60/h'), { ratePerHour: 60 });
    assert.deepEqual(parseArrivalsFlag('burst=30@1h'), { ratePerHour: 0, burst: { executions: 30, everyMs: 3_600_000 } });
    assert.deepEqual(parseArrivalsFlag('burst=10@1m×5'), { ratePerHour: 0, burst: { executions: 10, everyMs: 60_000, count: 5 } });
    assert.deepEqual(parseArrivalsFlag('burst=10@30sx4'), { ratePerHour: 0, burst: { executions: 10, everyMs: 30_000, count: 4 } });
    assert.deepEqual(parseArrivalsFlag('rate=2/min,burst=30@1h'), { ratePerHour: 120, burst: { executions: 30, everyMs: 3_600_000 } });
  });

  it('rejects an --arrivals that is no model with DAGC0027', () => {
    for (const text of ['', 'rate=60', 'rate=0/h', 'burst=0@1h', 'burst=30', 'burst=30@0s', 'burst=30@1h×0', 'rate=1/h,rate=2/h', 'speed=3/h', 'rate=1/h=2']) {
      assert.equal(flagError(text), 'DAGC0027', `--arrivals '${text}'`);
    }
  });
});
