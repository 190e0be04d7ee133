// Harvesting a real, independently written OAI-PMH provider (Perl Catmandu, ../shared/peers/oai-catmandu)
// that serves 5,000 generated oai_dc records in eight languages, two sets and eleven years of datestamps,
// with 5% deletions: a full harvest stores every record once (tombstones for deletions); after the
// repository changes, an incremental harvest brings exactly the changes; excluded sets stay out.
// Must never send traffic anywhere but the peer on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HarvestRun, SourceRecord } from '../../src/domain/catalog.js';
import {
  changePeerRecords,
  generatePeerRecords,
  isDeleted,
  oaiIdentifier,
  startCatmanduPeer,
  type CatmanduPeer,
  type ChangedRecords,
  type PeerRecord,
} from '../support/catmandu-peer.js';
import { skipUnless } from '../support/system-parts.js';
import { openHarness, type Harness } from './oai-harness.js';

const RECORDS = 5_000;
const SEED = 20_240_501;

/** dc:language as the generator writes it -> the language tag the mapped record carries. */
const LANGUAGE_TAGS: Readonly<Record<string, string>> = {
  eng: 'en',
  ger: 'de',
  fre: 'fr',
  es: 'es',
  'pt-BR': 'pt-BR',
  ara: 'ar',
  zh: 'zh',
  rus: 'ru',
};

function byId(records: readonly SourceRecord[]): Map<string, SourceRecord> {
  return new Map(records.map((r) => [r.sourceRecordId, r]));
}

/** Checks that the stored records of a source are exactly `expected`: live ones mapped, deleted ones tombstones. */
function assertStoredExactly(stored: readonly SourceRecord[], expected: readonly PeerRecord[]): void {
  const wanted = new Map(expected.map((r) => [oaiIdentifier(r._id), r]));
  assert.equal(stored.length, wanted.size, 'one stored record per provider record, no more, no less');
  const missing = [...wanted.keys()].filter((id) => !stored.some((s) => s.sourceRecordId === id));
  assert.deepEqual(missing.slice(0, 5), [], 'every provider record is stored');
  for (const record of stored) {
    const source = wanted.get(record.sourceRecordId);
    assert.ok(source !== undefined, `${record.sourceRecordId} is not a record of the provider`);
    assert.equal(record.sourceDatestamp, source.datestamp, `${record.sourceRecordId}: datestamp`);
    if (isDeleted(source)) {
      assert.equal(record.status, 'deleted', `${record.sourceRecordId} is a tombstone`);
      assert.equal(record.record, null, `${record.sourceRecordId}: a tombstone has no mapped record`);
      continue;
    }
    assert.equal(record.status, 'active', `${record.sourceRecordId}: ${record.errorMessage ?? ''}`);
    const language = source.language?.[0] ?? '';
    const tag = LANGUAGE_TAGS[language];
    assert.ok(tag !== undefined, `no expected tag for ${language}`);
    assert.equal(record.record?.name[tag], source.title?.[0], `${record.sourceRecordId}: title in ${tag}`);
    assert.deepEqual(record.record?.inLanguage, [tag], `${record.sourceRecordId}: language`);
  }
}

function assertSucceeded(run: HarvestRun): void {
  assert.equal(run.status, 'succeeded', JSON.stringify(run.report));
  assert.deepEqual(run.errorsByClass, {}, 'no errors of any class');
  assert.equal(run.counts.failed, 0);
}

