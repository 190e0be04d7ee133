// The behaviour every Store adapter must show, written once and run against each backend (store.sqlite.test.ts,
// store.postgres.test.ts). Each test gets a fresh, empty database from the backend's `open` function.
// Must never depend on one backend's quirks: anything only one adapter does belongs in test/adapters/.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  EMPTY_COUNTS,
  MAX_GROUPING_FEATURES_LENGTH,
  MAX_MATCH_KEY_LENGTH,
  type HarvestRunStatus,
  type LinkCheckWrite,
  type NewSource,
  type QueuedRecordRef,
  type RecordQuality,
  type RecordRef,
  type SourceRecordInput,
  type SourceRecordStatus,
  type UpsertOutcome,
  type WorkEdgeInput,
} from '../../src/domain/catalog.js';
import { AtlasError, type ErrorCode } from '../../src/domain/errors.js';
import type { ResourceRecord } from '../../src/domain/profile.js';
import type { Store, StoreSession } from '../../src/ports/store.js';

export interface StoreHarness {
  /** A store on a fresh, empty, not yet migrated database. */
  readonly store: Store;
  /** Another, independent store (own connections) on the same database. */
  readonly openAnother: () => Promise<Store>;
  /** Closes every store opened by this harness and throws the database away. */
  readonly cleanup: () => Promise<void>;
}

const T0 = '2024-05-01T10:00:00.000Z';
const T1 = '2024-05-02T10:00:00.000Z';
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function newSource(overrides: Partial<NewSource> = {}): NewSource {
  return {
    name: 'Open Textbook Shelf',
    url: 'https://oer.example.org/oai',
    protocol: 'oai-pmh',
    format: 'oai_dc',
    sets: ['math', 'physics'],
    excludeSets: ['drafts'],
    schedule: 'daily',
    country: 'DE',
    allowPrivateNetwork: false,
    settings: { granularity: 'YYYY-MM-DDThh:mm:ssZ', pageSize: 100 },
    ...overrides,
  };
}

function resource(sourceId: string, recordId: string, title: string): ResourceRecord {
  return {
    id: `https://oer.example.org/r/${encodeURIComponent(recordId)}`,
    type: ['LearningResource'],
    name: { en: title },
    provenance: [{ sourceId, sourceRecordId: recordId, harvestedAt: T0, fields: ['name'] }],
  };
}

interface RecordOptions {
  readonly status?: SourceRecordStatus;
  readonly raw?: string;
  readonly title?: string;
  readonly record?: ResourceRecord | null;
  readonly harvestedAt?: string;
  readonly runId?: string;
  readonly matchKeys?: readonly string[];
  readonly groupingFeatures?: string;
  readonly quality?: RecordQuality;
}

function recordInput(sourceId: string, recordId: string, options: RecordOptions = {}): SourceRecordInput {
  const status = options.status ?? 'active';
  const title = options.title ?? 'Linear algebra';
  const raw = options.raw ?? `<record><id>${recordId}</id><title>${title}</title><st>${status}</st></record>`;
  const record =
    options.record !== undefined
      ? options.record
      : status === 'active'
        ? resource(sourceId, recordId, title)
        : null;
  return {
    sourceId,
    sourceRecordId: recordId,
    status,
    sourceDatestamp: '2024-03-01',
    rawFormat: 'oai_dc',
    raw,
    rawHash: sha256(raw),
    record,
    errorCode: status === 'failed' ? 'record_invalid' : null,
    errorMessage: status === 'failed' ? 'The record has no title.' : null,
    harvestedAt: options.harvestedAt ?? T0,
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    ...(options.matchKeys === undefined ? {} : { matchKeys: options.matchKeys }),
    ...(options.groupingFeatures === undefined ? {} : { groupingFeatures: options.groupingFeatures }),
    ...(options.quality === undefined ? {} : { quality: options.quality }),
  };
}

/** Text that gzip cannot shrink much, so large-payload tests really move that many bytes. */
function noisyText(length: number, seed = 7): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzÄÖÜäöüß0123456789 <>/="\n\tλμπ中文';
  let state = seed;
  let out = '';
  while (out.length < length) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet[state % alphabet.length] ?? 'x';
  }
  return out.slice(0, length);
}

