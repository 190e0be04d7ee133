// The Store port on one SQLite file (better-sqlite3), for single-machine installations and the demo.
// One write connection whose transactions an async mutex serializes, and one read-only connection so readers
// see the last committed state and are never blocked by an open write transaction (WAL mode).
// Must never modify, truncate or delete a file it cannot read as a healthy SQLite database of a schema version
// it knows, and must never block the event loop waiting for another process's lock.
import { accessSync, closeSync, constants as fsConstants, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  EMPTY_COUNTS,
  type DueLink,
  type GroupingRecord,
  type GroupingState,
  type HarvestJob,
  type HarvestRun,
  type HarvestRunStatus,
  type IndexRecord,
  type LinkCheckState,
  type LinkCheckWrite,
  type LinkOutcome,
  type LinkStats,
  type LinkVerdict,
  type MatchKeyHits,
  type NewSource,
  type NewWorkDecision,
  type QualityStats,
  type QueuedRecordRef,
  type RecordIssue,
  type RecordRef,
  type Source,
  type SourceRecord,
  type SourceRecordInput,
  type SourceRecordStatus,
  type StoredGroupingFeatures,
  type UpsertOutcome,
  type WorkDecision,
  type WorkEdge,
  type WorkEdgeInput,
  type WorkListing,
} from '../../domain/catalog.js';
import { AtlasError } from '../../domain/errors.js';
import type { ResourceRecord } from '../../domain/profile.js';
import type {
  DequeueRef,
  DueLinkOptions,
  HarvestJobClaim,
  HarvestRunPatch,
  ListWorksOptions,
  MigrationReport,
  NewHarvestJob,
  NewHarvestRun,
  SourcePatch,
  SourceRecordPage,
  SourceRecordState,
  Store,
  StoreSession,
} from '../../ports/store.js';
import { insideOwnTransaction, Mutex, runMarked } from '../shared/concurrency.js';
import {
  checkExamplesPerOutcome,
  emptyOutcomeCounts,
  emptyVerdictCounts,
  linkCheckColumns,
  toDueLink,
  toLinkCheckState,
  type LinkCheckRow,
} from '../shared/links.js';
import { packPayload } from '../shared/payload.js';
import {
  canonicalJson,
  checkLimit,
  compareBytes,
  decideOutcome,
  distinctChunks,
  DEFAULT_ISSUE_LIMIT,
  DEFAULT_PAGE_SIZE,
  DEFAULT_RUN_LIMIT,
  emptyStatusCounts,
  ID_CHUNK_SIZE,
  MAX_PAGE_SIZE,
  newId,
  nowIso,
  parseJsonText,
  toUtcIso,
} from '../shared/shaping.js';
import {
  canonicalEdges,
  canonicalPair,
  checkCount,
  checkDecisionAction,
  checkMatchKeys,
  checkWorkId,
  distinctRefs,
  firstName,
  foldQualityFixes,
  groupingFields,
  groupingState,
  storedGroupingFeatures,
  queuedForGrouping,
  inAskedOrder,
  keyChanges,
  languageList,
  MAX_EXAMPLES_PER_FIX,
  MAX_KEYS_PER_LOOKUP,
  queuesForGrouping,
  refKey,
  parseStoredKeys,
  type GroupingFields,
} from '../shared/works.js';
import { latestSchemaVersion, migrations, MIGRATIONS_TABLE_SQL } from './migrations.js';
import { removeSourceDocuments, type StatementSource } from './search-write.js';
import * as q from './queries.js';

export interface SqliteStoreOptions {
  /** The database file. Its folder must exist; the file is created when missing. */
  readonly file: string;
  /** How long a write waits for another process's write transaction before giving up (default 5 s). */
  readonly busyTimeoutMs?: number;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
/** Write-ahead log pages (4 KiB each) between automatic checkpoints; SQLite's default is 1,000. */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/**
 * Page caches, in KiB (negative: SQLite's notation for a size in KiB). The SQLite build of better-sqlite3 gives
 * every connection 16 MiB by default, and a sort larger than the cache (applying the match-key log sorts every
 * key a harvest wrote) keeps up to a cache's worth per sorter in memory: on 100,000 harvested records the apply
 * peaked at 102 MB of process memory with 16 MiB, 79 MB with 8 MiB and 66 MB with 4 MiB. Below 8 MiB an index
 * update's transaction (a batch of documents) no longer fits in the cache and spills pages into the log before
 * it commits: 4 MiB wrote 2.5 times the bytes of 16 MiB over the same 100,000 documents. The read connection
 * keeps 2 MiB until the search index first searches (see SEARCH_CACHE_KIB there).
 */
const WRITER_CACHE_KIB = -8_192;
/** While the match-key log is applied (its sorts): 60 MB at the peak of the apply above, in the same time. */
const APPLY_CACHE_KIB = -2_048;
const READER_CACHE_KIB = -2_048;

/** A connection with its prepared statements, which are compiled once and reused. */
class Connection implements SqliteConnection {
  readonly #statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  stmt<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }
}

type Row = Record<string, unknown>;

/** One of the store's connections, as the search index in the same file uses it. */
export interface SqliteConnection extends StatementSource {
  readonly db: Database.Database;
}

/**
 * How the search index (sqlite-search-index.ts) reaches the store's database: reads on the store's read-only
 * connection, each write in its own transaction on the write connection, in turn with the store's own writes.
 */
export interface SqliteAccess {
  read<T>(work: (c: SqliteConnection) => T): Promise<T>;
  write<T>(work: (c: SqliteConnection) => T): Promise<T>;
  /** `hook` runs when the store closes, before its connections do (the index stops its worker threads). */
  onClose(hook: () => Promise<void>): void;
}

/** Messages for constraint failures, which only the calling method can phrase usefully. */
interface WriteContext {
  readonly missing?: string;
  readonly conflict?: string;
}

/** What one open store shares between its own methods and the sessions of its transactions. */
interface StoreState {
  readonly file: string;
  readonly writer: Connection;
  readonly reader: Connection;
  readonly mutex: Mutex;
  readonly busyTimeoutMs: number;
  /** Run by close() before the connections close (SqliteAccess.onClose). */
  readonly closeHooks: (() => Promise<void>)[];
  /** Set by close(): new work is refused. */
  closing: boolean;
  /** Set once the connections are gone. */
  closed: boolean;
}

function corruptError(file: string, reason: string, cause?: unknown): AtlasError {
  return new AtlasError(
    'database_corrupt',
    `The database file ${file} is not a readable SQLite database (${reason}). ` +
      'It was left untouched: move it aside or restore a backup, then start again.',
    { details: { file }, cause },
  );
}

function folderError(folder: string, problem: string, cause?: unknown): AtlasError {
  return new AtlasError('data_dir_unusable', `The data folder ${folder} ${problem}.`, {
    details: { folder },
    cause,
  });
}

function sqliteCode(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

function isBusy(err: unknown): boolean {
  const code = sqliteCode(err);
  return code !== null && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Turns a driver error into the AtlasError a person can act on; anything unrecognised passes through. */
function translate(err: unknown, file: string, context: WriteContext = {}): Error {
  if (!(err instanceof Error)) return new Error(String(err));
  const code = sqliteCode(err);
  if (code === null) return err;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new AtlasError('not_found', context.missing ?? 'The item this refers to does not exist.', {
      cause: err,
    });
  }
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new AtlasError(
      'conflict',
      context.conflict ?? 'An item with the same identifier already exists.',
      {
        cause: err,
      },
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return corruptError(file, err.message, err);
  if (isBusy(err)) {
    return new AtlasError('database_unreachable', `The database file ${file} is locked by another process.`, {
      details: { file },
      cause: err,
    });
  }
  if (
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_PERM' ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY')
  ) {
    return folderError(path.dirname(path.resolve(file)), `cannot be used for ${file}: ${err.message}`, err);
  }
  return err;
}

/** Runs synchronous driver work and hands its result or its translated error back as a promise. */
function settle<T>(file: string, work: () => T, context?: WriteContext): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(translate(err, file, context));
  }
}

