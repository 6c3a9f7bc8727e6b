import assert from 'node:assert/strict';
import { candidateConfigurations, DEFAULT_MEMORY_GRID_MB, footprintMb, minimumFittingMb } from '../../src/passes/memory-options.ts';
import { functionInfo } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

describe('candidateConfigurations', () => {
  it('offers the whole default grid, ascending, for a small function on one architecture', () => {
    const options = candidateConfigurations(functionInfo('f'), profileOf('f', { x86_64: { serialMs: 10, parallelMs: 100, footprintMb: 40 } }));
    assert.deepEqual(options.map((o) => o.memoryMb), [...DEFAULT_MEMORY_GRID_MB]);
    assert.ok(options.every((o) => o.architecture === 'x86_64'));
  });

  it('holds every whole-vCPU boundary below the 10240 MB limit', () => {
    for (let vcpu = 1; vcpu * 1769 <= 10240; vcpu++) assert.ok(DEFAULT_MEMORY_GRID_MB.includes(vcpu * 1769), `${vcpu * 1769}`);
  });

  it('drops sizes that leave too little headroom over the footprint', () => {
    const options = candidateConfigurations(functionInfo('f'), profileOf('f', { x86_64: { serialMs: 10, parallelMs: 100, footprintMb: 480 } }));
    // 480 MB + 48 MB headroom = 528 MB: 512 is out, 768 is the smallest left.
    assert.equal(options[0]?.memoryMb, 768);
    assert.equal(minimumFittingMb(480), 528);
    assert.equal(minimumFittingMb(100), 116);
  });

  it('clips to the function\'s min and max memory', () => {
    const fn = functionInfo('f', { minMemoryMb: 512, maxMemoryMb: 2048 });
    const options = candidateConfigurations(fn, profileOf('f', { x86_64: { serialMs: 10, parallelMs: 100 } }));
    assert.deepEqual(options.map((o) => o.memoryMb), [512, 768, 1024, 1536, 1769, 2048]);
  });

  it('falls back to the bounds themselves when they exclude every grid size', () => {
    const fn = functionInfo('f', { minMemoryMb: 300, maxMemoryMb: 400 });
    assert.deepEqual(candidateConfigurations(fn, undefined).map((o) => o.memoryMb), [300, 400]);
  });

  it('is empty when nothing fits the footprint, so the caller can report it', () => {
    const fn = functionInfo('f', { maxMemoryMb: 1024 });
    assert.deepEqual(candidateConfigurations(fn, profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 1000 } })), []);
  });

  it('offers an architecture only when the spec allows it and the profile has data for it', () => {
    const both = functionInfo('f', { architectures: ['arm64', 'x86_64'] });
    const onlyX86 = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1 } });
    assert.deepEqual(new Set(candidateConfigurations(both, onlyX86).map((o) => o.architecture)), new Set(['x86_64']));
    const profiledBoth = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1 }, arm64: { serialMs: 1, parallelMs: 1 } });
    const options = candidateConfigurations(both, profiledBoth, { gridMb: [1024, 128] });
    assert.deepEqual(options, [
      { memoryMb: 128, architecture: 'arm64' },
      { memoryMb: 128, architecture: 'x86_64' },
      { memoryMb: 1024, architecture: 'arm64' },
      { memoryMb: 1024, architecture: 'x86_64' },
    ]);
    const x86Only = functionInfo('f', { architectures: ['x86_64'] });
    assert.deepEqual(new Set(candidateConfigurations(x86Only, profiledBoth).map((o) => o.architecture)), new Set(['x86_64']));
  });

  it('keeps only today\'s architecture when there is no profile', () => {
    const fn = functionInfo('f', { architectures: ['arm64', 'x86_64'] });
    assert.ok(candidateConfigurations(fn, undefined).every((o) => o.architecture === 'arm64'));
  });

  it('applies each architecture\'s own footprint', () => {
    const fn = functionInfo('f', { architectures: ['x86_64', 'arm64'] });
    const profile = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 600 }, arm64: { serialMs: 1, parallelMs: 1, footprintMb: 200 } });
    const options = candidateConfigurations(fn, profile, { gridMb: [256, 512, 768] });
    assert.deepEqual(options, [
      { memoryMb: 256, architecture: 'arm64' },
      { memoryMb: 512, architecture: 'arm64' },
      { memoryMb: 768, architecture: 'x86_64' },
      { memoryMb: 768, architecture: 'arm64' },
    ]);
    assert.equal(footprintMb(profile), 600);
    assert.equal(footprintMb(profile, 'arm64'), 200);
    assert.equal(footprintMb(undefined), 0);
  });
});
