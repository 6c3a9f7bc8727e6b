// The prior a function with few cold samples shrinks toward: the app's other
// functions' cold samples (src/model/cold-prior.ts), worked by hand.
import assert from 'node:assert/strict';
import { withColdPriors } from '../../src/model/cold-prior.ts';
import { coldEvidenceWarnings, durationModel } from '../../src/model/duration-model.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { exactProfile } from '../helpers/exact-profile.ts';

const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-9 * Math.abs(want), `${what}: ${got} vs ${want}`);

/** Warm `warmMs` at 1024 MB (20 samples), with the given cold samples. */
function fn(name: string, warmMs: number, coldDurationsMs: number[]): FunctionProfile {
  return exactProfile(name, () => warmMs, { count: 20, memoryMb: 1024, coldDurationsMs, initDurationsMs: coldDurationsMs.map(() => 200) });
}

const factor = (profiles: Map<string, FunctionProfile>, name: string) => durationModel(profiles.get(name)!, 'x86_64')!.coldFactor(1024);

describe('cold prior from the app\'s other functions', () => {
  // a: 2 cold samples at ×3; b: 8 at ×8 (enough of its own); c: none.
  const app = () => new Map([['a', fn('a', 100, [300, 300])], ['b', fn('b', 50, Array(8).fill(400))], ['c', fn('c', 200, [])]]);

  it('shrinks 2 cold samples toward the others\' factor, not toward ×1: exp(½·ln 3 + ½·ln 8) = √24', () => {
    // a's own: ln 3 from 2 samples, credibility √(2/8) = ½; the prior: b's 8 samples, median ln 8, credibility 1.
    close(factor(withColdPriors(app()), 'a'), Math.sqrt(24), 'a');
    // Read alone, as before the prior: ×3 shrunk toward ×1, exp(½·ln 3) = √3.
    close(factor(app(), 'a'), Math.sqrt(3), 'a alone');
  });

  it('gives a function with no cold sample the others\' factor: median of a\'s 2 and b\'s 8 log ratios, ln 8', () => {
    close(factor(withColdPriors(app()), 'c'), 8, 'c');
    assert.equal(factor(app(), 'c'), 1);
  });

  it('keeps a function with 8 or more cold samples its own factor, and its profile object', () => {
    const input = app();
    const withPriors = withColdPriors(input);
    close(factor(withPriors, 'b'), 8, 'b');
    assert.equal(withPriors.get('b'), input.get('b'));
    assert.notEqual(withPriors.get('a'), input.get('a'));
    assert.equal(input.get('a')!.architectures.x86_64!.coldPrior, undefined, 'the profiles read are not changed');
  });

  it('weighs a thin prior by its own credibility: 1 to 7 cold samples across the app', () => {
    // Only a (2 samples at ×3) and c (none): c's prior is a's, median ln 3 at credibility ½ → √3;
    // a's prior is nothing (c measured no cold start): ×1, so a stays √3.
    const two = withColdPriors(new Map([['a', fn('a', 100, [300, 300])], ['c', fn('c', 200, [])]]));
    close(factor(two, 'c'), Math.sqrt(3), 'c');
    close(factor(two, 'a'), Math.sqrt(3), 'a');
    // d with 1 sample at ×2 beside b's 7 at ×4: d = exp(√(1/8)·ln 2 + (1 − √(1/8))·√(7/8)·ln 4); b = exp(√(7/8)·ln 4 + (1 − √(7/8))·√(1/8)·ln 2).
    const pair = withColdPriors(new Map([['d', fn('d', 100, [200])], ['b', fn('b', 50, Array(7).fill(200))]]));
    const zd = Math.sqrt(1 / 8);
    const zb = Math.sqrt(7 / 8);
    close(factor(pair, 'd'), Math.exp(zd * Math.log(2) + (1 - zd) * zb * Math.log(4)), 'd');
    close(factor(pair, 'b'), Math.exp(zb * Math.log(4) + (1 - zb) * zd * Math.log(2)), 'b');
  });

  it('says in its warning what it shrank toward', () => {
    const profiles = withColdPriors(app());
    const [warning] = coldEvidenceWarnings(profiles.get('a')!);
    assert.equal(warning!.code, 'DAGC0121');
    assert.match(warning!.message, /2 cold samples .*×4\.90 .*measured ×3\.00, shrunk toward ×8\.00, the app's other functions' cold samples \(8 from 1\)/);
  });
});
