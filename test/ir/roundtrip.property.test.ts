// Random DAG specs: written as YAML, loaded, verified and printed. The print is
// independent of the order in which the YAML lists steps, and the IR has the
// exact edges the spec's needs imply.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadAppIr } from '../../src/ir/load-app.ts';
import { print } from '../../src/ir/print.ts';
import { verify } from '../../src/ir/verify.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dagc-roundtrip-'));

/** A DAG as needs lists: step i may only need steps before it, so it is acyclic. */
const randomDag = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.array(fc.nat({ max: 13 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
      fc.array(fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 4096 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([n, rawNeeds, widths, outputs]) => {
    const steps: Record<string, Record<string, unknown>> = {};
    for (let i = 0; i < n; i += 1) {
      const needs = [...new Set(rawNeeds[i]!.filter((j) => j < i).map((j) => `s${j}`))];
      const step: Record<string, unknown> = { function: `f${i % 3}`, output: `${outputs[i]}B` };
      if (needs.length > 0) step.needs = needs;
      if (widths[i] !== undefined) step.map = { width: widths[i] };
      steps[`s${i}`] = step;
    }
    return steps;
  });

function write(name: string, steps: Record<string, Record<string, unknown>>): string {
  const usedFunctions = [...new Set(Object.values(steps).map((s) => s.function as string))].sort();
  const spec = { name: 'random', functions: Object.fromEntries(usedFunctions.map((f) => [f, { memory: 512 }])), steps };
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(spec));
  return file;
}

describe('IR round trip on random DAGs', () => {
  it('builds, verifies and prints the same IR whatever order the YAML lists steps in', () => {
    fc.assert(
      fc.property(randomDag, (steps) => {
        const forward = loadAppIr(write('forward', steps));
        const reversed = loadAppIr(write('reversed', Object.fromEntries(Object.entries(steps).reverse())));
        assert.deepEqual(verify(forward), []);
        assert.equal(print(forward), print(reversed));
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('has exactly the edges that needs imply', () => {
    fc.assert(
      fc.property(randomDag, (steps) => {
        const ir = loadAppIr(write('edges', steps));
        const expected = Object.entries(steps).flatMap(([id, s]) => ((s.needs as string[] | undefined) ?? []).map((n) => `${n}->${id}`));
        const actual = ir.graph.edges().map((e) => `${e.v}->${e.w}`);
        assert.deepEqual(actual.sort(), expected.sort());
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});
