// The OAI-PMH harvester against a real provider on 127.0.0.1 that misbehaves on demand: for every fault
// real endpoints are known for, the catalog must end up holding exactly the provider's records (each live
// record active once, deleted ones as tombstones, nothing extra), the run must say what happened, and a run
// that had to stop must lose nothing when it is resumed.
import assert from 'node:assert/strict';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import { describe, it, type TestContext } from 'node:test';
import { createGuardedHttpClient } from '../../src/adapters/http/guarded-http-client.js';
import type { HarvestRun, Protocol, Source } from '../../src/domain/catalog.js';
import { DEFAULT_HARVEST_LIMITS, type HarvestLimits } from '../../src/harvest/harvester.js';
import { createOaiPmhHarvester } from '../../src/harvest/oai-pmh-harvester.js';
import { harvesterFor } from '../../src/harvest/registry.js';
import type { HttpClient } from '../../src/ports/http-client.js';
import type { HarvestServiceDeps, HarvestSummary } from '../../src/services/harvest-service.js';
import { startLoopbackServer } from '../adapters/http/loopback-server.js';
import {
  startFaultOaiServer,
  type FaultKind,
  type FaultOaiServer,
  type FaultRecord,
  type RequestLogEntry,
} from '../support/fault-oai-server.js';
import { openHarness, type Harness } from './oai-harness.js';

// A few weeks after the last of the provider's 100 records (they span January to early May 2024).
const START = Date.UTC(2024, 4, 20, 12, 0, 0);
const HOUR = 3_600_000;

interface Rig {
  readonly server: FaultOaiServer;
  readonly h: Harness;
  readonly source: Source;
  /** Moves the clock the harvester and the provider share. */
  advance(ms: number): void;
  harvest(mode?: 'full' | 'incremental'): Promise<HarvestSummary>;
}

interface RigOptions {
  readonly records?: number;
  readonly pageSize?: number;
  readonly start?: number;
  /** A clock of its own instead of the shared one that only `advance` moves. */
  readonly clock?: () => Date;
  readonly limits?: Partial<HarvestLimits>;
  readonly deps?: Partial<HarvestServiceDeps>;
  readonly source?: Partial<Source>;
  /** Registers the source under this URL instead of the provider's own. */
  readonly url?: (server: FaultOaiServer) => string;
}

async function rig(t: TestContext, options: RigOptions = {}): Promise<Rig> {
  let now = options.start ?? START;
  const clock = options.clock ?? ((): Date => new Date(now));
  const server = await startFaultOaiServer({
    records: options.records ?? 100,
    pageSize: options.pageSize ?? 10,
    clock,
  });
  const h = await openHarness({
    now: clock,
    deps: { limits: { ...DEFAULT_HARVEST_LIMITS, ...options.limits }, ...options.deps },
  });
  t.after(async () => {
    await h.close();
    await server.close();
  });
  const source = await h.addSource({
    url: options.url?.(server) ?? server.url,
    allowPrivateNetwork: true,
    ...options.source,
  });
  return {
    server,
    h,
    source,
    advance: (ms) => {
      now += ms;
    },
    harvest: (mode) => h.harvests.harvest(source.id, mode === undefined ? {} : { mode }),
  };
}

interface CatalogExpectation {
  /** The provider's records that belong to this source (set filters). Default: all of them. */
  readonly include?: (record: FaultRecord) => boolean;
  /** Records expected to be stored as failed, with their error code. */
  readonly failed?: Readonly<Record<string, string>>;
}

/** The catalog holds exactly the provider's records: live ones active with the right title, deleted ones as tombstones. */
async function assertCatalog(r: Rig, expected: CatalogExpectation = {}): Promise<void> {
  const stored = await r.h.records(r.source.id);
  const ids = stored.map((s) => s.sourceRecordId);
  assert.equal(new Set(ids).size, ids.length, 'no record is stored twice');
  const truth = r.server.records.filter(expected.include ?? (() => true));
  assert.ok(truth.length > 0);
  assert.deepEqual(
    [...ids].sort(),
    truth.map((t) => t.identifier).sort(),
    'exactly the records of the provider are stored',
  );
  const byId = new Map(stored.map((s) => [s.sourceRecordId, s]));
  for (const record of truth) {
    const got = byId.get(record.identifier);
    assert.ok(got !== undefined);
    const failedCode = expected.failed?.[record.identifier];
    if (failedCode !== undefined) {
      assert.equal(got.status, 'failed', record.identifier);
      assert.equal(got.errorCode, failedCode, record.identifier);
      continue;
    }
    if (record.deleted) {
      assert.equal(got.status, 'deleted', `${record.identifier} is a tombstone`);
      assert.equal(got.record, null);
      continue;
    }
    assert.equal(
      got.status,
      'active',
      `${record.identifier}: ${got.errorCode ?? ''} ${got.errorMessage ?? ''}`,
    );
    assert.deepEqual(got.record?.name, { [record.language]: record.title }, record.identifier);
  }
}

function liveCount(r: Rig, include: (record: FaultRecord) => boolean = () => true): number {
  return r.server.records.filter((x) => include(x) && !x.deleted).length;
}

function deletedCount(r: Rig, include: (record: FaultRecord) => boolean = () => true): number {
  return r.server.records.filter((x) => include(x) && x.deleted).length;
}

