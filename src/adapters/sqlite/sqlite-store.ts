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
  type HarvestJob,
  type HarvestRun,
  type HarvestRunStatus,
  type NewSource,
  type RecordIssue,
  type Source,
  type SourceRecord,
  type SourceRecordInput,
  type SourceRecordStatus,
  type UpsertOutcome,
} from '../../domain/catalog.js';
import { AtlasError } from '../../domain/errors.js';
import type {
  HarvestJobClaim,
  HarvestRunPatch,
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
  newId,
  nowIso,
  toUtcIso,
} from '../shared/shaping.js';
import { latestSchemaVersion, migrations, MIGRATIONS_TABLE_SQL } from './migrations.js';
import * as q from './queries.js';

export interface SqliteStoreOptions {
  /** The database file. Its folder must exist; the file is created when missing. */
  readonly file: string;
  /** How long a write waits for another process's write transaction before giving up (default 5 s). */
  readonly busyTimeoutMs?: number;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** A connection with its prepared statements, which are compiled once and reused. */
class Connection {
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
class DirectAccess implements Access {
  constructor(private readonly state: StoreState) {}

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
}

/** Every StoreSession method, written once against an Access so the store and its transactions share it. */
class SqliteSession implements StoreSession {
  constructor(private readonly access: Access) {}

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
    return this.access.write((c) => c.stmt<[string]>(q.DELETE_SOURCE).run(id).changes > 0);
  }

  async upsertSourceRecords(records: readonly SourceRecordInput[]): Promise<readonly UpsertOutcome[]> {
    if (records.length === 0) return [];
    // Normalising and serialising happen before the write lock is taken, so other writers wait less.
    const prepared: PreparedRecord[] = records.map((input) => ({
      input,
      harvestedAt: toUtcIso(input.harvestedAt, 'harvestedAt'),
      recordJson: input.record === null ? null : canonicalJson(input.record),
    }));
    const sourceIds = [...new Set(records.map((r) => r.sourceId))].join('", "');
    const now = nowIso();
    return await this.access.write((c) => writeRecords(c, prepared, now), {
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
    const params: Row = { source_id: sourceId, run_id: runId, at: toUtcIso(at, 'at') };
    const rows = await this.access.write((c) =>
      c.stmt<[Row], { source_record_id: string }>(q.TOMBSTONE_UNSEEN).all(params),
    );
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

  getMeta(key: string): Promise<string | null> {
    return this.access.read((c) => c.stmt<[string], { value: string }>(q.GET_META).get(key)?.value ?? null);
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.access.write((c) => c.stmt<[string, string]>(q.SET_META).run(key, value));
  }
}

/**
 * The body of upsertSourceRecords, run inside one transaction that holds SQLite's write lock, so the state read
 * for each key cannot change before it is written: no second row and no wrong outcome, whoever else writes.
 * Records are applied in input order, so a key repeated in one batch ends as its last version.
 */
function writeRecords(c: Connection, prepared: readonly PreparedRecord[], now: string): UpsertOutcome[] {
  const readState = c.stmt<[string, string], q.StoredStateRow>(q.GET_STORED_STATE);
  const writeWhole = c.stmt<[Row]>(q.WRITE_RECORD);
  const writeSameRaw = c.stmt<[Row]>(q.WRITE_RECORD_SAME_RAW);
  return prepared.map(({ input, harvestedAt, recordJson }) => {
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
    };
    if (stored !== undefined && stored.raw_hash === input.rawHash) writeSameRaw.run(row);
    else writeWhole.run({ ...row, raw: packPayload(input.raw) });
    return outcome;
  });
}

class SqliteStore extends SqliteSession implements Store {
  readonly backend = 'sqlite' as const;
  readonly latestSchemaVersion = latestSchemaVersion;
  readonly location: string;
  readonly #state: StoreState;
  #closing: Promise<void> | null = null;

  constructor(state: StoreState) {
    super(new DirectAccess(state));
    this.#state = state;
    this.location = state.file;
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
    });
  }

  close(): Promise<void> {
    const state = this.#state;
    state.closing = true;
    // Queued behind any transaction in progress, which therefore finishes first.
    this.#closing ??= state.mutex.run(() => {
      if (!state.closed) {
        state.closed = true;
        state.reader.db.close();
        state.writer.db.close();
      }
      return Promise.resolve();
    });
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
    writerDb.pragma('foreign_keys = ON');
    // From here on the writer never waits synchronously: see withWriteLock.
    writerDb.pragma('busy_timeout = 0');

    readerDb = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    const reader = new Connection(readerDb);
    reader.stmt('SELECT 1').get();

    return new SqliteStore({
      file,
      writer,
      reader,
      mutex: new Mutex(),
      busyTimeoutMs,
      closing: false,
      closed: false,
    });
  } catch (err) {
    readerDb?.close();
    writerDb.close();
    throw translate(err, file);
  }
}
