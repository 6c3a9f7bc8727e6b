import assert from 'node:assert/strict';
import { readTraceFile } from '../../src/calibrate/trace-file.ts';
import { profilesFromTrace } from '../../src/calibrate/trace-profiles.ts';

const TRIP = 'data/sebs-flow/traces/6200.trip-booking__aws_2024_warm_128.csv';

describe('profiles from a trace file\'s Lambda durations', () => {
  const trace = readTraceFile(TRIP, 'trip.csv');
  const usable = trace.invocations.filter((r) => r.durationMs !== undefined && (!r.cold || r.initMs !== undefined));

  it('profiles each traced function from its own rows with provider fields, and nothing it has no row of', () => {
    const profiles = profilesFromTrace(trace, 128);
    assert.deepEqual([...profiles.keys()], ['cancel_flight', 'cancel_hotel', 'cancel_rental', 'reserve_flight', 'reserve_hotel', 'reserve_rental']);
    const rental = profiles.get('reserve_rental')!.architectures.x86_64!.measurements[0]!;
    const own = usable.filter((r) => r.func === 'reserve_rental');
    assert.equal(rental.warmDurationsMs.length + rental.coldDurationsMs.length, own.length);
    assert.deepEqual([...rental.initDurationsMs].sort(), own.filter((r) => r.cold).map((r) => r.initMs!).sort());
  });

  it('gives a function with no row (a state that failed) the durations of the file\'s measured functions pooled, saying so', () => {
    const profiles = profilesFromTrace(trace, 128, { standInFor: ['confirm', 'reserve_hotel'] });
    const confirm = profiles.get('confirm')!;
    const m = confirm.architectures.x86_64!.measurements[0]!;
    assert.equal(m.memoryMb, 128);
    assert.equal(m.warmDurationsMs.length, usable.filter((r) => !r.cold).length);
    assert.equal(m.coldDurationsMs.length, usable.filter((r) => r.cold).length);
    assert.match(confirm.source.description ?? '', /stand-in: trip\.csv has no row of confirm/);
    // A function with rows keeps its own profile even when named.
    assert.match(profiles.get('reserve_hotel')!.source.description ?? '', /^Lambda durations of reserve_hotel/);
  });
});