/** Requests on which a fault of this kind fired. */
function fired(server: FaultOaiServer, kind: FaultKind): RequestLogEntry[] {
  return server.requests.filter((entry) => entry.faults.includes(kind));
}

function notes(run: HarvestRun): string[] {
  const list = Array.isArray(run.report.notes) ? (run.report.notes as { code: string }[]) : [];
  return list.map((n) => n.code);
}

function assertSucceeded(summary: HarvestSummary): void {
  assert.equal(summary.error, null, JSON.stringify(summary.error));
  assert.equal(summary.run.status, 'succeeded');
  assert.equal(summary.run.checkpoint, null);
}

/** A full run of the 100 records: 89 live, 11 deleted, each once. */
function assertFullCounts(run: HarvestRun, unchanged = 0): void {
  assert.equal(run.counts.new, 89);
  assert.equal(run.counts.deleted, 11);
  assert.equal(run.counts.failed, 0);
  assert.equal(run.counts.updated, 0);
  assert.equal(run.counts.unchanged, unchanged);
}

/** A failed run resumed later: same run, continues from its checkpoint, ends with the whole catalog. */
async function assertResumesAndCompletes(r: Rig, failed: HarvestSummary): Promise<HarvestSummary> {
  assert.equal(failed.run.status, 'failed');
  assert.notEqual(failed.run.checkpoint, null, 'the failed run kept its checkpoint');
  const storedBefore = (await r.h.records(r.source.id)).length;
  assert.ok(storedBefore > 0, 'the pages before the failure are kept');
  r.server.setFaults([]);
  r.advance(HOUR);
  const resumed = await r.harvest();
  assertSucceeded(resumed);
  assert.equal(resumed.resumed, true);
  assert.equal(resumed.run.id, failed.run.id);
  assert.ok(notes(resumed.run).includes('resumed'));
  assert.equal(resumed.run.counts.new, 89, 'nothing counted twice');
  assert.equal(resumed.run.counts.deleted, 11);
  await assertCatalog(r);
  return resumed;
}

function listRequests(server: FaultOaiServer): RequestLogEntry[] {
  return server.requests.filter((entry) => entry.verb === 'ListRecords');
}

/** The request that opened the list the request with `token` belongs to: the last one before it without a token. */
function windowStartBefore(server: FaultOaiServer, index: number): RequestLogEntry | undefined {
  const list = server.requests.slice(0, index);
  return list.reverse().find((e) => e.verb === 'ListRecords' && e.args.resumptionToken === undefined);
}

