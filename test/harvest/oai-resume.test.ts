// A harvest stopped in the middle (shutdown, Ctrl-C) and started again continues the same run from its last
// committed page and ends with exactly the catalog an uninterrupted run builds: same records, statuses, raw
// payloads and mapped records, and counts that count nothing twice.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { SourceRecord } from '../../src/domain/catalog.js';
import type { HarvestSummary } from '../../src/services/harvest-service.js';
import { startFaultOaiServer, type FaultOaiServer } from '../support/fault-oai-server.js';
import { openHarness, type Harness } from './oai-harness.js';

const START = Date.UTC(2024, 8, 1, 6, 0, 0);

interface Side {
  readonly server: FaultOaiServer;
  readonly h: Harness;
  readonly sourceId: string;
}

async function side(t: TestContext): Promise<Side> {
  const clock = (): Date => new Date(START);
  const server = await startFaultOaiServer({ records: 200, pageSize: 10, clock });
  const h = await openHarness({ now: clock });
  t.after(async () => {
    await h.close();
    await server.close();
  });
  const source = await h.addSource({ url: server.url, allowPrivateNetwork: true });
  return { server, h, sourceId: source.id };
}

/** What a catalog holds, without the harvest times and the source id (which differ between any two catalogs). */
function comparable(records: readonly SourceRecord[]): unknown {
  const plain = records.map((r) => ({
    sourceRecordId: r.sourceRecordId,
    status: r.status,
    rawHash: r.rawHash,
    rawFormat: r.rawFormat,
    sourceDatestamp: r.sourceDatestamp,
    errorCode: r.errorCode,
    record:
      r.record === null
        ? null
        : {
            ...r.record,
            provenance: r.record.provenance.map((p) => {
              const { harvestedAt: _harvestedAt, ...rest } = p;
              return rest;
            }),
          },
  }));
  const sourceId = records[0]?.sourceId ?? '';
  return JSON.parse(JSON.stringify(plain).replaceAll(sourceId, 'SOURCE')) as unknown;
}

async function uninterrupted(t: TestContext): Promise<{ summary: HarvestSummary; records: SourceRecord[] }> {
  const s = await side(t);
  const summary = await s.h.harvests.harvest(s.sourceId, { mode: 'full' });
  assert.equal(summary.error, null);
  return { summary, records: await s.h.records(s.sourceId) };
}

describe('OAI-PMH harvest resumed after a stop', () => {
  for (const stopAfter of [1, 4, 9, 23]) {
    it(`stopped after ${stopAfter} pages, continues the same run and ends with the same catalog`, async (t) => {
      const reference = await uninterrupted(t);
      assert.equal(reference.records.length, 200);
      assert.ok(reference.summary.run.counts.pages > stopAfter);

      const s = await side(t);
      const controller = new AbortController();
      let pages = 0;
      const stopped = await s.h.harvests.harvest(s.sourceId, {
        mode: 'full',
        signal: controller.signal,
        onProgress: () => {
          pages += 1;
          if (pages === stopAfter) controller.abort();
        },
      });
      assert.equal(stopped.error?.code, 'harvest_interrupted');
      assert.equal(stopped.run.status, 'interrupted');
      assert.equal(stopped.run.counts.pages, stopAfter, 'the pages committed before the stop');
      assert.notEqual(stopped.run.checkpoint, null);
      const partial = await s.h.records(s.sourceId);
      assert.ok(partial.length > 0 && partial.length < 200);
      const requestsBefore = s.server.requests.length;

      const resumed = await s.h.harvests.harvest(s.sourceId);
      assert.equal(resumed.error, null, JSON.stringify(resumed.error));
      assert.equal(resumed.resumed, true);
      assert.equal(resumed.run.id, stopped.run.id, 'the same run continues');
      assert.equal(resumed.run.status, 'succeeded');
      assert.equal(resumed.run.mode, 'full');
      assert.equal(s.server.requests[requestsBefore]?.verb, 'ListRecords', 'no new Identify: it continues');

      const records = await s.h.records(s.sourceId);
      assert.deepEqual(comparable(records), comparable(reference.records));
      const counts = resumed.run.counts;
      const expected = reference.summary.run.counts;
      assert.deepEqual(
        [counts.new, counts.updated, counts.deleted, counts.failed, counts.unchanged, counts.pages],
        [
          expected.new,
          expected.updated,
          expected.deleted,
          expected.failed,
          expected.unchanged,
          expected.pages,
        ],
        'nothing is counted twice',
      );
      // Nothing in the store belongs to the interrupted part only: every record was seen by this run.
      assert.ok(records.every((r) => r.lastRunId === resumed.run.id));
      assert.equal(resumed.run.report.snapshot, true);
    });
  }

  it('a run stopped before its first page starts afresh and still ends complete', async (t) => {
    const reference = await uninterrupted(t);
    const s = await side(t);
    const controller = new AbortController();
    controller.abort();
    const stopped = await s.h.harvests.harvest(s.sourceId, { mode: 'full', signal: controller.signal });
    assert.equal(stopped.error?.code, 'harvest_interrupted');
    assert.equal(stopped.run.checkpoint, null);
    const next = await s.h.harvests.harvest(s.sourceId, { mode: 'full' });
    assert.equal(next.error, null);
    assert.equal(next.resumed, false);
    assert.notEqual(next.run.id, stopped.run.id);
    assert.equal((await s.h.store.getRun(stopped.run.id))?.status, 'interrupted');
    assert.deepEqual(comparable(await s.h.records(s.sourceId)), comparable(reference.records));
  });
});
