import assert from 'node:assert/strict';
import { describeLocalHost, localArchitecture } from '../../src/profiler/local-lambda.ts';

const host = process.arch === 'arm64' ? 'arm64' : 'x86_64';
const foreign = host === 'arm64' ? 'x86_64' : 'arm64';

describe('dagc profile --local: what the emulator can honestly measure', () => {
  it("files a measurement under the host's architecture whenever the spec allows it", () => {
    assert.equal(localArchitecture([foreign, host]), host);
    assert.equal(localArchitecture([host, foreign]), host);
    assert.equal(localArchitecture([foreign]), foreign, 'a spec that allows only the other architecture keeps it (the source says the speed is the host\'s)');
  });

  it('says in the profile source how and where it measured: CPU limit mode, host, load', () => {
    const text = describeLocalHost('cgroup-v1');
    assert.match(text, /cpu limit cgroup-v1/);
    assert.match(text, new RegExp(`on a ${host} host \\(.+, \\d+ cores\\)`));
    assert.match(text, /host load average \d+\.\d\d \(1 min\) \/ \d+\.\d\d \(5 min\)/);
    assert.match(text, /durations are this host's speed/);
  });
});