describe('OAI-PMH harvest of a well-behaved repository', () => {
  it('stores every record once, deleted ones as tombstones, and reports counts, pages, requests and duration', async (t) => {
    const r = await rig(t);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    assertFullCounts(summary.run);
    await assertCatalog(r);
    const run = summary.run;
    assert.equal(run.mode, 'full');
    assert.equal(run.counts.requests, r.server.requests.length, 'every request is counted');
    assert.equal(run.counts.pages, listRequests(r.server).length, 'one page per list request');
    assert.equal(typeof run.report.durationMs, 'number');
    assert.ok((run.report.durationMs as number) >= 0);
    assert.deepEqual(run.errorsByClass, {});
    assert.equal(run.report.snapshot, true);
    assert.equal(r.server.requests[0]?.verb, 'Identify', 'Identify comes first');
    // The stored run is the one returned.
    assert.deepEqual(await r.h.store.getRun(run.id), run);
  });

  it('maps each record with the harvest time stored with it, so a remap right after changes nothing', async (t) => {
    // A clock that moves on every reading: the time a page is read and the time it is stored differ.
    let ticks = START;
    const r = await rig(t, { clock: () => new Date((ticks += 7)) });
    assertSucceeded(await r.harvest('full'));
    const before = await r.h.records(r.source.id);
    for (const stored of before.filter((x) => x.status === 'active')) {
      assert.equal(stored.record?.provenance[0]?.harvestedAt, stored.harvestedAt, stored.sourceRecordId);
    }
    const remapped = await r.h.harvests.remap(r.source.id);
    assert.deepEqual(remapped.counts, { new: 0, updated: 0, unchanged: 89, deleted: 0, failed: 0 });
    assert.deepEqual(await r.h.records(r.source.id), before);
  });

  it('sends a resumptionToken alone with the verb, exactly as received', async (t) => {
    const r = await rig(t);
    assertSucceeded(await r.harvest('full'));
    const withToken = r.server.requests.filter((e) => e.args.resumptionToken !== undefined);
    assert.ok(withToken.length >= 5);
    for (const entry of withToken) {
      assert.equal(entry.verb, 'ListRecords');
      assert.deepEqual(Object.keys(entry.args), ['resumptionToken']);
      assert.match(entry.args.resumptionToken ?? '', /^[A-Za-z0-9_-]+$/);
    }
  });

  it('walks date windows of a month, wider when empty, in the granularity the repository declares, when the clock is far ahead', async (t) => {
    const r = await rig(t, { start: Date.UTC(2025, 10, 15, 9, 30, 0) });
    assertSucceeded(await r.harvest('full'));
    await assertCatalog(r);
    const opening = listRequests(r.server).filter((e) => e.args.resumptionToken === undefined);
    // From January 2024 (the earliest datestamp), a month at a time while months hold records (to early
    // May 2024); then empty windows widen to 2, 4, 8 and 12 months, the last one open.
    assert.deepEqual(
      opening.slice(1).map((e) => e.args.from?.slice(0, 7)),
      ['2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-09', '2025-01', '2025-09'],
    );
    const seconds = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
    assert.equal(
      opening[0]?.args.from,
      r.server.records[0]?.datestamp,
      'the first window starts at earliestDatestamp',
    );
    opening.forEach((entry, i) => {
      assert.equal(entry.args.metadataPrefix, 'oai_dc');
      assert.match(entry.args.from ?? '', seconds);
      if (i > 0)
        assert.match(entry.args.from ?? '', /^\d{4}-\d{2}-01T00:00:00Z$/, 'windows start on the 1st');
      const next = opening[i + 1];
      if (next === undefined) {
        assert.equal(entry.args.until, undefined, 'the last window is open: today is never complete');
        return;
      }
      assert.match(entry.args.until ?? '', seconds);
      assert.match(entry.args.until ?? '', /T23:59:59Z$/);
      // Contiguous: no gap and no overlap between windows.
      assert.equal(Date.parse(entry.args.until ?? '') + 1000, Date.parse(next.args.from ?? ''));
    });
  });

  it('walks a month day by day when it announces more records than maxWindowRecords', async (t) => {
    const harvesters = (protocol: Protocol) =>
      protocol === 'oai-pmh' ? createOaiPmhHarvester({ maxWindowRecords: 15 }) : harvesterFor(protocol);
    const r = await rig(t, { deps: { harvesterFor: harvesters } });
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    await assertCatalog(r);
    assert.equal(
      summary.run.counts.new,
      89,
      'each record is new once, even when a split month lists it again',
    );
    assert.equal(summary.run.counts.deleted, 11);
    assert.ok(notes(summary.run).includes('window_split'));
    const days = listRequests(r.server).filter(
      (e) =>
        e.args.from !== undefined &&
        e.args.until !== undefined &&
        Date.parse(e.args.until) - Date.parse(e.args.from) === 86_400_000 - 1000,
    );
    assert.ok(days.length >= 28, `day windows: ${days.length}`);
    for (const day of days) assert.match(day.args.from ?? '', /T00:00:00Z$/);
  });

  it('narrows a widened window that holds too many records back to single months', async (t) => {
    const harvesters = (protocol: Protocol) =>
      protocol === 'oai-pmh' ? createOaiPmhHarvester({ maxWindowRecords: 40 }) : harvesterFor(protocol);
    // Records from January to May 2024, a quiet year, then 50 records in June 2025.
    const r = await rig(t, { start: Date.UTC(2025, 5, 10, 8, 0, 0), deps: { harvesterFor: harvesters } });
    for (let i = 0; i < 50; i++) r.server.mutate.add();
    r.advance(40 * 86_400_000);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    await assertCatalog(r);
    const opening = listRequests(r.server).filter((e) => e.args.resumptionToken === undefined);
    const windows = opening.map(
      (e) => `${e.args.from?.slice(0, 10) ?? ''}..${e.args.until?.slice(0, 10) ?? ''}`,
    );
    // An empty window after empty ones spans several months (here an open one, past the clock) ...
    const open = windows.indexOf('2025-01-01..');
    assert.ok(open >= 0, `a widened window over the quiet months: ${windows.join(' ')}`);
    assert.equal(windows[open + 1], '2025-01-01..2025-01-31', 'narrowed back to its first month');
    // ... and a widened window that announces too many records is narrowed to its first month too.
    const busy = windows.indexOf('2025-05-01..2025-06-30');
    assert.ok(busy >= 0, windows.join(' '));
    assert.equal(windows[busy + 1], '2025-05-01..2025-05-31');
    assert.ok(windows.includes('2025-06-01..2025-06-30'));
  });
});

