import assert from 'node:assert/strict';
import { candidateConfigurations, configurationOption, DEFAULT_MEMORY_GRID_MB, footprintMb, minimumFittingMb, usableArchitectures } from '../../src/passes/memory-options.ts';
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

describe('memory options: footprints, grids and bounds', () => {
  it('needs no memory for a function with no measured footprint, and 10 % or at least 16 MB over one', () => {
    assert.equal(minimumFittingMb(0), 0);
    assert.equal(minimumFittingMb(-5), 0);
    assert.equal(minimumFittingMb(160), 176, 'exactly where 10 % is 16 MB');
    assert.equal(minimumFittingMb(1000), 1100);
    assert.equal(minimumFittingMb(1), 17);
  });

  it("reads an architecture's footprint as 0 when it was not measured, and the largest across architectures without one", () => {
    const profile = profileOf('f', { arm64: { serialMs: 1, parallelMs: 1, footprintMb: 300 }, x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 90 } });
    assert.equal(footprintMb(profile), 300);
    assert.equal(footprintMb(profile, 'x86_64'), 90);
    const onlyX86 = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 90 } });
    assert.equal(footprintMb(onlyX86, 'arm64'), 0);
  });

  it('hands out one frozen option object per memory size and architecture', () => {
    const a = configurationOption(1024, 'x86_64');
    assert.equal(configurationOption(1024, 'x86_64'), a);
    assert.notEqual(configurationOption(1024, 'arm64'), a);
    assert.notEqual(configurationOption(2048, 'x86_64'), a);
    assert.deepEqual(configurationOption(2048, 'arm64'), { memoryMb: 2048, architecture: 'arm64' });
    assert.ok(Object.isFrozen(a));
  });

  it('counts an architecture as usable with measurements or a fitted model, in the order the spec lists them', () => {
    const fn = functionInfo('f', { architectures: ['arm64', 'x86_64'] });
    const profile = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1 }, arm64: { serialMs: 1, parallelMs: 1 } });
    assert.deepEqual(usableArchitectures(fn, profile), ['arm64', 'x86_64']);
    profile.architectures.arm64 = { ...profile.architectures.arm64!, measurements: [] };
    assert.deepEqual(usableArchitectures(fn, profile), ['arm64', 'x86_64'], 'a fitted model alone');
    profile.architectures.arm64 = { measurements: [] };
    assert.deepEqual(usableArchitectures(fn, profile), ['x86_64'], 'neither');
    assert.deepEqual(usableArchitectures(fn, undefined), ['arm64']);
  });

  it("applies the other architecture's footprint to one that has a model but no measurement", () => {
    const fn = functionInfo('f', { architectures: ['x86_64', 'arm64'] });
    const profile = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 600 }, arm64: { serialMs: 1, parallelMs: 1 } });
    profile.architectures.arm64 = { ...profile.architectures.arm64!, measurements: [] };
    assert.deepEqual(candidateConfigurations(fn, profile, { gridMb: [512, 768] }), [
      { memoryMb: 768, architecture: 'x86_64' },
      { memoryMb: 768, architecture: 'arm64' },
    ]);
  });

  it("uses a strategy's grid, sorted and without repeats, clipped to each function's own bounds", () => {
    const grid = [1024, 256, 1024, 512];
    const profile = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 10 } });
    const sizes = (fn: ReturnType<typeof functionInfo>) => candidateConfigurations(fn, profile, { gridMb: grid }).map((o) => o.memoryMb);
    assert.deepEqual(sizes(functionInfo('f', { minMemoryMb: 512 })), [512, 1024]);
    assert.deepEqual(sizes(functionInfo('f')), [256, 512, 1024], 'another function with other bounds over the same grid');
    assert.deepEqual(sizes(functionInfo('f', { maxMemoryMb: 512 })), [256, 512]);
    assert.deepEqual(sizes(functionInfo('f', { minMemoryMb: 512, maxMemoryMb: 512 })), [512], 'both bounds inclusive');
    assert.deepEqual(sizes(functionInfo('f', { minMemoryMb: 300, maxMemoryMb: 300 })), [300], 'bounds that exclude the grid, once');
    assert.deepEqual(sizes(functionInfo('f', { minMemoryMb: 2000 })), [2000], 'only a lower bound past the grid');
  });

  it('offers a user list within the bounds as given, sorted without repeats, never the bounds in its place', () => {
    const profile = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 10 } });
    const list = (sizesMb: number[], bounds: { minMemoryMb?: number; maxMemoryMb?: number } = {}) =>
      candidateConfigurations(functionInfo('f', { ...bounds, memoryGrid: { kind: 'list', sizesMb } }), profile).map((o) => o.memoryMb);
    assert.deepEqual(list([700, 300, 700]), [300, 700]);
    assert.deepEqual(list([300, 5000], { maxMemoryMb: 4096 }), [300]);
    assert.deepEqual(list([5000], { maxMemoryMb: 4096 }), []);
  });

  it('offers under `measured` each architecture its own measured sizes, merged by memory then the spec order, each over its own footprint', () => {
    const fn = functionInfo('f', { architectures: ['arm64', 'x86_64'], memoryGrid: { kind: 'measured' } });
    const profile = profileOf('f', {
      x86_64: { serialMs: 1, parallelMs: 1, measuredMb: [1024, 512], footprintMb: 100 },
      arm64: { serialMs: 1, parallelMs: 1, measuredMb: [768, 512, 300], footprintMb: 400 },
    });
    assert.deepEqual(candidateConfigurations(fn, profile), [
      { memoryMb: 512, architecture: 'arm64' },
      { memoryMb: 512, architecture: 'x86_64' },
      { memoryMb: 768, architecture: 'arm64' },
      { memoryMb: 1024, architecture: 'x86_64' },
    ]);
    const bounded = functionInfo('f', { architectures: ['arm64', 'x86_64'], memoryGrid: { kind: 'measured' }, minMemoryMb: 600, maxMemoryMb: 800 });
    assert.deepEqual(candidateConfigurations(bounded, profile), [{ memoryMb: 768, architecture: 'arm64' }]);
  });

  it('offers under `all` the grid and every measured size, and the bounds when they exclude all of them', () => {
    const profile = profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1, measuredMb: [700, 3000], footprintMb: 10 } });
    const all = (bounds: { minMemoryMb?: number; maxMemoryMb?: number } = {}) =>
      candidateConfigurations(functionInfo('f', { ...bounds, memoryGrid: { kind: 'all' } }), profile, { gridMb: [512, 1024] }).map((o) => o.memoryMb);
    assert.deepEqual(all(), [512, 700, 1024, 3000]);
    assert.deepEqual(all({ minMemoryMb: 600, maxMemoryMb: 800 }), [700]);
    assert.deepEqual(all({ minMemoryMb: 1100, maxMemoryMb: 2000 }), [1100, 2000]);
    const defaultGrid = candidateConfigurations(functionInfo('f', { memoryGrid: { kind: 'all' } }), profile).map((o) => o.memoryMb);
    assert.deepEqual(defaultGrid, [...new Set([...DEFAULT_MEMORY_GRID_MB, 700, 3000])].sort((a, b) => a - b));
  });

  it('keeps a measured size exactly at the footprint plus its headroom, and puts equal sizes in the spec\'s architecture order', () => {
    // Footprint 160 MB: at least 176 MB.
    const profile = profileOf('f', {
      x86_64: { serialMs: 1, parallelMs: 1, measuredMb: [175, 176, 512], footprintMb: 160 },
      arm64: { serialMs: 1, parallelMs: 1, measuredMb: [512], footprintMb: 10 },
    });
    const x86First = functionInfo('f', { architectures: ['x86_64', 'arm64'], memoryGrid: { kind: 'measured' } });
    assert.deepEqual(candidateConfigurations(x86First, profile), [
      { memoryMb: 176, architecture: 'x86_64' },
      { memoryMb: 512, architecture: 'x86_64' },
      { memoryMb: 512, architecture: 'arm64' },
    ]);
    const armFirst = functionInfo('f', { architectures: ['arm64', 'x86_64'], memoryGrid: { kind: 'measured' } });
    assert.deepEqual(candidateConfigurations(armFirst, profile).map((o) => `${o.memoryMb} ${o.architecture}`), ['176 x86_64', '512 arm64', '512 x86_64']);
  });
});