function closedError(file: string): AtlasError {
  return new AtlasError('database_unreachable', `The store for ${file} has been closed.`, {
    details: { file },
  });
}

function readVersion(c: Connection): number {
  if (c.stmt(q.HAS_MIGRATIONS_TABLE).get() === undefined) return 0;
  return c.stmt<[], { version: number }>(q.CURRENT_VERSION).get()?.version ?? 0;
}

function tooNewError(file: string, found: number): AtlasError {
  return new AtlasError(
    'database_too_new',
    `The database file ${file} has schema version ${found}, but this build of OER Atlas knows versions up to ` +
      `${latestSchemaVersion}. It was left untouched: upgrade OER Atlas to use it.`,
    { details: { file, found, latest: latestSchemaVersion } },
  );
}

/**
 * Takes SQLite's write lock without ever sleeping synchronously. A synchronous busy wait would freeze the event
 * loop, and when the lock holder is another store in this same process it could then never commit: so the
 * write connection has no busy timeout, and this retries with short pauses until `busyTimeoutMs` has passed.
 */
async function withWriteLock<T>(state: StoreState, attempt: () => T): Promise<T> {
  const deadline = Date.now() + state.busyTimeoutMs;
  let pause = 2;
  for (;;) {
    try {
      return attempt();
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw translate(err, state.file);
      await sleep(pause);
      pause = Math.min(pause * 2, 50);
    }
  }
}

/** How a session reaches the database: the store itself, or one open transaction. */
interface Access {
  read<T>(work: (c: Connection) => T): Promise<T>;
  /** Runs `work` atomically: all its statements apply, or none do. */
  write<T>(work: (c: Connection) => T, context?: WriteContext): Promise<T>;
}

/** Outside a transaction: reads on the read-only connection, each write in its own transaction. */
class DirectAccess implements Access, SqliteAccess {
  constructor(private readonly state: StoreState) {}

  onClose(hook: () => Promise<void>): void {
    this.state.closeHooks.push(hook);
  }

  read<T>(work: (c: Connection) => T): Promise<T> {
    const { state } = this;
    if (state.closing || state.closed) return Promise.reject(closedError(state.file));
    return settle(state.file, () => work(state.reader));
  }

  write<T>(work: (c: Connection) => T, context?: WriteContext): Promise<T> {
    const { state } = this;
    if (state.closing || state.closed) return Promise.reject(closedError(state.file));
    if (insideOwnTransaction(state)) {
      return Promise.reject(
        new AtlasError(
          'internal_error',
          'A write was made on the store from inside one of its own transactions; use the session passed to ' +
            'transaction(fn), or the write would wait for that transaction forever.',
        ),
      );
    }
    return state.mutex.run(async () => {
      // Work queued before close() still runs; close() itself waits in the same queue.
      if (state.closed) throw closedError(state.file);
      const writer = state.writer;
      const atomic = writer.db.transaction(() => work(writer));
      try {
        return await withWriteLock(state, () => atomic.immediate());
      } catch (err) {
        throw translate(err, state.file, context);
      }
    });
  }
}

/** Inside transaction(fn): every method, reads too, runs on the write connection holding the transaction. */
class TransactionAccess implements Access {
  #active = true;

  constructor(private readonly state: StoreState) {}

  finish(): void {
    this.#active = false;
  }

