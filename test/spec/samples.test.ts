// Every sample under test/spec/samples declares what validation must report,
// in its header: `# expect: DAGCnnnn line:col` (one per diagnostic) or
// `# expect: valid`. The test loads each sample and compares code and position.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { loadApp } from '../../src/ir/load-app.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const samplesDir = path.join(projectRoot, 'test', 'spec', 'samples');
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.yaml')).sort();

function expectations(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => /^# expect: (.*)$/.exec(line)?.[1]?.trim())
    .filter((e): e is string => e !== undefined);
}

function reported(file: string): string[] {
  try {
    loadApp(file);
    return ['valid'];
  } catch (error) {
    if (!isUserError(error)) throw error;
    return error.diagnostics.map((d) => `${d.code} ${d.position?.line}:${d.position?.column}`);
  }
}

describe('app spec validation samples', () => {
  it('has a sample for every spec error code', () => {
    const codes = new Set(samples.map((s) => /^(DAGC\d{4})/.exec(s)?.[1]).filter(Boolean));
    for (const code of ['DAGC0002', 'DAGC0003', 'DAGC0004', 'DAGC0005', 'DAGC0006', 'DAGC0007', 'DAGC0008', 'DAGC0009', 'DAGC0010', 'DAGC0011', 'DAGC0012', 'DAGC0013', 'DAGC0014', 'DAGC0015', 'DAGC0016', 'DAGC0017', 'DAGC0018', 'DAGC0019', 'DAGC0020', 'DAGC0021', 'DAGC0022', 'DAGC0025', 'DAGC0026']) {
      assert.ok(codes.has(code), `no sample for ${code}`);
    }
  });

  for (const sample of samples) {
    it(`reports exactly what ${sample} expects, at its line and column`, () => {
      const file = path.join(samplesDir, sample);
      assert.deepEqual(reported(file).sort(), expectations(file).sort());
    });
  }

  it('names the file in every positioned diagnostic and gives a fix', () => {
    const file = path.join(samplesDir, 'DAGC0012-unknown-function.yaml');
    try {
      loadApp(file);
      assert.fail('expected a user error');
    } catch (error) {
      assert.ok(isUserError(error));
      const [diagnostic] = error.diagnostics;
      assert.ok(diagnostic?.position?.file.endsWith('DAGC0012-unknown-function.yaml'));
      assert.equal(diagnostic?.hint, "did you mean 'encode'?");
    }
  });
});