describe('OAI-PMH harvest through HTTP faults', () => {
  it('honours Retry-After of a 503, in seconds and as an HTTP date, capped', async (t) => {
    const httpNow = Date.UTC(2024, 4, 20, 12, 0, 0);
    const waits: number[] = [];
    const http: HttpClient = createGuardedHttpClient({
      userAgent: 'OER-Atlas-test',
      allowPrivateNetworks: true,
      defaultTimeoutMs: 5_000,
      defaultIdleTimeoutMs: 1_000,
      defaultRetry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 600_000 },
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      now: () => httpNow,
    });
    t.after(() => http.close());
    const r = await rig(t, { deps: { http } });
    r.server.setFaults([
      { kind: 'status', status: 503, retryAfter: 7, verb: 'ListRecords', page: 2, times: 1 },
      {
        kind: 'status',
        status: 503,
        retryAfter: new Date(httpNow + 90_000),
        verb: 'ListRecords',
        page: 3,
        times: 1,
      },
      { kind: 'status', status: 503, retryAfter: 86_400, verb: 'Identify', times: 1 },
    ]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    assertFullCounts(summary.run);
    await assertCatalog(r);
    assert.equal(fired(r.server, 'status').length, 3);
    assert.deepEqual(
      waits.filter((ms) => ms > 0).sort((a, b) => a - b),
      [7_000, 90_000, 600_000],
      'seconds, an HTTP date, and a day capped to the policy maximum',
    );
    assert.equal(summary.run.errorsByClass.http_retried, 3);
    assert.equal(summary.run.counts.requests, r.server.requests.length);
  });

  it('asks again after 500, 502, 504 and 429, and reports the retries', async (t) => {
    const r = await rig(t);
    r.server.setFaults([
      { kind: 'status', status: 429, verb: 'Identify', times: 2 },
      { kind: 'status', status: 500, verb: 'ListRecords', page: 2, times: 2 },
      { kind: 'status', status: 502, verb: 'ListRecords', page: 3, times: 2 },
      { kind: 'status', status: 504, verb: 'ListRecords', page: 1, skip: 1, times: 2 },
    ]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    assertFullCounts(summary.run);
    await assertCatalog(r);
    assert.equal(fired(r.server, 'status').length, 8);
    assert.equal(summary.run.errorsByClass.http_retried, 8);
    assert.equal(summary.run.counts.requests, r.server.requests.length);
  });

  it('fails the run on a 503 that does not end, and a later run resumes at that page and completes', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'status', status: 503, verb: 'ListRecords', page: 3 }]);
    const failed = await r.harvest('full');
    assert.equal(failed.error?.code, 'http_error');
    assert.match(failed.error?.message ?? '', /503/);
    assert.equal(failed.run.errorsByClass.http_error, 1);
    assert.equal(fired(r.server, 'status').length, 3, 'three attempts, then the run stops');
    assert.equal((await r.h.records(r.source.id)).length, 20, 'the two pages before are kept');
    await assertResumesAndCompletes(r, failed);
  });

  it('stops at once on 403 with a clear error', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'status', status: 403, verb: 'ListRecords', page: 2 }]);
    const failed = await r.harvest('full');
    assert.equal(failed.run.status, 'failed');
    assert.equal(failed.error?.code, 'http_error');
    assert.match(failed.error?.message ?? '', /refused access \(HTTP 403\)/);
    assert.deepEqual(failed.run.report.error, failed.error, 'the reason is stored with the run');
    assert.equal(fired(r.server, 'status').length, 1, 'a 403 is not asked again');
    assert.equal(r.server.requests.at(-1)?.faults[0], 'status', 'nothing was asked after it');
    await assertResumesAndCompletes(r, failed);
  });

  it('gives up on a hung connection after the idle timeout and asks again', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'hang', verb: 'ListRecords', page: 2, times: 1 }]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    assertFullCounts(summary.run);
    await assertCatalog(r);
    assert.equal(fired(r.server, 'hang').length, 1);
    assert.equal(summary.run.errorsByClass.http_retried, 1);
  });

  it('asks again after a connection reset', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'reset', verb: 'ListRecords', page: 2, times: 2 }]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    assertFullCounts(summary.run);
    await assertCatalog(r);
    assert.equal(fired(r.server, 'reset').length, 2);
    assert.equal(summary.run.errorsByClass.http_retried, 2);
  });

  it('waits for a slow provider that stays within the timeouts, without asking again', async (t) => {
    const r = await rig(t);
    r.server.setFaults([
      { kind: 'delay', ms: 300, verb: 'ListRecords', page: 2, times: 1 },
      { kind: 'drip', chunkBytes: 1024, intervalMs: 20, verb: 'ListRecords', page: 3, times: 1 },
    ]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    assertFullCounts(summary.run);
    await assertCatalog(r);
    assert.equal(fired(r.server, 'delay').length, 1);
    assert.equal(fired(r.server, 'drip').length, 1);
    assert.equal(summary.run.errorsByClass.http_retried, undefined);
    assert.equal(summary.run.counts.requests, r.server.requests.length);
  });

  it('gives up on a body that goes silent longer than the idle timeout and asks again', async (t) => {
    const r = await rig(t);
    r.server.setFaults([
      { kind: 'drip', chunkBytes: 2048, intervalMs: 1_500, verb: 'ListRecords', page: 2, times: 1 },
    ]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    assertFullCounts(summary.run);
    await assertCatalog(r);
    assert.equal(fired(r.server, 'drip').length, 1);
    assert.equal(summary.run.errorsByClass.http_retried, 1);
  });

  for (const mode of ['content-length-lie', 'cut'] as const) {
    it(`asks again for a body cut off on the wire (${mode})`, async (t) => {
      const r = await rig(t);
      r.server.setFaults([{ kind: 'truncate', mode, verb: 'ListRecords', page: 2, times: 2 }]);
      const summary = await r.harvest('full');
      assertSucceeded(summary);
      assertFullCounts(summary.run);
      await assertCatalog(r);
      assert.equal(fired(r.server, 'truncate').length, 2);
      assert.equal(summary.run.errorsByClass.http_retried, 2);
    });

    it(`fails on a body cut off on the wire every time (${mode}), keeps the pages before, and resumes later`, async (t) => {
      const r = await rig(t);
      r.server.setFaults([{ kind: 'truncate', mode, verb: 'ListRecords', page: 2 }]);
      const failed = await r.harvest('full');
      assert.equal(failed.error?.code, 'source_unreachable');
      assert.match(failed.error?.message ?? '', /broke off before its end/);
      assert.equal(failed.run.errorsByClass.source_unreachable, 1);
      await assertResumesAndCompletes(r, failed);
    });
  }

  it('salvages the complete records of a page whose XML keeps arriving cut off, fails with xml_malformed, and resumes later', async (t) => {
    // A proxy in front of the provider that ends some answers early but tells the client they are complete,
    // like a provider script that dies while writing: the transport is fine, the XML is not.
    let cutting = true;
    let cuts = 0;
    const rigReady: { server?: FaultOaiServer } = {};
    const proxy = await startLoopbackServer(async (req, res) => {
      const target = rigReady.server;
      if (target === undefined) throw new Error('no provider');
      const body = await new Promise<Buffer>((resolve, reject) => {
        const forward = httpRequest(`${target.url}${(req.url ?? '').replace(/^\/oai/, '')}`, (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => resolve(Buffer.concat(chunks)));
          answer.on('error', reject);
        });
        forward.on('error', reject);
        forward.end();
      });
      let out = body;
      if (cutting && (req.url ?? '').includes('resumptionToken=') && /<ListRecords>/.test(body.toString())) {
        const first = body.indexOf('<record>');
        const second = body.indexOf('<record>', first + 1);
        out = body.subarray(0, second + 40);
        cuts += 1;
      }
      res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8', 'content-length': String(out.length) });
      res.end(out);
    });
    t.after(() => proxy.close());
    const r = await rig(t, { url: () => `${proxy.url}/oai` });
    rigReady.server = r.server;

    const failed = await r.harvest('full');
    assert.equal(failed.error?.code, 'xml_malformed');
    assert.equal(cuts, 3, 'the cut page was asked for three times');
    assert.equal(failed.run.errorsByClass.page_truncated, 2);
    assert.equal(failed.run.errorsByClass.xml_malformed, 1);
    assert.ok(notes(failed.run).includes('page_truncated'));
    const kept = (await r.h.records(r.source.id)).map((s) => s.sourceRecordId);
    // Page 1 (ten records) and the one complete record of the cut page 2.
    assert.equal(kept.length, 11);
    assert.ok(kept.includes(r.server.records[10]?.identifier ?? ''), 'the salvaged record is kept');
    assert.equal(failed.run.counts.failed, 0, 'the cut-off tail is not a broken record: it is read again');

    cutting = false;
    const resumed = await assertResumesAndCompletes(r, failed);
    assert.equal(resumed.run.counts.failed, 0);
    assert.equal(resumed.run.report.snapshot, true, 'the resumed run still knows it listed everything');
  });

  it('refuses a gzip bomb as decompression_refused without inflating it', async (t) => {
    const r = await rig(t, { limits: { maxPageBytes: 2 * 1024 * 1024 } });
    r.server.setFaults([
      { kind: 'gzip-bomb', inflatedBytes: 256 * 1024 * 1024, verb: 'ListRecords', page: 2, times: 1 },
    ]);
    const rssBefore = process.memoryUsage().rss;
    const failed = await r.harvest('full');
    const grown = process.memoryUsage().rss - rssBefore;
    assert.equal(failed.error?.code, 'decompression_refused');
    assert.equal(failed.run.errorsByClass.decompression_refused, 1);
    assert.equal(fired(r.server, 'gzip-bomb').length, 1, 'a bomb is not asked for again');
    assert.ok(grown < 128 * 1024 * 1024, `memory grew by ${grown} bytes for a 256 MB bomb`);
    await assertResumesAndCompletes(r, failed);
  });

  it('reports a page over the page cap as response_too_large', async (t) => {
    const r = await rig(t, { limits: { maxPageBytes: 1024 * 1024 } });
    r.server.setFaults([
      { kind: 'huge-page', bytes: 4 * 1024 * 1024, verb: 'ListRecords', page: 2, times: 1 },
    ]);
    const failed = await r.harvest('full');
    assert.equal(failed.error?.code, 'response_too_large');
    assert.equal(failed.run.errorsByClass.response_too_large, 1);
    assert.equal(fired(r.server, 'huge-page').length, 1);
    await assertResumesAndCompletes(r, failed);
  });

  it('refuses a redirect to a forbidden address, and the target is never contacted', async (t) => {
    // The operator allowed exactly the repository's own host name; a redirect to another loopback address
    // is a different host that nobody allowed.
    const trap = createTcpServer((socket) => socket.destroy());
    let connections = 0;
    trap.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.2', resolve));
    t.after(() => new Promise<void>((resolve) => trap.close(() => resolve())));
    const trapPort = (trap.address() as AddressInfo).port;

    const http = createGuardedHttpClient({
      userAgent: 'OER-Atlas-test',
      allowPrivateNetworks: false,
      allowPrivateHosts: ['oai.fault.test'],
      resolve: (host) =>
        host === 'oai.fault.test'
          ? Promise.resolve(['127.0.0.1'])
          : Promise.reject(new Error(`unknown ${host}`)),
      defaultTimeoutMs: 5_000,
      defaultIdleTimeoutMs: 1_000,
      defaultRetry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
      sleep: () => Promise.resolve(),
    });
    t.after(() => http.close());
    const r = await rig(t, {
      deps: { http },
      source: { allowPrivateNetwork: false },
      url: (server) => `http://oai.fault.test:${server.port}/oai`,
    });
    r.server.setFaults([
      {
        kind: 'redirect',
        location: `http://127.0.0.2:${trapPort}/oai?verb=ListRecords`,
        verb: 'ListRecords',
        page: 2,
      },
    ]);
    const failed = await r.harvest('full');
    assert.equal(failed.error?.code, 'address_forbidden');
    assert.match(failed.error?.message ?? '', /127\.0\.0\.2/);
    assert.equal(failed.run.errorsByClass.address_forbidden, 1);
    assert.equal(fired(r.server, 'redirect').length, 1, 'a refused redirect is not followed up');
    assert.equal(connections, 0, 'no connection reached the forbidden address');
    await assertResumesAndCompletes(r, failed);
  });
});

