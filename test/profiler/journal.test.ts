import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { readJournal } from '../../src/profiler/journal.ts';

describe('readJournal', () => {
  const damaged: Array<[string, string]> = [
    ['half a JSON document', '{"version":1,"events":[{"kind":"sam'],
    ['a journal without its events', '{"version":1,"function":"f"}'],
  ];
  for (const [what, text] of damaged) {
    it(`reports ${what} as a damaged journal (DAGC0614) naming the file`, async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'dagc-journal-')), 'f.journal.json');
      writeFileSync(file, text);
      await assert.rejects(readJournal(file), (error: unknown) => {
        assert.ok(isUserError(error));
        assert.equal(error.diagnostics[0]!.code, 'DAGC0614');
        assert.ok(error.diagnostics[0]!.message.includes(file));
        return true;
      });
    });
  }

  it('reads no journal where there is none', async () => {
    assert.equal(await readJournal(path.join(tmpdir(), 'dagc-no-such-journal.json')), undefined);
  });
});