  #check(): Connection {
    if (!this.#active) {
      throw new AtlasError(
        'internal_error',
        'This transaction session was used after its transaction ended.',
      );
    }
    const writer = this.state.writer;
    if (!writer.db.inTransaction) {
      throw new AtlasError('internal_error', 'SQLite rolled this transaction back after an earlier error.');
    }
    return writer;
  }

  read<T>(work: (c: Connection) => T): Promise<T> {
    return settle(this.state.file, () => work(this.#check()));
  }

  write<T>(work: (c: Connection) => T, context?: WriteContext): Promise<T> {
    return settle(
      this.state.file,
      () => {
        const writer = this.#check();
        // Nested inside the open transaction this becomes a savepoint, so a failing batch leaves no half of
        // itself behind while the surrounding transaction stays usable.
        return writer.db.transaction(() => work(writer))();
      },
      context,
    );
  }
}

interface PreparedRecord {
  readonly input: SourceRecordInput;
  readonly harvestedAt: string;
  readonly recordJson: string | null;
  readonly grouping: GroupingFields;
}

/** Refs as the JSON array of [sourceId, sourceRecordId] pairs the ref queries read, in chunks. */
function refChunks(refs: readonly RecordRef[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < refs.length; i += ID_CHUNK_SIZE) {
    out.push(JSON.stringify(refs.slice(i, i + ID_CHUNK_SIZE).map((r) => [r.sourceId, r.sourceRecordId])));
  }
  return out;
}

function toEdge(row: q.EdgeRow): WorkEdge {
  return {
    a: { sourceId: row.a_source_id, sourceRecordId: row.a_record_id },
    b: { sourceId: row.b_source_id, sourceRecordId: row.b_record_id },
    relation: row.relation as WorkEdge['relation'],
    score: row.score,
    reason: row.reason,
    createdAt: row.created_at,
  };
}

function toDecision(row: q.DecisionRow): WorkDecision {
  return {
    id: row.id,
    action: row.action as WorkDecision['action'],
    a: { sourceId: row.a_source_id, sourceRecordId: row.a_record_id },
    b: { sourceId: row.b_source_id, sourceRecordId: row.b_record_id },
    at: row.at,
    note: row.note,
  };
}

function compareEdgeRows(x: WorkEdge, y: WorkEdge): number {
  return (
    compareBytes(x.a.sourceId, y.a.sourceId) ||
    compareBytes(x.a.sourceRecordId, y.a.sourceRecordId) ||
    compareBytes(x.b.sourceId, y.b.sourceId) ||
    compareBytes(x.b.sourceRecordId, y.b.sourceRecordId)
  );
}

function compareDecisions(x: WorkDecision, y: WorkDecision): number {
  return x.at < y.at ? -1 : x.at > y.at ? 1 : compareBytes(x.id, y.id);
}

/** What grouping reads of one stored record. */
function toGroupingRecord(row: q.GroupingRow): GroupingRecord {
  return {
    ref: { sourceId: row.source_id, sourceRecordId: row.source_record_id },
    status: row.status as SourceRecordStatus,
    record: parseJsonText(row.record) as ResourceRecord | null,
    workId: row.work_id,
  };
}

/** Every StoreSession method, written once against an Access so the store and its transactions share it. */
class SqliteSession implements StoreSession {
  constructor(private readonly access: Access) {}

  /** One item per stored ref, in the order asked (refs not stored left out), from `sql` run per chunk of refs. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- R: the rows `sql` returns
  async #perRef<R, T extends { readonly ref: RecordRef }>(
    refs: readonly RecordRef[],
    sql: string,
    shape: (row: R) => T,
  ): Promise<T[]> {
    const wanted = distinctRefs(refs);
    if (wanted.length === 0) return [];
    const rows = await this.access.read((c) => {
      const select = c.stmt<[string], R>(sql);
      return refChunks(wanted).flatMap((chunk) => select.all(chunk));
    });
    return inAskedOrder(wanted, rows.map(shape));
  }

  async createSource(input: NewSource): Promise<Source> {
    const now = nowIso();
    const id = input.id ?? newId('src');
    const row = {
      id,
      name: input.name,
      url: input.url,
      protocol: input.protocol,
      format: input.format,
      sets: JSON.stringify(input.sets),
      exclude_sets: JSON.stringify(input.excludeSets),
      schedule: input.schedule,
      country: input.country,
      allow_private_network: input.allowPrivateNetwork ? 1 : 0,
      settings: canonicalJson(input.settings),
      created_at: now,
      updated_at: now,
    };
    return await this.access.write(
      (c) => q.toSource(c.stmt<[Row], q.SourceRow>(q.INSERT_SOURCE).get(row) as q.SourceRow),
      { conflict: `A source with id "${id}" already exists.` },
    );
  }

  getSource(id: string): Promise<Source | null> {
    return this.access.read((c) => {
      const row = c.stmt<[string], q.SourceRow>(q.GET_SOURCE).get(id);
      return row === undefined ? null : q.toSource(row);
    });
  }

  listSources(): Promise<readonly Source[]> {
    return this.access.read((c) => c.stmt<[], q.SourceRow>(q.LIST_SOURCES).all().map(q.toSource));
  }

  async updateSource(id: string, patch: SourcePatch): Promise<Source> {
    const values = q.sourcePatchValues(patch);
    const columns = Object.keys(values);
    const row =
      columns.length === 0
        ? await this.access.read((c) => c.stmt<[string], q.SourceRow>(q.GET_SOURCE).get(id))
        : await this.access.write((c) =>
            c
              .stmt<[Row], q.SourceRow>(q.updateSourceSql(columns))
              .get({ ...values, id, updated_at: nowIso() }),
          );
    if (row === undefined) throw new AtlasError('not_found', `There is no source with id "${id}".`);
    return q.toSource(row);
  }

  removeSource(id: string): Promise<boolean> {
    return this.access.write((c) => {
      // Its records, runs, issues, jobs and edges go by foreign key; keys, queue entries and search documents
      // are removed here, in the same transaction (the logged key changes applied first, so that the keys
      // removed by the records' match_keys are all there is).
      applyLoggedKeys(c);
      c.stmt<[string]>(q.DELETE_KEYS_OF_SOURCE).run(id);
      c.stmt<[string]>(q.DELETE_QUEUE_OF_SOURCE).run(id);
      c.stmt<[string]>(q.DELETE_INDEX_QUEUE_OF_SOURCE).run(id);
      removeSourceDocuments(c, id);
      return c.stmt<[string]>(q.DELETE_SOURCE).run(id).changes > 0;
    });
  }

  async upsertSourceRecords(records: readonly SourceRecordInput[]): Promise<readonly UpsertOutcome[]> {
    if (records.length === 0) return [];
    // Normalising and serialising happen before the write lock is taken, so other writers wait less.
    const prepared: PreparedRecord[] = records.map((input) => ({
      input,
      harvestedAt: toUtcIso(input.harvestedAt, 'harvestedAt'),
      recordJson: input.record === null ? null : canonicalJson(input.record),
      grouping: groupingFields(input),
    }));
    const sourceIds = [...new Set(records.map((r) => r.sourceId))].join('", "');
    const now = nowIso();
    const ticket = newId('tkt');
    return await this.access.write((c) => writeRecords(c, prepared, now, ticket), {
      missing: `Source records refer to a source that does not exist (sources in this batch: "${sourceIds}").`,
    });
  }

  getSourceRecord(sourceId: string, sourceRecordId: string): Promise<SourceRecord | null> {
    return this.access.read((c) => {
      const row = c.stmt<[string, string], q.SourceRecordRow>(q.GET_RECORD).get(sourceId, sourceRecordId);
      return row === undefined ? null : q.toSourceRecord(row);
    });
  }

  async getRecordStates(
    sourceId: string,
    sourceRecordIds: readonly string[],
  ): Promise<ReadonlyMap<string, SourceRecordState>> {
    const chunks = distinctChunks(sourceRecordIds);
    const states = new Map<string, SourceRecordState>();
    if (chunks.length === 0) return states;
    await this.access.read((c) => {
      const select = c.stmt<[string, string], q.RecordStateRow>(q.GET_RECORD_STATES);
      for (const chunk of chunks) {
        for (const row of select.all(sourceId, JSON.stringify(chunk))) {
          states.set(row.source_record_id, {
            rawHash: row.raw_hash,
            status: row.status as SourceRecordStatus,
          });
        }
      }
    });
    return states;
  }

  async markRecordsSeen(sourceId: string, sourceRecordIds: readonly string[], runId: string): Promise<void> {
    const chunks = distinctChunks(sourceRecordIds);
    if (chunks.length === 0) return;
    await this.access.write((c) => {
      const mark = c.stmt<[string, string, string]>(q.MARK_RECORDS_SEEN);
      for (const chunk of chunks) mark.run(runId, sourceId, JSON.stringify(chunk));
    });
  }

  async tombstoneUnseen(sourceId: string, runId: string, at: string): Promise<readonly string[]> {
    const stamp = toUtcIso(at, 'at');
    const params: Row = { source_id: sourceId, run_id: runId, at: stamp };
    const ticket = newId('tkt');
    const queuedAt = nowIso();
    const rows = await this.access.write((c) => {
      // Tombstones hold no keys, and the grouping pass must learn that they left their works.
      const dropKey = c.stmt<[string, string, string]>(q.DELETE_RECORD_KEY);
      for (const row of c
        .stmt<[Row], { source_record_id: string; match_keys: string }>(q.UNSEEN_MATCH_KEYS)
        .all(params)) {
        for (const key of parseStoredKeys(row.match_keys)) dropKey.run(key, sourceId, row.source_record_id);
      }
      const turned = c.stmt<[Row], { source_record_id: string }>(q.TOMBSTONE_UNSEEN).all(params);
      const enqueue = c.stmt<[Row]>(q.ENQUEUE_RECORDS);
      for (const chunk of distinctChunks(turned.map((r) => r.source_record_id))) {
        enqueue.run({ source_id: sourceId, ids: JSON.stringify(chunk), queued_at: queuedAt, ticket });
      }
      return turned;
    });
    return rows.map((r) => r.source_record_id).sort(compareBytes);
  }

  async listSourceRecords(
    sourceId: string,
    options: { readonly after?: string; readonly limit?: number; readonly status?: SourceRecordStatus } = {},
  ): Promise<SourceRecordPage> {
    const limit = checkLimit(options.limit, DEFAULT_PAGE_SIZE);
    const params: Row = { source_id: sourceId, limit: limit + 1 };
    if (options.status !== undefined) params.status = options.status;
    if (options.after !== undefined) params.after = options.after;
    const sql = q.listRecordsSql(options.status !== undefined, options.after !== undefined);
    const rows = await this.access.read((c) => c.stmt<[Row], q.SourceRecordRow>(sql).all(params));
    const items = rows.slice(0, limit).map(q.toSourceRecord);
    const last = items.at(-1);
    return { items, next: rows.length > limit && last !== undefined ? last.sourceRecordId : null };
  }

  async countSourceRecords(sourceId?: string): Promise<Readonly<Record<SourceRecordStatus, number>>> {
    const rows = await this.access.read((c) =>
      sourceId === undefined
        ? c.stmt<[], { status: SourceRecordStatus; n: number }>(q.COUNT_RECORDS_ALL).all()
        : c
            .stmt<[string], { status: SourceRecordStatus; n: number }>(q.COUNT_RECORDS_OF_SOURCE)
            .all(sourceId),
    );
    const counts = emptyStatusCounts();
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  async createRun(input: NewHarvestRun): Promise<HarvestRun> {
    const row: Row = {
      id: newId('run'),
      source_id: input.sourceId,
      status: 'running',
      mode: input.mode,
      started_at: toUtcIso(input.startedAt, 'startedAt'),
      counts: JSON.stringify(EMPTY_COUNTS),
    };
    return await this.access.write(
      (c) => q.toRun(c.stmt<[Row], q.RunRow>(q.INSERT_RUN).get(row) as q.RunRow),
      {
        missing: `There is no source with id "${input.sourceId}".`,
      },
    );
  }

  async updateRun(id: string, patch: HarvestRunPatch): Promise<HarvestRun> {
    const values = q.runPatchValues(patch);
    const columns = Object.keys(values);
    const row =
      columns.length === 0
        ? await this.access.read((c) => c.stmt<[string], q.RunRow>(q.GET_RUN).get(id))
        : await this.access.write((c) =>
            c.stmt<[Row], q.RunRow>(q.updateRunSql(columns)).get({ ...values, id }),
          );
    if (row === undefined) throw new AtlasError('not_found', `There is no harvest run with id "${id}".`);
    return q.toRun(row);
  }

  getRun(id: string): Promise<HarvestRun | null> {
    return this.access.read((c) => {
      const row = c.stmt<[string], q.RunRow>(q.GET_RUN).get(id);
      return row === undefined ? null : q.toRun(row);
    });
  }

  async listRuns(sourceId: string, limit?: number): Promise<readonly HarvestRun[]> {
    const max = checkLimit(limit, DEFAULT_RUN_LIMIT);
    const rows = await this.access.read((c) =>
      c.stmt<[string, number], q.RunRow>(q.LIST_RUNS).all(sourceId, max),
    );
    return rows.map(q.toRun);
  }

  latestRun(sourceId: string, statuses?: readonly HarvestRunStatus[]): Promise<HarvestRun | null> {
    return this.access.read((c) => {
      const row =
        statuses === undefined
          ? c.stmt<[string], q.RunRow>(q.LATEST_RUN).get(sourceId)
          : c
              .stmt<[string, string], q.RunRow>(q.LATEST_RUN_WITH_STATUS)
              .get(sourceId, JSON.stringify(statuses));
      return row === undefined ? null : q.toRun(row);
    });
  }

  async addRecordIssues(issues: readonly RecordIssue[]): Promise<void> {
    if (issues.length === 0) return;
    const rows: Row[] = issues.map((issue) => ({
      run_id: issue.runId,
      source_record_id: issue.sourceRecordId,
      code: issue.code,
      message: issue.message,
      raw: issue.raw === null ? null : packPayload(issue.raw),
      at: toUtcIso(issue.at, 'at'),
    }));
    const runIds = [...new Set(issues.map((i) => i.runId))].join('", "');
    await this.access.write(
      (c) => {
        const insert = c.stmt<[Row]>(q.INSERT_ISSUE);
        for (const row of rows) insert.run(row);
      },
      { missing: `Record issues refer to a harvest run that does not exist (runs: "${runIds}").` },
    );
  }

  async listRecordIssues(runId: string, limit?: number): Promise<readonly RecordIssue[]> {
    const max = checkLimit(limit, DEFAULT_ISSUE_LIMIT);
    const rows = await this.access.read((c) =>
      c.stmt<[string, number], q.IssueRow>(q.LIST_ISSUES).all(runId, max),
    );
    return rows.map(q.toIssue);
  }

  async enqueueHarvest(job: NewHarvestJob): Promise<boolean> {
    const row: Row = {
      source_id: job.sourceId,
      mode: job.mode,
      requested_at: toUtcIso(job.requestedAt, 'requestedAt'),
      requested_by: job.requestedBy,
    };
    return await this.access.write(
      (c) => {
        if (c.stmt<[Row]>(q.INSERT_JOB).run(row).changes > 0) return true;
        if (job.mode === 'full') c.stmt<[string]>(q.UPGRADE_JOB_TO_FULL).run(job.sourceId);
        return false;
      },
      { missing: `There is no source with id "${job.sourceId}".` },
    );
  }

  async claimHarvestJob(claim: HarvestJobClaim): Promise<HarvestJob | null> {
    const params: Row = {
      owner: claim.owner,
      now: toUtcIso(claim.now, 'now'),
      lease_until: toUtcIso(claim.leaseUntil, 'leaseUntil'),
    };
    if (claim.sourceId !== undefined) params.source_id = claim.sourceId;
    const sql = q.claimJobSql(claim.sourceId !== undefined);
    const row = await this.access.write((c) => c.stmt<[Row], q.JobRow>(sql).get(params));
    return row === undefined ? null : q.toJob(row);
  }

  async renewHarvestJob(sourceId: string, owner: string, leaseUntil: string): Promise<boolean> {
    const until = toUtcIso(leaseUntil, 'leaseUntil');
    return await this.access.write(
      (c) => c.stmt<[string, string, string]>(q.RENEW_JOB).run(until, sourceId, owner).changes > 0,
    );
  }

  releaseHarvestJob(sourceId: string, owner: string): Promise<boolean> {
    return this.access.write((c) => c.stmt<[string, string]>(q.RELEASE_JOB).run(sourceId, owner).changes > 0);
  }

  listHarvestJobs(): Promise<readonly HarvestJob[]> {
    return this.access.read((c) => c.stmt<[], q.JobRow>(q.LIST_JOBS).all().map(q.toJob));
  }

  async listQueuedForGrouping(limit: number): Promise<readonly QueuedRecordRef[]> {
    const max = checkLimit(limit, DEFAULT_PAGE_SIZE);
    const rows = await this.access.read((c) => c.stmt<[number], q.QueueRow>(q.LIST_QUEUE).all(max));
    return rows.map((row) => ({
      sourceId: row.source_id,
      sourceRecordId: row.source_record_id,
      queuedAt: row.queued_at,
      ticket: row.ticket,
    }));
  }

  async dequeueGrouped(refs: readonly DequeueRef[]): Promise<void> {
    if (refs.length === 0) return;
    await this.access.write((c) => {
      const plain = c.stmt<[string, string]>(q.DEQUEUE);
      const withTicket = c.stmt<[string, string, string]>(q.DEQUEUE_TICKET);
      for (const ref of refs) {
        if (ref.ticket === undefined) plain.run(ref.sourceId, ref.sourceRecordId);
        else withTicket.run(ref.sourceId, ref.sourceRecordId, ref.ticket);
      }
    });
  }

  countQueuedForGrouping(): Promise<number> {
    return this.access.read((c) => c.stmt<[], { n: number }>(q.COUNT_QUEUE).get()?.n ?? 0);
  }

  enqueueAllForGrouping(sourceId?: string): Promise<number> {
    const params: Row = { queued_at: nowIso(), ticket: newId('tkt') };
    if (sourceId !== undefined) params.source_id = sourceId;
    const sql = q.enqueueAllSql(sourceId !== undefined);
    return this.access.write((c) => c.stmt<[Row]>(sql).run(params).changes);
  }

  async findByMatchKeys(keys: readonly string[], maxPerKey: number): Promise<readonly MatchKeyHits[]> {
    const distinct = checkMatchKeys(keys, 'keys');
    if (distinct.length > MAX_KEYS_PER_LOOKUP) {
      throw new AtlasError('invalid_parameter', `keys may hold at most ${MAX_KEYS_PER_LOOKUP} keys per call`);
    }
    const max = checkCount(maxPerKey, 'maxPerKey', 0, MAX_PAGE_SIZE);
    const counts = new Map<string, number>();
    const holders = new Map<string, RecordRef[]>();
    if (await this.access.read((c) => c.stmt(q.ANY_LOGGED_KEY).get() !== undefined)) {
      await this.access.write(applyLoggedKeys);
    }
    await this.access.read((c) => {
      const count = c.stmt<[Row], { key: string; n: number }>(q.COUNT_KEY_HOLDERS);
      const list = c.stmt<[string], { key: string; source_id: string; source_record_id: string }>(
        q.KEY_HOLDERS,
      );
      for (const chunk of distinctChunks(distinct)) {
        const few: string[] = [];
        for (const row of count.all({ keys: JSON.stringify(chunk), cap: max + 1 })) {
          counts.set(row.key, row.n);
          if (row.n <= max) few.push(row.key);
        }
        if (few.length === 0) continue;
        for (const row of list.all(JSON.stringify(few))) {
          let refs = holders.get(row.key);
          if (refs === undefined) holders.set(row.key, (refs = []));
          refs.push({ sourceId: row.source_id, sourceRecordId: row.source_record_id });
        }
      }
    });
    return distinct.map((key) => ({ key, members: counts.get(key) ?? 0, refs: holders.get(key) ?? [] }));
  }

  getGroupingStates(refs: readonly RecordRef[]): Promise<readonly GroupingState[]> {
    return this.#perRef(refs, q.GROUPING_STATES, groupingState);
  }

  getRecordsForGrouping(refs: readonly RecordRef[]): Promise<readonly GroupingRecord[]> {
    return this.#perRef(refs, q.RECORDS_FOR_GROUPING, toGroupingRecord);
  }

  getGroupingFeatures(refs: readonly RecordRef[]): Promise<readonly StoredGroupingFeatures[]> {
    return this.#perRef(refs, q.GROUPING_FEATURES, storedGroupingFeatures);
  }

  async getQueuedForGrouping(refs: readonly RecordRef[]): Promise<readonly RecordRef[]> {
    return (await this.#perRef(refs, q.QUEUED_FOR_GROUPING, queuedForGrouping)).map((row) => row.ref);
  }

  async replaceWorkEdges(ref: RecordRef, edges: readonly WorkEdgeInput[]): Promise<void> {
    const canonical = canonicalEdges(ref, edges);
    const createdAt = nowIso();
    await this.access.write(
      (c) => {
        c.stmt<[string, string]>(q.DELETE_EDGES_FROM_A).run(ref.sourceId, ref.sourceRecordId);
        c.stmt<[string, string]>(q.DELETE_EDGES_FROM_B).run(ref.sourceId, ref.sourceRecordId);
        const insert = c.stmt<[Row]>(q.INSERT_EDGE);
        for (const edge of canonical) {
          insert.run({
            a_source_id: edge.a.sourceId,
            a_record_id: edge.a.sourceRecordId,
            b_source_id: edge.b.sourceId,
            b_record_id: edge.b.sourceRecordId,
            relation: edge.relation,
            score: edge.score,
            reason: edge.reason,
            created_at: createdAt,
          });
        }
      },
      { missing: `An edge of ${ref.sourceId}/${ref.sourceRecordId} refers to a record that does not exist.` },
    );
  }

  async listWorkEdges(refs: readonly RecordRef[]): Promise<readonly WorkEdge[]> {
    const wanted = distinctRefs(refs);
    if (wanted.length === 0) return [];
    const edges = new Map<string, WorkEdge>();
    await this.access.read((c) => {
      const select = c.stmt<[string, string], q.EdgeRow>(q.EDGES_TOUCHING);
      for (const chunk of refChunks(wanted)) {
        for (const row of select.all(chunk, chunk)) {
          const edge = toEdge(row);
          edges.set(refKey(edge.a) + refKey(edge.b), edge);
        }
      }
    });
    return [...edges.values()].sort(compareEdgeRows);
  }

  async setWorkIds(
    assignments: readonly { readonly ref: RecordRef; readonly workId: string | null }[],
  ): Promise<void> {
    if (assignments.length === 0) return;
    const rows = assignments.map(({ ref, workId }) => {
      distinctRefs([ref], 'assignments');
      return [workId === null ? null : checkWorkId(workId), ref.sourceId, ref.sourceRecordId] as const;
    });
    await this.access.write((c) => {
      const update = c.stmt<[string | null, string, string]>(q.SET_WORK_ID);
      for (const [workId, sourceId, sourceRecordId] of rows) update.run(workId, sourceId, sourceRecordId);
    });
  }

  async getWorkMembers(workId: string): Promise<readonly RecordRef[]> {
    const id = checkWorkId(workId);
    const rows = await this.access.read((c) =>
      c.stmt<[string], { source_id: string; source_record_id: string }>(q.WORK_MEMBERS).all(id),
    );
    return rows.map((r) => ({ sourceId: r.source_id, sourceRecordId: r.source_record_id }));
  }

  async listWorks(options: ListWorksOptions = {}): Promise<readonly WorkListing[]> {
    const params: Row = {
      min_members: checkCount(options.minMembers ?? 2, 'minMembers', 1, MAX_PAGE_SIZE),
      limit: checkLimit(options.limit, DEFAULT_PAGE_SIZE),
      after: options.after ?? '',
    };
    if (options.sourceId !== undefined) params.source_id = options.sourceId;
    const sql = q.listWorksSql(options.sourceId !== undefined, options.linked === true);
    const rows = await this.access.read((c) => c.stmt<[Row], q.WorkListingRow>(sql).all(params));
    const works: { workId: string; members: WorkListing['members'][number][] }[] = [];
    for (const row of rows) {
      let work = works.at(-1);
      if (work?.workId !== row.work_id) works.push((work = { workId: row.work_id, members: [] }));
      work.members.push({
        ref: { sourceId: row.source_id, sourceRecordId: row.source_record_id },
        name: firstName(parseJsonText(row.name)),
        inLanguage: languageList(parseJsonText(row.in_language)),
      });
    }
    return works;
  }

  async addWorkDecision(decision: NewWorkDecision): Promise<WorkDecision> {
    const [a, b] = canonicalPair(decision.a, decision.b, 'decision');
    const row: Row = {
      id: newId('dec'),
      action: checkDecisionAction(decision.action),
      a_source_id: a.sourceId,
      a_record_id: a.sourceRecordId,
      b_source_id: b.sourceId,
      b_record_id: b.sourceRecordId,
      at: toUtcIso(decision.at, 'at'),
      note: decision.note ?? null,
    };
    return await this.access.write((c) =>
      toDecision(c.stmt<[Row], q.DecisionRow>(q.INSERT_DECISION).get(row) as q.DecisionRow),
    );
  }

  async listWorkDecisions(refs?: readonly RecordRef[]): Promise<readonly WorkDecision[]> {
    if (refs === undefined) {
      return await this.access.read((c) => c.stmt<[], q.DecisionRow>(q.LIST_DECISIONS).all().map(toDecision));
    }
    const wanted = distinctRefs(refs);
    if (wanted.length === 0) return [];
    const decisions = new Map<string, WorkDecision>();
    await this.access.read((c) => {
      const select = c.stmt<[string, string], q.DecisionRow>(q.DECISIONS_TOUCHING);
      for (const chunk of refChunks(wanted)) {
        for (const row of select.all(chunk, chunk)) decisions.set(row.id, toDecision(row));
      }
    });
    return [...decisions.values()].sort(compareDecisions);
  }

  removeWorkDecision(id: string): Promise<boolean> {
    return this.access.write((c) => c.stmt<[string]>(q.DELETE_DECISION).run(id).changes > 0);
  }

  async listQueuedForIndex(limit: number): Promise<readonly QueuedRecordRef[]> {
    const max = checkLimit(limit, DEFAULT_PAGE_SIZE);
    const rows = await this.access.read((c) => c.stmt<[number], q.QueueRow>(q.LIST_INDEX_QUEUE).all(max));
    return rows.map((row) => ({
      sourceId: row.source_id,
      sourceRecordId: row.source_record_id,
      queuedAt: row.queued_at,
      ticket: row.ticket,
    }));
  }

  async dequeueIndexed(refs: readonly DequeueRef[]): Promise<void> {
    if (refs.length === 0) return;
    await this.access.write((c) => {
      const plain = c.stmt<[string, string]>(q.DEQUEUE_INDEX);
      const withTicket = c.stmt<[string, string, string]>(q.DEQUEUE_INDEX_TICKET);
      for (const ref of refs) {
        if (ref.ticket === undefined) plain.run(ref.sourceId, ref.sourceRecordId);
        else withTicket.run(ref.sourceId, ref.sourceRecordId, ref.ticket);
      }
    });
  }

  countQueuedForIndex(): Promise<number> {
    return this.access.read((c) => c.stmt<[], { n: number }>(q.COUNT_INDEX_QUEUE).get()?.n ?? 0);
  }

  enqueueAllForIndex(): Promise<number> {
    const params: Row = { queued_at: nowIso(), ticket: newId('tkt') };
    return this.access.write((c) => c.stmt<[Row]>(q.ENQUEUE_ALL_FOR_INDEX).run(params).changes);
  }

  getRecordsForIndex(refs: readonly RecordRef[]): Promise<readonly IndexRecord[]> {
    return this.#perRef(refs, q.RECORDS_FOR_INDEX, (row: q.IndexRecordRow) => ({
      ...toGroupingRecord(row),
      qualityScore: row.quality_score,
      harvestedAt: row.harvested_at,
    }));
  }

  async qualityStats(sourceId: string, examplesPerFix: number): Promise<QualityStats> {
    const examples = checkCount(examplesPerFix, 'examplesPerFix', 0, MAX_EXAMPLES_PER_FIX);
    return await this.access.read((c) => {
      const totals = c
        .stmt<[string], { records: number; scored: number; mean_score: number | null }>(q.QUALITY_TOTALS)
        .get(sourceId);
      const counts = c.stmt<[string], { code: string; n: number }>(q.QUALITY_FIX_COUNTS).all(sourceId);
      const rows =
        examples > 0 && counts.length > 0
          ? c
              .stmt<[string, number], { code: string; source_record_id: string }>(q.QUALITY_FIX_EXAMPLES)
              .all(sourceId, examples)
          : [];
      return {
        records: totals?.records ?? 0,
        scored: totals?.scored ?? 0,
        meanScore: totals?.mean_score ?? null,
        fixes: foldQualityFixes(counts, rows),
      };
    });
  }

  async listDueLinks(options: DueLinkOptions & { readonly limit: number }): Promise<readonly DueLink[]> {
    const params = dueLinkParams(options);
    params.limit = checkLimit(options.limit, DEFAULT_PAGE_SIZE);
    const rows = await this.access.read((c) => c.stmt<[Row], q.DueLinkDbRow>(q.LIST_DUE_LINKS).all(params));
    return rows.map((row) => toDueLink({ ...row, record: JSON.parse(row.record) as ResourceRecord }));
  }

  countDueLinks(options: DueLinkOptions): Promise<number> {
    const params = dueLinkParams(options);
    return this.access.read((c) => c.stmt<[Row], { n: number }>(q.COUNT_DUE_LINKS).get(params)?.n ?? 0);
  }

  async saveLinkChecks(checks: readonly LinkCheckWrite[]): Promise<number> {
    if (checks.length === 0) return 0;
    const rows = checks.map(linkCheckColumns);
    return await this.access.write((c) => {
      const save = c.stmt<[Row]>(q.SAVE_LINK_CHECK);
      const setQuality = c.stmt<[Row]>(q.SET_LINK_QUALITY);
      let stored = 0;
      for (const row of rows) {
        if (save.run({ ...row }).changes === 0) continue;
        setQuality.run({ ...row });
        stored += 1;
      }
      return stored;
    });
  }

  async getLinkChecks(
    sourceId: string,
    sourceRecordIds: readonly string[],
  ): Promise<ReadonlyMap<string, LinkCheckState>> {
    const chunks = distinctChunks(sourceRecordIds);
    const found = new Map<string, LinkCheckState>();
    if (chunks.length === 0) return found;
    await this.access.read((c) => {
      const select = c.stmt<[string, string], LinkCheckRow>(q.GET_LINK_CHECKS);
      for (const chunk of chunks) {
        for (const row of select.all(sourceId, JSON.stringify(chunk))) {
          found.set(row.source_record_id, toLinkCheckState(row));
        }
      }
    });
    return found;
  }

  async linkStats(sourceId: string, examplesPerOutcome: number): Promise<LinkStats> {
    const examples = checkExamplesPerOutcome(examplesPerOutcome);
    return await this.access.read((c) => {
      const withUrl = c.stmt<[string], { with_url: number }>(q.LINK_TOTALS).get(sourceId)?.with_url ?? 0;
      const outcomes = emptyOutcomeCounts();
      const verdicts = emptyVerdictCounts();
      let checked = 0;
      for (const row of c
        .stmt<[string], { outcome: LinkOutcome; verdict: LinkVerdict; n: number }>(q.LINK_OUTCOME_COUNTS)
        .all(sourceId)) {
        outcomes[row.outcome] += row.n;
        verdicts[row.verdict] += row.n;
        checked += row.n;
      }
      const rows =
        examples > 0 && checked > 0
          ? c.stmt<[string, number], LinkCheckRow>(q.LINK_EXAMPLES).all(sourceId, examples)
          : [];
      return { withUrl, checked, outcomes, verdicts, examples: rows.map(toLinkCheckState) };
    });
  }

  getMeta(key: string): Promise<string | null> {
    return this.access.read((c) => c.stmt<[string], { value: string }>(q.GET_META).get(key)?.value ?? null);
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.access.write((c) => c.stmt<[string, string]>(q.SET_META).run(key, value));
  }
}

/** The named parameters of the due-link queries. */
function dueLinkParams(options: DueLinkOptions): Row {
  return { source_id: options.sourceId ?? null, before: toUtcIso(options.checkedBefore, 'checkedBefore') };
}

/**
 * The body of upsertSourceRecords, run inside one transaction that holds SQLite's write lock, so the state read
 * for each key cannot change before it is written: no second row and no wrong outcome, whoever else writes.
 * Records are applied in input order, so a key repeated in one batch ends as its last version.
 */
function writeRecords(
  c: Connection,
  prepared: readonly PreparedRecord[],
  now: string,
  ticket: string,
): UpsertOutcome[] {
  const readState = c.stmt<[string, string], q.StoredStateRow>(q.GET_STORED_STATE);
  const writeWhole = c.stmt<[Row]>(q.WRITE_RECORD);
  const writeSameRaw = c.stmt<[Row]>(q.WRITE_RECORD_SAME_RAW);
  const dropKey = c.stmt<[string, string, string]>(q.DELETE_RECORD_KEY);
  const addKey = c.stmt<[string, string, string]>(q.INSERT_RECORD_KEY);
  const enqueue = c.stmt<[string, string, string, string]>(q.ENQUEUE_RECORD);
  return prepared.map(({ input, harvestedAt, recordJson, grouping }) => {
    const stored = readState.get(input.sourceId, input.sourceRecordId);
    const outcome = decideOutcome(
      stored === undefined
        ? null
        : {
            status: stored.status as SourceRecordStatus,
            rawHash: stored.raw_hash,
            recordJson: stored.record,
          },
      { status: input.status, rawHash: input.rawHash, recordJson },
    );
    const row: Row = {
      source_id: input.sourceId,
      source_record_id: input.sourceRecordId,
      status: input.status,
      source_datestamp: input.sourceDatestamp,
      raw_format: input.rawFormat,
      raw_hash: input.rawHash,
      record: recordJson,
      error_code: input.errorCode,
      error_message: input.errorMessage,
      harvested_at: harvestedAt,
      // updatedAt tells when the content last changed; a re-harvest that changed nothing keeps it.
      updated_at: outcome === 'unchanged' && stored !== undefined ? stored.updated_at : now,
      last_run_id: input.runId ?? null,
      quality_score: grouping.qualityScore,
      quality_fixes: grouping.qualityFixes,
      match_keys: grouping.keysJson,
      grouping_features: grouping.features,
    };
    if (stored !== undefined && stored.raw_hash === input.rawHash) writeSameRaw.run(row);
    else {
      row.raw = packPayload(input.raw);
      // Used only when the row is inserted: a stored record keeps its work.
      row.work_id = grouping.workId;
      writeWhole.run(row);
    }
    // Every write replaces the record's keys (only active records hold any); only the difference is written.
    if (stored?.match_keys !== grouping.keysJson) {
      const { removed, added } = keyChanges(parseStoredKeys(stored?.match_keys ?? null), grouping.keys);
      for (const key of removed) dropKey.run(key, input.sourceId, input.sourceRecordId);
      for (const key of added) addKey.run(key, input.sourceId, input.sourceRecordId);
    }
    const previousStatus = stored === undefined ? null : (stored.status as SourceRecordStatus);
    if (queuesForGrouping(outcome, previousStatus)) {
      enqueue.run(input.sourceId, input.sourceRecordId, now, ticket);
    }
    return outcome;
  });
}

/**
 * Applies the logged key changes (record_keys_log) to record_keys in one sorted pass and empties the log. Runs
 * before keys are looked up and before a source's keys are removed; a pass over an empty log costs one read.
 */
function applyLoggedKeys(c: Connection): void {
  if (c.stmt(q.ANY_LOGGED_KEY).get() === undefined) return;
  // Its sorts keep up to a page cache's worth each in memory: a smaller cache for them, the same time.
  c.db.pragma(`cache_size = ${APPLY_CACHE_KIB}`);
  try {
    for (const sql of q.APPLY_LOGGED_KEYS) c.stmt(sql).run();
  } finally {
    c.db.pragma(`cache_size = ${WRITER_CACHE_KIB}`);
  }
}

/** The direct access of each open store, for the search index that lives in the same file. */
const DIRECT_ACCESS = new WeakMap<Store, SqliteAccess>();

/** How the search index reaches the database of a store opened by openSqliteStore; closed with the store. */
export function sqliteAccessOf(store: Store): SqliteAccess {
  const access = DIRECT_ACCESS.get(store);
  if (access === undefined) {
    throw new AtlasError('internal_error', 'A SQLite search index needs a store opened by openSqliteStore.');
  }
  return access;
}

class SqliteStore extends SqliteSession implements Store {
  readonly backend = 'sqlite' as const;
  readonly latestSchemaVersion = latestSchemaVersion;
  readonly location: string;
  readonly #state: StoreState;
  #closing: Promise<void> | null = null;

  constructor(state: StoreState) {
    const access = new DirectAccess(state);
    super(access);
    this.#state = state;
    this.location = state.file;
    DIRECT_ACCESS.set(this, access);
  }

  #assertUsable(): void {
    const state = this.#state;
    if (state.closing || state.closed) throw closedError(state.file);
    if (insideOwnTransaction(state)) {
      throw new AtlasError(
        'internal_error',
        'A transaction or migration was started from inside one of this store’s own transactions; it would ' +
          'wait for that transaction forever.',
      );
    }
  }

  async migrate(): Promise<MigrationReport> {
    this.#assertUsable();
    const state = this.#state;
    return await state.mutex.run(async () => {
      if (state.closed) throw closedError(state.file);
      const writer = state.writer;
      const from = readVersion(writer);
      if (from > latestSchemaVersion) throw tooNewError(state.file, from);
      const applied: string[] = [];
      // One transaction per migration, each re-reading the version under the write lock: another process
      // migrating at the same moment makes this one skip what it already applied.
      const step = writer.db.transaction((): string | null => {
        const current = readVersion(writer);
        if (current > latestSchemaVersion) throw tooNewError(state.file, current);
        const next = migrations.find((m) => m.version > current);
        if (next === undefined) return null;
        writer.db.exec(MIGRATIONS_TABLE_SQL);
        try {
          writer.db.exec(next.sql);
        } catch (err) {
          throw new AtlasError(
            'migration_failed',
            `Migration ${next.name} of ${state.file} failed and was rolled back: ${err instanceof Error ? err.message : String(err)}`,
            { details: { file: state.file, migration: next.name }, cause: err },
          );
        }
        writer.stmt<[number, string, string]>(q.RECORD_MIGRATION).run(next.version, next.name, nowIso());
        return next.name;
      });
      for (;;) {
        const name = await withWriteLock(state, () => step.immediate());
        if (name === null) break;
        applied.push(name);
      }
      return { from, to: readVersion(writer), applied };
    });
  }

  schemaVersion(): Promise<number> {
    const state = this.#state;
    if (state.closing || state.closed) return Promise.reject(closedError(state.file));
    return settle(state.file, () => readVersion(state.reader));
  }

  ping(): Promise<void> {
    const state = this.#state;
    if (state.closing || state.closed) return Promise.reject(closedError(state.file));
    try {
      state.reader.stmt('SELECT 1').get();
      return Promise.resolve();
    } catch (err) {
      const translated = translate(err, state.file);
      return Promise.reject(
        translated instanceof AtlasError
          ? translated
          : new AtlasError('database_unreachable', `The database file ${state.file} does not answer.`, {
              cause: err,
            }),
      );
    }
  }

  async transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T> {
    this.#assertUsable();
    const state = this.#state;
    return await state.mutex.run(async () => {
      if (state.closed) throw closedError(state.file);
      const db = state.writer.db;
      // Each write inside runs under a savepoint, whose journal keeps the original of every page the
      // transaction changes; in a temporary file that was most of the bytes a harvested page wrote. A
      // transaction's changes are bounded by its caller (a page of records, a grouping batch), so in memory;
      // writes outside one (a source removed with all its records) keep their journals in files. SQLite takes
      // the setting only outside a transaction.
      db.pragma('temp_store = MEMORY');
      try {
        await withWriteLock(state, () => db.exec('BEGIN IMMEDIATE'));
        const access = new TransactionAccess(state);
        try {
          const result = await runMarked(state, () => fn(new SqliteSession(access)));
          access.finish();
          db.exec('COMMIT');
          return result;
        } catch (err) {
          access.finish();
          if (db.inTransaction) db.exec('ROLLBACK');
          throw translate(err, state.file);
        }
      } finally {
        db.pragma('temp_store = DEFAULT');
      }
    });
  }

  close(): Promise<void> {
    const state = this.#state;
    state.closing = true;
    // The hooks first (what else uses the file lets go of it), then the connections, queued behind any
    // transaction in progress, which therefore finishes first.
    this.#closing ??= Promise.allSettled(state.closeHooks.splice(0).map((hook) => hook())).then(() =>
      state.mutex.run(() => {
        if (!state.closed) {
          state.closed = true;
          state.reader.db.close();
          state.writer.db.close();
        }
        return Promise.resolve();
      }),
    );
    return this.#closing;
  }
}

