// Every file of the corpus's OAI-PMH and LOM folders goes through the real import pipeline into a real
// SQLite store, one file at a time: each either yields stored records (active, deleted or failed with a
// code) or is named in its run's report as holding none. No file crashes a run or vanishes without a word.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CORPUS_DIR } from '../formats/corpus.js';
import { openHarness, type Harness } from './oai-harness.js';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

describe('importing every OAI-PMH and LOM file of the corpus', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(async () => {
    await h.close();
  });

  it('stores each file’s records or names the file in the report, with a code for every failure', async (t) => {
    const files = [
      ...filesUnder(path.join(CORPUS_DIR, 'oai-pmh')),
      ...filesUnder(path.join(CORPUS_DIR, 'lom')),
    ];
    assert.ok(files.length > 150, `corpus files found: ${files.length}`);
    const totals = { files: 0, active: 0, deleted: 0, failed: 0, empty: 0 };
    const codes = new Map<string, number>();
    for (const file of files) {
      const source = await h.addSource({
        name: path.basename(file),
        url: pathToFileURL(file).href,
        protocol: 'file',
        format: null,
      });
      const summary = await h.harvests.harvest(source.id, { mode: 'full' });
      const where = path.relative(CORPUS_DIR, file);
      assert.equal(summary.error, null, `${where}: ${JSON.stringify(summary.error)}`);
      const records = await h.records(source.id);
      const notes = (summary.run.report.notes ?? []) as { code: string; message: string }[];
      const named = notes.some(
        (n) => n.code === 'file_without_records' && n.message.includes(path.basename(file)),
      );
      assert.ok(records.length > 0 || named, `${where}: neither records nor a note`);
      for (const r of records) {
        if (r.status === 'failed') {
          assert.ok(
            r.errorCode !== null && r.errorMessage !== null,
            `${where}: ${r.sourceRecordId} has no reason`,
          );
          codes.set(r.errorCode, (codes.get(r.errorCode) ?? 0) + 1);
        }
        if (r.status === 'active') assert.ok(r.record !== null, `${where}: active record without a mapping`);
      }
      totals.files += 1;
      totals.active += records.filter((r) => r.status === 'active').length;
      totals.deleted += records.filter((r) => r.status === 'deleted').length;
      totals.failed += records.filter((r) => r.status === 'failed').length;
      if (records.length === 0) totals.empty += 1;
    }
    t.diagnostic(`${JSON.stringify(totals)} failures by code ${JSON.stringify(Object.fromEntries(codes))}`);
    assert.ok(totals.active > 2500);
  });
});