describe('OAI-PMH harvest of broken bytes and XML', () => {
  it('asks again when a 200 answer is an HTML page, and reports it', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'html-200', verb: 'ListRecords', page: 2, times: 2 }]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    assertFullCounts(summary.run);
    await assertCatalog(r);
    assert.equal(summary.run.errorsByClass.not_oai_pmh, 2);
  });

  it('fails with not_oai_pmh when the HTML page does not go away, and resumes later', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'html-200', verb: 'ListRecords', page: 2 }]);
    const failed = await r.harvest('full');
    assert.equal(failed.error?.code, 'not_oai_pmh');
    assert.equal(fired(r.server, 'html-200').length, 3);
    await assertResumesAndCompletes(r, failed);
  });

  it('strips XML-illegal control characters', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'control-chars', verb: 'ListRecords' }]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    assertFullCounts(summary.run);
    await assertCatalog(r);
    assert.ok(fired(r.server, 'control-chars').length >= 5);
    assert.ok(notes(summary.run).includes('page_repaired'));
    assert.match(JSON.stringify(summary.run.report.notes), /control-characters/);
  });

  for (const variant of ['latin1-declared-utf8', 'utf8-declared-latin1'] as const) {
    it(`reads text right when the declared encoding is wrong (${variant})`, async (t) => {
      const r = await rig(t);
      r.server.setFaults([{ kind: 'wrong-encoding', variant }]);
      const summary = await r.harvest('full');
      assertSucceeded(summary);
      assertFullCounts(summary.run);
      await assertCatalog(r);
      const eight = await r.h.store.getSourceRecord(r.source.id, 'oai:fault.test:8');
      assert.deepEqual(eight?.record?.name, { de: 'Übungsblatt 8: Größen und Maße' });
      assert.ok(notes(summary.run).includes('page_repaired'));
    });
  }

  it('repairs UTF-8 that was encoded twice', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'double-encoded-utf8' }]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    await assertCatalog(r);
    const eight = await r.h.store.getSourceRecord(r.source.id, 'oai:fault.test:8');
    assert.deepEqual(eight?.record?.name, { de: 'Übungsblatt 8: Größen und Maße' });
    assert.match(JSON.stringify(summary.run.report.notes), /double-encoded-utf8/);
  });

  it('unpacks gzip sent without a Content-Encoding header', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'gzip-no-header' }]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    assertFullCounts(summary.run);
    await assertCatalog(r);
    assert.match(JSON.stringify(summary.run.report.notes), /gzip-without-header/);
  });

  for (const kind of ['trailing-garbage', 'repeated-xml-declaration'] as const) {
    it(`survives ${kind}`, async (t) => {
      const r = await rig(t);
      r.server.setFaults([{ kind }]);
      const summary = await r.harvest('full');
      assertSucceeded(summary);
      assertFullCounts(summary.run);
      await assertCatalog(r);
      assert.ok(fired(r.server, kind).length >= 10);
      assert.match(JSON.stringify(summary.run.report.notes), new RegExp(kind));
    });
  }

  it('refuses entity expansion: the record that uses the entities fails on its own, nothing is expanded', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'entity-expansion', verb: 'ListRecords', page: 2, times: 1 }]);
    const summary = await r.harvest('full');
    assert.equal(summary.error, null);
    assert.equal(summary.run.status, 'partial', 'a run with a failed record is partial');
    // The first live record of page 2 (records 11-20) references the entities.
    const target = r.server.records.slice(10, 20).find((x) => !x.deleted)?.identifier ?? '';
    await assertCatalog(r, { failed: { [target]: 'xml_dtd_refused' } });
    assert.equal(summary.run.counts.failed, 1);
    assert.equal(summary.run.errorsByClass.xml_dtd_refused, 1);
    const issues = await r.h.store.listRecordIssues(summary.run.id);
    assert.deepEqual(
      issues.map((i) => [i.sourceRecordId, i.code]),
      [[target, 'xml_dtd_refused']],
    );
    const stored = await r.h.store.getSourceRecord(r.source.id, target);
    assert.match(stored?.raw ?? '', /&e10;/, 'the raw text keeps the reference, unexpanded');
    assert.doesNotMatch(stored?.raw ?? '', /boom/);

    // The next full run reads the record again and stores it.
    r.server.setFaults([]);
    r.advance(HOUR);
    const again = await r.harvest('full');
    assertSucceeded(again);
    assert.equal(again.run.counts.updated, 1);
    await assertCatalog(r);
  });

  it('fails only the record with an undefined entity, with its id and code, and keeps the rest of the page', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'undefined-entity', verb: 'ListRecords', page: 2, times: 1 }]);
    const summary = await r.harvest('full');
    assert.equal(summary.error, null);
    assert.equal(summary.run.status, 'partial');
    // The second live record of page 2 carries the entity.
    const target = r.server.records.slice(10, 20).filter((x) => !x.deleted)[1]?.identifier ?? '';
    await assertCatalog(r, { failed: { [target]: 'xml_malformed' } });
    const issues = await r.h.store.listRecordIssues(summary.run.id);
    assert.deepEqual(
      issues.map((i) => [i.sourceRecordId, i.code]),
      [[target, 'xml_malformed']],
    );
    assert.match(issues[0]?.raw ?? '', /&nbsp;/);
    assert.equal(summary.run.errorsByClass.page_salvaged, 1);
    assert.ok(notes(summary.run).includes('page_salvaged'));
  });
});