void describe(
  'harvesting the Catmandu OAI-PMH peer (5,000 records)',
  { skip: skipUnless('oai-peer') },
  () => {
    const initial = generatePeerRecords({ count: RECORDS, seed: SEED });
    const initialLive = initial.filter((r) => !isDeleted(r));
    let peer: CatmanduPeer;
    let h: Harness;
    let sourceId = '';
    let fullRun: HarvestRun | null = null;
    let afterFull: Map<string, SourceRecord> = new Map();
    let changed: ChangedRecords | null = null;

    before(async () => {
      peer = await startCatmanduPeer(initial);
      h = await openHarness();
    });
    after(async () => {
      await h.close();
      await peer.stop();
    });

    void it('generates realistic, varied records deterministically', () => {
      assert.deepEqual(
        generatePeerRecords({ count: RECORDS, seed: SEED }),
        initial,
        'same seed, same records',
      );
      assert.equal(new Set(initial.map((r) => r._id)).size, RECORDS);
      const deleted = initial.length - initialLive.length;
      assert.ok(deleted > 150 && deleted < 350, `${deleted} deleted records`);
      assert.ok(new Set(initialLive.map((r) => r.language?.[0])).size >= 8, 'eight languages');
      assert.ok(
        initial.some((r) => r.set.length === 2),
        'some records are in two sets',
      );
      assert.ok(initial.some((r) => r.set.length === 1 && r.set[0] === 'texts'));
      assert.ok(initial.some((r) => r.set.length === 1 && r.set[0] === 'images'));
      const months = new Set(initial.map((r) => r.datestamp.slice(0, 7)));
      assert.ok(months.size > 120, `datestamps in ${months.size} months`);
    });

    void it('a full harvest stores every record once: live ones mapped, deleted ones as tombstones', async (t) => {
      const source = await h.addSource({ url: peer.url, name: 'Catmandu peer' });
      sourceId = source.id;
      const summary = await h.harvests.harvest(sourceId);
      assert.equal(summary.error, null, JSON.stringify(summary.error));
      const run = summary.run;
      fullRun = run;
      t.diagnostic(
        `full harvest: ${run.counts.new + run.counts.deleted} records, ${run.counts.requests} requests, ${String(run.report.durationMs)} ms`,
      );
      assertSucceeded(run);
      assert.equal(run.mode, 'full');
      assert.equal(run.counts.new, initialLive.length);
      assert.equal(run.counts.deleted, initial.length - initialLive.length);
      assert.equal(run.counts.updated, 0);
      assert.equal(run.counts.unchanged, 0);
      // One Identify, then date windows from the earliest datestamp (2000) to now: the empty years before
      // the first record (2014) cost a few widening windows, not one request per month (300+).
      assert.ok(run.counts.requests > 100 && run.counts.requests < 200, `${run.counts.requests} requests`);
      assert.equal(run.counts.requests, run.counts.pages + 1);
      assert.equal(run.report.snapshot, true);
      assert.equal(run.report.tombstoned, 0, 'nothing was missing from the list');

      const counts = await h.store.countSourceRecords(sourceId);
      assert.deepEqual(counts, {
        active: initialLive.length,
        deleted: initial.length - initialLive.length,
        failed: 0,
      });
      const stored = await h.records(sourceId);
      assertStoredExactly(stored, initial);
      afterFull = byId(stored);
    });

    void it('after the repository changes, an incremental harvest brings exactly the changes', async (t) => {
      assert.ok(fullRun !== null, 'the full harvest ran');
      // The repository's day: 40 new records, 60 edited, 25 deleted, all stamped now.
      changed = changePeerRecords(initial, {
        seed: SEED + 1,
        add: 40,
        modify: 60,
        delete: 25,
        at: new Date(),
      });
      await peer.restart(changed.records);

      const summary = await h.harvests.harvest(sourceId);
      assert.equal(summary.error, null, JSON.stringify(summary.error));
      const run = summary.run;
      t.diagnostic(
        `incremental harvest: ${run.counts.requests} requests, ${String(run.report.durationMs)} ms`,
      );
      assertSucceeded(run);
      assert.equal(run.mode, 'incremental');
      assert.notEqual(run.id, fullRun.id);
      assert.deepEqual(
        {
          new: run.counts.new,
          updated: run.counts.updated,
          deleted: run.counts.deleted,
          unchanged: run.counts.unchanged,
        },
        { new: 40, updated: 60, deleted: 25, unchanged: 0 },
      );
      assert.equal(run.report.snapshot, false, 'an incremental run is not a snapshot');
      assert.ok(
        run.counts.requests < 10,
        `only the latest days were asked for (${run.counts.requests} requests)`,
      );

      const stored = await h.records(sourceId);
      assertStoredExactly(stored, changed.records);
      const now = byId(stored);
      const touched = new Set([...changed.added, ...changed.modified, ...changed.deleted].map(oaiIdentifier));
      for (const id of changed.modified.map(oaiIdentifier)) {
        const record = now.get(id);
        assert.ok(record?.record !== null && record !== undefined);
        assert.ok(
          Object.values(record.record.name).some((t) => t.endsWith('(revised edition)')),
          `${id} carries its new title`,
        );
        assert.equal(record.lastRunId, run.id);
      }
      for (const id of changed.deleted.map(oaiIdentifier)) {
        assert.equal(now.get(id)?.status, 'deleted', `${id} became a tombstone`);
        assert.equal(afterFull.get(id)?.status, 'active', `${id} was live before`);
      }
      // Nothing else was rewritten: every other record is byte for byte what the full harvest stored.
      let untouched = 0;
      for (const [id, before] of afterFull) {
        if (touched.has(id)) continue;
        const record = now.get(id);
        assert.deepEqual(record, before, `${id} is unchanged`);
        untouched += 1;
      }
      assert.equal(untouched, RECORDS - 60 - 25);
    });

    void it('records of an excluded set stay out, even when they are in another set too', async () => {
      assert.ok(changed !== null, 'the repository changed');
      const source = await h.addSource({
        url: peer.url,
        name: 'Catmandu peer without images',
        excludeSets: ['images'],
      });
      const summary = await h.harvests.harvest(source.id);
      assert.equal(summary.error, null, JSON.stringify(summary.error));
      const expected = changed.records.filter((r) => !r.set.includes('images'));
      const excluded = changed.records.length - expected.length;
      assert.ok(
        changed.records.some((r) => r.set.length === 2),
        'some records are in both sets',
      );
      assert.equal(summary.run.status, 'succeeded');
      assert.deepEqual(summary.run.errorsByClass, { excluded_by_set: excluded });
      assert.equal(summary.run.counts.new, expected.filter((r) => !isDeleted(r)).length);
      assert.equal(summary.run.counts.deleted, expected.filter(isDeleted).length);
      const stored = await h.records(source.id);
      assertStoredExactly(stored, expected);
    });
  },
);
