// Taking over another worker's harvest, with two harvest services sharing one real SQLite store:
// - a `harvest` that was stopped halfway (its job stays queued) is resumed by the next worker, even though
//   the job asked only for an incremental harvest and the stopped run was the source's first, full one;
// - a worker whose lease ran out while it waited for a slow page (here: its clock is ten minutes behind)
//   loses the job to another worker, which resumes and finishes the run; when the slow page finally
//   arrives, the first worker writes nothing and leaves the other worker's run as it is.
// Must never send traffic anywhere but the fault server on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGuardedHttpClient } from '../../src/adapters/http/guarded-http-client.js';
import { AtlasError } from '../../src/domain/errors.js';
import { harvesterFor } from '../../src/harvest/registry.js';
import { createHarvestService, type HarvestService } from '../../src/services/harvest-service.js';
import { startFaultOaiServer, type FaultOaiServer } from '../support/fault-oai-server.js';
import { openHarness, type Harness } from './oai-harness.js';

function truthOf(server: FaultOaiServer): { live: number; deleted: number } {
  const deleted = server.records.filter((r) => r.deleted).length;
  return { live: server.records.length - deleted, deleted };
}

void describe('taking over a harvest from another worker', () => {
  let server: FaultOaiServer;
  let h: Harness;

  before(async () => {
    server = await startFaultOaiServer({ records: 40, pageSize: 10 });
    h = await openHarness();
  });
  after(async () => {
    await h.close();
    await server.close();
  });

  function otherWorker(): HarvestService {
    return createHarvestService({
      store: h.store,
      http: h.http,
      harvesterFor,
      sleep: () => Promise.resolve(),
    });
  }

  void it('a worker resumes the full first harvest that a stopped `harvest` left queued', async () => {
    server.setFaults([]);
    const source = await h.addSource({ url: server.url, name: 'Stopped first harvest' });
    const stop = new AbortController();
    const first = await h.harvests.harvest(source.id, {
      signal: stop.signal,
      onProgress: ({ run }) => {
        if (run.counts.pages === 2) stop.abort(new AtlasError('harvest_interrupted', 'Stopped by a signal.'));
      },
    });
    assert.equal(first.run.status, 'interrupted');
    assert.equal(first.run.mode, 'full', 'the first harvest of a source lists everything');
    const [job] = await h.store.listHarvestJobs();
    assert.ok(job !== undefined, 'the job stays queued for the next worker');

    const worker = otherWorker();
    const claimed = await worker.claimNext();
    assert.ok(claimed !== null, 'the next worker can take it at once');
    const summary = await worker.runClaimedJob(claimed);
    assert.equal(summary.error, null, JSON.stringify(summary.error));
    assert.equal(summary.resumed, true, 'the stopped run was continued, not started again');
    assert.equal(summary.run.id, first.run.id);
    assert.equal(summary.run.status, 'succeeded');
    assert.equal(summary.run.mode, 'full');
    assert.equal(summary.run.report.snapshot, true);
    const truth = truthOf(server);
    assert.deepEqual(
      {
        new: summary.run.counts.new,
        deleted: summary.run.counts.deleted,
        unchanged: summary.run.counts.unchanged,
      },
      { new: truth.live, deleted: truth.deleted, unchanged: 0 },
    );
    assert.deepEqual(
      (await h.store.listRuns(source.id)).map((r) => r.id),
      [first.run.id],
      'one run',
    );
  });

  void it('keeps a full harvest asked for while an incremental one runs, queued for afterwards', async () => {
    server.setFaults([]);
    const source = await h.addSource({ url: server.url, name: 'Full asked during incremental' });
    assert.equal((await h.harvests.harvest(source.id)).run.mode, 'full');
    let asked = false;
    const incremental = await h.harvests.harvest(source.id, {
      mode: 'incremental',
      onProgress: () => {
        if (asked) return;
        asked = true;
        void h.store.enqueueHarvest({
          sourceId: source.id,
          mode: 'full',
          requestedAt: new Date().toISOString(),
          requestedBy: 'test',
        });
      },
    });
    assert.equal(incremental.run.mode, 'incremental');
    assert.equal(incremental.error, null);
    const jobs = await h.store.listHarvestJobs();
    assert.deepEqual(
      jobs.map((j) => [j.sourceId, j.mode]),
      [[source.id, 'full']],
      'the full request survives the incremental run',
    );
    const worker = otherWorker();
    const claimed = await worker.claimNext();
    assert.ok(claimed !== null);
    const full = await worker.runClaimedJob(claimed);
    assert.equal(full.run.mode, 'full');
    assert.equal(full.run.status, 'succeeded');
    assert.deepEqual(await h.store.listHarvestJobs(), []);
  });

  void it('a worker that lost its lease leaves the run it lost alone', async (t) => {
    const source = await h.addSource({ url: server.url, name: 'Slow page' });
    await h.store.enqueueHarvest({
      sourceId: source.id,
      mode: 'full',
      requestedAt: new Date().toISOString(),
      requestedBy: 'test',
    });
    // The second page of the list takes long, once: the first worker waits for it.
    server.setFaults([{ kind: 'delay', ms: 3_000, page: 2, times: 1 }]);
    // Its own HTTP client, patient enough to wait for the slow page.
    const patient = createGuardedHttpClient({
      userAgent: 'OER-Atlas-test',
      allowPrivateNetworks: true,
      defaultTimeoutMs: 20_000,
      defaultIdleTimeoutMs: 10_000,
    });
    t.after(() => patient.close());
    const behind = createHarvestService({
      store: h.store,
      http: patient,
      harvesterFor,
      sleep: () => Promise.resolve(),
      now: () => new Date(Date.now() - 600_000),
    });
    const lateJob = await behind.claimNext();
    assert.ok(lateJob !== null);
    const late = behind.runClaimedJob(lateJob);
    for (;;) {
      const run = await h.store.latestRun(source.id);
      if (run !== null && run.counts.pages >= 1) break;
      await sleep(20);
    }

    const worker = otherWorker();
    const job = await worker.claimNext();
    assert.ok(job !== null, 'its lease (by its own clock) has ended, so another worker takes the job');
    assert.equal(job.attempts, 2);
    const summary = await worker.runClaimedJob(job);
    assert.equal(summary.error, null, JSON.stringify(summary.error));
    assert.equal(summary.resumed, true);
    assert.equal(summary.run.status, 'succeeded');
    const truth = truthOf(server);
    assert.deepEqual(
      {
        new: summary.run.counts.new,
        deleted: summary.run.counts.deleted,
        unchanged: summary.run.counts.unchanged,
      },
      { new: truth.live, deleted: truth.deleted, unchanged: 0 },
    );

    const lost = await late;
    assert.equal(lost.error?.code, 'harvest_interrupted', JSON.stringify(lost.error));
    assert.equal(lost.error.message, 'The harvest job was taken over by another worker.');
    assert.equal(
      server.requests.filter((r) => r.faults.includes('delay')).length,
      1,
      'the slow page was slow once, for the first worker',
    );
    const stored = await h.store.getRun(summary.run.id);
    assert.ok(stored !== null);
    assert.equal(stored.status, 'succeeded', 'the finished run keeps its outcome');
    assert.equal(stored.finishedAt, summary.run.finishedAt);
    assert.deepEqual(stored.errorsByClass, summary.run.errorsByClass);
    assert.deepEqual(stored.report, summary.run.report);
    assert.deepEqual(stored.counts, summary.run.counts);
    assert.deepEqual(await h.store.listHarvestJobs(), []);
  });
});