describe('OAI-PMH resumption tokens', () => {
  for (const style of ['missing', 'whitespace', 'empty-with-attributes'] as const) {
    it(`ends the list on a last page whose token is ${style}`, async (t) => {
      const r = await rig(t);
      r.server.setFaults([{ kind: 'last-page-token', style }]);
      const summary = await r.harvest('full');
      assertSucceeded(summary);
      assertFullCounts(summary.run);
      await assertCatalog(r);
      assert.ok(fired(r.server, 'last-page-token').length >= 4);
      for (const entry of r.server.requests) {
        assert.notEqual(entry.args.resumptionToken?.trim(), '', 'an empty token is never sent');
      }
    });
  }

  it('stops a token repeated forever with harvest_loop, and resumes later', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'token-loop', verb: 'ListRecords', page: 2 }]);
    const failed = await r.harvest('full');
    assert.equal(failed.error?.code, 'harvest_loop');
    assert.equal(failed.run.errorsByClass.harvest_loop, 1);
    assert.equal(fired(r.server, 'token-loop').length, 1, 'the repeated token is noticed at once');
    await assertResumesAndCompletes(r, failed);
  });

  it('restarts the current window on badResumptionToken mid-list, and stores every record once', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'bad-resumption-token', verb: 'ListRecords', page: 3, times: 1 }]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    // The two pages before the refused token are listed again: unchanged, not new.
    assertFullCounts(summary.run, 20);
    await assertCatalog(r);
    assert.equal(summary.run.errorsByClass.bad_resumption_token, 1);
    assert.ok(notes(summary.run).includes('window_restarted'));
    const refused = r.server.requests.findIndex((e) => e.faults.includes('bad-resumption-token'));
    const restartedWith = r.server.requests[refused + 1];
    assert.deepEqual(
      restartedWith?.args,
      windowStartBefore(r.server, refused)?.args,
      'the same window again',
    );
  });

  it('restarts the window when the provider restarted and its tokens expired', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'restart', verb: 'ListRecords', page: 2, times: 1 }]);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    assertFullCounts(summary.run, 10);
    await assertCatalog(r);
    assert.equal(summary.run.errorsByClass.bad_resumption_token, 1);
  });

  it('resumes an interrupted run whose token expired meanwhile by restarting its window', async (t) => {
    const r = await rig(t);
    const controller = new AbortController();
    let pages = 0;
    const stopped = await r.h.harvests.harvest(r.source.id, {
      mode: 'full',
      signal: controller.signal,
      onProgress: () => {
        pages += 1;
        if (pages === 2) controller.abort();
      },
    });
    assert.equal(stopped.error?.code, 'harvest_interrupted');
    assert.equal(stopped.run.status, 'interrupted');
    assert.equal(typeof stopped.run.checkpoint?.token, 'string', 'stopped in the middle of a list');
    r.server.restart();
    r.advance(HOUR);
    const resumed = await r.harvest();
    assertSucceeded(resumed);
    assert.equal(resumed.resumed, true);
    assert.equal(resumed.run.id, stopped.run.id);
    assert.equal(resumed.run.errorsByClass.bad_resumption_token, 1);
    assert.equal(resumed.run.counts.new, 89);
    assert.equal(resumed.run.counts.deleted, 11);
    await assertCatalog(r);
  });
});

