// Tests from the mutation run's survivors in memory-options.ts (issue 26): a grid size exactly at the footprint plus
// its headroom is offered (the strategy's and the user's grids, not only `measured`), and an architecture with
// measurements but no fitted model is usable.
import assert from 'node:assert/strict';
import { candidateConfigurations, usableArchitectures } from '../../src/passes/memory-options.ts';
import { functionInfo } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

describe('memory options (mutation survivors)', () => {
  it('offers a grid size exactly at the footprint plus its headroom', () => {
    // Footprint 160 MB: 10 % is 16 MB, so 176 MB is the least that fits; 175 does not.
    const profile = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 160 } });
    const sizes = (fn: ReturnType<typeof functionInfo>, gridMb?: number[]) => candidateConfigurations(fn, profile, gridMb ? { gridMb } : {}).map((o) => o.memoryMb);
    assert.deepEqual(sizes(functionInfo('f'), [175, 176, 512]), [176, 512]);
    assert.deepEqual(sizes(functionInfo('f', { memoryGrid: { kind: 'list', sizesMb: [175, 176, 512] } })), [176, 512]);
    // Footprint 112 MB: 112 + 16 = 128, the grid's smallest size.
    const small = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 112 } });
    assert.equal(candidateConfigurations(functionInfo('f'), small)[0]!.memoryMb, 128);
  });

  it('counts an architecture with measurements and no fitted model as usable', () => {
    const fn = functionInfo('f', { architectures: ['arm64', 'x86_64'] });
    const profile = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1 }, arm64: { serialMs: 1, parallelMs: 1 } });
    profile.architectures.arm64 = { measurements: profile.architectures.arm64!.measurements };
    assert.deepEqual(usableArchitectures(fn, profile), ['arm64', 'x86_64']);
    assert.deepEqual(new Set(candidateConfigurations(fn, profile, { gridMb: [1024] }).map((o) => o.architecture)), new Set(['arm64', 'x86_64']));
  });
});