function hasCode(code: ErrorCode): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof AtlasError, `expected an AtlasError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  };
}

/** Resolves with the promise's value, or fails the test when it takes longer than `ms` (it is blocked). */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} did not return within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A promise with its resolve function, to hold a transaction open until the test lets it go. */
function gate(): { readonly promise: Promise<void>; readonly open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Byte order of UTF-8, the order both backends page in. */
function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * A queue listing holds exactly `ids` of one source, oldest first and, queued at the same time, in ref order.
 * The rows of one batch may be queued a clock tick apart, so the order is checked against their own times.
 */
function assertQueueOrder(listed: readonly QueuedRecordRef[], ids: readonly string[]): void {
  assert.deepEqual(listed.map((q) => q.sourceRecordId).sort(), [...ids].sort());
  const order = (a: QueuedRecordRef, b: QueuedRecordRef): number =>
    a.queuedAt.localeCompare(b.queuedAt) || a.sourceRecordId.localeCompare(b.sourceRecordId);
  assert.deepEqual(listed, [...listed].sort(order), 'oldest first, then ref order');
}

function ref(sourceId: string, sourceRecordId: string): RecordRef {
  return { sourceId, sourceRecordId };
}

/** Refs in the order every listing returns them: sourceId, then sourceRecordId, by UTF-8 bytes. */
function sortRefs(refs: readonly RecordRef[]): RecordRef[] {
  return [...refs].sort(
    (a, b) => byteCompare(a.sourceId, b.sourceId) || byteCompare(a.sourceRecordId, b.sourceRecordId),
  );
}

interface Fixture {
  readonly store: Store;
  readonly harness: StoreHarness;
}

/** Gives every test of the enclosing suite a fresh store, migrated unless told otherwise. */
function freshStore(open: () => Promise<StoreHarness>, migrate = true): Fixture {
  let current: StoreHarness | undefined;
  beforeEach(async () => {
    current = await open();
    if (migrate) await current.store.migrate();
  });
  afterEach(async () => {
    const done = current;
    current = undefined;
    await done?.cleanup();
  });
  const get = (): StoreHarness => {
    assert.ok(current, 'the store is only available inside a test');
    return current;
  };
  return {
    get store() {
      return get().store;
    },
    get harness() {
      return get();
    },
  };
}

export function defineStoreContract(name: string, open: () => Promise<StoreHarness>): void {
  void describe(`Store contract: ${name}`, () => {
    void describe('migrations', () => {
      const f = freshStore(open, false);

      void it('starts an empty database at version 0 and migrates it to the latest version', async () => {
        assert.equal(await f.store.schemaVersion(), 0);
        const report = await f.store.migrate();
        assert.equal(report.from, 0);
        assert.equal(report.to, f.store.latestSchemaVersion);
        assert.ok(report.applied.length >= 1, 'names the migrations it applied');
        assert.equal(await f.store.schemaVersion(), f.store.latestSchemaVersion);
      });

      void it('applies nothing when migrated again', async () => {
        await f.store.migrate();
        const again = await f.store.migrate();
        assert.deepEqual(again, {
          from: f.store.latestSchemaVersion,
          to: f.store.latestSchemaVersion,
          applied: [],
        });
      });

      void it('finds nothing to migrate from a second store on a migrated database', async () => {
        const first = await f.store.migrate();
        const other = await f.harness.openAnother();
        assert.equal(await other.schemaVersion(), f.store.latestSchemaVersion);
        const report = await other.migrate();
        assert.deepEqual(report.applied, []);
        assert.ok(first.applied.length >= 1);
      });

      void it('applies each migration exactly once when two stores migrate at the same moment', async () => {
        const other = await f.harness.openAnother();
        const [a, b] = await Promise.all([f.store.migrate(), other.migrate()]);
        const all = [...a.applied, ...b.applied];
        assert.ok(all.length >= 1);
        assert.equal(new Set(all).size, all.length, 'no migration applied twice');
        assert.equal(a.to, f.store.latestSchemaVersion);
        assert.equal(b.to, f.store.latestSchemaVersion);
        const third = await f.harness.openAnother();
        assert.deepEqual((await third.migrate()).applied, []);
      });
    });

    void describe('sources', () => {
      const f = freshStore(open);

      void it('creates a source with a generated id and timestamps, and reads it back', async () => {
        const created = await f.store.createSource(newSource());
        assert.match(created.id, /^src_[0-9a-z]{12}$/);
        assert.match(created.createdAt, ISO_UTC);
        assert.equal(created.updatedAt, created.createdAt);
        assert.deepEqual(created, {
          ...newSource(),
          id: created.id,
          createdAt: created.createdAt,
          updatedAt: created.updatedAt,
        });
        assert.deepEqual(await f.store.getSource(created.id), created);
      });

      void it('keeps an id chosen by the caller', async () => {
        const created = await f.store.createSource(newSource({ id: 'oercommons' }));
        assert.equal(created.id, 'oercommons');
        assert.equal((await f.store.getSource('oercommons'))?.name, 'Open Textbook Shelf');
      });

      void it('refuses a second source with the same id', async () => {
        await f.store.createSource(newSource({ id: 'twice' }));
        await assert.rejects(
          f.store.createSource(newSource({ id: 'twice', name: 'Other' })),
          hasCode('conflict'),
        );
        assert.equal((await f.store.getSource('twice'))?.name, 'Open Textbook Shelf');
      });

      void it('returns null for a source that does not exist', async () => {
        assert.equal(await f.store.getSource('src_doesnotexist'), null);
      });

      void it('lists sources in creation order', async () => {
        const a = await f.store.createSource(newSource({ name: 'Zeta' }));
        await sleep(3);
        const b = await f.store.createSource(newSource({ name: 'Alpha' }));
        assert.deepEqual(
          (await f.store.listSources()).map((s) => s.id),
          [a.id, b.id],
        );
      });

      void it('keeps sets, excluded sets and settings exactly as given', async () => {
        const settings = {
          columns: { title: 'Titel', licence: 'Lizenz' },
          delimiter: ';',
          flags: [true, false, null],
          limit: 2.5,
          note: 'Ünïcødé 中文 🧮',
        };
        const created = await f.store.createSource(
          newSource({ protocol: 'csv', format: null, sets: [], excludeSets: ['a', 'b:c'], settings }),
        );
        const read = await f.store.getSource(created.id);
        assert.deepEqual(read?.settings, settings);
        assert.deepEqual(read?.sets, []);
        assert.deepEqual(read?.excludeSets, ['a', 'b:c']);
        assert.equal(read?.format, null);
      });

      void it('updates only the patched fields and moves updatedAt', async () => {
        const created = await f.store.createSource(newSource());
        await sleep(3);
        const updated = await f.store.updateSource(created.id, {
          name: 'Renamed',
          schedule: 'weekly',
          allowPrivateNetwork: true,
          settings: { pageSize: 50 },
        });
        assert.equal(updated.name, 'Renamed');
        assert.equal(updated.schedule, 'weekly');
        assert.equal(updated.allowPrivateNetwork, true);
        assert.deepEqual(updated.settings, { pageSize: 50 });
        assert.equal(updated.url, created.url);
        assert.deepEqual(updated.sets, created.sets);
        assert.equal(updated.createdAt, created.createdAt);
        assert.ok(updated.updatedAt > created.updatedAt, 'updatedAt moves forward');
        assert.deepEqual(await f.store.getSource(created.id), updated);
      });

      void it('clears a nullable field when patched with null', async () => {
        const created = await f.store.createSource(newSource());
        const updated = await f.store.updateSource(created.id, { format: null, country: null });
        assert.equal(updated.format, null);
        assert.equal(updated.country, null);
      });

      void it('reports not_found when updating a source that does not exist', async () => {
        await assert.rejects(f.store.updateSource('src_missing', { name: 'x' }), hasCode('not_found'));
        await assert.rejects(f.store.updateSource('src_missing', {}), hasCode('not_found'));
      });

      void it('removes a source with its records, runs and issues, and leaves other sources alone', async () => {
        const doomed = await f.store.createSource(newSource());
        const kept = await f.store.createSource(newSource({ name: 'Kept' }));
        await f.store.upsertSourceRecords([recordInput(doomed.id, 'a'), recordInput(kept.id, 'a')]);
        const run = await f.store.createRun({ sourceId: doomed.id, mode: 'full', startedAt: T0 });
        await f.store.addRecordIssues([
          { runId: run.id, sourceRecordId: 'a', code: 'record_invalid', message: 'bad', raw: '<x/>', at: T0 },
        ]);

        assert.equal(await f.store.removeSource(doomed.id), true);
        assert.equal(await f.store.getSource(doomed.id), null);
        assert.equal(await f.store.getSourceRecord(doomed.id, 'a'), null);
        assert.deepEqual(await f.store.countSourceRecords(doomed.id), { active: 0, deleted: 0, failed: 0 });
        assert.equal(await f.store.getRun(run.id), null);
        assert.deepEqual(await f.store.listRecordIssues(run.id), []);
        assert.equal(await f.store.removeSource(doomed.id), false, 'a second removal finds nothing');

        assert.notEqual(await f.store.getSourceRecord(kept.id, 'a'), null);
        assert.deepEqual(await f.store.countSourceRecords(), { active: 1, deleted: 0, failed: 0 });
      });
    });

    void describe('source record upserts', () => {
      const f = freshStore(open);
      let sourceId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
      });

      void it('returns "new" the first time a record is written', async () => {
        assert.deepEqual(await f.store.upsertSourceRecords([recordInput(sourceId, 'r1')]), ['new']);
      });

      void it('returns "unchanged" when the same record is written twice, keeping updatedAt', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1')]);
        const first = await f.store.getSourceRecord(sourceId, 'r1');
        await sleep(3);
        const outcomes = await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { harvestedAt: T1 }),
        ]);
        assert.deepEqual(outcomes, ['unchanged']);
        const second = await f.store.getSourceRecord(sourceId, 'r1');
        assert.equal(second?.updatedAt, first?.updatedAt, 'content did not change');
        assert.equal(second?.harvestedAt, T1, 'harvestedAt tells when it was last seen');
      });

      void it('returns "updated" when the raw payload changes', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1')]);
        const before = await f.store.getSourceRecord(sourceId, 'r1');
        await sleep(3);
        const outcomes = await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { raw: '<record>v2</record>' }),
        ]);
        assert.deepEqual(outcomes, ['updated']);
        const after = await f.store.getSourceRecord(sourceId, 'r1');
        assert.equal(after?.raw, '<record>v2</record>');
        assert.ok((after?.updatedAt ?? '') > (before?.updatedAt ?? ''), 'updatedAt moves forward');
      });

      void it('returns "updated" when only the mapped record changes (re-mapping with a new mapper)', async () => {
        const raw = '<record>same</record>';
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { raw, title: 'Old mapping' })]);
        const outcomes = await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { raw, title: 'New mapping' }),
        ]);
        assert.deepEqual(outcomes, ['updated']);
        assert.deepEqual((await f.store.getSourceRecord(sourceId, 'r1'))?.record?.name, {
          en: 'New mapping',
        });
      });

      void it('returns "unchanged" when the mapped record differs only in key order', async () => {
        const input = recordInput(sourceId, 'r1');
        await f.store.upsertSourceRecords([input]);
        const record = input.record;
        assert.ok(record);
        const reordered = Object.fromEntries(Object.entries(record).reverse()) as ResourceRecord;
        assert.deepEqual(await f.store.upsertSourceRecords([{ ...input, record: reordered }]), ['unchanged']);
      });

      void it('returns "deleted" when a record becomes a tombstone, and "unchanged" for a tombstone again', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1')]);
        assert.deepEqual(
          await f.store.upsertSourceRecords([
            recordInput(sourceId, 'r1', { status: 'deleted', raw: '<header status="deleted"/>' }),
          ]),
          ['deleted'],
        );
        assert.deepEqual(
          await f.store.upsertSourceRecords([
            recordInput(sourceId, 'r1', {
              status: 'deleted',
              raw: '<header status="deleted" datestamp="2024-06-01"/>',
            }),
          ]),
          ['unchanged'],
        );
        const stored = await f.store.getSourceRecord(sourceId, 'r1');
        assert.equal(stored?.status, 'deleted');
        assert.equal(stored?.record, null);
      });

      void it('returns "deleted" for a tombstone of a record never seen before', async () => {
        assert.deepEqual(
          await f.store.upsertSourceRecords([recordInput(sourceId, 'ghost', { status: 'deleted' })]),
          ['deleted'],
        );
        assert.equal((await f.store.getSourceRecord(sourceId, 'ghost'))?.status, 'deleted');
      });

      void it('returns "updated" when a tombstone comes back to life', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { status: 'deleted' })]);
        assert.deepEqual(await f.store.upsertSourceRecords([recordInput(sourceId, 'r1')]), ['updated']);
      });

      void it('returns "failed" for a failed record and stores it with its error', async () => {
        const outcomes = await f.store.upsertSourceRecords([
          recordInput(sourceId, 'bad', { status: 'failed' }),
        ]);
        assert.deepEqual(outcomes, ['failed']);
        const stored = await f.store.getSourceRecord(sourceId, 'bad');
        assert.equal(stored?.status, 'failed');
        assert.equal(stored?.errorCode, 'record_invalid');
        assert.equal(stored?.errorMessage, 'The record has no title.');
        assert.deepEqual(
          await f.store.upsertSourceRecords([recordInput(sourceId, 'bad', { status: 'failed' })]),
          ['failed'],
          'a failure is reported every time',
        );
      });

      void it('returns "updated" when a failed record maps on a later harvest', async () => {
        const raw = '<record>fixed mapper</record>';
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { status: 'failed', raw })]);
        assert.deepEqual(await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { raw })]), [
          'updated',
        ]);
      });

      void it('returns one outcome per input, in input order, for a mixed batch', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'same'),
          recordInput(sourceId, 'changes'),
          recordInput(sourceId, 'goes'),
        ]);
        const outcomes = await f.store.upsertSourceRecords([
          recordInput(sourceId, 'fresh'),
          recordInput(sourceId, 'same'),
          recordInput(sourceId, 'broken', { status: 'failed' }),
          recordInput(sourceId, 'changes', { raw: '<changed/>' }),
          recordInput(sourceId, 'goes', { status: 'deleted' }),
        ]);
        assert.deepEqual(outcomes, ['new', 'unchanged', 'failed', 'updated', 'deleted']);
      });

      void it('lets the later version win when the same key appears twice in one batch', async () => {
        const outcomes = await f.store.upsertSourceRecords([
          recordInput(sourceId, 'dup', { raw: '<first/>' }),
          recordInput(sourceId, 'dup', { raw: '<second/>' }),
        ]);
        assert.deepEqual(outcomes, ['new', 'updated']);
        assert.equal((await f.store.getSourceRecord(sourceId, 'dup'))?.raw, '<second/>');
        assert.deepEqual(await f.store.countSourceRecords(sourceId), { active: 1, deleted: 0, failed: 0 });
      });

      void it('keeps one row per key however often the record is written', async () => {
        for (let round = 0; round < 5; round += 1) {
          await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { raw: `<v${round % 2}/>` })]);
        }
        assert.deepEqual(await f.store.countSourceRecords(sourceId), { active: 1, deleted: 0, failed: 0 });
      });

      void it('never creates a second row when two stores write the same keys at the same time', async () => {
        const other = await f.harness.openAnother();
        const keys = (from: number, to: number): string[] =>
          Array.from({ length: to - from }, (_v, i) => `k${String(from + i).padStart(3, '0')}`);
        const newCount = new Map<string, number>();
        for (let round = 0; round < 4; round += 1) {
          const left = keys(0, 60).map((k) =>
            recordInput(sourceId, k, { raw: `<a round="${round}">${k}</a>` }),
          );
          const right = keys(30, 90).map((k) =>
            recordInput(sourceId, k, { raw: `<b round="${round}">${k}</b>` }),
          );
          const [fromLeft, fromRight] = await Promise.all([
            f.store.upsertSourceRecords(left),
            other.upsertSourceRecords(right),
          ]);
          assert.equal(fromLeft.length, left.length);
          assert.equal(fromRight.length, right.length);
          const tally = (batch: readonly SourceRecordInput[], outcomes: readonly UpsertOutcome[]): void => {
            batch.forEach((r, i) => {
              if (outcomes[i] === 'new')
                newCount.set(r.sourceRecordId, (newCount.get(r.sourceRecordId) ?? 0) + 1);
            });
          };
          tally(left, fromLeft);
          tally(right, fromRight);
        }
        assert.deepEqual(await f.store.countSourceRecords(sourceId), { active: 90, deleted: 0, failed: 0 });
        assert.equal(newCount.size, 90);
        assert.ok(
          [...newCount.values()].every((n) => n === 1),
          'each key was "new" exactly once',
        );
        const page = await f.store.listSourceRecords(sourceId, { limit: 1000 });
        assert.equal(new Set(page.items.map((r) => r.sourceRecordId)).size, 90);
      });

      void it('writes nothing of a batch that refers to a source that does not exist', async () => {
        await assert.rejects(
          f.store.upsertSourceRecords([
            recordInput(sourceId, 'ok'),
            recordInput('src_nosuchsource', 'orphan'),
          ]),
          hasCode('not_found'),
        );
        assert.equal(await f.store.getSourceRecord(sourceId, 'ok'), null);
      });

      void it('returns no outcomes for an empty batch', async () => {
        assert.deepEqual(await f.store.upsertSourceRecords([]), []);
      });

      void it('refuses a harvestedAt that is not a date and time', async () => {
        await assert.rejects(
          f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { harvestedAt: 'yesterday' })]),
          hasCode('invalid_parameter'),
        );
      });

      void it('reads back every field it was given', async () => {
        const input = recordInput(sourceId, 'oai:oer.example.org:42', {
          harvestedAt: '2024-05-01T12:00:00+02:00',
          runId: 'run_0h7k3m9q2c4x',
        });
        await f.store.upsertSourceRecords([input]);
        const stored = await f.store.getSourceRecord(sourceId, input.sourceRecordId);
        assert.ok(stored);
        assert.match(stored.updatedAt, ISO_UTC);
        const { runId, ...given } = input;
        assert.deepEqual(stored, {
          ...given,
          harvestedAt: T0,
          updatedAt: stored.updatedAt,
          lastRunId: runId,
        });
      });

      void it('returns null for a record that does not exist', async () => {
        assert.equal(await f.store.getSourceRecord(sourceId, 'nope'), null);
      });
    });

    void describe('raw payloads', () => {
      const f = freshStore(open);

      void it('round-trips non-ASCII and control characters byte for byte', async () => {
        const { id } = await f.store.createSource(newSource());
        const controls = Array.from({ length: 32 }, (_v, i) => String.fromCharCode(i)).join('');
        const raw = `\uFEFF<?xml version="1.0"?>\r\n<t>Grüße, 日本語, عربى, 🧮🏳️‍🌈, e\u0301</t>${controls}\u007f\u2028\u2029 trailing  `;
        await f.store.upsertSourceRecords([recordInput(id, 'r1', { raw })]);
        const stored = await f.store.getSourceRecord(id, 'r1');
        assert.equal(stored?.raw, raw);
        assert.ok(Buffer.from(stored.raw, 'utf8').equals(Buffer.from(raw, 'utf8')));
        const listed = await f.store.listSourceRecords(id);
        assert.equal(listed.items[0]?.raw, raw);
      });

      void it('round-trips a 1 MB payload in records and in record issues', async () => {
        const { id } = await f.store.createSource(newSource());
        const raw = noisyText(1024 * 1024);
        await f.store.upsertSourceRecords([recordInput(id, 'big', { raw })]);
        assert.equal((await f.store.getSourceRecord(id, 'big'))?.raw, raw);
        const run = await f.store.createRun({ sourceId: id, mode: 'full', startedAt: T0 });
        await f.store.addRecordIssues([
          { runId: run.id, sourceRecordId: 'big', code: 'record_too_large', message: 'large', raw, at: T0 },
        ]);
        assert.equal((await f.store.listRecordIssues(run.id))[0]?.raw, raw);
      });
    });

    void describe('transactions', () => {
      const f = freshStore(open);

      void it('commits everything a successful transaction wrote and returns its value', async () => {
        const result = await f.store.transaction(async (tx) => {
          const source = await tx.createSource(newSource({ id: 'in-tx' }));
          await tx.upsertSourceRecords([recordInput(source.id, 'a'), recordInput(source.id, 'b')]);
          await tx.setMeta('catalog', 'loaded');
          return source.id;
        });
        assert.equal(result, 'in-tx');
        assert.notEqual(await f.store.getSource('in-tx'), null);
        assert.deepEqual(await f.store.countSourceRecords('in-tx'), { active: 2, deleted: 0, failed: 0 });
        assert.equal(await f.store.getMeta('catalog'), 'loaded');
      });

      void it('leaves nothing behind when the transaction throws, and rethrows the error', async () => {
        const boom = new Error('mapper exploded');
        await assert.rejects(
          f.store.transaction(async (tx) => {
            const source = await tx.createSource(newSource({ id: 'rolled-back' }));
            await tx.upsertSourceRecords([recordInput(source.id, 'a')]);
            await tx.setMeta('catalog', 'half');
            throw boom;
          }),
          (err: unknown) => err === boom,
        );
        assert.equal(await f.store.getSource('rolled-back'), null);
        assert.deepEqual(await f.store.countSourceRecords(), { active: 0, deleted: 0, failed: 0 });
        assert.equal(await f.store.getMeta('catalog'), null);
      });

      void it('lets the transaction read its own writes', async () => {
        await f.store.transaction(async (tx) => {
          const source = await tx.createSource(newSource());
          await tx.upsertSourceRecords([recordInput(source.id, 'a')]);
          assert.equal((await tx.getSource(source.id))?.id, source.id);
          assert.equal((await tx.getSourceRecord(source.id, 'a'))?.status, 'active');
          assert.deepEqual(await tx.countSourceRecords(source.id), { active: 1, deleted: 0, failed: 0 });
        });
      });

      void it('keeps readers on the last committed state while a write transaction is open, without blocking them', async () => {
        const other = await f.harness.openAnother();
        const existing = await f.store.createSource(newSource({ id: 'existing' }));
        const hold = gate();
        const wrote = gate();
        const transaction = f.store.transaction(async (tx) => {
          await tx.createSource(newSource({ id: 'pending' }));
          await tx.updateSource(existing.id, { name: 'Renamed in transaction' });
          await tx.upsertSourceRecords([recordInput(existing.id, 'new-in-tx')]);
          wrote.open();
          await hold.promise;
        });
        let transactionOpen = true;
        void transaction.finally(() => {
          transactionOpen = false;
        });
        await wrote.promise;

        for (const [who, reader] of [
          ['the same store', f.store],
          ['another store', other],
        ] as const) {
          assert.equal(await within(2000, reader.getSource('pending'), `${who}: getSource`), null, who);
          assert.equal(
            (await within(2000, reader.getSource('existing'), who))?.name,
            'Open Textbook Shelf',
            who,
          );
          assert.equal(await within(2000, reader.getSourceRecord(existing.id, 'new-in-tx'), who), null, who);
          assert.equal((await within(2000, reader.listSources(), who)).length, 1, who);
          assert.ok(transactionOpen, `${who}: the read returned while the transaction was still open`);
        }

        hold.open();
        await transaction;
        assert.notEqual(await f.store.getSource('pending'), null);
        assert.equal((await other.getSource('existing'))?.name, 'Renamed in transaction');
        assert.notEqual(await other.getSourceRecord(existing.id, 'new-in-tx'), null);
      });

      void it("makes another store's write wait for an open transaction, then applies it on top", async () => {
        const other = await f.harness.openAnother();
        const { id } = await f.store.createSource(newSource());
        const hold = gate();
        const wrote = gate();
        const events: string[] = [];
        const transaction = f.store
          .transaction(async (tx) => {
            await tx.upsertSourceRecords([recordInput(id, 'contested', { raw: '<from-transaction/>' })]);
            wrote.open();
            await hold.promise;
          })
          .then(() => events.push('transaction committed'));
        await wrote.promise;
        const competing = other
          .upsertSourceRecords([recordInput(id, 'contested', { raw: '<from-other-store/>' })])
          .then((outcomes) => {
            events.push('other store wrote');
            return outcomes;
          });
        await sleep(100);
        hold.open();
        const [, outcomes] = await Promise.all([transaction, competing]);
        assert.deepEqual(events, ['transaction committed', 'other store wrote']);
        assert.deepEqual(outcomes, ['updated'], 'the other store saw the committed row');
        assert.equal((await f.store.getSourceRecord(id, 'contested'))?.raw, '<from-other-store/>');
        assert.deepEqual(await f.store.countSourceRecords(id), { active: 1, deleted: 0, failed: 0 });
      });

      void it("undoes a failed batch inside a transaction but keeps the transaction's other writes", async () => {
        await f.store.transaction(async (tx) => {
          const source = await tx.createSource(newSource({ id: 'kept' }));
          await assert.rejects(
            tx.upsertSourceRecords([recordInput(source.id, 'half'), recordInput('src_nosuchsource', 'x')]),
            hasCode('not_found'),
          );
          await tx.upsertSourceRecords([recordInput(source.id, 'whole')]);
        });
        assert.notEqual(await f.store.getSource('kept'), null);
        assert.equal(await f.store.getSourceRecord('kept', 'half'), null);
        assert.notEqual(await f.store.getSourceRecord('kept', 'whole'), null);
      });

      void it('refuses a write on the store itself from inside its own transaction instead of waiting forever', async () => {
        await f.store.transaction(async (tx) => {
          await tx.setMeta('inside', 'yes');
          await assert.rejects(
            within(5000, f.store.setMeta('outside', 'no'), 'store write'),
            hasCode('internal_error'),
          );
        });
        assert.equal(await f.store.getMeta('inside'), 'yes');
        assert.equal(await f.store.getMeta('outside'), null);
      });

      void it('refuses to use a transaction session after its transaction ended', async () => {
        let leaked: Parameters<Parameters<Store['transaction']>[0]>[0] | undefined;
        await f.store.transaction((tx) => {
          leaked = tx;
          return Promise.resolve();
        });
        assert.ok(leaked);
        await assert.rejects(leaked.setMeta('late', 'write'), AtlasError);
        assert.equal(await f.store.getMeta('late'), null);
      });
    });

    void describe('keyset paging', () => {
      const f = freshStore(open);
      let sourceId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
      });

      async function collect(limit: number, status?: SourceRecordStatus): Promise<string[][]> {
        const pages: string[][] = [];
        let after: string | undefined;
        for (;;) {
          const page = await f.store.listSourceRecords(sourceId, {
            limit,
            ...(after === undefined ? {} : { after }),
            ...(status === undefined ? {} : { status }),
          });
          pages.push(page.items.map((r) => r.sourceRecordId));
          if (page.next === null) return pages;
          after = page.next;
          assert.ok(pages.length < 1000, 'paging ends');
        }
      }

      void it('visits every record exactly once, in byte order of the identifier', async () => {
        const ids = [
          ...Array.from({ length: 120 }, (_v, i) => `oai:example.org:${i}`),
          'Zebra',
          'apple',
          'Äpfel',
          'épée',
          '日本',
          '~tilde',
          '0',
          'a b',
          'a/b',
          'a-b',
          '🧮',
          'ÿ',
          'z',
        ];
        for (let i = 0; i < ids.length; i += 50) {
          await f.store.upsertSourceRecords(ids.slice(i, i + 50).map((id) => recordInput(sourceId, id)));
        }
        const pages = await collect(7);
        const seen = pages.flat();
        assert.equal(seen.length, ids.length);
        assert.deepEqual(new Set(seen), new Set(ids));
        assert.deepEqual(seen, [...ids].sort(byteCompare));
        assert.ok(pages.slice(0, -1).every((p) => p.length === 7));
      });

      void it('ends with next = null on a page that is exactly full', async () => {
        await f.store.upsertSourceRecords(
          Array.from({ length: 20 }, (_v, i) => recordInput(sourceId, `r${i + 10}`)),
        );
        const first = await f.store.listSourceRecords(sourceId, { limit: 10 });
        assert.equal(first.items.length, 10);
        assert.notEqual(first.next, null);
        const second = await f.store.listSourceRecords(sourceId, { limit: 10, after: first.next ?? '' });
        assert.equal(second.items.length, 10);
        assert.equal(second.next, null);
      });

      void it('pages one status at a time', async () => {
        const statuses: SourceRecordStatus[] = ['active', 'deleted', 'failed'];
        await f.store.upsertSourceRecords(
          Array.from({ length: 30 }, (_v, i) =>
            recordInput(sourceId, `r${String(i).padStart(2, '0')}`, { status: statuses[i % 3] ?? 'active' }),
          ),
        );
        const deleted = (await collect(4, 'deleted')).flat();
        assert.equal(deleted.length, 10);
        for (const id of deleted)
          assert.equal((await f.store.getSourceRecord(sourceId, id))?.status, 'deleted');
      });

      void it('stays stable when records are added behind the cursor while paging', async () => {
        await f.store.upsertSourceRecords(
          Array.from({ length: 40 }, (_v, i) => recordInput(sourceId, `m${String(i).padStart(2, '0')}`)),
        );
        const seen: string[] = [];
        let after: string | undefined;
        for (let page = 0; ; page += 1) {
          const result = await f.store.listSourceRecords(sourceId, {
            limit: 8,
            ...(after === undefined ? {} : { after }),
          });
          seen.push(...result.items.map((r) => r.sourceRecordId));
          // Records that sort before the cursor appear while we page; they must not disturb what follows.
          await f.store.upsertSourceRecords([recordInput(sourceId, `a${page}`)]);
          if (result.next === null) break;
          after = result.next;
        }
        assert.equal(seen.length, 40);
        assert.equal(new Set(seen).size, 40);
      });

      void it('refuses a limit outside 1 to 10000', async () => {
        await assert.rejects(f.store.listSourceRecords(sourceId, { limit: 0 }), hasCode('invalid_parameter'));
        await assert.rejects(
          f.store.listSourceRecords(sourceId, { limit: 10_001 }),
          hasCode('invalid_parameter'),
        );
      });
    });

    void describe('counts', () => {
      const f = freshStore(open);

      void it('reports all three statuses, with 0 when there are none', async () => {
        assert.deepEqual(await f.store.countSourceRecords(), { active: 0, deleted: 0, failed: 0 });
        const { id } = await f.store.createSource(newSource());
        assert.deepEqual(await f.store.countSourceRecords(id), { active: 0, deleted: 0, failed: 0 });
      });

      void it('counts per source and for all sources together', async () => {
        const a = (await f.store.createSource(newSource())).id;
        const b = (await f.store.createSource(newSource({ name: 'B' }))).id;
        await f.store.upsertSourceRecords([
          recordInput(a, '1'),
          recordInput(a, '2'),
          recordInput(a, '3', { status: 'deleted' }),
          recordInput(b, '1', { status: 'failed' }),
          recordInput(b, '2'),
        ]);
        assert.deepEqual(await f.store.countSourceRecords(a), { active: 2, deleted: 1, failed: 0 });
        assert.deepEqual(await f.store.countSourceRecords(b), { active: 1, deleted: 0, failed: 1 });
        assert.deepEqual(await f.store.countSourceRecords(), { active: 3, deleted: 1, failed: 1 });
      });
    });

    void describe('harvest runs', () => {
      const f = freshStore(open);
      let sourceId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
      });

      void it('creates a running run with empty counts and no checkpoint', async () => {
        const run = await f.store.createRun({ sourceId, mode: 'incremental', startedAt: T0 });
        assert.match(run.id, /^run_[0-9a-z]{12}$/);
        assert.deepEqual(run, {
          id: run.id,
          sourceId,
          status: 'running',
          mode: 'incremental',
          startedAt: T0,
          finishedAt: null,
          counts: EMPTY_COUNTS,
          errorsByClass: {},
          checkpoint: null,
          report: {},
        });
        assert.deepEqual(await f.store.getRun(run.id), run);
      });

      void it('updates status, counts, errors, checkpoint and report, and clears a checkpoint with null', async () => {
        const run = await f.store.createRun({ sourceId, mode: 'full', startedAt: T0 });
        const checkpoint = {
          resumptionToken: 'tok/123==',
          cursor: 200,
          window: { from: '2024-01-01', until: null },
        };
        const counts = { ...EMPTY_COUNTS, new: 150, failed: 3, pages: 2, requests: 3 };
        const midway = await f.store.updateRun(run.id, {
          counts,
          errorsByClass: { http_503: 2, record_invalid: 3 },
          checkpoint,
        });
        assert.deepEqual(midway.checkpoint, checkpoint);
        assert.deepEqual(midway.counts, counts);
        assert.equal(midway.status, 'running');

        const finished = await f.store.updateRun(run.id, {
          status: 'partial',
          finishedAt: T1,
          checkpoint: null,
          report: { warnings: ['granularity fell back to days'], fallbacks: 1 },
        });
        assert.deepEqual(await f.store.getRun(run.id), finished);
        assert.equal(finished.status, 'partial');
        assert.equal(finished.finishedAt, T1);
        assert.equal(finished.checkpoint, null);
        assert.deepEqual(finished.counts, counts, 'fields left out of the patch are kept');
        assert.deepEqual(finished.errorsByClass, { http_503: 2, record_invalid: 3 });
        assert.deepEqual(finished.report, { warnings: ['granularity fell back to days'], fallbacks: 1 });
      });

      void it('lists runs of a source newest first, up to the limit', async () => {
        const started = ['2024-01-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z'];
        const ids = new Map<string, string>();
        for (const startedAt of started)
          ids.set(startedAt, (await f.store.createRun({ sourceId, mode: 'full', startedAt })).id);
        const other = (await f.store.createSource(newSource({ name: 'Other' }))).id;
        await f.store.createRun({ sourceId: other, mode: 'full', startedAt: T0 });

        const runs = await f.store.listRuns(sourceId);
        assert.deepEqual(
          runs.map((r) => r.startedAt),
          ['2024-03-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'],
        );
        assert.deepEqual(
          (await f.store.listRuns(sourceId, 2)).map((r) => r.id),
          [ids.get('2024-03-01T00:00:00.000Z'), ids.get('2024-02-01T00:00:00.000Z')],
        );
      });

      void it('reports not_found for an unknown run or source', async () => {
        await assert.rejects(f.store.updateRun('run_missing', { status: 'failed' }), hasCode('not_found'));
        await assert.rejects(
          f.store.createRun({ sourceId: 'src_missing', mode: 'full', startedAt: T0 }),
          hasCode('not_found'),
        );
        assert.equal(await f.store.getRun('run_missing'), null);
      });

      void it('commits a page of records together with its checkpoint, and neither when the page fails', async () => {
        const run = await f.store.createRun({ sourceId, mode: 'full', startedAt: T0 });
        await f.store.transaction(async (tx) => {
          await tx.upsertSourceRecords([recordInput(sourceId, 'p1-a'), recordInput(sourceId, 'p1-b')]);
          await tx.updateRun(run.id, { checkpoint: { token: 'page-2' } });
        });
        await assert.rejects(
          f.store.transaction(async (tx) => {
            await tx.upsertSourceRecords([recordInput(sourceId, 'p2-a')]);
            await tx.updateRun(run.id, { checkpoint: { token: 'page-3' } });
            throw new Error('killed mid-page');
          }),
        );
        assert.deepEqual((await f.store.getRun(run.id))?.checkpoint, { token: 'page-2' });
        assert.deepEqual(await f.store.countSourceRecords(sourceId), { active: 2, deleted: 0, failed: 0 });
      });
    });

    void describe('records seen by harvest runs', () => {
      const f = freshStore(open);
      let sourceId = '';
      let otherId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
        otherId = (await f.store.createSource(newSource({ name: 'Other' }))).id;
      });

      async function lastRun(id: string, recordId: string): Promise<string | null | undefined> {
        return (await f.store.getSourceRecord(id, recordId))?.lastRunId;
      }

      void it('records the run that saw a record, whatever the outcome', async () => {
        assert.deepEqual(
          await f.store.upsertSourceRecords([
            recordInput(sourceId, 'r1', { runId: 'run_a' }),
            recordInput(sourceId, 'r2', { runId: 'run_a' }),
          ]),
          ['new', 'new'],
        );
        assert.equal(await lastRun(sourceId, 'r1'), 'run_a');

        const before = await f.store.getSourceRecord(sourceId, 'r1');
        assert.deepEqual(
          await f.store.upsertSourceRecords([
            recordInput(sourceId, 'r1', { runId: 'run_b' }),
            recordInput(sourceId, 'r2', { runId: 'run_b', raw: '<changed/>' }),
          ]),
          ['unchanged', 'updated'],
        );
        assert.equal(await lastRun(sourceId, 'r1'), 'run_b', 'an unchanged record was seen too');
        assert.equal(await lastRun(sourceId, 'r2'), 'run_b');
        assert.equal((await f.store.getSourceRecord(sourceId, 'r1'))?.updatedAt, before?.updatedAt);

        assert.deepEqual(
          await f.store.upsertSourceRecords([
            recordInput(sourceId, 'r1', { runId: 'run_c', status: 'deleted' }),
            recordInput(sourceId, 'r2', { runId: 'run_c', status: 'failed' }),
          ]),
          ['deleted', 'failed'],
        );
        assert.equal(await lastRun(sourceId, 'r1'), 'run_c');
        assert.equal(await lastRun(sourceId, 'r2'), 'run_c');
      });

      void it('keeps the last seen run when a write names no run, and starts with none', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'seen', { runId: 'run_a' }),
          recordInput(sourceId, 'imported'),
        ]);
        assert.equal(await lastRun(sourceId, 'imported'), null);
        // A re-mapping of the stored payload, and an identical rewrite, are not sightings by a run.
        assert.deepEqual(
          await f.store.upsertSourceRecords([
            recordInput(sourceId, 'seen', { title: 'Re-mapped' }),
            { ...recordInput(sourceId, 'imported'), runId: null },
          ]),
          ['updated', 'unchanged'],
        );
        assert.equal(await lastRun(sourceId, 'seen'), 'run_a');
        assert.equal(await lastRun(sourceId, 'imported'), null);
      });

      void it('reads the stored hash and status of many records at once, leaving out ids not stored', async () => {
        const ids = Array.from({ length: 1200 }, (_v, i) => `oai:example.org:${String(i).padStart(4, '0')}`);
        const statuses: SourceRecordStatus[] = ['active', 'deleted', 'failed'];
        for (let i = 0; i < ids.length; i += 400) {
          await f.store.upsertSourceRecords(
            ids
              .slice(i, i + 400)
              .map((id, j) => recordInput(sourceId, id, { status: statuses[(i + j) % 3] ?? 'active' })),
          );
        }
        await f.store.upsertSourceRecords([
          recordInput(otherId, 'only-in-other'),
          recordInput(otherId, ids[0] ?? ''),
        ]);

        const missing = Array.from({ length: 300 }, (_v, i) => `missing:${i}`);
        const asked = [
          ...missing.slice(0, 150),
          ...ids,
          ids[5] ?? '',
          'only-in-other',
          ...missing.slice(150),
        ];
        const states = await f.store.getRecordStates(sourceId, asked);
        assert.equal(states.size, ids.length);
        for (const [index, id] of ids.entries()) {
          const expected = recordInput(sourceId, id, { status: statuses[index % 3] ?? 'active' });
          assert.deepEqual(states.get(id), { rawHash: expected.rawHash, status: expected.status }, id);
        }
        assert.equal(states.has('missing:0'), false);
        assert.equal(states.has('only-in-other'), false, 'another source’s records are not read');

        const other = await f.store.getRecordStates(otherId, [ids[0] ?? '', 'only-in-other', 'nope']);
        assert.deepEqual([...other.keys()].sort(), [ids[0], 'only-in-other'].sort());
        assert.equal((await f.store.getRecordStates(sourceId, [])).size, 0);
      });

      void it('reads record states inside a transaction, including its own writes', async () => {
        await f.store.transaction(async (tx) => {
          await tx.upsertSourceRecords([recordInput(sourceId, 'in-tx')]);
          const states = await tx.getRecordStates(sourceId, ['in-tx', 'nope']);
          assert.deepEqual([...states.keys()], ['in-tx']);
        });
      });

      void it('marks records as seen by a run without changing anything else', async () => {
        const ids = Array.from({ length: 1100 }, (_v, i) => `r${String(i).padStart(4, '0')}`);
        for (let i = 0; i < ids.length; i += 550) {
          await f.store.upsertSourceRecords(
            ids.slice(i, i + 550).map((id) => recordInput(sourceId, id, { runId: 'run_a' })),
          );
        }
        await f.store.upsertSourceRecords([recordInput(otherId, 'r0000', { runId: 'run_a' })]);
        const before = await f.store.getSourceRecord(sourceId, 'r0000');
        await sleep(3);

        const marked = ids.slice(0, 1050);
        await f.store.markRecordsSeen(sourceId, [...marked, 'not-stored', 'r0000'], 'run_b');
        await f.store.markRecordsSeen(sourceId, [], 'run_c');

        const after = await f.store.getSourceRecord(sourceId, 'r0000');
        assert.deepEqual(after, { ...before, lastRunId: 'run_b' }, 'only the last seen run changed');
        assert.equal(await lastRun(sourceId, 'r1049'), 'run_b');
        assert.equal(await lastRun(sourceId, 'r1050'), 'run_a', 'records not named keep their run');
        assert.equal(await lastRun(otherId, 'r0000'), 'run_a', 'another source is not touched');
        assert.equal(await f.store.getSourceRecord(sourceId, 'not-stored'), null, 'nothing is created');
        assert.deepEqual(await f.store.countSourceRecords(sourceId), { active: 1100, deleted: 0, failed: 0 });
      });

      void it('turns the active and failed records a full run did not see into tombstones, and only those', async () => {
        const failed = recordInput(sourceId, 'unseen-failed', { status: 'failed', runId: 'run_1' });
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'seen', { runId: 'run_1' }),
          recordInput(sourceId, 'Zebra', { runId: 'run_1' }),
          recordInput(sourceId, 'épée', { runId: 'run_1' }),
          recordInput(sourceId, 'apple', { runId: 'run_1' }),
          recordInput(sourceId, 'never-seen-by-a-run'),
          recordInput(sourceId, 'marked', { runId: 'run_1' }),
          recordInput(sourceId, 'already-deleted', { status: 'deleted', runId: 'run_1' }),
          failed,
          recordInput(otherId, 'apple', { runId: 'run_1' }),
        ]);
        // The second, full run sees two records: one rewritten, one only marked as seen.
        await f.store.upsertSourceRecords([recordInput(sourceId, 'seen', { runId: 'run_2' })]);
        await f.store.markRecordsSeen(sourceId, ['marked'], 'run_2');
        const deletedBefore = await f.store.getSourceRecord(sourceId, 'already-deleted');
        const otherBefore = await f.store.getSourceRecord(otherId, 'apple');
        const failedBefore = await f.store.getSourceRecord(sourceId, 'unseen-failed');

        const turned = await f.store.tombstoneUnseen(sourceId, 'run_2', '2024-06-01T12:00:00+02:00');
        const expected = ['Zebra', 'apple', 'never-seen-by-a-run', 'unseen-failed', 'épée'];
        assert.deepEqual(turned, [...expected].sort(byteCompare));
        assert.deepEqual(turned, expected, 'in byte order of the identifier');

        const tombstone = await f.store.getSourceRecord(sourceId, 'unseen-failed');
        assert.deepEqual(tombstone, {
          ...failedBefore,
          status: 'deleted',
          record: null,
          errorCode: null,
          errorMessage: null,
          updatedAt: '2024-06-01T10:00:00.000Z',
        });
        assert.equal(tombstone?.raw, failed.raw, 'the raw payload is kept');
        const apple = await f.store.getSourceRecord(sourceId, 'apple');
        assert.equal(apple?.status, 'deleted');
        assert.equal(apple?.record, null);
        assert.equal(apple?.harvestedAt, T0, 'harvestedAt is left as it was');

        assert.equal((await f.store.getSourceRecord(sourceId, 'seen'))?.status, 'active');
        assert.equal((await f.store.getSourceRecord(sourceId, 'marked'))?.status, 'active');
        assert.deepEqual(await f.store.getSourceRecord(sourceId, 'already-deleted'), deletedBefore);
        assert.deepEqual(await f.store.getSourceRecord(otherId, 'apple'), otherBefore);
        assert.deepEqual(await f.store.countSourceRecords(sourceId), { active: 2, deleted: 6, failed: 0 });

        assert.deepEqual(
          await f.store.tombstoneUnseen(sourceId, 'run_2', T1),
          [],
          'a second call finds nothing',
        );
        assert.deepEqual(await f.store.tombstoneUnseen('src_missing', 'run_2', T1), []);
      });

      void it('lets a tombstoned record come back as "updated" when a later run sees it again', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'back', { runId: 'run_1' })]);
        assert.deepEqual(await f.store.tombstoneUnseen(sourceId, 'run_2', T1), ['back']);
        assert.deepEqual(
          await f.store.upsertSourceRecords([recordInput(sourceId, 'back', { runId: 'run_3' })]),
          ['updated'],
        );
        assert.equal((await f.store.getSourceRecord(sourceId, 'back'))?.status, 'active');
      });

      void it('tombstones inside a transaction and undoes it with the transaction', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'kept', { runId: 'run_1' })]);
        await assert.rejects(
          f.store.transaction(async (tx) => {
            assert.deepEqual(await tx.tombstoneUnseen(sourceId, 'run_2', T1), ['kept']);
            throw new Error('the run was stopped');
          }),
        );
        assert.equal((await f.store.getSourceRecord(sourceId, 'kept'))?.status, 'active');
      });

      void it('refuses a tombstone time that is not a date and time', async () => {
        await assert.rejects(f.store.tombstoneUnseen(sourceId, 'run_1', 'now'), hasCode('invalid_parameter'));
      });
    });

    void describe('harvest jobs', () => {
      const f = freshStore(open);
      let sourceId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource({ id: 'src-main' }))).id;
      });

      const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

      async function source(id: string): Promise<string> {
        return (await f.store.createSource(newSource({ id, name: id }))).id;
      }

      void it('keeps at most one job per source', async () => {
        assert.equal(
          await f.store.enqueueHarvest({
            sourceId,
            mode: 'incremental',
            requestedAt: '2024-05-01T12:00:00+02:00',
            requestedBy: 'scheduler',
          }),
          true,
        );
        assert.equal(
          await f.store.enqueueHarvest({
            sourceId,
            mode: 'incremental',
            requestedAt: T1,
            requestedBy: 'alice',
          }),
          false,
        );
        assert.deepEqual(await f.store.listHarvestJobs(), [
          {
            sourceId,
            mode: 'incremental',
            requestedAt: T0,
            requestedBy: 'scheduler',
            claimedBy: null,
            leaseUntil: null,
            attempts: 0,
          },
        ]);
      });

      void it('makes a waiting incremental job full when a full harvest is asked, never the other way', async () => {
        const other = await source('src-other');
        await f.store.enqueueHarvest({
          sourceId,
          mode: 'incremental',
          requestedAt: T0,
          requestedBy: 'scheduler',
        });
        await f.store.enqueueHarvest({
          sourceId: other,
          mode: 'full',
          requestedAt: T1,
          requestedBy: 'scheduler',
        });
        assert.equal(
          await f.store.enqueueHarvest({ sourceId, mode: 'full', requestedAt: T1, requestedBy: 'alice' }),
          false,
        );
        assert.equal(
          await f.store.enqueueHarvest({
            sourceId: other,
            mode: 'incremental',
            requestedAt: T1,
            requestedBy: 'bob',
          }),
          false,
        );
        const jobs = await f.store.listHarvestJobs();
        assert.deepEqual(
          jobs.map((j) => [j.sourceId, j.mode, j.requestedAt, j.requestedBy]),
          [
            [sourceId, 'full', T0, 'scheduler'],
            [other, 'full', T1, 'scheduler'],
          ],
        );
      });

      void it('reports not_found for a job of a source that does not exist', async () => {
        await assert.rejects(
          f.store.enqueueHarvest({
            sourceId: 'src_missing',
            mode: 'full',
            requestedAt: T0,
            requestedBy: 'x',
          }),
          hasCode('not_found'),
        );
        assert.deepEqual(await f.store.listHarvestJobs(), []);
      });

      void it('hands out the oldest request first, ties in source id order, and null when none is free', async () => {
        const b = await source('b-source');
        const a = await source('a-source');
        const late = await source('late');
        await f.store.enqueueHarvest({ sourceId: late, mode: 'full', requestedAt: at(5), requestedBy: 'x' });
        await f.store.enqueueHarvest({ sourceId: b, mode: 'full', requestedAt: at(1), requestedBy: 'x' });
        await f.store.enqueueHarvest({ sourceId, mode: 'incremental', requestedAt: at(3), requestedBy: 'x' });
        await f.store.enqueueHarvest({ sourceId: a, mode: 'full', requestedAt: at(1), requestedBy: 'x' });
        assert.deepEqual(
          (await f.store.listHarvestJobs()).map((j) => j.sourceId),
          [a, b, sourceId, late],
        );

        const claim = { owner: 'worker-1', now: at(10), leaseUntil: at(20) };
        const first = await f.store.claimHarvestJob(claim);
        assert.deepEqual(first, {
          sourceId: a,
          mode: 'full',
          requestedAt: at(1),
          requestedBy: 'x',
          claimedBy: 'worker-1',
          leaseUntil: at(20),
          attempts: 1,
        });
        const order: (string | undefined)[] = [first?.sourceId];
        for (let i = 0; i < 3; i += 1) order.push((await f.store.claimHarvestJob(claim))?.sourceId);
        assert.deepEqual(order, [a, b, sourceId, late]);
        assert.equal(await f.store.claimHarvestJob(claim), null, 'every job is held');
        assert.deepEqual(
          (await f.store.listHarvestJobs()).map((j) => [j.claimedBy, j.leaseUntil, j.attempts]),
          Array.from({ length: 4 }, () => ['worker-1', at(20), 1]),
        );
      });

      void it('claims the job of one named source only', async () => {
        const other = await source('aaa-older');
        await f.store.enqueueHarvest({ sourceId: other, mode: 'full', requestedAt: at(0), requestedBy: 'x' });
        await f.store.enqueueHarvest({ sourceId, mode: 'full', requestedAt: at(1), requestedBy: 'x' });
        const claim = { owner: 'cli', now: at(2), leaseUntil: at(12), sourceId };
        assert.equal((await f.store.claimHarvestJob(claim))?.sourceId, sourceId);
        assert.equal(await f.store.claimHarvestJob(claim), null, 'that job is held');
        const third = await source('no-job');
        assert.equal(await f.store.claimHarvestJob({ ...claim, sourceId: third }), null);
        const jobs = await f.store.listHarvestJobs();
        assert.equal(jobs.find((j) => j.sourceId === other)?.claimedBy, null, 'the older job still waits');
      });

      void it('lets another worker take over a job whose lease ran out, and fences off the first worker', async () => {
        await f.store.enqueueHarvest({ sourceId, mode: 'full', requestedAt: at(0), requestedBy: 'x' });
        assert.equal(
          (await f.store.claimHarvestJob({ owner: 'worker-a', now: at(1), leaseUntil: at(5) }))?.attempts,
          1,
        );
        assert.equal(
          await f.store.claimHarvestJob({ owner: 'worker-b', now: at(4), leaseUntil: at(9) }),
          null,
          'the lease still runs',
        );
        assert.equal(await f.store.renewHarvestJob(sourceId, 'worker-a', at(7)), true, 'the holder renews');
        assert.equal(
          await f.store.claimHarvestJob({ owner: 'worker-b', now: at(6), leaseUntil: at(11) }),
          null,
          'the renewed lease still runs',
        );

        const taken = await f.store.claimHarvestJob({ owner: 'worker-b', now: at(8), leaseUntil: at(13) });
        assert.deepEqual(taken && [taken.sourceId, taken.claimedBy, taken.leaseUntil, taken.attempts], [
          sourceId,
          'worker-b',
          at(13),
          2,
        ]);
        assert.equal(
          await f.store.renewHarvestJob(sourceId, 'worker-a', at(20)),
          false,
          'the lease was lost',
        );
        assert.equal(await f.store.releaseHarvestJob(sourceId, 'worker-a'), false);
        assert.equal((await f.store.listHarvestJobs())[0]?.leaseUntil, at(13), 'the loser changed nothing');

        assert.equal(await f.store.renewHarvestJob(sourceId, 'worker-b', at(18)), true);
        assert.equal((await f.store.listHarvestJobs())[0]?.leaseUntil, at(18));
        assert.equal(await f.store.releaseHarvestJob(sourceId, 'worker-b'), true);
        assert.deepEqual(await f.store.listHarvestJobs(), []);
        assert.equal(await f.store.releaseHarvestJob(sourceId, 'worker-b'), false, 'already gone');
        assert.equal(await f.store.renewHarvestJob(sourceId, 'worker-b', at(30)), false, 'nothing to renew');
      });

      void it('commits a page only while its worker still holds the lease, when renewed in the same transaction', async () => {
        await f.store.enqueueHarvest({ sourceId, mode: 'full', requestedAt: at(0), requestedBy: 'x' });
        await f.store.claimHarvestJob({ owner: 'worker-a', now: at(1), leaseUntil: at(2) });
        await f.store.claimHarvestJob({ owner: 'worker-b', now: at(3), leaseUntil: at(8) });

        const commitPage = (owner: string, recordId: string): Promise<void> =>
          f.store.transaction(async (tx) => {
            await tx.upsertSourceRecords([recordInput(sourceId, recordId)]);
            if (!(await tx.renewHarvestJob(sourceId, owner, at(10)))) {
              throw new AtlasError('harvest_busy', 'This source is now harvested by another worker.');
            }
          });
        await assert.rejects(commitPage('worker-a', 'from-a'), hasCode('harvest_busy'));
        await commitPage('worker-b', 'from-b');
        assert.equal(await f.store.getSourceRecord(sourceId, 'from-a'), null);
        assert.notEqual(await f.store.getSourceRecord(sourceId, 'from-b'), null);
        assert.deepEqual(
          (await f.store.listHarvestJobs()).map((j) => [j.claimedBy, j.leaseUntil]),
          [['worker-b', at(10)]],
        );
      });

      void it('removes the job with its source', async () => {
        const other = await source('kept');
        await f.store.enqueueHarvest({ sourceId, mode: 'full', requestedAt: at(0), requestedBy: 'x' });
        await f.store.enqueueHarvest({ sourceId: other, mode: 'full', requestedAt: at(0), requestedBy: 'x' });
        await f.store.claimHarvestJob({ owner: 'w', now: at(1), leaseUntil: at(5), sourceId });
        assert.equal(await f.store.removeSource(sourceId), true);
        assert.deepEqual(
          (await f.store.listHarvestJobs()).map((j) => j.sourceId),
          [other],
        );
      });

      void it('refuses claim and lease times that are not dates and times', async () => {
        await assert.rejects(
          f.store.claimHarvestJob({ owner: 'w', now: 'now', leaseUntil: at(1) }),
          hasCode('invalid_parameter'),
        );
        await assert.rejects(f.store.renewHarvestJob(sourceId, 'w', 'later'), hasCode('invalid_parameter'));
        await assert.rejects(
          f.store.enqueueHarvest({ sourceId, mode: 'full', requestedAt: 'today', requestedBy: 'x' }),
          hasCode('invalid_parameter'),
        );
      });

      void it('never gives one job to two of several stores claiming at the same time', async () => {
        const ids: string[] = [];
        for (let i = 0; i < 20; i += 1) {
          const id = await source(`src-${String(i).padStart(2, '0')}`);
          ids.push(id);
          await f.store.enqueueHarvest({
            sourceId: id,
            mode: 'full',
            requestedAt: at(i % 3),
            requestedBy: 'x',
          });
        }
        await f.store.releaseHarvestJob(sourceId, 'nobody');
        const stores = [f.store, ...(await Promise.all([1, 2, 3].map(() => f.harness.openAnother())))];

        async function drain(now: string, leaseUntil: string): Promise<Map<string, string[]>> {
          const claimed = new Map<string, string[]>();
          await Promise.all(
            stores.map(async (store, index) => {
              const owner = `worker-${index}`;
              for (;;) {
                const job = await store.claimHarvestJob({ owner, now, leaseUntil });
                if (job === null) return;
                assert.equal(job.claimedBy, owner);
                claimed.set(job.sourceId, [...(claimed.get(job.sourceId) ?? []), owner]);
              }
            }),
          );
          return claimed;
        }

        const first = await drain(at(10), at(20));
        assert.deepEqual([...first.keys()].sort(), [...ids].sort(), 'every job was claimed');
        for (const [id, owners] of first) assert.equal(owners.length, 1, `${id} was claimed once`);
        assert.ok(new Set([...first.values()].flat()).size >= 1);

        // Every lease has run out: each job is taken over exactly once more.
        const second = await drain(at(30), at(40));
        assert.deepEqual([...second.keys()].sort(), [...ids].sort());
        for (const [id, owners] of second) assert.equal(owners.length, 1, `${id} was taken over once`);
        const jobs = await f.store.listHarvestJobs();
        assert.equal(jobs.length, 20);
        assert.ok(jobs.every((j) => j.attempts === 2 && j.leaseUntil === at(40)));
      });
    });

    void describe('latest run', () => {
      const f = freshStore(open);

      void it('returns the newest run of a source, among the given statuses when asked', async () => {
        const { id } = await f.store.createSource(newSource());
        const other = (await f.store.createSource(newSource({ name: 'Other' }))).id;
        assert.equal(await f.store.latestRun(id), null);

        const start = async (startedAt: string, status: HarvestRunStatus): Promise<string> => {
          const run = await f.store.createRun({ sourceId: id, mode: 'full', startedAt });
          await f.store.updateRun(run.id, { status });
          return run.id;
        };
        const oldSuccess = await start('2024-01-01T00:00:00.000Z', 'succeeded');
        const partial = await start('2024-02-01T00:00:00.000Z', 'partial');
        const failed = await start('2024-03-01T00:00:00.000Z', 'failed');
        const tieA = await start('2024-04-01T00:00:00.000Z', 'interrupted');
        const tieB = await start('2024-04-01T00:00:00.000Z', 'interrupted');
        await f.store.createRun({ sourceId: other, mode: 'full', startedAt: '2025-01-01T00:00:00.000Z' });

        const newestTie = [tieA, tieB].sort().at(-1);
        assert.equal((await f.store.latestRun(id))?.id, newestTie, 'same start: the greater id');
        assert.equal((await f.store.latestRun(id, ['failed']))?.id, failed);
        assert.equal((await f.store.latestRun(id, ['succeeded', 'partial']))?.id, partial);
        assert.equal((await f.store.latestRun(id, ['succeeded']))?.id, oldSuccess);
        assert.equal(await f.store.latestRun(id, ['running']), null);
        assert.equal(await f.store.latestRun(id, []), null, 'an empty list matches nothing');
        assert.deepEqual(await f.store.latestRun(id, ['failed']), await f.store.getRun(failed));
        assert.equal((await f.store.latestRun(other))?.startedAt, '2025-01-01T00:00:00.000Z');
      });
    });

    void describe('record issues', () => {
      const f = freshStore(open);

      void it('keeps issues in the order they were added, with their raw payload', async () => {
        const { id } = await f.store.createSource(newSource());
        const run = await f.store.createRun({ sourceId: id, mode: 'full', startedAt: T0 });
        const issues = [
          {
            runId: run.id,
            sourceRecordId: 'r2',
            code: 'record_invalid',
            message: 'no title',
            raw: '<r>ä\u0001</r>',
            at: T0,
          },
          {
            runId: run.id,
            sourceRecordId: 'r1',
            code: 'xml_malformed',
            message: 'unclosed tag',
            raw: null,
            at: T1,
          },
          {
            runId: run.id,
            sourceRecordId: 'r3',
            code: 'record_invalid',
            message: 'bad licence',
            raw: '',
            at: T1,
          },
        ];
        await f.store.addRecordIssues(issues.slice(0, 2));
        await f.store.addRecordIssues(issues.slice(2));
        await f.store.addRecordIssues([]);
        assert.deepEqual(await f.store.listRecordIssues(run.id), issues);
        assert.deepEqual(await f.store.listRecordIssues(run.id, 2), issues.slice(0, 2));
        assert.deepEqual(await f.store.listRecordIssues('run_other'), []);
      });

      void it('refuses issues for a run that does not exist', async () => {
        await assert.rejects(
          f.store.addRecordIssues([
            { runId: 'run_missing', sourceRecordId: 'r', code: 'x', message: 'y', raw: null, at: T0 },
          ]),
          hasCode('not_found'),
        );
      });
    });

    void describe('match keys', () => {
      const f = freshStore(open);
      let sourceId = '';
      let otherId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
        otherId = (await f.store.createSource(newSource({ name: 'Other' }))).id;
      });

      void it('stores the keys of active records and finds their holders by key, in ref order', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r2', { matchKeys: ['title:linear algebra', 'isbn:9780262033848'] }),
          recordInput(sourceId, 'r1', { matchKeys: ['title:linear algebra'] }),
          recordInput(otherId, 'x9', { matchKeys: ['title:linear algebra'] }),
        ]);
        const hits = await f.store.findByMatchKeys(
          ['title:linear algebra', 'isbn:9780262033848', 'title:nobody has this'],
          10,
        );
        assert.deepEqual(hits, [
          {
            key: 'title:linear algebra',
            members: 3,
            refs: sortRefs([ref(sourceId, 'r1'), ref(sourceId, 'r2'), ref(otherId, 'x9')]),
          },
          { key: 'isbn:9780262033848', members: 1, refs: [ref(sourceId, 'r2')] },
          { key: 'title:nobody has this', members: 0, refs: [] },
        ]);
      });

      void it('gives only the count for a key held by more records than maxPerKey', async () => {
        await f.store.upsertSourceRecords(
          ['a', 'b', 'c'].map((id) => recordInput(sourceId, id, { matchKeys: ['common', `own:${id}`] })),
        );
        const [common, own] = await f.store.findByMatchKeys(['common', 'own:a'], 2);
        assert.deepEqual(common, { key: 'common', members: 3, refs: [] });
        assert.deepEqual(own, { key: 'own:a', members: 1, refs: [ref(sourceId, 'a')] });
        const [atLimit] = await f.store.findByMatchKeys(['common'], 3);
        assert.equal(atLimit?.refs.length, 3, 'a key held by exactly maxPerKey records lists them');
        assert.deepEqual(
          await f.store.findByMatchKeys(['common'], 0),
          [{ key: 'common', members: 1, refs: [] }],
          'holders are counted up to maxPerKey + 1 only',
        );
        assert.deepEqual(await f.store.findByMatchKeys(['common', 'own:b'], 1), [
          { key: 'common', members: 2, refs: [] },
          { key: 'own:b', members: 1, refs: [ref(sourceId, 'b')] },
        ]);
      });

      void it('answers each distinct key once, in the order asked, and stores a repeated key once', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { matchKeys: ['x', 'x', 'y'] })]);
        const hits = await f.store.findByMatchKeys(['y', 'x', 'y'], 5);
        assert.deepEqual(
          hits.map((h) => [h.key, h.members]),
          [
            ['y', 1],
            ['x', 1],
          ],
        );
        assert.deepEqual(await f.store.findByMatchKeys([], 5), []);
      });

      void it('replaces the keys on every write, an unchanged one too; keys left out mean none', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { matchKeys: ['a', 'b'] })]);
        assert.deepEqual(
          await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { matchKeys: ['b', 'c'] })]),
          ['unchanged'],
        );
        assert.deepEqual(await memberCounts(['a', 'b', 'c']), [0, 1, 1]);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { raw: '<v2/>', matchKeys: ['d'] })]);
        assert.deepEqual(await memberCounts(['a', 'b', 'c', 'd']), [0, 0, 0, 1]);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { raw: '<v2/>' })]);
        assert.deepEqual(await memberCounts(['d']), [0]);
      });

      void it('ends with the last key set of each record after many writes with no look-up between them', async () => {
        // Each step: record -> its keys (an empty list: none; null: the record deleted).
        const steps: Record<string, readonly string[] | null>[] = [
          { r1: ['a', 'b'], r2: ['b'], r3: ['c'] },
          { r1: ['b', 'c'], r2: ['a'] },
          { r1: ['a'], r3: null },
          { r1: ['a', 'b'], r2: [], r3: ['c', 'a'] },
          { r2: ['b'], r1: ['b'] },
        ];
        for (const [i, step] of steps.entries()) {
          await f.store.upsertSourceRecords(
            Object.entries(step).map(([id, keys]) =>
              keys === null
                ? recordInput(sourceId, id, { status: 'deleted' })
                : recordInput(sourceId, id, { raw: `<v${i}/>`, matchKeys: keys }),
            ),
          );
        }
        assert.deepEqual(await f.store.findByMatchKeys(['a', 'b', 'c'], 10), [
          { key: 'a', members: 1, refs: [ref(sourceId, 'r3')] },
          { key: 'b', members: 2, refs: [ref(sourceId, 'r1'), ref(sourceId, 'r2')] },
          { key: 'c', members: 1, refs: [ref(sourceId, 'r3')] },
        ]);
        // A removed source takes every key of its records, also those written since the last look-up.
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r4', { matchKeys: ['d'] })]);
        await f.store.upsertSourceRecords([recordInput(otherId, 'x1', { matchKeys: ['d', 'a'] })]);
        assert.equal(await f.store.removeSource(sourceId), true);
        assert.deepEqual(await f.store.findByMatchKeys(['a', 'b', 'c', 'd'], 10), [
          { key: 'a', members: 1, refs: [ref(otherId, 'x1')] },
          { key: 'b', members: 0, refs: [] },
          { key: 'c', members: 0, refs: [] },
          { key: 'd', members: 1, refs: [ref(otherId, 'x1')] },
        ]);
      });

      void it('drops the keys of records that become deleted, failed or tombstones, and never stores theirs', async () => {
        await f.store.upsertSourceRecords(
          ['r1', 'r2', 'r3'].map((id) => recordInput(sourceId, id, { matchKeys: ['k'], runId: 'run_a' })),
        );
        assert.deepEqual(await memberCounts(['k']), [3]);
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { status: 'deleted', matchKeys: ['k', 'gone'], runId: 'run_b' }),
          recordInput(sourceId, 'r2', { status: 'failed', matchKeys: ['k', 'gone'], runId: 'run_b' }),
        ]);
        assert.deepEqual(await memberCounts(['k', 'gone']), [1, 0]);
        await f.store.tombstoneUnseen(sourceId, 'run_b', T1);
        assert.deepEqual(await memberCounts(['k']), [0]);
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r3', { raw: '<back/>', matchKeys: ['k'] }),
        ]);
        assert.deepEqual(await f.store.findByMatchKeys(['k'], 5), [
          { key: 'k', members: 1, refs: [ref(sourceId, 'r3')] },
        ]);
      });

      void it('refuses an empty or too long key and writes nothing of the batch', async () => {
        for (const bad of ['', 'k'.repeat(MAX_MATCH_KEY_LENGTH + 1)]) {
          await assert.rejects(
            f.store.upsertSourceRecords([
              recordInput(sourceId, 'fine', { matchKeys: ['ok'] }),
              recordInput(sourceId, 'bad', { matchKeys: [bad] }),
            ]),
            hasCode('invalid_parameter'),
          );
        }
        assert.equal(await f.store.getSourceRecord(sourceId, 'fine'), null);
        await assert.rejects(f.store.findByMatchKeys([''], 5), hasCode('invalid_parameter'));
        await assert.rejects(f.store.findByMatchKeys(['ok'], -1), hasCode('invalid_parameter'));
        // The longest allowed key, in four-byte characters, fits both backends' indexes.
        const longest = '🧮'.repeat(MAX_MATCH_KEY_LENGTH / 2);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'long', { matchKeys: [longest] })]);
        assert.deepEqual(await memberCounts([longest]), [1]);
      });

      void it('leaves neither keys nor queue entries behind when the transaction rolls back', async () => {
        await assert.rejects(
          f.store.transaction(async (tx) => {
            await tx.upsertSourceRecords([recordInput(sourceId, 'r1', { matchKeys: ['k'] })]);
            assert.deepEqual((await tx.findByMatchKeys(['k'], 5))[0]?.members, 1, 'visible inside');
            assert.equal(await tx.countQueuedForGrouping(), 1);
            throw new Error('abandon the page');
          }),
          /abandon the page/,
        );
        assert.deepEqual(await memberCounts(['k']), [0]);
        assert.equal(await f.store.countQueuedForGrouping(), 0);
      });

      async function memberCounts(keys: readonly string[]): Promise<number[]> {
        return (await f.store.findByMatchKeys(keys, 100)).map((h) => h.members);
      }
    });

    void describe('grouping features', () => {
      const f = freshStore(open);
      let sourceId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
      });

      async function featuresOf(...ids: string[]): Promise<(string | null)[]> {
        const rows = await f.store.getGroupingFeatures(ids.map((id) => ref(sourceId, id)));
        return rows.map((row) => row.features);
      }

      void it('keeps the features of active records and gives them back in the order asked', async () => {
        const text = `[1,"${'ü'.repeat(50)}",{"k":[1,2]}]`;
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { groupingFeatures: text }),
          recordInput(sourceId, 'r2', { groupingFeatures: 'two' }),
          recordInput(sourceId, 'r3'),
        ]);
        const rows = await f.store.getGroupingFeatures([
          ref(sourceId, 'r3'),
          ref(sourceId, 'nobody'),
          ref(sourceId, 'r1'),
          ref(sourceId, 'r2'),
          ref(sourceId, 'r1'),
        ]);
        assert.deepEqual(rows, [
          { ref: ref(sourceId, 'r3'), status: 'active', features: null },
          { ref: ref(sourceId, 'r1'), status: 'active', features: text },
          { ref: ref(sourceId, 'r2'), status: 'active', features: 'two' },
        ]);
        assert.deepEqual(await f.store.getGroupingFeatures([]), []);
      });

      void it('replaces them on every write, an unchanged one too; left out means none', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { groupingFeatures: 'v1' })]);
        assert.deepEqual(
          await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { groupingFeatures: 'v2' })]),
          ['unchanged'],
        );
        assert.deepEqual(await featuresOf('r1'), ['v2']);
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { raw: '<v2/>', groupingFeatures: 'v3' }),
        ]);
        assert.deepEqual(await featuresOf('r1'), ['v3']);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { raw: '<v2/>' })]);
        assert.deepEqual(await featuresOf('r1'), [null]);
      });

      void it('holds none for records that are or become deleted, failed or tombstones', async () => {
        await f.store.upsertSourceRecords(
          ['r1', 'r2', 'r3'].map((id) =>
            recordInput(sourceId, id, { groupingFeatures: 'f', runId: 'run_a' }),
          ),
        );
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { status: 'deleted', groupingFeatures: 'f', runId: 'run_b' }),
          recordInput(sourceId, 'r2', { status: 'failed', groupingFeatures: 'f', runId: 'run_b' }),
        ]);
        await f.store.tombstoneUnseen(sourceId, 'run_b', T1);
        const rows = await f.store.getGroupingFeatures(['r1', 'r2', 'r3'].map((id) => ref(sourceId, id)));
        assert.deepEqual(
          rows.map((r) => [r.status, r.features]),
          [
            ['deleted', null],
            ['failed', null],
            ['deleted', null],
          ],
        );
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r3', { raw: '<back/>', groupingFeatures: 'back' }),
        ]);
        assert.deepEqual(await featuresOf('r3'), ['back']);
      });

      void it('refuses empty or too long features and writes nothing of the batch', async () => {
        for (const bad of ['', 'f'.repeat(MAX_GROUPING_FEATURES_LENGTH + 1)]) {
          await assert.rejects(
            f.store.upsertSourceRecords([
              recordInput(sourceId, 'fine', { groupingFeatures: 'ok' }),
              recordInput(sourceId, 'bad', { groupingFeatures: bad }),
            ]),
            hasCode('invalid_parameter'),
          );
        }
        assert.equal(await f.store.getSourceRecord(sourceId, 'fine'), null);
        const longest = '🧮'.repeat(MAX_GROUPING_FEATURES_LENGTH / 2);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'long', { groupingFeatures: longest })]);
        assert.deepEqual(await featuresOf('long'), [longest]);
      });
    });

    void describe('grouping queue', () => {
      const f = freshStore(open);
      let sourceId = '';
      let otherId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
        otherId = (await f.store.createSource(newSource({ name: 'Other' }))).id;
      });

      async function queued(): Promise<RecordRef[]> {
        return (await f.store.listQueuedForGrouping(100)).map((q) => ref(q.sourceId, q.sourceRecordId));
      }
      async function drain(): Promise<void> {
        await f.store.dequeueGrouped(await f.store.listQueuedForGrouping(10_000));
        assert.equal(await f.store.countQueuedForGrouping(), 0);
      }

      void it('queues new, updated and deleted records, oldest first, but not unchanged writes or records seen', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r2'), recordInput(sourceId, 'r1')]);
        assertQueueOrder(await f.store.listQueuedForGrouping(100), ['r1', 'r2']);
        await drain();

        assert.deepEqual(await f.store.upsertSourceRecords([recordInput(sourceId, 'r1')]), ['unchanged']);
        await f.store.markRecordsSeen(sourceId, ['r1', 'r2'], 'run_x');
        assert.equal(await f.store.countQueuedForGrouping(), 0);

        await f.store.upsertSourceRecords([recordInput(sourceId, 'r2', { title: 'Remapped' })]);
        await sleep(3);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { status: 'deleted' })]);
        assert.deepEqual(await queued(), [ref(sourceId, 'r2'), ref(sourceId, 'r1')], 'oldest first');
        const [first] = await f.store.listQueuedForGrouping(1);
        assert.match(first?.queuedAt ?? '', ISO_UTC);
        assert.equal(await f.store.countQueuedForGrouping(), 2);
      });

      void it('queues an active record that fails, but not a failed record failing again', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1'),
          recordInput(sourceId, 'f1', { status: 'failed' }),
        ]);
        assert.deepEqual(
          await queued(),
          [ref(sourceId, 'r1')],
          'a record failing on first sight is not queued',
        );
        await drain();
        assert.deepEqual(
          await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { status: 'failed' })]),
          ['failed'],
        );
        assert.deepEqual(await queued(), [ref(sourceId, 'r1')]);
        await drain();
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { status: 'failed', raw: '<other/>' }),
        ]);
        assert.equal(await f.store.countQueuedForGrouping(), 0);
      });

      void it('tells which of the asked records are queued, in the order asked, each once', async () => {
        await f.store.upsertSourceRecords(['a', 'b', 'c'].map((id) => recordInput(sourceId, id)));
        await f.store.upsertSourceRecords([recordInput(otherId, 'a')]);
        await f.store.dequeueGrouped(
          (await f.store.listQueuedForGrouping(10)).filter((q) => q.sourceRecordId === 'b'),
        );
        assert.deepEqual(
          await f.store.getQueuedForGrouping([
            ref(sourceId, 'c'),
            ref(sourceId, 'b'),
            ref(otherId, 'a'),
            ref(sourceId, 'nothere'),
            ref(sourceId, 'c'),
          ]),
          [ref(sourceId, 'c'), ref(otherId, 'a')],
        );
        assert.deepEqual(await f.store.getQueuedForGrouping([]), []);
        await drain();
        assert.deepEqual(await f.store.getQueuedForGrouping([ref(sourceId, 'a'), ref(otherId, 'a')]), []);
      });

      void it('lists at most `limit` records and counts them all', async () => {
        await f.store.upsertSourceRecords(['e', 'd', 'c', 'b', 'a'].map((id) => recordInput(sourceId, id)));
        const page = await f.store.listQueuedForGrouping(2);
        assert.deepEqual(
          page.map((q) => q.sourceRecordId),
          ['a', 'b'],
        );
        assert.equal(await f.store.countQueuedForGrouping(), 5);
        await f.store.dequeueGrouped(page);
        assert.deepEqual(
          (await f.store.listQueuedForGrouping(10)).map((q) => q.sourceRecordId),
          ['c', 'd', 'e'],
        );
        await assert.rejects(f.store.listQueuedForGrouping(0), hasCode('invalid_parameter'));
      });

      void it('keeps a record queued again after it was listed, until dequeued with its new ticket', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1'), recordInput(sourceId, 'r2')]);
        const listed = await f.store.listQueuedForGrouping(10);
        await sleep(3);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { raw: '<changed meanwhile/>' })]);
        await f.store.dequeueGrouped(listed);
        const left = await f.store.listQueuedForGrouping(10);
        assert.deepEqual(
          left.map((q) => q.sourceRecordId),
          ['r1'],
          'the change made after listing is not lost',
        );
        const before = listed.find((q) => q.sourceRecordId === 'r1');
        assert.equal(left[0]?.queuedAt, before?.queuedAt, 'it keeps its place in the queue');
        assert.notEqual(left[0]?.ticket, before?.ticket);
        await f.store.dequeueGrouped(left);
        assert.equal(await f.store.countQueuedForGrouping(), 0);

        await f.store.upsertSourceRecords([recordInput(sourceId, 'r2', { raw: '<again/>' })]);
        await f.store.dequeueGrouped([ref(sourceId, 'r2'), ref(sourceId, 'not-queued')]);
        assert.equal(await f.store.countQueuedForGrouping(), 0, 'a ref without ticket always goes');
      });

      void it('keeps queued a change another store commits while a grouping pass holds the record', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1')]);
        const other = await f.harness.openAnother();
        let write: Promise<readonly UpsertOutcome[]> | undefined;
        await f.store.transaction(async (tx) => {
          const listed = await tx.listQueuedForGrouping(10);
          write = other.upsertSourceRecords([
            recordInput(sourceId, 'r1', { raw: '<changed during grouping/>' }),
          ]);
          await sleep(100);
          await tx.dequeueGrouped(listed);
        });
        assert.deepEqual(await write, ['updated']);
        assert.deepEqual(
          (await f.store.listQueuedForGrouping(10)).map((q) => q.sourceRecordId),
          ['r1'],
        );
      });

      void it('queues the records tombstoneUnseen turns', async () => {
        await f.store.upsertSourceRecords(
          ['r1', 'r2', 'r3'].map((id) => recordInput(sourceId, id, { runId: 'run_a' })),
        );
        await drain();
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { runId: 'run_b' })]);
        assert.deepEqual(await f.store.tombstoneUnseen(sourceId, 'run_b', T1), ['r2', 'r3']);
        assert.deepEqual(await queued(), [ref(sourceId, 'r2'), ref(sourceId, 'r3')]);
      });

      void it('queues every active record again, of one source or of all', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'a1'),
          recordInput(sourceId, 'a2', { status: 'deleted' }),
          recordInput(sourceId, 'a3', { status: 'failed' }),
          recordInput(otherId, 'b1'),
        ]);
        await drain();
        assert.equal(await f.store.enqueueAllForGrouping(sourceId), 1);
        assert.deepEqual(await queued(), [ref(sourceId, 'a1')]);
        await sleep(3);
        assert.equal(await f.store.enqueueAllForGrouping(), 2, 'a record queued already counts once');
        assert.deepEqual(
          await queued(),
          [ref(sourceId, 'a1'), ref(otherId, 'b1')],
          'a record queued already keeps its place',
        );
        assert.equal(await f.store.enqueueAllForGrouping('src_missing'), 0);
      });
    });

    void describe('search index queue', () => {
      const f = freshStore(open);
      let sourceId = '';
      let otherId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
        otherId = (await f.store.createSource(newSource({ name: 'Other' }))).id;
      });

      async function queued(): Promise<RecordRef[]> {
        return (await f.store.listQueuedForIndex(100)).map((q) => ref(q.sourceId, q.sourceRecordId));
      }
      async function drain(): Promise<void> {
        await f.store.dequeueIndexed(await f.store.listQueuedForIndex(10_000));
        assert.equal(await f.store.countQueuedForIndex(), 0);
      }

      void it('queues new, remapped and deleted records, oldest first, but not unchanged writes or records seen', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r2'), recordInput(sourceId, 'r1')]);
        assertQueueOrder(await f.store.listQueuedForIndex(100), ['r1', 'r2']);
        await drain();

        assert.deepEqual(await f.store.upsertSourceRecords([recordInput(sourceId, 'r1')]), ['unchanged']);
        await f.store.markRecordsSeen(sourceId, ['r1', 'r2'], 'run_x');
        assert.equal(await f.store.countQueuedForIndex(), 0);

        await f.store.upsertSourceRecords([recordInput(sourceId, 'r2', { title: 'Remapped' })]);
        await sleep(3);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { status: 'deleted' })]);
        assert.deepEqual(await queued(), [ref(sourceId, 'r2'), ref(sourceId, 'r1')], 'oldest first');
        const [first] = await f.store.listQueuedForIndex(1);
        assert.match(first?.queuedAt ?? '', ISO_UTC);
        assert.equal(await f.store.countQueuedForIndex(), 2);
        await drain();
        assert.deepEqual(
          await f.store.upsertSourceRecords([
            recordInput(sourceId, 'r1', { status: 'deleted', raw: '<gone/>' }),
          ]),
          ['unchanged'],
          'a tombstone again',
        );
        assert.equal(await f.store.countQueuedForIndex(), 0);
      });

      void it('does not queue a new raw payload that maps to the same record, nor a failed record failing again', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1'),
          recordInput(sourceId, 'f1', { status: 'failed' }),
        ]);
        assert.deepEqual(
          await queued(),
          [ref(sourceId, 'r1')],
          'a record failing on first sight is not queued',
        );
        await drain();
        assert.deepEqual(
          await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { raw: '<same mapping/>' })]),
          ['updated'],
        );
        assert.equal(await f.store.countQueuedForIndex(), 0, 'the indexed content did not change');
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { status: 'failed' })]);
        assert.deepEqual(
          await queued(),
          [ref(sourceId, 'r1')],
          'an active record that fails leaves the index',
        );
        await drain();
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { status: 'failed', raw: '<other/>' }),
        ]);
        assert.equal(await f.store.countQueuedForIndex(), 0);
      });

      void it('queues a changed quality score and a changed work, but not the same ones again', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { quality: { score: 40, fixes: [] } }),
          recordInput(sourceId, 'r2'),
        ]);
        await drain();
        assert.deepEqual(
          await f.store.upsertSourceRecords([
            recordInput(sourceId, 'r1', { quality: { score: 90, fixes: [] } }),
          ]),
          ['unchanged'],
        );
        assert.deepEqual(await queued(), [ref(sourceId, 'r1')]);
        await drain();
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { quality: { score: 90, fixes: ['x'] } }),
        ]);
        assert.equal(await f.store.countQueuedForIndex(), 0, 'the score did not change');

        await f.store.setWorkIds([{ ref: ref(sourceId, 'r2'), workId: 'w1' }]);
        assert.deepEqual(await queued(), [ref(sourceId, 'r2')]);
        await drain();
        await f.store.setWorkIds([
          { ref: ref(sourceId, 'r2'), workId: 'w1' },
          { ref: ref(sourceId, 'r1'), workId: null },
        ]);
        assert.equal(await f.store.countQueuedForIndex(), 0, 'the same work again');
        await f.store.setWorkIds([{ ref: ref(sourceId, 'r2'), workId: null }]);
        assert.deepEqual(await queued(), [ref(sourceId, 'r2')]);
      });

      void it('keeps a record queued again after it was listed, until dequeued with its new ticket', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1'), recordInput(sourceId, 'r2')]);
        const listed = await f.store.listQueuedForIndex(10);
        await sleep(3);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { title: 'Changed meanwhile' })]);
        await f.store.dequeueIndexed(listed);
        const left = await f.store.listQueuedForIndex(10);
        assert.deepEqual(
          left.map((q) => q.sourceRecordId),
          ['r1'],
          'the change made after listing is not lost',
        );
        const before = listed.find((q) => q.sourceRecordId === 'r1');
        assert.equal(left[0]?.queuedAt, before?.queuedAt, 'it keeps its place in the queue');
        assert.notEqual(left[0]?.ticket, before?.ticket);
        await f.store.dequeueIndexed(left);
        assert.equal(await f.store.countQueuedForIndex(), 0);

        await f.store.upsertSourceRecords([recordInput(sourceId, 'r2', { title: 'Again' })]);
        await f.store.dequeueIndexed([ref(sourceId, 'r2'), ref(sourceId, 'not-queued')]);
        assert.equal(await f.store.countQueuedForIndex(), 0, 'a ref without ticket always goes');
        await assert.rejects(f.store.listQueuedForIndex(0), hasCode('invalid_parameter'));
      });

      void it('is a queue of its own: grouping and indexing take records off independently', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1')]);
        await f.store.dequeueGrouped(await f.store.listQueuedForGrouping(10));
        assert.deepEqual(await queued(), [ref(sourceId, 'r1')]);
        await f.store.dequeueIndexed(await f.store.listQueuedForIndex(10));
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { title: 'New title' })]);
        await f.store.dequeueIndexed(await f.store.listQueuedForIndex(10));
        assert.equal(await f.store.countQueuedForGrouping(), 1);
      });

      void it('queues the records tombstoneUnseen turns, and leaves nothing queued when a transaction rolls back', async () => {
        await f.store.upsertSourceRecords(
          ['r1', 'r2', 'r3'].map((id) => recordInput(sourceId, id, { runId: 'run_a' })),
        );
        await drain();
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { runId: 'run_b' })]);
        assert.deepEqual(await f.store.tombstoneUnseen(sourceId, 'run_b', T1), ['r2', 'r3']);
        assert.deepEqual(await queued(), [ref(sourceId, 'r2'), ref(sourceId, 'r3')]);
        await drain();
        await assert.rejects(
          f.store.transaction(async (tx) => {
            await tx.upsertSourceRecords([recordInput(sourceId, 'r9')]);
            assert.equal(await tx.countQueuedForIndex(), 1);
            throw new Error('roll back');
          }),
          /roll back/,
        );
        assert.equal(await f.store.countQueuedForIndex(), 0);
      });

      void it('queues every active record again, keeping the place of those queued already', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'a1'),
          recordInput(sourceId, 'a2', { status: 'deleted' }),
          recordInput(sourceId, 'a3', { status: 'failed' }),
          recordInput(otherId, 'b1'),
        ]);
        await drain();
        await f.store.upsertSourceRecords([recordInput(otherId, 'b1', { title: 'Queued first' })]);
        const [early] = await f.store.listQueuedForIndex(1);
        await sleep(3);
        assert.equal(await f.store.enqueueAllForIndex(), 2, 'a record queued already counts once');
        const all = await f.store.listQueuedForIndex(10);
        assert.deepEqual(
          all.map((q) => ref(q.sourceId, q.sourceRecordId)),
          [ref(otherId, 'b1'), ref(sourceId, 'a1')],
        );
        assert.equal(all[0]?.queuedAt, early?.queuedAt);
        assert.notEqual(all[0]?.ticket, early?.ticket);
      });

      void it('returns what indexing needs of each stored ref, in the order asked', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { quality: { score: 75, fixes: ['x'] }, harvestedAt: T1 }),
          recordInput(sourceId, 'r2', { status: 'deleted' }),
          recordInput(otherId, 'r3'),
        ]);
        await f.store.setWorkIds([{ ref: ref(sourceId, 'r1'), workId: 'w7' }]);
        const found = await f.store.getRecordsForIndex([
          ref(otherId, 'r3'),
          ref(sourceId, 'missing'),
          ref(sourceId, 'r1'),
          ref(sourceId, 'r2'),
          ref(sourceId, 'r1'),
        ]);
        assert.deepEqual(
          found.map((r) => [r.ref, r.status, r.workId, r.qualityScore, r.harvestedAt, r.record?.name]),
          [
            [ref(otherId, 'r3'), 'active', null, null, T0, { en: 'Linear algebra' }],
            [ref(sourceId, 'r1'), 'active', 'w7', 75, T1, { en: 'Linear algebra' }],
            [ref(sourceId, 'r2'), 'deleted', null, null, T0, undefined],
          ],
        );
        assert.deepEqual(await f.store.getRecordsForIndex([]), []);
      });

      void it('removes the queue entries of a removed source and keeps those of others', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1'), recordInput(otherId, 'r2')]);
        assert.equal(await f.store.removeSource(sourceId), true);
        assert.deepEqual(await queued(), [ref(otherId, 'r2')]);
      });
    });

    void describe('work edges', () => {
      const f = freshStore(open);
      let sourceId = '';
      let otherId = '';
      let r: RecordRef[] = [];
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
        otherId = (await f.store.createSource(newSource({ name: 'Other' }))).id;
        await f.store.upsertSourceRecords(['r1', 'r2', 'r3', 'r4'].map((id) => recordInput(sourceId, id)));
        r = ['r1', 'r2', 'r3', 'r4'].map((id) => ref(sourceId, id));
      });

      function at(i: number): RecordRef {
        const found = r[i];
        assert.ok(found);
        return found;
      }
      function edge(
        other: RecordRef,
        score = 0.9,
        relation: WorkEdgeInput['relation'] = 'same',
      ): WorkEdgeInput {
        return { other, relation, score, reason: `title+year ${score}` };
      }
      async function pairs(): Promise<string[]> {
        return (await f.store.listWorkEdges(r)).map((e) => `${e.a.sourceRecordId}-${e.b.sourceRecordId}`);
      }

      void it('stores an undirected edge once, in canonical order, whichever record it was written from', async () => {
        await f.store.replaceWorkEdges(at(1), [edge(at(0), 0.875, 'translation')]);
        const fromEither = [await f.store.listWorkEdges([at(0)]), await f.store.listWorkEdges([at(1)])];
        for (const edges of fromEither) {
          assert.equal(edges.length, 1);
          const [only] = edges;
          assert.deepEqual(only?.a, at(0));
          assert.deepEqual(only?.b, at(1));
          assert.equal(only?.relation, 'translation');
          assert.equal(only?.score, 0.875);
          assert.equal(only?.reason, 'title+year 0.875');
          assert.match(only?.createdAt ?? '', ISO_UTC);
        }
        assert.deepEqual(await f.store.listWorkEdges([at(3)]), []);
        assert.deepEqual(await f.store.listWorkEdges([]), []);
      });

      void it('replacing the edges of a record removes every edge touching it, on either side', async () => {
        await f.store.replaceWorkEdges(at(2), [edge(at(0)), edge(at(3))]);
        await f.store.replaceWorkEdges(at(1), [edge(at(2))]);
        await f.store.replaceWorkEdges(at(0), [edge(at(3))]);
        assert.deepEqual(await pairs(), ['r1-r4', 'r2-r3', 'r3-r4'], 'r1 lost its edge to r3');
        await f.store.replaceWorkEdges(at(2), [edge(at(3), 0.5)]);
        assert.deepEqual(await pairs(), ['r1-r4', 'r3-r4']);
        assert.equal((await f.store.listWorkEdges([at(2)]))[0]?.score, 0.5);
        await f.store.replaceWorkEdges(at(3), []);
        assert.deepEqual(await pairs(), []);
      });

      void it('lists each edge touching any of the refs once, in (a, b) order', async () => {
        await f.store.replaceWorkEdges(at(0), [edge(at(1))]);
        await f.store.replaceWorkEdges(at(2), [edge(at(1)), edge(at(3))]);
        const edges = await f.store.listWorkEdges([at(2), at(1), at(1), ref(sourceId, 'not-stored')]);
        assert.deepEqual(
          edges.map((e) => `${e.a.sourceRecordId}-${e.b.sourceRecordId}`),
          ['r1-r2', 'r2-r3', 'r3-r4'],
        );
      });

      void it('keeps one edge per pair: of two edges to the same record the last given wins', async () => {
        await f.store.replaceWorkEdges(at(0), [edge(at(1), 0.5, 'same'), edge(at(1), 0.25, 'adaptation')]);
        const edges = await f.store.listWorkEdges([at(0)]);
        assert.deepEqual(
          edges.map((e) => [e.relation, e.score]),
          [['adaptation', 0.25]],
        );
      });

      void it('refuses an edge to the record itself, an unknown relation or a missing record, changing nothing', async () => {
        await f.store.replaceWorkEdges(at(0), [edge(at(1))]);
        await assert.rejects(
          f.store.replaceWorkEdges(at(0), [edge(at(2)), edge(at(0))]),
          hasCode('invalid_parameter'),
        );
        await assert.rejects(
          f.store.replaceWorkEdges(at(0), [
            { ...edge(at(2)), relation: 'cousin' as WorkEdgeInput['relation'] },
          ]),
          hasCode('invalid_parameter'),
        );
        await assert.rejects(
          f.store.replaceWorkEdges(at(0), [edge(at(2)), { ...edge(at(3)), score: Number.NaN }]),
          hasCode('invalid_parameter'),
        );
        await assert.rejects(
          f.store.replaceWorkEdges(at(0), [edge(at(2)), edge(ref(sourceId, 'not-stored'))]),
          hasCode('not_found'),
        );
        assert.deepEqual(await pairs(), ['r1-r2'], 'the failed replacements left the old edges');
      });

      void it('keeps edges through re-harvests and drops those touching the records of a removed source', async () => {
        await f.store.upsertSourceRecords([recordInput(otherId, 'b1')]);
        const b1 = ref(otherId, 'b1');
        await f.store.replaceWorkEdges(b1, [edge(at(0)), edge(at(1))]);
        await f.store.replaceWorkEdges(at(2), [edge(at(3))]);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { raw: '<re-harvested/>' })]);
        assert.equal((await f.store.listWorkEdges([b1])).length, 2);
        await f.store.removeSource(otherId);
        assert.deepEqual(await pairs(), ['r3-r4']);
      });
    });

    void describe('works', () => {
      const f = freshStore(open);
      let sourceA = '';
      let sourceB = '';
      beforeEach(async () => {
        sourceA = (await f.store.createSource(newSource({ name: 'A' }))).id;
        sourceB = (await f.store.createSource(newSource({ name: 'B' }))).id;
      });

      function titled(sourceId: string, id: string, name: Record<string, string>, inLanguage?: string[]) {
        const base = resource(sourceId, id, 'unused');
        const record: ResourceRecord = { ...base, name, ...(inLanguage === undefined ? {} : { inLanguage }) };
        return recordInput(sourceId, id, { record, raw: `<r>${id}${JSON.stringify(name)}</r>` });
      }
      async function assign(workId: string, ...refs: RecordRef[]): Promise<void> {
        await f.store.setWorkIds(refs.map((x) => ({ ref: x, workId })));
      }

      void it('sets, reads and clears work ids; a work lists its active members in ref order', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceB, 'b1'),
          recordInput(sourceA, 'a2'),
          recordInput(sourceA, 'a1'),
        ]);
        await assign(
          'work-1',
          ref(sourceA, 'a2'),
          ref(sourceB, 'b1'),
          ref(sourceA, 'a1'),
          ref(sourceA, 'nope'),
        );
        assert.deepEqual(
          await f.store.getWorkMembers('work-1'),
          sortRefs([ref(sourceA, 'a1'), ref(sourceA, 'a2'), ref(sourceB, 'b1')]),
        );
        await f.store.upsertSourceRecords([recordInput(sourceA, 'a2', { status: 'deleted' })]);
        await f.store.upsertSourceRecords([recordInput(sourceA, 'a1', { raw: '<re-harvested/>' })]);
        assert.deepEqual(
          await f.store.getWorkMembers('work-1'),
          sortRefs([ref(sourceA, 'a1'), ref(sourceB, 'b1')]),
          'a deleted member is no longer listed; a re-harvested one keeps its work',
        );
        await f.store.setWorkIds([{ ref: ref(sourceB, 'b1'), workId: null }]);
        assert.deepEqual(await f.store.getWorkMembers('work-1'), [ref(sourceA, 'a1')]);
        assert.deepEqual(await f.store.getWorkMembers('work-unknown'), []);
        await assert.rejects(
          f.store.setWorkIds([{ ref: ref(sourceA, 'a1'), workId: '' }]),
          hasCode('invalid_parameter'),
        );
      });

      void it('starts a new active record in the work it is given, and never moves a stored one', async () => {
        await f.store.upsertSourceRecords([
          { ...recordInput(sourceA, 'a1'), workId: 'w_first' },
          { ...recordInput(sourceA, 'gone', { status: 'deleted' }), workId: 'w_never' },
          { ...recordInput(sourceA, 'bad', { status: 'failed' }), workId: 'w_never' },
        ]);
        const states = async () =>
          (
            await f.store.getGroupingStates([ref(sourceA, 'a1'), ref(sourceA, 'gone'), ref(sourceA, 'bad')])
          ).map((s) => s.workId);
        assert.deepEqual(await states(), ['w_first', null, null]);
        await f.store.upsertSourceRecords([
          { ...recordInput(sourceA, 'a1', { raw: '<v2/>' }), workId: 'w_second' },
          { ...recordInput(sourceA, 'gone', { raw: '<back/>' }), workId: 'w_second' },
        ]);
        assert.deepEqual(await states(), ['w_first', null, null], 'a stored record keeps its work');
        await assert.rejects(
          f.store.upsertSourceRecords([{ ...recordInput(sourceA, 'a9'), workId: '' }]),
          hasCode('invalid_parameter'),
        );
      });

      void it('returns what grouping needs of each stored ref, in the order asked', async () => {
        const a1 = titled(sourceA, 'a1', { en: 'Photosynthesis' }, ['en']);
        await f.store.upsertSourceRecords([a1, recordInput(sourceA, 'a2', { status: 'deleted' })]);
        await assign('work-9', ref(sourceA, 'a2'));
        const got = await f.store.getRecordsForGrouping([
          ref(sourceA, 'a2'),
          ref(sourceB, 'missing'),
          ref(sourceA, 'a1'),
          ref(sourceA, 'a2'),
        ]);
        assert.deepEqual(got, [
          { ref: ref(sourceA, 'a2'), status: 'deleted', record: null, workId: 'work-9' },
          { ref: ref(sourceA, 'a1'), status: 'active', record: a1.record, workId: null },
        ]);
        assert.deepEqual(await f.store.getRecordsForGrouping([]), []);
      });

      void it('returns the status, work and stored keys of each stored ref, in the order asked', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceA, 'a1', { matchKeys: ['t:photosynthesis', 'u:example.org/a1'] }),
          recordInput(sourceA, 'a2', { matchKeys: ['t:osmosis'] }),
          recordInput(sourceB, 'b1'),
        ]);
        await assign('work-3', ref(sourceB, 'b1'));
        // A record turned into a tombstone drops its keys.
        await f.store.upsertSourceRecords([recordInput(sourceA, 'a2', { status: 'deleted' })]);
        const got = await f.store.getGroupingStates([
          ref(sourceB, 'b1'),
          ref(sourceA, 'a1'),
          ref(sourceB, 'missing'),
          ref(sourceA, 'a2'),
          ref(sourceA, 'a1'),
        ]);
        assert.deepEqual(got, [
          { ref: ref(sourceB, 'b1'), status: 'active', workId: 'work-3', matchKeys: [] },
          {
            ref: ref(sourceA, 'a1'),
            status: 'active',
            workId: null,
            matchKeys: ['t:photosynthesis', 'u:example.org/a1'],
          },
          { ref: ref(sourceA, 'a2'), status: 'deleted', workId: null, matchKeys: [] },
        ]);
        assert.deepEqual(await f.store.getGroupingStates([]), []);
      });

      void it('lists works in id order with their active members, names and languages', async () => {
        await f.store.upsertSourceRecords([
          titled(sourceA, 'a1', { en: 'Linear algebra', de: 'Lineare Algebra' }, ['de', 'en']),
          titled(sourceB, 'b1', { en: 'Linear Algebra' }),
          titled(sourceA, 'a2', { fr: 'Algèbre' }),
          titled(sourceA, 'a3', { en: 'Optics' }),
          recordInput(sourceB, 'b3', { status: 'deleted' }),
          titled(sourceB, 'b4', { 'zh-Hans': '光学', 'de-CH': 'Optik' }, ['zh-Hans']),
          titled(sourceB, 'b5', { en: 'Optics' }),
        ]);
        await assign('w1', ref(sourceA, 'a1'), ref(sourceB, 'b1'));
        await assign('w2', ref(sourceA, 'a2'));
        await assign('w3', ref(sourceA, 'a3'), ref(sourceB, 'b3'));
        await assign('w4', ref(sourceB, 'b4'), ref(sourceB, 'b5'));

        const works = await f.store.listWorks({});
        assert.deepEqual(
          works.map((w) => w.workId),
          ['w1', 'w4'],
          'by default only works of two or more active members',
        );
        assert.deepEqual(
          works[0]?.members,
          sortRefs([ref(sourceA, 'a1'), ref(sourceB, 'b1')]).map((x) =>
            x.sourceId === sourceA
              ? { ref: x, name: 'Lineare Algebra', inLanguage: ['de', 'en'] }
              : { ref: x, name: 'Linear Algebra', inLanguage: [] },
          ),
        );
        assert.deepEqual(
          works[1]?.members.map((m) => [m.ref.sourceRecordId, m.name, m.inLanguage]),
          [
            ['b4', 'Optik', ['zh-Hans']],
            ['b5', 'Optics', []],
          ],
        );
        const all = await f.store.listWorks({ minMembers: 1 });
        assert.deepEqual(
          all.map((w) => [w.workId, w.members.map((m) => m.ref.sourceRecordId)]),
          [
            ['w1', sortRefs([ref(sourceA, 'a1'), ref(sourceB, 'b1')]).map((x) => x.sourceRecordId)],
            ['w2', ['a2']],
            ['w3', ['a3']],
            ['w4', ['b4', 'b5']],
          ],
        );
        assert.deepEqual(await f.store.listWorks({ minMembers: 3 }), []);
      });

      void it('lists, when asked, works of one record that a translation or adaptation links', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceA, 'a1'),
          recordInput(sourceB, 'b1'),
          recordInput(sourceA, 'a2'),
          recordInput(sourceB, 'b2'),
          recordInput(sourceA, 'a3'),
          recordInput(sourceB, 'b3'),
          recordInput(sourceA, 'a4'),
          recordInput(sourceB, 'b4', { status: 'deleted' }),
        ]);
        await assign('w1', ref(sourceA, 'a1'));
        await assign('w2', ref(sourceB, 'b1'));
        await assign('w3', ref(sourceA, 'a2'), ref(sourceB, 'b2'));
        await assign('w4', ref(sourceA, 'a3'));
        await assign('w5', ref(sourceB, 'b3'));
        await assign('w6', ref(sourceA, 'a4'));
        await assign('w7', ref(sourceB, 'b4'));
        const link = (other: RecordRef, relation: WorkEdgeInput['relation']): WorkEdgeInput => ({
          other,
          relation,
          score: 0.9,
          reason: relation,
        });
        // w1 and w2: a translation; w4 and w5 only a 'same' pair (not a link between works); w6's partner is
        // deleted.
        await f.store.replaceWorkEdges(ref(sourceB, 'b1'), [link(ref(sourceA, 'a1'), 'translation')]);
        await f.store.replaceWorkEdges(ref(sourceA, 'a3'), [link(ref(sourceB, 'b3'), 'same')]);
        await f.store.replaceWorkEdges(ref(sourceA, 'a4'), [link(ref(sourceB, 'b4'), 'adaptation')]);
        assert.deepEqual(
          (await f.store.listWorks({})).map((w) => w.workId),
          ['w3'],
        );
        assert.deepEqual(
          (await f.store.listWorks({ linked: true })).map((w) => w.workId),
          ['w1', 'w2', 'w3'],
          'linked works of one record too, not a link to a deleted record',
        );
        assert.deepEqual(
          (await f.store.listWorks({ linked: true, sourceId: sourceB })).map((w) => w.workId),
          ['w2', 'w3'],
        );
        assert.deepEqual(
          (await f.store.listWorks({ linked: true, limit: 2, after: 'w1' })).map((w) => w.workId),
          ['w2', 'w3'],
        );
      });

      void it('lists only works a given source takes part in, with all their active members', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceA, 'a1'),
          recordInput(sourceB, 'b1'),
          recordInput(sourceA, 'a3'),
          recordInput(sourceB, 'b3', { status: 'deleted' }),
          recordInput(sourceB, 'b4'),
          recordInput(sourceB, 'b5'),
        ]);
        await assign('w1', ref(sourceA, 'a1'), ref(sourceB, 'b1'));
        await assign('w3', ref(sourceA, 'a3'), ref(sourceB, 'b3'));
        await assign('w4', ref(sourceB, 'b4'), ref(sourceB, 'b5'));
        const ofA = await f.store.listWorks({ sourceId: sourceA });
        assert.deepEqual(
          ofA.map((w) => [w.workId, w.members.length]),
          [['w1', 2]],
        );
        assert.deepEqual(
          (await f.store.listWorks({ sourceId: sourceB, minMembers: 1 })).map((w) => w.workId),
          ['w1', 'w4'],
          'a deleted record does not make its source take part',
        );
        assert.deepEqual(await f.store.listWorks({ sourceId: 'src_missing', minMembers: 1 }), []);
      });

      void it('pages through works in byte order of their ids with after and limit', async () => {
        const ids = ['work-b', 'work-B', 'work-a', 'work-ä', 'work-A'];
        const inputs = ids.flatMap((id, i) => [recordInput(sourceA, `a${i}`), recordInput(sourceB, `b${i}`)]);
        await f.store.upsertSourceRecords(inputs);
        for (const [i, id] of ids.entries()) await assign(id, ref(sourceA, `a${i}`), ref(sourceB, `b${i}`));
        const expected = [...ids].sort(byteCompare);
        for (const options of [{}, { sourceId: sourceB }]) {
          const seen: string[] = [];
          let after: string | undefined;
          for (let page = 0; page < 10; page += 1) {
            const works = await f.store.listWorks({
              ...options,
              limit: 2,
              ...(after === undefined ? {} : { after }),
            });
            if (works.length === 0) break;
            assert.ok(works.length <= 2);
            for (const w of works) assert.equal(w.members.length, 2);
            seen.push(...works.map((w) => w.workId));
            after = works.at(-1)?.workId;
          }
          assert.deepEqual(seen, expected);
        }
      });

      void it('refuses a minMembers or limit out of range', async () => {
        await assert.rejects(f.store.listWorks({ minMembers: 0 }), hasCode('invalid_parameter'));
        await assert.rejects(f.store.listWorks({ limit: 0 }), hasCode('invalid_parameter'));
        await assert.rejects(f.store.listWorks({ minMembers: 1.5 }), hasCode('invalid_parameter'));
      });
    });

    void describe('work decisions', () => {
      const f = freshStore(open);
      let sourceId = '';
      let otherId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
        otherId = (await f.store.createSource(newSource({ name: 'Other' }))).id;
      });

      void it('records decisions with a generated id, in canonical order, and lists them oldest first', async () => {
        const join = await f.store.addWorkDecision({
          action: 'join',
          a: ref(sourceId, 'r2'),
          b: ref(sourceId, 'r1'),
          at: '2024-05-02T12:00:00+02:00',
        });
        assert.match(join.id, /^dec_[0-9a-z]{12}$/);
        assert.deepEqual(join, {
          id: join.id,
          action: 'join',
          a: ref(sourceId, 'r1'),
          b: ref(sourceId, 'r2'),
          at: '2024-05-02T10:00:00.000Z',
          note: null,
        });
        const split = await f.store.addWorkDecision({
          action: 'split',
          a: ref(sourceId, 'r1'),
          b: ref(otherId, 'x'),
          at: T0,
          note: 'Same title, different editions — keep apart.',
        });
        const third = await f.store.addWorkDecision({
          action: 'join',
          a: ref(sourceId, 'r3'),
          b: ref(sourceId, 'r4'),
          at: '2024-05-03T08:00:00.000Z',
        });
        assert.deepEqual(
          (await f.store.listWorkDecisions()).map((d) => d.id),
          [split.id, join.id, third.id],
        );
        assert.deepEqual(
          (await f.store.listWorkDecisions([ref(sourceId, 'r1')])).map((d) => d.id),
          [split.id, join.id],
        );
        assert.deepEqual(
          (
            await f.store.listWorkDecisions([ref(otherId, 'x'), ref(sourceId, 'r2'), ref(sourceId, 'r4')])
          ).map((d) => d.id),
          [split.id, join.id, third.id],
        );
        assert.deepEqual(await f.store.listWorkDecisions([ref(sourceId, 'r9')]), []);
        assert.deepEqual(await f.store.listWorkDecisions([]), []);
        assert.equal((await f.store.listWorkDecisions([ref(otherId, 'x')]))[0]?.note, split.note);
      });

      void it('removes a decision by id, once', async () => {
        const d = await f.store.addWorkDecision({
          action: 'split',
          a: ref(sourceId, 'a'),
          b: ref(sourceId, 'b'),
          at: T0,
        });
        assert.equal(await f.store.removeWorkDecision(d.id), true);
        assert.equal(await f.store.removeWorkDecision(d.id), false);
        assert.deepEqual(await f.store.listWorkDecisions(), []);
      });

      void it('keeps decisions when their records are deleted, harvested again, or their source is removed', async () => {
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1'), recordInput(otherId, 'x1')]);
        const d = await f.store.addWorkDecision({
          action: 'join',
          a: ref(sourceId, 'r1'),
          b: ref(otherId, 'x1'),
          at: T0,
        });
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { status: 'deleted' })]);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { raw: '<back again/>' })]);
        assert.deepEqual(await f.store.listWorkDecisions([ref(sourceId, 'r1')]), [d]);
        await f.store.removeSource(otherId);
        assert.deepEqual(await f.store.listWorkDecisions(), [d], 'curator knowledge outlives the source');
      });

      void it('refuses a decision pairing a record with itself or with an unknown action', async () => {
        await assert.rejects(
          f.store.addWorkDecision({ action: 'join', a: ref(sourceId, 'r1'), b: ref(sourceId, 'r1'), at: T0 }),
          hasCode('invalid_parameter'),
        );
        await assert.rejects(
          f.store.addWorkDecision({
            action: 'merge' as 'join',
            a: ref(sourceId, 'r1'),
            b: ref(sourceId, 'r2'),
            at: T0,
          }),
          hasCode('invalid_parameter'),
        );
        assert.deepEqual(await f.store.listWorkDecisions(), []);
      });
    });

    void describe('removing a source with grouping data', () => {
      const f = freshStore(open);

      void it('removes its keys, queue entries and edges, and keeps everything of other sources', async () => {
        const doomed = (await f.store.createSource(newSource())).id;
        const kept = (await f.store.createSource(newSource({ name: 'Kept' }))).id;
        await f.store.upsertSourceRecords([
          recordInput(doomed, 'd1', { matchKeys: ['shared', 'doomed-only'] }),
          recordInput(kept, 'k1', { matchKeys: ['shared'] }),
          recordInput(kept, 'k2', { matchKeys: ['shared'] }),
        ]);
        await f.store.replaceWorkEdges(ref(doomed, 'd1'), [
          { other: ref(kept, 'k1'), relation: 'same', score: 1, reason: 'isbn' },
        ]);
        await f.store.replaceWorkEdges(ref(kept, 'k2'), [
          { other: ref(kept, 'k1'), relation: 'same', score: 1, reason: 'isbn' },
        ]);
        await f.store.setWorkIds(
          [ref(doomed, 'd1'), ref(kept, 'k1'), ref(kept, 'k2')].map((x) => ({ ref: x, workId: 'w' })),
        );

        assert.equal(await f.store.removeSource(doomed), true);
        assert.deepEqual(
          (await f.store.findByMatchKeys(['shared', 'doomed-only'], 5)).map((h) => h.members),
          [2, 0],
        );
        assert.deepEqual(
          (await f.store.listQueuedForGrouping(10)).map((q) => ref(q.sourceId, q.sourceRecordId)),
          [ref(kept, 'k1'), ref(kept, 'k2')],
        );
        assert.deepEqual(
          (await f.store.listWorkEdges([ref(kept, 'k1')])).map((e) => [e.a, e.b]),
          [[ref(kept, 'k1'), ref(kept, 'k2')]],
        );
        assert.deepEqual(await f.store.getWorkMembers('w'), [ref(kept, 'k1'), ref(kept, 'k2')]);
      });
    });

    void describe('quality stats', () => {
      const f = freshStore(open);
      let sourceId = '';
      let otherId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
        otherId = (await f.store.createSource(newSource({ name: 'Other' }))).id;
      });

      void it('counts active records, scored ones, the mean score and failed checks with examples', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r2', { quality: { score: 50, fixes: ['no_licence', 'z_code'] } }),
          recordInput(sourceId, 'r1', {
            quality: { score: 80, fixes: ['no_licence', 'no_language', 'a_code'] },
          }),
          recordInput(sourceId, 'r3', { quality: { score: 100, fixes: [] } }),
          recordInput(sourceId, 'r4'),
          recordInput(sourceId, 'r5', { status: 'deleted', quality: { score: 10, fixes: ['no_licence'] } }),
          recordInput(sourceId, 'r6', { status: 'failed', quality: { score: 10, fixes: ['no_licence'] } }),
          recordInput(otherId, 'x1', { quality: { score: 0, fixes: ['no_licence', 'no_language'] } }),
        ]);
        const stats = await f.store.qualityStats(sourceId, 1);
        assert.equal(stats.records, 4);
        assert.equal(stats.scored, 3);
        assert.ok(Math.abs((stats.meanScore ?? 0) - 230 / 3) < 1e-9, `mean ${stats.meanScore}`);
        assert.deepEqual(stats.fixes, [
          { code: 'no_licence', count: 2, examples: ['r1'] },
          { code: 'a_code', count: 1, examples: ['r1'] },
          { code: 'no_language', count: 1, examples: ['r1'] },
          { code: 'z_code', count: 1, examples: ['r2'] },
        ]);
        assert.deepEqual((await f.store.qualityStats(sourceId, 5)).fixes[0]?.examples, ['r1', 'r2']);
        assert.deepEqual(
          (await f.store.qualityStats(sourceId, 0)).fixes.map((x) => x.examples),
          [[], [], [], []],
        );
        assert.deepEqual(await f.store.qualityStats(otherId, 3), {
          records: 1,
          scored: 1,
          meanScore: 0,
          fixes: [
            { code: 'no_language', count: 1, examples: ['x1'] },
            { code: 'no_licence', count: 1, examples: ['x1'] },
          ],
        });
      });

      void it('replaces quality on every write, counts a repeated fix once, and clears it for deleted records', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { quality: { score: 40, fixes: ['x', 'x'] } }),
        ]);
        assert.deepEqual((await f.store.qualityStats(sourceId, 5)).fixes, [
          { code: 'x', count: 1, examples: ['r1'] },
        ]);
        assert.deepEqual(
          await f.store.upsertSourceRecords([
            recordInput(sourceId, 'r1', { quality: { score: 90, fixes: [] } }),
          ]),
          ['unchanged'],
        );
        assert.deepEqual(await f.store.qualityStats(sourceId, 5), {
          records: 1,
          scored: 1,
          meanScore: 90,
          fixes: [],
        });
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { status: 'deleted' })]);
        await f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { raw: '<back/>' })]);
        assert.deepEqual(
          await f.store.qualityStats(sourceId, 5),
          { records: 1, scored: 0, meanScore: null, fixes: [] },
          'the deletion cleared the score, and the record came back unscored',
        );
      });

      void it('clears the quality of records tombstoned after a full harvest', async () => {
        await f.store.upsertSourceRecords([
          recordInput(sourceId, 'r1', { runId: 'run_a', quality: { score: 20, fixes: ['no_title'] } }),
          recordInput(sourceId, 'r2', { runId: 'run_b', quality: { score: 60, fixes: [] } }),
        ]);
        await f.store.tombstoneUnseen(sourceId, 'run_b', T1);
        assert.deepEqual(await f.store.qualityStats(sourceId, 5), {
          records: 1,
          scored: 1,
          meanScore: 60,
          fixes: [],
        });
      });

      void it('answers zeros for a source without records, and refuses a bad score or example count', async () => {
        assert.deepEqual(await f.store.qualityStats('src_missing', 3), {
          records: 0,
          scored: 0,
          meanScore: null,
          fixes: [],
        });
        for (const score of [-1, 101, 55.5]) {
          await assert.rejects(
            f.store.upsertSourceRecords([recordInput(sourceId, 'r1', { quality: { score, fixes: [] } })]),
            hasCode('invalid_parameter'),
          );
        }
        assert.equal(await f.store.getSourceRecord(sourceId, 'r1'), null);
        await assert.rejects(f.store.qualityStats(sourceId, -1), hasCode('invalid_parameter'));
      });
    });

    void describe('link checks', () => {
      const f = freshStore(open);
      let sourceId = '';
      let otherId = '';
      beforeEach(async () => {
        sourceId = (await f.store.createSource(newSource())).id;
        otherId = (await f.store.createSource(newSource({ name: 'Other' }))).id;
      });

      const pageUrl = (recordId: string, variant = '') =>
        `https://oer.example.org/page/${recordId}${variant}`;
      function withUrl(source: string, recordId: string, url: string | null, options: RecordOptions = {}) {
        const base = resource(source, recordId, options.title ?? 'Linear algebra');
        return recordInput(source, recordId, {
          ...options,
          record: url === null ? base : { ...base, url },
        });
      }
      type CheckInput = Omit<LinkCheckWrite, 'recordUpdatedAt'> & { readonly recordUpdatedAt?: string };
      function check(source: string, recordId: string, overrides: Partial<LinkCheckWrite> = {}): CheckInput {
        return {
          sourceId: source,
          sourceRecordId: recordId,
          url: pageUrl(recordId),
          outcome: 'dead',
          verdict: 'dead',
          httpStatus: 404,
          finalUrl: null,
          errorCode: 'http_not_found',
          failures: 1,
          checkedAt: T1,
          quality: { score: 40, fixes: ['link_dead'] },
          ...overrides,
        };
      }
      /** Saves checks made for the stored version of each record (unless a test names another version). */
      async function save(inputs: readonly CheckInput[], session: StoreSession = f.store): Promise<number> {
        const writes: LinkCheckWrite[] = [];
        for (const input of inputs) {
          const stored = await session.getSourceRecord(input.sourceId, input.sourceRecordId);
          writes.push({ recordUpdatedAt: stored?.updatedAt ?? T0, ...input });
        }
        return await session.saveLinkChecks(writes);
      }
      const dueIds = async (options: { sourceId?: string; checkedBefore: string; limit?: number }) =>
        (await f.store.listDueLinks({ limit: 100, ...options })).map((d) =>
          ref(d.sourceId, d.sourceRecordId),
        );

      void it('lists active records with a url, never checked first in ref order, with their record', async () => {
        await f.store.upsertSourceRecords([
          withUrl(sourceId, 'r2', pageUrl('r2')),
          withUrl(sourceId, 'r1', pageUrl('r1')),
          withUrl(sourceId, 'no-url', null),
          withUrl(sourceId, 'gone', pageUrl('gone'), { status: 'deleted' }),
          withUrl(sourceId, 'bad', pageUrl('bad'), { status: 'failed' }),
          withUrl(otherId, 'x1', pageUrl('x1')),
        ]);
        const due = await f.store.listDueLinks({ checkedBefore: T0, limit: 10 });
        assert.deepEqual(
          due.map((d) => ref(d.sourceId, d.sourceRecordId)),
          sortRefs([ref(sourceId, 'r1'), ref(sourceId, 'r2'), ref(otherId, 'x1')]),
        );
        const first = due.find((d) => d.sourceRecordId === 'r1');
        assert.equal(first?.url, pageUrl('r1'));
        assert.equal(first.record.url, pageUrl('r1'));
        assert.deepEqual(first.record.name, { en: 'Linear algebra' });
        assert.equal(first.previous, null);
        assert.deepEqual(await dueIds({ sourceId, checkedBefore: T0 }), [
          ref(sourceId, 'r1'),
          ref(sourceId, 'r2'),
        ]);
        assert.deepEqual(await dueIds({ sourceId, checkedBefore: T0, limit: 1 }), [ref(sourceId, 'r1')]);
        assert.equal(await f.store.countDueLinks({ checkedBefore: T0 }), 3);
        assert.equal(await f.store.countDueLinks({ sourceId: otherId, checkedBefore: T0 }), 1);
        await assert.rejects(
          f.store.listDueLinks({ checkedBefore: 'yesterday', limit: 1 }),
          hasCode('invalid_parameter'),
        );
      });

      void it('stores checks with the quality they give, and lists them oldest first after the unchecked', async () => {
        await f.store.upsertSourceRecords([
          withUrl(sourceId, 'r1', pageUrl('r1'), { quality: { score: 70, fixes: ['a_code'] } }),
          withUrl(sourceId, 'r2', pageUrl('r2'), { quality: { score: 70, fixes: ['a_code'] } }),
          withUrl(sourceId, 'r3', pageUrl('r3'), { quality: { score: 70, fixes: ['a_code'] } }),
        ]);
        const stored = await save([
          check(sourceId, 'r2', { checkedAt: '2024-05-03T10:00:00.000Z' }),
          check(sourceId, 'r1', {
            outcome: 'redirected',
            verdict: 'redirected',
            httpStatus: 200,
            finalUrl: 'https://oer.example.org/new/r1',
            errorCode: null,
            failures: 0,
            checkedAt: '2024-05-02T10:00:00+02:00',
            quality: { score: 75, fixes: ['a_code', 'link_redirected'] },
          }),
        ]);
        assert.equal(stored, 2);
        const checks = await f.store.getLinkChecks(sourceId, ['r1', 'r2', 'r3', 'unknown']);
        assert.deepEqual([...checks.keys()].sort(), ['r1', 'r2']);
        assert.deepEqual(checks.get('r1'), {
          sourceId,
          sourceRecordId: 'r1',
          url: pageUrl('r1'),
          outcome: 'redirected',
          verdict: 'redirected',
          httpStatus: 200,
          finalUrl: 'https://oer.example.org/new/r1',
          errorCode: null,
          failures: 0,
          checkedAt: '2024-05-02T08:00:00.000Z',
        });
        assert.equal(checks.get('r2')?.errorCode, 'http_not_found');
        // Unchecked first, then the oldest check; a cut-off leaves out the later checks.
        assert.deepEqual(await dueIds({ sourceId, checkedBefore: '2030-01-01T00:00:00.000Z' }), [
          ref(sourceId, 'r3'),
          ref(sourceId, 'r1'),
          ref(sourceId, 'r2'),
        ]);
        assert.deepEqual(await dueIds({ sourceId, checkedBefore: '2024-05-03T00:00:00.000Z' }), [
          ref(sourceId, 'r3'),
          ref(sourceId, 'r1'),
        ]);
        assert.equal(await f.store.countDueLinks({ sourceId, checkedBefore: T0 }), 1);
        const [, due] = await f.store.listDueLinks({
          sourceId,
          checkedBefore: '2030-01-01T00:00:00.000Z',
          limit: 2,
        });
        assert.equal(due?.previous?.outcome, 'redirected');
        assert.equal(due.previous.checkedAt, '2024-05-02T08:00:00.000Z');

        const stats = await f.store.qualityStats(sourceId, 5);
        assert.deepEqual(
          stats.fixes.find((x) => x.code === 'link_dead'),
          {
            code: 'link_dead',
            count: 1,
            examples: ['r2'],
          },
        );
        assert.ok(Math.abs((stats.meanScore ?? 0) - (75 + 40 + 70) / 3) < 1e-9, String(stats.meanScore));

        // A second check replaces the first.
        await save([
          check(sourceId, 'r2', {
            outcome: 'alive',
            verdict: 'alive',
            httpStatus: 200,
            errorCode: null,
            failures: 0,
            quality: { score: 80, fixes: [] },
          }),
        ]);
        assert.equal((await f.store.getLinkChecks(sourceId, ['r2'])).get('r2')?.outcome, 'alive');
        assert.equal(
          (await f.store.qualityStats(sourceId, 5)).fixes.some((x) => x.code === 'link_dead'),
          false,
        );
      });

      void it('queues a record for the search index only when the check changes its score', async () => {
        await f.store.upsertSourceRecords([
          withUrl(sourceId, 'r1', pageUrl('r1'), { quality: { score: 70, fixes: [] } }),
          withUrl(sourceId, 'r2', pageUrl('r2'), { quality: { score: 70, fixes: [] } }),
        ]);
        await f.store.dequeueIndexed(await f.store.listQueuedForIndex(100));
        await save([
          check(sourceId, 'r1', { quality: { score: 60, fixes: ['link_dead'] } }),
          check(sourceId, 'r2', {
            outcome: 'inconclusive',
            verdict: 'unchecked',
            httpStatus: 500,
            quality: { score: 70, fixes: [] },
          }),
        ]);
        assert.deepEqual(
          (await f.store.listQueuedForIndex(100)).map((x) => ref(x.sourceId, x.sourceRecordId)),
          [ref(sourceId, 'r1')],
        );
        const [indexed] = await f.store.getRecordsForIndex([ref(sourceId, 'r1')]);
        assert.equal(indexed?.qualityScore, 60);
      });

      void it('drops a check of a url the record no longer has, or of a record no longer active', async () => {
        await f.store.upsertSourceRecords([
          withUrl(sourceId, 'r1', pageUrl('r1'), { quality: { score: 70, fixes: [] } }),
          withUrl(sourceId, 'r2', pageUrl('r2'), { status: 'deleted' }),
        ]);
        const stored = await save([
          check(sourceId, 'r1', { url: pageUrl('r1', '?old') }),
          check(sourceId, 'r2'),
          check(sourceId, 'missing'),
        ]);
        assert.equal(stored, 0);
        assert.equal((await f.store.getLinkChecks(sourceId, ['r1', 'r2', 'missing'])).size, 0);
        const [indexed] = await f.store.getRecordsForIndex([ref(sourceId, 'r1')]);
        assert.equal(indexed?.qualityScore, 70, 'quality untouched');
        // A check made for an older version of the record (same url) would give the quality of that version.
        const [listed] = await f.store.listDueLinks({ sourceId, checkedBefore: T0, limit: 1 });
        const version = (await f.store.getSourceRecord(sourceId, 'r1'))?.updatedAt;
        assert.equal(listed?.recordUpdatedAt, version);
        await sleep(3);
        await f.store.upsertSourceRecords([
          withUrl(sourceId, 'r1', pageUrl('r1'), { title: 'Linear algebra, 2nd edition' }),
        ]);
        assert.equal(await save([check(sourceId, 'r1', { recordUpdatedAt: version ?? T0 })]), 0);
        assert.equal(await f.store.countDueLinks({ sourceId, checkedBefore: T0 }), 1, 'still due');
        assert.equal(await save([check(sourceId, 'r1')]), 1, 'a check of the current version is stored');
        await assert.rejects(
          save([check(sourceId, 'r1', { outcome: 'fine' as never })]),
          hasCode('invalid_parameter'),
        );
        await assert.rejects(save([check(sourceId, 'r1', { failures: -1 })]), hasCode('invalid_parameter'));
      });

      void it('makes a record due again when its url changes, and ignores the old check meanwhile', async () => {
        await f.store.upsertSourceRecords([withUrl(sourceId, 'r1', pageUrl('r1'))]);
        await save([check(sourceId, 'r1')]);
        assert.equal(await f.store.countDueLinks({ sourceId, checkedBefore: T0 }), 0);
        assert.equal((await f.store.linkStats(sourceId, 5)).checked, 1);

        await f.store.upsertSourceRecords([withUrl(sourceId, 'r1', pageUrl('r1', '/v2'))]);
        const [due] = await f.store.listDueLinks({ sourceId, checkedBefore: T0, limit: 10 });
        assert.equal(due?.url, pageUrl('r1', '/v2'));
        assert.equal(due.previous, null, 'the last check was of another url');
        assert.equal((await f.store.getLinkChecks(sourceId, ['r1'])).get('r1')?.url, pageUrl('r1'));
        const stats = await f.store.linkStats(sourceId, 5);
        assert.equal(stats.withUrl, 1);
        assert.equal(stats.checked, 0);
        assert.deepEqual(stats.examples, []);
      });

      void it('counts outcomes and verdicts of the current checks with examples per outcome', async () => {
        await f.store.upsertSourceRecords([
          withUrl(sourceId, 'a1', pageUrl('a1')),
          withUrl(sourceId, 'd2', pageUrl('d2')),
          withUrl(sourceId, 'd1', pageUrl('d1')),
          withUrl(sourceId, 'i1', pageUrl('i1')),
          withUrl(sourceId, 'n1', pageUrl('n1')),
          withUrl(sourceId, 'fresh', pageUrl('fresh')),
          withUrl(sourceId, 'no-url', null),
          withUrl(otherId, 'd1', pageUrl('d1')),
        ]);
        await save([
          check(sourceId, 'a1', {
            outcome: 'alive',
            verdict: 'alive',
            httpStatus: 200,
            errorCode: null,
            failures: 0,
          }),
          check(sourceId, 'd2'),
          check(sourceId, 'd1'),
          check(sourceId, 'i1', {
            outcome: 'inconclusive',
            verdict: 'dead',
            httpStatus: null,
            errorCode: 'timeout',
            failures: 3,
          }),
          check(sourceId, 'n1', {
            outcome: 'not_checked',
            verdict: 'unchecked',
            httpStatus: null,
            errorCode: 'address_forbidden',
            failures: 0,
          }),
          check(otherId, 'd1'),
        ]);
        const stats = await f.store.linkStats(sourceId, 1);
        assert.equal(stats.withUrl, 6);
        assert.equal(stats.checked, 5);
        assert.deepEqual(stats.outcomes, {
          alive: 1,
          redirected: 0,
          dead: 2,
          inconclusive: 1,
          not_checked: 1,
        });
        assert.deepEqual(stats.verdicts, { alive: 1, redirected: 0, dead: 3, unchecked: 1 });
        assert.deepEqual(
          stats.examples.map((e) => [e.outcome, e.sourceRecordId]),
          [
            ['dead', 'd1'],
            ['inconclusive', 'i1'],
            ['not_checked', 'n1'],
          ],
        );
        assert.equal(stats.examples[1]?.errorCode, 'timeout');
        assert.equal(stats.examples[1]?.failures, 3);
        assert.deepEqual(
          (await f.store.linkStats(sourceId, 5)).examples
            .filter((e) => e.outcome === 'dead')
            .map((e) => e.sourceRecordId),
          ['d1', 'd2'],
        );
        assert.deepEqual((await f.store.linkStats(sourceId, 0)).examples, []);
        await assert.rejects(f.store.linkStats(sourceId, -1), hasCode('invalid_parameter'));

        // A tombstone takes its check out of the counts; removing the source removes the checks.
        await f.store.upsertSourceRecords([withUrl(sourceId, 'd2', pageUrl('d2'), { status: 'deleted' })]);
        assert.equal((await f.store.linkStats(sourceId, 0)).outcomes.dead, 1);
        assert.equal(await f.store.removeSource(sourceId), true);
        assert.equal((await f.store.getLinkChecks(sourceId, ['a1', 'd1', 'i1'])).size, 0);
        assert.equal((await f.store.getLinkChecks(otherId, ['d1'])).size, 1, 'other sources keep theirs');
      });

      void it('writes checks inside a transaction that rolls back with it', async () => {
        await f.store.upsertSourceRecords([withUrl(sourceId, 'r1', pageUrl('r1'))]);
        await assert.rejects(
          f.store.transaction(async (tx) => {
            assert.equal(await save([check(sourceId, 'r1')], tx), 1);
            assert.equal((await tx.getLinkChecks(sourceId, ['r1'])).size, 1);
            throw new Error('roll back');
          }),
          /roll back/,
        );
        assert.equal((await f.store.getLinkChecks(sourceId, ['r1'])).size, 0);
      });
    });

    void describe('meta', () => {
      const f = freshStore(open);

      void it('returns null for an unknown key, then the last value set', async () => {
        assert.equal(await f.store.getMeta('analyzer_version'), null);
        await f.store.setMeta('analyzer_version', '1');
        await f.store.setMeta('analyzer_version', '2');
        await f.store.setMeta('demo', 'Grüße 🧮');
        assert.equal(await f.store.getMeta('analyzer_version'), '2');
        assert.equal(await f.store.getMeta('demo'), 'Grüße 🧮');
      });
    });

    void describe('lifecycle', () => {
      const f = freshStore(open);

      void it('answers ping and says where its data lives', async () => {
        await f.store.ping();
        assert.ok(f.store.location.length > 0);
        assert.ok(f.store.backend === 'sqlite' || f.store.backend === 'postgres');
      });

      void it('can be closed twice', async () => {
        await f.store.close();
        await f.store.close();
      });

      void it('refuses work after it was closed', async () => {
        await f.store.close();
        await assert.rejects(f.store.getMeta('x'), AtlasError);
        await assert.rejects(f.store.setMeta('x', 'y'), AtlasError);
        await assert.rejects(f.store.ping(), hasCode('database_unreachable'));
      });

      void it('waits for a transaction in progress before closing, and that transaction still commits', async () => {
        const started = gate();
        const transaction = f.store.transaction(async (tx) => {
          started.open();
          await sleep(100);
          await tx.setMeta('written-before-close', 'yes');
        });
        await started.promise;
        await Promise.all([f.store.close(), transaction]);
        const other = await f.harness.openAnother();
        assert.equal(await other.getMeta('written-before-close'), 'yes');
      });
    });
  });
}