/** Refuses, before SQLite sees it, a path whose folder is missing or a file that is not a SQLite database. */
function inspectPath(file: string): void {
  const folder = path.dirname(path.resolve(file));
  let folderStat;
  try {
    folderStat = statSync(folder);
  } catch (err) {
    throw folderError(folder, 'does not exist', err);
  }
  if (!folderStat.isDirectory()) throw folderError(folder, 'is not a folder');
  try {
    accessSync(folder, fsConstants.W_OK | fsConstants.X_OK);
  } catch (err) {
    throw folderError(folder, 'cannot be written', err);
  }

  let fileStat;
  try {
    fileStat = statSync(file);
  } catch {
    return; // Absent: SQLite creates it.
  }
  if (!fileStat.isFile()) throw folderError(folder, `holds ${file}, which is not a regular file`);
  // An empty file is what SQLite itself creates before the first write; it is a new database, not damage.
  if (fileStat.size === 0) return;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) throw corruptError(file, 'it does not start with the SQLite header');
}

/** Opens (creating when missing) the SQLite store in `options.file`. Call migrate() before using it. */
export function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  try {
    return Promise.resolve(openNow(options));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

function openNow(options: SqliteStoreOptions): Store {
  const file = options.file;
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  inspectPath(file);

  let writerDb: Database.Database;
  try {
    writerDb = new Database(file, { timeout: busyTimeoutMs });
  } catch (err) {
    throw translate(err, file);
  }
  let readerDb: Database.Database | null = null;
  try {
    const writer = new Connection(writerDb);
    // Read before anything writes: a damaged schema fails here (SQLITE_CORRUPT / SQLITE_NOTADB) and a too new
    // database is recognised, both before journal_mode below rewrites the header. No full PRAGMA quick_check:
    // it reads every page, seconds per start on a large catalog; damage met later is reported the same way.
    const objects = writer.stmt<[], { n: number }>('SELECT count(*) AS n FROM sqlite_schema').get()?.n ?? 0;
    const version = readVersion(writer);
    if (version > latestSchemaVersion) throw tooNewError(file, version);
    // Tables without our migrations table belong to another application: migrating would mix ours into them.
    if (version === 0 && objects > 0) {
      throw corruptError(file, 'it holds tables of another application, not an OER Atlas catalog');
    }

    const mode = writerDb.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw folderError(path.dirname(path.resolve(file)), `does not support SQLite's WAL mode for ${file}`);
    }
    // NORMAL is durable across application crashes in WAL mode and far cheaper than FULL per commit.
    writerDb.pragma('synchronous = NORMAL');
    // Checkpoint every ~40 MB of log instead of every 4 MB: an ingest page dirties hundreds of index pages
    // (match keys land all over their index), so with the default nearly every commit ran a checkpoint that
    // copied and synced them again; now a page dirtied by several commits is copied once. The log file is cut
    // back to 64 MB after a checkpoint so it does not keep its largest size on disk.
    writerDb.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    writerDb.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    writerDb.pragma('foreign_keys = ON');
    writerDb.pragma(`cache_size = ${WRITER_CACHE_KIB}`);
    // From here on the writer never waits synchronously: see withWriteLock.
    writerDb.pragma('busy_timeout = 0');

    // Its page cache stays small until the search index first searches (see SEARCH_CACHE_KIB there): a process
    // that only harvests, groups and indexes keeps its memory for that.
    readerDb = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    readerDb.pragma(`cache_size = ${READER_CACHE_KIB}`);
    const reader = new Connection(readerDb);
    reader.stmt('SELECT 1').get();

    return new SqliteStore({
      file,
      writer,
      reader,
      mutex: new Mutex(),
      busyTimeoutMs,
      closeHooks: [],
      closing: false,
      closed: false,
    });
  } catch (err) {
    readerDb?.close();
    writerDb.close();
    throw translate(err, file);
  }
}
