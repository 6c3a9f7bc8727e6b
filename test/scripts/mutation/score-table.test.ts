import assert from 'node:assert/strict';
import { owningFolder, renderScoreTable, scoreByFolder, survivorLines, testCount, type MutationReport } from '../../../scripts/mutation/score-table.ts';

const FOLDERS = ['src/ir', 'src/passes', 'src/passes/frontier'];

function mutants(...statuses: string[]) {
  return statuses.map((status, i) => ({ status, mutatorName: 'EqualityOperator', replacement: `a < ${i}`, location: { start: { line: 10 - i, column: 3 } } }));
}

describe('mutation score table', () => {
  it('gives a file to the longest folder that contains it', () => {
    assert.equal(owningFolder('src/passes/frontier/compose.ts', FOLDERS), 'src/passes/frontier');
    assert.equal(owningFolder('src/passes/slack-sizing.ts', FOLDERS), 'src/passes');
    assert.equal(owningFolder('src/ir2/x.ts', FOLDERS), undefined);
    assert.equal(owningFolder('src/cli/main.ts', FOLDERS), undefined);
  });

  it('scores a folder as killed plus timeout over every mutant a test judged', () => {
    const report: MutationReport = {
      files: {
        'src/passes/a.ts': { mutants: mutants('Killed', 'Killed', 'Timeout', 'Survived') },
        'src/passes/b.ts': { mutants: mutants('NoCoverage', 'CompileError', 'RuntimeError', 'Ignored', 'Killed') },
        'src/passes/frontier/c.ts': { mutants: mutants('Survived', 'Killed') },
      },
    };
    const rows = scoreByFolder(report, FOLDERS);
    // src/passes: detected 2 + 1 + 1 = 4 of judged 4 + 1 survived + 1 no coverage = 6; errors 2.
    assert.deepEqual(rows, [
      { folder: 'src/passes', killed: 3, timeout: 1, survived: 1, noCoverage: 1, errors: 2, scorePercent: (100 * 4) / 6 },
      { folder: 'src/passes/frontier', killed: 1, timeout: 0, survived: 1, noCoverage: 0, errors: 0, scorePercent: 50 },
    ]);
  });

  it('reports no score, not 100 %, for a folder whose mutants no test judged', () => {
    const [row] = scoreByFolder({ files: { 'src/ir/a.ts': { mutants: mutants('CompileError') } } }, FOLDERS);
    assert.equal(row?.scorePercent, null);
    assert.match(renderScoreTable([row!]), /src\/ir\s+n\/a .* no\n$/);
  });

  it('counts the tests the report lists, so a run over zero tests can be refused', () => {
    assert.equal(testCount({ files: {} }), 0);
    assert.equal(testCount({ files: {}, testFiles: { 'test/a.test.ts': { tests: [{}, {}] }, 'test/b.test.ts': { tests: [{}] } } }), 3);
  });

  it('marks each folder against the target', () => {
    const table = renderScoreTable([
      { folder: 'src/ir', killed: 4, timeout: 0, survived: 1, noCoverage: 0, errors: 0, scorePercent: 80 },
      { folder: 'src/sim', killed: 79, timeout: 0, survived: 21, noCoverage: 0, errors: 3, scorePercent: 79 },
    ]);
    const [header, ir, sim] = table.trimEnd().split('\n');
    assert.match(header!, /^folder\s+score\s+killed\s+timeout\s+survived\s+no cov\s+errors\s+≥ 80 %$/);
    assert.match(ir!, /^src\/ir\s+80\.00 %\s+4\s+0\s+1\s+0\s+0\s+yes$/);
    assert.match(sim!, /^src\/sim\s+79\.00 %\s+79\s+0\s+21\s+0\s+3\s+no$/);
  });

  it('lists the undetected mutants of one folder only, in file and line order', () => {
    const report: MutationReport = {
      files: {
        'src/passes/b.ts': { mutants: mutants('Survived', 'Killed', 'NoCoverage') },
        'src/passes/a.ts': { mutants: mutants('Killed', 'Survived') },
        'src/passes/frontier/c.ts': { mutants: mutants('Survived') },
      },
    };
    assert.deepEqual(survivorLines(report, FOLDERS, 'src/passes'), [
      'src/passes/a.ts:9:3 Survived EqualityOperator: a < 1',
      'src/passes/b.ts:8:3 NoCoverage EqualityOperator: a < 2',
      'src/passes/b.ts:10:3 Survived EqualityOperator: a < 0',
    ]);
  });
});