describe('OAI-PMH date ranges, sets and incremental runs', () => {
  it('gets exactly the changes in an incremental run, and nothing in the next one', async (t) => {
    const r = await rig(t);
    assertSucceeded(await r.harvest());
    const added = r.server.mutate.add();
    r.server.mutate.update('oai:fault.test:2', { title: 'Lesson 2: a new title' });
    r.server.mutate.delete('oai:fault.test:3');
    r.advance(HOUR);

    const first = await r.harvest();
    assertSucceeded(first);
    assert.equal(first.run.mode, 'incremental');
    assert.deepEqual(
      [first.run.counts.new, first.run.counts.updated, first.run.counts.deleted, first.run.counts.failed],
      [1, 1, 1, 0],
    );
    assert.equal(first.run.report.snapshot, false, 'an incremental run does not list everything');
    await assertCatalog(r);
    assert.equal((await r.h.store.getSourceRecord(r.source.id, added.identifier))?.status, 'active');
    // The incremental run starts a day before the previous run's first answer.
    const incrementalFrom = listRequests(r.server).at(-1)?.args.from;
    assert.equal(incrementalFrom, new Date(START - 24 * HOUR).toISOString().replace('.000Z', 'Z'));

    r.advance(HOUR);
    const second = await r.harvest();
    assertSucceeded(second);
    assert.deepEqual(
      [second.run.counts.new, second.run.counts.updated, second.run.counts.deleted, second.run.counts.failed],
      [0, 0, 0, 0],
    );
    assert.equal(second.run.counts.unchanged, 3, 'the overlap day lists the three changes again, unchanged');
    await assertCatalog(r);
  });

  it('detects a provider that ignores from/until, stores everything once, and then uses full + diff', async (t) => {
    const r = await rig(t);
    r.server.setFaults([{ kind: 'ignore-date-range' }]);
    const full = await r.harvest('full');
    assertSucceeded(full);
    assert.equal(full.run.counts.new, 89);
    assert.equal(full.run.counts.deleted, 11);
    assert.ok(notes(full.run).includes('from_until_ignored'));
    await assertCatalog(r);

    r.server.mutate.add();
    r.server.mutate.update('oai:fault.test:5', { title: 'Lesson 5: changed' });
    r.server.mutate.delete('oai:fault.test:6');
    r.advance(HOUR);
    const before = r.server.requests.length;
    const next = await r.harvest();
    assertSucceeded(next);
    assert.equal(next.run.mode, 'incremental');
    assert.ok(notes(next.run).includes('full_and_diff'));
    const asked = r.server.requests.slice(before).filter((e) => e.verb === 'ListRecords');
    assert.ok(
      asked.every((e) => e.args.from === undefined && e.args.until === undefined),
      'no date range sent',
    );
    assert.deepEqual(
      [next.run.counts.new, next.run.counts.updated, next.run.counts.deleted, next.run.counts.failed],
      [1, 1, 1, 0],
    );
    assert.equal(next.run.counts.unchanged, r.server.records.length - 3);
    assert.equal(next.run.report.snapshot, true);
    await assertCatalog(r);
  });

  it('harvests only the included set', async (t) => {
    const r = await rig(t, { source: { sets: ['physics'] } });
    const inPhysics = (x: FaultRecord) => x.setSpecs.some((s) => s === 'physics' || s.startsWith('physics:'));
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    await assertCatalog(r, { include: inPhysics });
    assert.equal(summary.run.counts.new, liveCount(r, inPhysics));
    for (const entry of listRequests(r.server)) {
      if (entry.args.resumptionToken === undefined) assert.equal(entry.args.set, 'physics');
    }
  });

  it('skips an excluded set and the sets below it', async (t) => {
    const r = await rig(t, { source: { excludeSets: ['math'] } });
    const kept = (x: FaultRecord) => !x.setSpecs.some((s) => s === 'math' || s.startsWith('math:'));
    assert.ok(r.server.records.some((x) => x.setSpecs.includes('math:geometry')));
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    await assertCatalog(r, { include: kept });
    assert.equal(summary.run.counts.new, liveCount(r, kept));
    assert.equal(summary.run.counts.deleted, deletedCount(r, kept));
    assert.equal(
      summary.run.errorsByClass.excluded_by_set,
      r.server.records.length - r.server.records.filter(kept).length,
    );
  });

  it('turns a record that left the harvested set into a tombstone at the next full run', async (t) => {
    const r = await rig(t, { source: { sets: ['physics'] } });
    assertSucceeded(await r.harvest('full'));
    const moved = r.server.records.find(
      (x) => !x.deleted && x.setSpecs.length === 1 && x.setSpecs[0] === 'physics',
    );
    assert.ok(moved !== undefined);
    r.server.mutate.update(moved.identifier, { setSpecs: ['arts'] });
    r.advance(HOUR);
    const next = await r.harvest('full');
    assertSucceeded(next);
    assert.equal(next.run.counts.deleted, 1);
    assert.equal(next.run.report.tombstoned, 1);
    const stored = await r.h.store.getSourceRecord(r.source.id, moved.identifier);
    assert.equal(stored?.status, 'deleted');
    assert.equal(stored.record, null);
  });

  it('stores a record that is in several harvested sets once', async (t) => {
    const r = await rig(t, { source: { sets: ['physics', 'history'] } });
    const inSet = (x: FaultRecord, set: string) =>
      x.setSpecs.some((s) => s === set || s.startsWith(`${set}:`));
    const either = (x: FaultRecord) => inSet(x, 'physics') || inSet(x, 'history');
    const both = r.server.records.filter((x) => inSet(x, 'physics') && inSet(x, 'history'));
    assert.ok(both.length > 0);
    const summary = await r.harvest('full');
    assertSucceeded(summary);
    await assertCatalog(r, { include: either });
    assert.equal(summary.run.counts.new, liveCount(r, either));
    assert.equal(summary.run.counts.deleted, deletedCount(r, either));
    assert.equal(summary.run.counts.unchanged, both.length, 'the second set lists the shared records again');
  });
});
