// The Store port on PostgreSQL (node-postgres Pool), for installations that outgrow one SQLite file or run
// several processes. Reads outside a transaction go through the pool; transaction(fn) pins one client.
// Must never put a password in a message, a location or an error, must never touch a database whose schema is
// newer than this build knows, and must never let two processes migrate at the same time.
import pg from 'pg';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
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
  type LinkCheckColumns,
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
  type RecordState,
  toUtcIso,
} from '../shared/shaping.js';
import {
  canonicalEdges,
  canonicalPair,
  checkCount,
  checkDecisionAction,
  checkMatchKeys,
  checkWorkId,
  compareRefs,
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
import * as q from './queries.js';
import * as sq from './search-queries.js';

export interface PostgresStoreOptions {
  /** A postgres:// or postgresql:// URL. Its password never appears in messages. */
  readonly connectionString: string;
  /** Connections kept by the pool (default 10). */
  readonly poolSize?: number;
  /** How long to wait for the server to accept a connection or answer a ping (default 5 s). */
  readonly connectTimeoutMs?: number;
}

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** The advisory lock migrations hold: "OERA" and 1, a pair no other application is likely to use. */
const MIGRATION_LOCK: readonly [number, number] = [0x4f455241, 1];
/** Attempts for a self-contained write that PostgreSQL aborted to break a deadlock or a serialization failure. */
const RETRIES_AFTER_DEADLOCK = 3;

/** Where the database is, for messages: never includes the password. */
interface Target {
  readonly location: string;
  /** "PostgreSQL at host:port (database "name")", for the start of messages. */
  readonly label: string;
  readonly host: string;
  readonly port: string;
  readonly database: string;
  readonly password: string | null;
}

function describeTarget(connectionString: string): Target {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // Not a URL: nothing in it can be shown safely, since it may hold a password.
    return {
      location: 'postgresql (connection string not shown)',
      label: 'The PostgreSQL server (its connection string is not a URL, so it is not shown)',
      host: '?',
      port: '?',
      database: '?',
      password: null,
    };
  }
  const password = url.password !== '' ? decodeURIComponent(url.password) : url.searchParams.get('password');
  const redacted = new URL(url.href);
  if (redacted.password !== '') redacted.password = '***';
  if (redacted.searchParams.has('password')) redacted.searchParams.set('password', '***');
  const path = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const host = url.searchParams.get('host') ?? (url.hostname === '' ? 'localhost' : url.hostname);
  const port = url.searchParams.get('port') ?? (url.port === '' ? '5432' : url.port);
  // With no database in the URL, PostgreSQL picks the one named like the user.
  const database = path === '' ? decodeURIComponent(url.username) || '(default)' : path;
  return {
    location: redacted.href,
    label: `PostgreSQL at ${host}:${port} (database "${database}")`,
    host,
    port,
    database,
    password,
  };
}

/** Removes the password from text we did not write ourselves (driver messages), in case it was echoed. */
function scrub(text: string, target: Target): string {
  const { password } = target;
  return password !== null && password !== '' ? text.split(password).join('***') : text;
}

function pgCode(err: unknown): string | null {
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : null;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '3D000', // invalid_catalog_name: the database does not exist
  '28000', // invalid_authorization_specification
  '28P01', // invalid_password
  '53300', // too_many_connections
]);

function isUnreachable(err: unknown): boolean {
  const code = pgCode(err);
  if (code !== null && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return (
    err instanceof Error &&
    /timeout exceeded when trying to connect|connection terminated|connection timeout|not queryable|Client has encountered a connection error/i.test(
      err.message,
    )
  );
}

function unreachableError(target: Target, reason: string, cause?: unknown): AtlasError {
  return new AtlasError('database_unreachable', `${target.label} does not answer: ${scrub(reason, target)}`, {
    details: { host: target.host, port: target.port, database: target.database },
    cause,
  });
}

/** Messages for constraint failures, which only the calling method can phrase usefully. */
export interface WriteContext {
  readonly missing?: string;
  readonly conflict?: string;
}

/** Turns a driver error into the AtlasError a person can act on; anything unrecognised passes through. */
function translate(err: unknown, target: Target, context: WriteContext = {}): Error {
  if (!(err instanceof Error)) return new Error(String(err));
  if (err instanceof AtlasError) return err;
  const code = pgCode(err);
  if (code === '23503') {
    return new AtlasError('not_found', context.missing ?? 'The item this refers to does not exist.', {
      cause: err,
    });
  }
  if (code === '23505') {
    return new AtlasError(
      'conflict',
      context.conflict ?? 'An item with the same identifier already exists.',
      {
        cause: err,
      },
    );
  }
  if (code === '22021' || code === '22P05') {
    return new AtlasError(
      'invalid_parameter',
      `PostgreSQL cannot store this text: ${scrub(err.message, target)}`,
      {
        cause: err,
      },
    );
  }
  if (isUnreachable(err)) return unreachableError(target, err.message, err);
  return err;
}

function closedError(target: Target): AtlasError {
  return new AtlasError('database_unreachable', `The store for ${target.location} has been closed.`, {
    details: { host: target.host, port: target.port, database: target.database },
  });
}

function tooNewError(target: Target, found: number): AtlasError {
  return new AtlasError(
    'database_too_new',
    `${target.label} has schema version ${found}, but this build of OER Atlas knows versions up to ` +
      `${latestSchemaVersion}. It was left untouched: upgrade OER Atlas to use it.`,
    { details: { database: target.database, found, latest: latestSchemaVersion } },
  );
}

/** Runs one statement. The parameter list is untyped because node-postgres serialises each value itself. */
export type Query = <R extends QueryResultRow>(
  text: string,
  values?: readonly unknown[],
) => Promise<QueryResult<R>>;

function queryOn(runner: pg.Pool | PoolClient): Query {
  return <R extends QueryResultRow>(text: string, values: readonly unknown[] = []) =>
    runner.query<R>(text, values as unknown[]);
}

async function readVersion(query: Query): Promise<number> {
  const present = await query<{ present: boolean }>(q.HAS_MIGRATIONS_TABLE);
  if (present.rows[0]?.present !== true) return 0;
  return (await query<{ version: number }>(q.CURRENT_VERSION)).rows[0]?.version ?? 0;
}

/** What one open store shares between its own methods and the sessions of its transactions. */
interface StoreState {
  readonly pool: pg.Pool;
  readonly target: Target;
  readonly connectTimeoutMs: number;
  /** Work started through the store, which close() waits for. */
  readonly inflight: Set<Promise<unknown>>;
  closing: boolean;
  closed: boolean;
}

function track<T>(state: StoreState, work: Promise<T>): Promise<T> {
  state.inflight.add(work);
  const forget = (): void => {
    state.inflight.delete(work);
  };
  work.then(forget, forget);
  return work;
}

/** Checks out a client for `work`; a client left in an unknown state is destroyed instead of reused. */
async function withClient<T>(state: StoreState, work: (client: PoolClient) => Promise<T>): Promise<T> {
  let client: PoolClient;
  try {
    client = await state.pool.connect();
  } catch (err) {
    throw translate(err, state.target);
  }
  let broken: Error | undefined;
  try {
    return await work(client);
  } catch (err) {
    const lost = isUnreachable(err) || (err instanceof AtlasError && err.code === 'database_unreachable');
    if (lost) broken = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    client.release(broken);
  }
}

/** Ends an aborted transaction; when even that fails the connection is unusable and must not be reused. */
async function rollback(client: PoolClient): Promise<void> {
  try {
    await client.query('ROLLBACK');
  } catch (err) {
    throw new AtlasError('database_unreachable', 'The connection failed while rolling a transaction back.', {
      cause: err,
    });
  }
}

/** How a session reaches the database: the pool, or one open transaction. */
export interface Access {
  read<T>(work: (query: Query) => Promise<T>): Promise<T>;
  /** Runs `work` atomically: all its statements apply, or none do. */
  write<T>(work: (query: Query) => Promise<T>, context?: WriteContext): Promise<T>;
}

/** Outside a transaction: reads on any pooled connection, each write in its own transaction. */
class DirectAccess implements Access {
  constructor(private readonly state: StoreState) {}

  read<T>(work: (query: Query) => Promise<T>): Promise<T> {
    const { state } = this;
    if (state.closing || state.closed) return Promise.reject(closedError(state.target));
    return track(
      state,
      work(queryOn(state.pool)).catch((err: unknown) => {
        throw translate(err, state.target);
      }),
    );
  }

  write<T>(work: (query: Query) => Promise<T>, context?: WriteContext): Promise<T> {
    const { state } = this;
    if (state.closing || state.closed) return Promise.reject(closedError(state.target));
    if (insideOwnTransaction(state)) {
      return Promise.reject(
        new AtlasError(
          'internal_error',
          'A write was made on the store from inside one of its own transactions; use the session passed to ' +
            'transaction(fn), or the write could wait for that transaction forever.',
        ),
      );
    }
    return track(state, this.#atomically(work, context));
  }

  async #atomically<T>(work: (query: Query) => Promise<T>, context?: WriteContext): Promise<T> {
    const { state } = this;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await withClient(state, async (client) => {
          await client.query('BEGIN');
          try {
            const result = await work(queryOn(client));
            await client.query('COMMIT');
            return result;
          } catch (err) {
            await rollback(client);
            throw err;
          }
        });
      } catch (err) {
        // The whole write is ours and was rolled back, so running it again is safe.
        const code = pgCode(err);
        if ((code === '40P01' || code === '40001') && attempt < RETRIES_AFTER_DEADLOCK) continue;
        throw translate(err, state.target, context);
      }
    }
  }
}

/**
 * Inside transaction(fn): every method, reads too, runs on the transaction's client. Calls are queued so that
 * callbacks firing several at once cannot interleave statements, and each write runs under a savepoint so
 * a failed call undoes only itself and leaves the transaction usable, as SQLite does.
 */
class TransactionAccess implements Access {
  #active = true;
  readonly #queue = new Mutex();

  constructor(
    private readonly client: PoolClient,
    private readonly target: Target,
  ) {}

  /** Lets calls already queued finish inside the transaction, then refuses any later call. */
  finish(): Promise<void> {
    return this.#queue.run(() => {
      this.#active = false;
      return Promise.resolve();
    });
  }

  #run<T>(work: () => Promise<T>, context?: WriteContext): Promise<T> {
    return this.#queue.run(async () => {
      if (!this.#active) {
        throw new AtlasError(
          'internal_error',
          'This transaction session was used after its transaction ended.',
        );
      }
      try {
        return await work();
      } catch (err) {
        throw translate(err, this.target, context);
      }
    });
  }

  read<T>(work: (query: Query) => Promise<T>): Promise<T> {
    return this.#run(() => work(queryOn(this.client)));
  }

  write<T>(work: (query: Query) => Promise<T>, context?: WriteContext): Promise<T> {
    const { client } = this;
    return this.#run(async () => {
      await client.query('SAVEPOINT atlas_write');
      try {
        const result = await work(queryOn(client));
        await client.query('RELEASE SAVEPOINT atlas_write');
        return result;
      } catch (err) {
        await client.query('ROLLBACK TO SAVEPOINT atlas_write');
        await client.query('RELEASE SAVEPOINT atlas_write');
        throw err;
      }
    }, context);
  }
}

interface PreparedRecord {
  readonly input: SourceRecordInput;
  readonly key: string;
  readonly harvestedAt: string;
  readonly recordJson: string | null;
  readonly grouping: GroupingFields;
}

/** Refs in slices of at most ID_CHUNK_SIZE, as the pairwise id arrays the ref queries take. */
function refArrays(refs: readonly RecordRef[]): [string[], string[]][] {
  const out: [string[], string[]][] = [];
  for (let i = 0; i < refs.length; i += ID_CHUNK_SIZE) {
    const chunk = refs.slice(i, i + ID_CHUNK_SIZE);
    out.push([chunk.map((r) => r.sourceId), chunk.map((r) => r.sourceRecordId)]);
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
    createdAt: row.created_at.toISOString(),
  };
}

function toDecision(row: q.DecisionRow): WorkDecision {
  return {
    id: row.id,
    action: row.action as WorkDecision['action'],
    a: { sourceId: row.a_source_id, sourceRecordId: row.a_record_id },
    b: { sourceId: row.b_source_id, sourceRecordId: row.b_record_id },
    at: row.at.toISOString(),
    note: row.note,
  };
}

function compareEdges(x: WorkEdge, y: WorkEdge): number {
  return compareRefs(x.a, y.a) || compareRefs(x.b, y.b);
}

function compareDecisions(x: WorkDecision, y: WorkDecision): number {
  return x.at < y.at ? -1 : x.at > y.at ? 1 : compareBytes(x.id, y.id);
}

function recordKey(sourceId: string, sourceRecordId: string): string {
  return JSON.stringify([sourceId, sourceRecordId]);
}

/** UTF-8 byte order, the order of the "C" collation: every writer takes row locks in this one order. */
function byteOrder(a: PreparedRecord, b: PreparedRecord): number {
  return (
    Buffer.compare(Buffer.from(a.input.sourceId), Buffer.from(b.input.sourceId)) ||
    Buffer.compare(Buffer.from(a.input.sourceRecordId), Buffer.from(b.input.sourceRecordId))
  );
}

/** The ten per-record arrays both the insert and the update statements start with ($1 to $10). */
function recordArrays(rows: readonly PreparedRecord[], raws: readonly (Buffer | null)[]): unknown[] {
  return [
    rows.map((r) => r.input.sourceId),
    rows.map((r) => r.input.sourceRecordId),
    rows.map((r) => r.input.status),
    rows.map((r) => r.input.sourceDatestamp),
    rows.map((r) => r.input.rawFormat),
    raws,
    rows.map((r) => r.input.rawHash),
    rows.map((r) => r.recordJson),
    rows.map((r) => r.input.errorCode),
    rows.map((r) => r.input.errorMessage),
  ];
}

/**
 * Whether a write sends the record to the index queue, by what it changes of what the index reads: a record
 * stored for the first time unless it failed, and a stored one whose status, mapped record or quality score
 * changes. A new raw payload that maps to the same record changes nothing indexed. (The SQLite store applies
 * the same rule with triggers; setWorkIds and tombstoneUnseen queue in their own statements.)
 */
function queuesForIndex(
  stored: RecordState | undefined,
  storedQuality: number | null,
  next: PreparedRecord,
): boolean {
  if (stored === undefined) return next.input.status !== 'failed';
  return (
    stored.status !== next.input.status ||
    stored.recordJson !== next.recordJson ||
    storedQuality !== next.grouping.qualityScore
  );
}

/**
 * The body of upsertSourceRecords, inside one transaction (or savepoint). Stored rows are locked before they are
 * compared, and new keys are inserted with DO NOTHING, so a concurrent writer of the same keys can neither add
 * a second row nor make this call report a wrong outcome: whoever comes second waits, then sees the first.
 * A key repeated in one batch is applied in input order and ends as its last version.
 */
async function writeRecords(
  query: Query,
  prepared: readonly PreparedRecord[],
  now: string,
  ticket: string,
): Promise<UpsertOutcome[]> {
  const last = new Map<string, PreparedRecord>();
  for (const p of prepared) last.set(p.key, p);
  const finals = [...last.values()].sort(byteOrder);

  const stored = new Map<string, RecordState>();
  const storedKeySets = new Map<string, string[]>();
  const storedQuality = new Map<string, number | null>();
  const inserted = new Set<string>();
  let pending = finals;
  for (let round = 1; pending.length > 0; round += 1) {
    // Only a source being removed at the same moment can keep a key away this long.
    if (round > 5)
      throw new AtlasError('conflict', 'Source records kept changing under this write; try again.');
    const locked = await query<q.StoredStateRow>(q.LOCK_STORED_STATES, [
      pending.map((p) => p.input.sourceId),
      pending.map((p) => p.input.sourceRecordId),
    ]);
    for (const row of locked.rows) {
      const key = recordKey(row.source_id, row.source_record_id);
      stored.set(key, {
        status: row.status as SourceRecordStatus,
        rawHash: row.raw_hash,
        recordJson: row.record === null ? null : canonicalJson(row.record),
      });
      storedKeySets.set(key, parseStoredKeys(row.match_keys));
      storedQuality.set(key, row.quality_score);
    }
    const missing = pending.filter((p) => !stored.has(p.key));
    if (missing.length === 0) break;
    const result = await query<{ source_id: string; source_record_id: string }>(q.INSERT_NEW_RECORDS, [
      ...recordArrays(
        missing,
        missing.map((p) => packPayload(p.input.raw)),
      ),
      now,
      missing.map((p) => p.harvestedAt),
      missing.map((p) => p.input.runId ?? null),
      missing.map((p) => p.grouping.qualityScore),
      missing.map((p) => p.grouping.qualityFixes),
      missing.map((p) => p.grouping.keysJson),
      missing.map((p) => p.grouping.workId),
      missing.map((p) => p.grouping.features),
    ]);
    for (const row of result.rows) inserted.add(recordKey(row.source_id, row.source_record_id));
    pending = missing.filter((p) => !inserted.has(p.key));
  }

  const running = new Map<string, RecordState | null>();
  const changed = new Set<string>();
  const queued = new Set<string>();
  const toIndex = new Set<string>();
  const outcomes = prepared.map((p) => {
    const previous = running.has(p.key) ? (running.get(p.key) ?? null) : (stored.get(p.key) ?? null);
    const next: RecordState = { status: p.input.status, rawHash: p.input.rawHash, recordJson: p.recordJson };
    const outcome = decideOutcome(previous, next);
    running.set(p.key, next);
    if (outcome !== 'unchanged') changed.add(p.key);
    if (queuesForGrouping(outcome, previous?.status ?? null)) queued.add(p.key);
    return outcome;
  });
  for (const p of finals) {
    if (queuesForIndex(stored.get(p.key), storedQuality.get(p.key) ?? null, p)) toIndex.add(p.key);
  }

  const existing = finals.filter((p) => stored.has(p.key));
  if (existing.length > 0) {
    await query(q.UPDATE_LOCKED_RECORDS, [
      ...recordArrays(
        existing,
        existing.map((p) =>
          stored.get(p.key)?.rawHash === p.input.rawHash ? null : packPayload(p.input.raw),
        ),
      ),
      now,
      existing.map((p) => p.harvestedAt),
      existing.map((p) => changed.has(p.key)),
      existing.map((p) => p.input.runId ?? null),
      existing.map((p) => p.grouping.qualityScore),
      existing.map((p) => p.grouping.qualityFixes),
      existing.map((p) => p.grouping.keysJson),
      existing.map((p) => p.grouping.features),
    ]);
  }
  // Every write replaces the record's keys (only active records hold any); only the difference is written.
  const removed: [string[], string[], string[]] = [[], [], []];
  const added: [string[], string[], string[]] = [[], [], []];
  for (const p of finals) {
    const changes = keyChanges(storedKeySets.get(p.key) ?? [], p.grouping.keys);
    for (const key of changes.removed) {
      removed[0].push(key);
      removed[1].push(p.input.sourceId);
      removed[2].push(p.input.sourceRecordId);
    }
    for (const key of changes.added) {
      added[0].push(key);
      added[1].push(p.input.sourceId);
      added[2].push(p.input.sourceRecordId);
    }
  }
  if (removed[0].length > 0) await query(q.DELETE_KEYS, removed);
  if (added[0].length > 0) await query(q.INSERT_KEYS, added);
  const toQueue = finals.filter((p) => queued.has(p.key));
  if (toQueue.length > 0) {
    await query(q.ENQUEUE_RECORDS, [
      toQueue.map((p) => p.input.sourceId),
      toQueue.map((p) => p.input.sourceRecordId),
      now,
      ticket,
    ]);
  }
  const forIndex = finals.filter((p) => toIndex.has(p.key));
  if (forIndex.length > 0) {
    await query(q.ENQUEUE_FOR_INDEX, [
      forIndex.map((p) => p.input.sourceId),
      forIndex.map((p) => p.input.sourceRecordId),
      now,
      ticket,
    ]);
  }
  return outcomes;
}

/** The parameters $1 (source or null) and $2 (cut-off) of the due-link queries. */
function dueLinkParams(options: DueLinkOptions): unknown[] {
  return [options.sourceId ?? null, toUtcIso(options.checkedBefore, 'checkedBefore')];
}

/** What grouping reads of one stored record. */
function toGroupingRecord(row: q.GroupingRow): GroupingRecord {
  return {
    ref: { sourceId: row.source_id, sourceRecordId: row.source_record_id },
    status: row.status as SourceRecordStatus,
    record: (row.record ?? null) as ResourceRecord | null,
    workId: row.work_id,
  };
}

/** Every StoreSession method, written once against an Access so the store and its transactions share it. */
class PostgresSession implements StoreSession {
  constructor(private readonly access: Access) {}

  /** One item per stored ref, in the order asked (refs not stored left out), from `sql` run per chunk of refs. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- R: the rows `sql` returns
  async #perRef<R extends QueryResultRow, T extends { readonly ref: RecordRef }>(
    refs: readonly RecordRef[],
    sql: string,
    shape: (row: R) => T,
  ): Promise<T[]> {
    const wanted = distinctRefs(refs);
    if (wanted.length === 0) return [];
    const rows = await this.access.read(async (query) => {
      const all: R[] = [];
      for (const arrays of refArrays(wanted)) all.push(...(await query<R>(sql, arrays)).rows);
      return all;
    });
    return inAskedOrder(wanted, rows.map(shape));
  }

  async createSource(input: NewSource): Promise<Source> {
    const id = input.id ?? newId('src');
    const values = [
      id,
      input.name,
      input.url,
      input.protocol,
      input.format,
      JSON.stringify(input.sets),
      JSON.stringify(input.excludeSets),
      input.schedule,
      input.country,
      input.allowPrivateNetwork,
      canonicalJson(input.settings),
      nowIso(),
    ];
    const row = await this.access.write(
      async (query) => (await query<q.SourceRow>(q.INSERT_SOURCE, values)).rows[0],
      { conflict: `A source with id "${id}" already exists.` },
    );
    if (row === undefined) throw new AtlasError('internal_error', 'The new source was not returned.');
    return q.toSource(row);
  }

  async getSource(id: string): Promise<Source | null> {
    const row = await this.access.read(
      async (query) => (await query<q.SourceRow>(q.GET_SOURCE, [id])).rows[0],
    );
    return row === undefined ? null : q.toSource(row);
  }

  async listSources(): Promise<readonly Source[]> {
    const rows = await this.access.read(async (query) => (await query<q.SourceRow>(q.LIST_SOURCES)).rows);
    return rows.map(q.toSource);
  }

  async updateSource(id: string, patch: SourcePatch): Promise<Source> {
    const columns = q.sourcePatchValues(patch);
    const row =
      columns.length === 0
        ? await this.access.read(async (query) => (await query<q.SourceRow>(q.GET_SOURCE, [id])).rows[0])
        : await this.access.write(
            async (query) =>
              (
                await query<q.SourceRow>(q.updateSql('sources', columns, true), [
                  id,
                  ...columns.map((c) => c.value),
                  nowIso(),
                ])
              ).rows[0],
          );
    if (row === undefined) throw new AtlasError('not_found', `There is no source with id "${id}".`);
    return q.toSource(row);
  }

  removeSource(id: string): Promise<boolean> {
    return this.access.write(async (query) => {
      // Its records, runs, issues, jobs and edges go by foreign key; keys, queue entries and search documents
      // (with their word counts) are removed here. The index write lock first, as every index writer takes it.
      await query(sq.INDEX_WRITE_LOCK);
      const emptied =
        (await query<{ empty: string[] }>(sq.DELETE_SOURCE_DOCUMENTS, [id])).rows[0]?.empty ?? [];
      if (emptied.length > 0) await query(sq.DELETE_EMPTY_WORDS, [emptied]);
      await query(q.DELETE_INDEX_QUEUE_OF_SOURCE, [id]);
      await query(q.DELETE_KEYS_OF_SOURCE, [id]);
      await query(q.DELETE_QUEUE_OF_SOURCE, [id]);
      return ((await query(q.DELETE_SOURCE, [id])).rowCount ?? 0) > 0;
    });
  }

  async upsertSourceRecords(records: readonly SourceRecordInput[]): Promise<readonly UpsertOutcome[]> {
    if (records.length === 0) return [];
    const prepared: PreparedRecord[] = records.map((input) => ({
      input,
      key: recordKey(input.sourceId, input.sourceRecordId),
      harvestedAt: toUtcIso(input.harvestedAt, 'harvestedAt'),
      recordJson: input.record === null ? null : canonicalJson(input.record),
      grouping: groupingFields(input),
    }));
    const sourceIds = [...new Set(records.map((r) => r.sourceId))].join('", "');
    const now = nowIso();
    const ticket = newId('tkt');
    return await this.access.write((query) => writeRecords(query, prepared, now, ticket), {
      missing: `Source records refer to a source that does not exist (sources in this batch: "${sourceIds}").`,
    });
  }

  async getSourceRecord(sourceId: string, sourceRecordId: string): Promise<SourceRecord | null> {
    const row = await this.access.read(
      async (query) => (await query<q.SourceRecordRow>(q.GET_RECORD, [sourceId, sourceRecordId])).rows[0],
    );
    return row === undefined ? null : q.toSourceRecord(row);
  }

  async getRecordStates(
    sourceId: string,
    sourceRecordIds: readonly string[],
  ): Promise<ReadonlyMap<string, SourceRecordState>> {
    const chunks = distinctChunks(sourceRecordIds);
    const states = new Map<string, SourceRecordState>();
    if (chunks.length === 0) return states;
    await this.access.read(async (query) => {
      for (const chunk of chunks) {
        const { rows } = await query<q.RecordStateRow>(q.GET_RECORD_STATES, [sourceId, chunk]);
        for (const row of rows) {
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
    // Byte order, like the upsert, so writers of overlapping batches take row locks in one order.
    const chunks = distinctChunks([...sourceRecordIds].sort(compareBytes));
    if (chunks.length === 0) return;
    await this.access.write(async (query) => {
      for (const chunk of chunks) await query(q.MARK_RECORDS_SEEN, [sourceId, chunk, runId]);
    });
  }

  async tombstoneUnseen(sourceId: string, runId: string, at: string): Promise<readonly string[]> {
    const values = [sourceId, runId, toUtcIso(at, 'at')];
    const ticket = newId('tkt');
    const queuedAt = nowIso();
    const rows = await this.access.write(
      async (query) =>
        (await query<{ source_record_id: string }>(q.TOMBSTONE_UNSEEN, [...values, queuedAt, ticket])).rows,
    );
    return rows.map((r) => r.source_record_id).sort(compareBytes);
  }

  async listSourceRecords(
    sourceId: string,
    options: { readonly after?: string; readonly limit?: number; readonly status?: SourceRecordStatus } = {},
  ): Promise<SourceRecordPage> {
    const limit = checkLimit(options.limit, DEFAULT_PAGE_SIZE);
    const values: unknown[] = [sourceId, limit + 1];
    if (options.status !== undefined) values.push(options.status);
    if (options.after !== undefined) values.push(options.after);
    const sql = q.listRecordsSql(options.status !== undefined, options.after !== undefined);
    const rows = await this.access.read(async (query) => (await query<q.SourceRecordRow>(sql, values)).rows);
    const items = rows.slice(0, limit).map(q.toSourceRecord);
    const last = items.at(-1);
    return { items, next: rows.length > limit && last !== undefined ? last.sourceRecordId : null };
  }

  async countSourceRecords(sourceId?: string): Promise<Readonly<Record<SourceRecordStatus, number>>> {
    const rows = await this.access.read(
      async (query) =>
        (sourceId === undefined
          ? await query<{ status: SourceRecordStatus; n: number }>(q.COUNT_RECORDS_ALL)
          : await query<{ status: SourceRecordStatus; n: number }>(q.COUNT_RECORDS_OF_SOURCE, [sourceId])
        ).rows,
    );
    const counts = emptyStatusCounts();
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  async createRun(input: NewHarvestRun): Promise<HarvestRun> {
    const values = [
      newId('run'),
      input.sourceId,
      'running',
      input.mode,
      toUtcIso(input.startedAt, 'startedAt'),
      JSON.stringify(EMPTY_COUNTS),
    ];
    const row = await this.access.write(
      async (query) => (await query<q.RunRow>(q.INSERT_RUN, values)).rows[0],
      {
        missing: `There is no source with id "${input.sourceId}".`,
      },
    );
    if (row === undefined) throw new AtlasError('internal_error', 'The new harvest run was not returned.');
    return q.toRun(row);
  }

  async updateRun(id: string, patch: HarvestRunPatch): Promise<HarvestRun> {
    const columns = q.runPatchValues(patch);
    const row =
      columns.length === 0
        ? await this.access.read(async (query) => (await query<q.RunRow>(q.GET_RUN, [id])).rows[0])
        : await this.access.write(
            async (query) =>
              (
                await query<q.RunRow>(q.updateSql('harvest_runs', columns, false), [
                  id,
                  ...columns.map((c) => c.value),
                ])
              ).rows[0],
          );
    if (row === undefined) throw new AtlasError('not_found', `There is no harvest run with id "${id}".`);
    return q.toRun(row);
  }

  async getRun(id: string): Promise<HarvestRun | null> {
    const row = await this.access.read(async (query) => (await query<q.RunRow>(q.GET_RUN, [id])).rows[0]);
    return row === undefined ? null : q.toRun(row);
  }

  async listRuns(sourceId: string, limit?: number): Promise<readonly HarvestRun[]> {
    const max = checkLimit(limit, DEFAULT_RUN_LIMIT);
    const rows = await this.access.read(
      async (query) => (await query<q.RunRow>(q.LIST_RUNS, [sourceId, max])).rows,
    );
    return rows.map(q.toRun);
  }

  async latestRun(sourceId: string, statuses?: readonly HarvestRunStatus[]): Promise<HarvestRun | null> {
    const row = await this.access.read(
      async (query) =>
        (statuses === undefined
          ? await query<q.RunRow>(q.LATEST_RUN, [sourceId])
          : await query<q.RunRow>(q.LATEST_RUN_WITH_STATUS, [sourceId, statuses])
        ).rows[0],
    );
    return row === undefined ? null : q.toRun(row);
  }

  async addRecordIssues(issues: readonly RecordIssue[]): Promise<void> {
    if (issues.length === 0) return;
    const values = [
      issues.map((i) => i.runId),
      issues.map((i) => i.sourceRecordId),
      issues.map((i) => i.code),
      issues.map((i) => i.message),
      issues.map((i) => (i.raw === null ? null : packPayload(i.raw))),
      issues.map((i) => toUtcIso(i.at, 'at')),
    ];
    const runIds = [...new Set(issues.map((i) => i.runId))].join('", "');
    await this.access.write((query) => query(q.INSERT_ISSUES, values), {
      missing: `Record issues refer to a harvest run that does not exist (runs: "${runIds}").`,
    });
  }

  async listRecordIssues(runId: string, limit?: number): Promise<readonly RecordIssue[]> {
    const max = checkLimit(limit, DEFAULT_ISSUE_LIMIT);
    const rows = await this.access.read(
      async (query) => (await query<q.IssueRow>(q.LIST_ISSUES, [runId, max])).rows,
    );
    return rows.map(q.toIssue);
  }

  async enqueueHarvest(job: NewHarvestJob): Promise<boolean> {
    const values = [job.sourceId, job.mode, toUtcIso(job.requestedAt, 'requestedAt'), job.requestedBy];
    return await this.access.write(
      async (query) => {
        // A job another process inserts at the same moment makes this insert wait for its commit, then do
        // nothing; the upgrade below then sees that job.
        if (((await query(q.INSERT_JOB, values)).rowCount ?? 0) > 0) return true;
        if (job.mode === 'full') await query(q.UPGRADE_JOB_TO_FULL, [job.sourceId]);
        return false;
      },
      { missing: `There is no source with id "${job.sourceId}".` },
    );
  }

  async claimHarvestJob(claim: HarvestJobClaim): Promise<HarvestJob | null> {
    const values = [
      claim.owner,
      toUtcIso(claim.now, 'now'),
      toUtcIso(claim.leaseUntil, 'leaseUntil'),
      claim.sourceId ?? null,
    ];
    const row = await this.access.write(
      async (query) => (await query<q.JobRow>(q.CLAIM_JOB, values)).rows[0],
    );
    return row === undefined ? null : q.toJob(row);
  }

  async renewHarvestJob(sourceId: string, owner: string, leaseUntil: string): Promise<boolean> {
    const values = [sourceId, owner, toUtcIso(leaseUntil, 'leaseUntil')];
    return await this.access.write(async (query) => ((await query(q.RENEW_JOB, values)).rowCount ?? 0) > 0);
  }

  releaseHarvestJob(sourceId: string, owner: string): Promise<boolean> {
    return this.access.write(
      async (query) => ((await query(q.RELEASE_JOB, [sourceId, owner])).rowCount ?? 0) > 0,
    );
  }

  async listHarvestJobs(): Promise<readonly HarvestJob[]> {
    const rows = await this.access.read(async (query) => (await query<q.JobRow>(q.LIST_JOBS)).rows);
    return rows.map(q.toJob);
  }

  async listQueuedForGrouping(limit: number): Promise<readonly QueuedRecordRef[]> {
    const max = checkLimit(limit, DEFAULT_PAGE_SIZE);
    const rows = await this.access.read(async (query) => (await query<q.QueueRow>(q.LIST_QUEUE, [max])).rows);
    return rows.map((row) => ({
      sourceId: row.source_id,
      sourceRecordId: row.source_record_id,
      queuedAt: row.queued_at.toISOString(),
      ticket: row.ticket,
    }));
  }

  async dequeueGrouped(refs: readonly DequeueRef[]): Promise<void> {
    if (refs.length === 0) return;
    // Byte order, so concurrent writers of the same queue rows lock them in one order.
    const sorted = [...refs].sort(compareRefs);
    await this.access.write(async (query) => {
      for (let i = 0; i < sorted.length; i += ID_CHUNK_SIZE) {
        const chunk = sorted.slice(i, i + ID_CHUNK_SIZE);
        await query(q.DEQUEUE, [
          chunk.map((r) => r.sourceId),
          chunk.map((r) => r.sourceRecordId),
          chunk.map((r) => r.ticket ?? null),
        ]);
      }
    });
  }

  async countQueuedForGrouping(): Promise<number> {
    const row = await this.access.read(async (query) => (await query<{ n: number }>(q.COUNT_QUEUE)).rows[0]);
    return row?.n ?? 0;
  }

  async enqueueAllForGrouping(sourceId?: string): Promise<number> {
    const values = [nowIso(), newId('tkt'), sourceId ?? null];
    return await this.access.write(async (query) => (await query(q.ENQUEUE_ALL, values)).rowCount ?? 0);
  }

  async listQueuedForIndex(limit: number): Promise<readonly QueuedRecordRef[]> {
    const max = checkLimit(limit, DEFAULT_PAGE_SIZE);
    const rows = await this.access.read(
      async (query) => (await query<q.QueueRow>(q.LIST_INDEX_QUEUE, [max])).rows,
    );
    return rows.map((row) => ({
      sourceId: row.source_id,
      sourceRecordId: row.source_record_id,
      queuedAt: row.queued_at.toISOString(),
      ticket: row.ticket,
    }));
  }

  async dequeueIndexed(refs: readonly DequeueRef[]): Promise<void> {
    if (refs.length === 0) return;
    // Byte order, so concurrent writers of the same queue rows lock them in one order.
    const sorted = [...refs].sort(compareRefs);
    await this.access.write(async (query) => {
      for (let i = 0; i < sorted.length; i += ID_CHUNK_SIZE) {
        const chunk = sorted.slice(i, i + ID_CHUNK_SIZE);
        await query(q.DEQUEUE_INDEXED, [
          chunk.map((r) => r.sourceId),
          chunk.map((r) => r.sourceRecordId),
          chunk.map((r) => r.ticket ?? null),
        ]);
      }
    });
  }

  async countQueuedForIndex(): Promise<number> {
    const row = await this.access.read(
      async (query) => (await query<{ n: number }>(q.COUNT_INDEX_QUEUE)).rows[0],
    );
    return row?.n ?? 0;
  }

  async enqueueAllForIndex(): Promise<number> {
    const values = [nowIso(), newId('tkt')];
    return await this.access.write(
      async (query) => (await query(q.ENQUEUE_ALL_FOR_INDEX, values)).rowCount ?? 0,
    );
  }

  getRecordsForIndex(refs: readonly RecordRef[]): Promise<readonly IndexRecord[]> {
    return this.#perRef(refs, q.RECORDS_FOR_INDEX, (row: q.IndexRecordRow) => ({
      ...toGroupingRecord(row),
      qualityScore: row.quality_score,
      harvestedAt: row.harvested_at.toISOString(),
    }));
  }

  async findByMatchKeys(keys: readonly string[], maxPerKey: number): Promise<readonly MatchKeyHits[]> {
    const distinct = checkMatchKeys(keys, 'keys');
    if (distinct.length > MAX_KEYS_PER_LOOKUP) {
      throw new AtlasError('invalid_parameter', `keys may hold at most ${MAX_KEYS_PER_LOOKUP} keys per call`);
    }
    const max = checkCount(maxPerKey, 'maxPerKey', 0, MAX_PAGE_SIZE);
    const counts = new Map<string, number>();
    const holders = new Map<string, RecordRef[]>();
    await this.access.read(async (query) => {
      for (const chunk of distinctChunks(distinct)) {
        const few: string[] = [];
        for (const row of (await query<{ key: string; n: number }>(q.COUNT_KEY_HOLDERS, [chunk, max + 1]))
          .rows) {
          counts.set(row.key, row.n);
          if (row.n <= max) few.push(row.key);
        }
        if (few.length === 0) continue;
        const { rows } = await query<{ key: string; source_id: string; source_record_id: string }>(
          q.KEY_HOLDERS,
          [few],
        );
        for (const row of rows) {
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
      async (query) => {
        await query(q.DELETE_EDGES_OF, [ref.sourceId, ref.sourceRecordId]);
        if (canonical.length === 0) return;
        await query(q.INSERT_EDGES, [
          canonical.map((e) => e.a.sourceId),
          canonical.map((e) => e.a.sourceRecordId),
          canonical.map((e) => e.b.sourceId),
          canonical.map((e) => e.b.sourceRecordId),
          canonical.map((e) => e.relation),
          canonical.map((e) => e.score),
          canonical.map((e) => e.reason),
          createdAt,
        ]);
      },
      { missing: `An edge of ${ref.sourceId}/${ref.sourceRecordId} refers to a record that does not exist.` },
    );
  }

  async listWorkEdges(refs: readonly RecordRef[]): Promise<readonly WorkEdge[]> {
    const wanted = distinctRefs(refs);
    if (wanted.length === 0) return [];
    const edges = new Map<string, WorkEdge>();
    await this.access.read(async (query) => {
      for (const arrays of refArrays(wanted)) {
        for (const row of (await query<q.EdgeRow>(q.EDGES_TOUCHING, arrays)).rows) {
          const edge = toEdge(row);
          edges.set(refKey(edge.a) + refKey(edge.b), edge);
        }
      }
    });
    return [...edges.values()].sort(compareEdges);
  }

  async setWorkIds(
    assignments: readonly { readonly ref: RecordRef; readonly workId: string | null }[],
  ): Promise<void> {
    if (assignments.length === 0) return;
    // The last assignment of a record wins, as if they were applied in order.
    const last = new Map<string, { ref: RecordRef; workId: string | null }>();
    for (const { ref, workId } of assignments) {
      distinctRefs([ref], 'assignments');
      const key = refKey(ref);
      last.delete(key);
      last.set(key, { ref, workId: workId === null ? null : checkWorkId(workId) });
    }
    const sorted = [...last.values()].sort((x, y) => compareRefs(x.ref, y.ref));
    const queuedAt = nowIso();
    const ticket = newId('tkt');
    await this.access.write(async (query) => {
      for (let i = 0; i < sorted.length; i += ID_CHUNK_SIZE) {
        const chunk = sorted.slice(i, i + ID_CHUNK_SIZE);
        const sources = chunk.map((a) => a.ref.sourceId);
        const ids = chunk.map((a) => a.ref.sourceRecordId);
        await query(q.LOCK_FOR_WORK_IDS, [sources, ids]);
        await query(q.SET_WORK_IDS, [sources, ids, chunk.map((a) => a.workId), queuedAt, ticket]);
      }
    });
  }

  async getWorkMembers(workId: string): Promise<readonly RecordRef[]> {
    const id = checkWorkId(workId);
    const rows = await this.access.read(
      async (query) =>
        (await query<{ source_id: string; source_record_id: string }>(q.WORK_MEMBERS, [id])).rows,
    );
    return rows.map((r) => ({ sourceId: r.source_id, sourceRecordId: r.source_record_id }));
  }

  async listWorks(options: ListWorksOptions = {}): Promise<readonly WorkListing[]> {
    const values: unknown[] = [
      options.after ?? '',
      checkCount(options.minMembers ?? 2, 'minMembers', 1, MAX_PAGE_SIZE),
      checkLimit(options.limit, DEFAULT_PAGE_SIZE),
    ];
    if (options.sourceId !== undefined) values.push(options.sourceId);
    const sql = q.listWorksSql(options.sourceId !== undefined, options.linked === true);
    const rows = await this.access.read(async (query) => (await query<q.WorkListingRow>(sql, values)).rows);
    const works: { workId: string; members: WorkListing['members'][number][] }[] = [];
    for (const row of rows) {
      let work = works.at(-1);
      if (work?.workId !== row.work_id) works.push((work = { workId: row.work_id, members: [] }));
      work.members.push({
        ref: { sourceId: row.source_id, sourceRecordId: row.source_record_id },
        name: firstName(row.name),
        inLanguage: languageList(row.in_language),
      });
    }
    return works;
  }

  async addWorkDecision(decision: NewWorkDecision): Promise<WorkDecision> {
    const [a, b] = canonicalPair(decision.a, decision.b, 'decision');
    const values = [
      newId('dec'),
      checkDecisionAction(decision.action),
      a.sourceId,
      a.sourceRecordId,
      b.sourceId,
      b.sourceRecordId,
      toUtcIso(decision.at, 'at'),
      decision.note ?? null,
    ];
    const row = await this.access.write(
      async (query) => (await query<q.DecisionRow>(q.INSERT_DECISION, values)).rows[0],
    );
    if (row === undefined) throw new AtlasError('internal_error', 'The new decision was not returned.');
    return toDecision(row);
  }

  async listWorkDecisions(refs?: readonly RecordRef[]): Promise<readonly WorkDecision[]> {
    if (refs === undefined) {
      const rows = await this.access.read(
        async (query) => (await query<q.DecisionRow>(q.LIST_DECISIONS)).rows,
      );
      return rows.map(toDecision);
    }
    const wanted = distinctRefs(refs);
    if (wanted.length === 0) return [];
    const decisions = new Map<string, WorkDecision>();
    await this.access.read(async (query) => {
      for (const arrays of refArrays(wanted)) {
        for (const row of (await query<q.DecisionRow>(q.DECISIONS_TOUCHING, arrays)).rows) {
          decisions.set(row.id, toDecision(row));
        }
      }
    });
    return [...decisions.values()].sort(compareDecisions);
  }

  removeWorkDecision(id: string): Promise<boolean> {
    return this.access.write(async (query) => ((await query(q.DELETE_DECISION, [id])).rowCount ?? 0) > 0);
  }

  async qualityStats(sourceId: string, examplesPerFix: number): Promise<QualityStats> {
    const examples = checkCount(examplesPerFix, 'examplesPerFix', 0, MAX_EXAMPLES_PER_FIX);
    return await this.access.read(async (query) => {
      const totals = (
        await query<{ records: number; scored: number; mean_score: number | null }>(q.QUALITY_TOTALS, [
          sourceId,
        ])
      ).rows[0];
      const counts = (await query<{ code: string; n: number }>(q.QUALITY_FIX_COUNTS, [sourceId])).rows;
      const rows =
        examples > 0 && counts.length > 0
          ? (
              await query<{ code: string; source_record_id: string }>(q.QUALITY_FIX_EXAMPLES, [
                sourceId,
                examples,
              ])
            ).rows
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
    const limit = checkLimit(options.limit, DEFAULT_PAGE_SIZE);
    const rows = await this.access.read(
      async (query) =>
        (await query<q.DueLinkDbRow>(q.LIST_DUE_LINKS, [...dueLinkParams(options), limit])).rows,
    );
    return rows.map((row) =>
      toDueLink({
        ...row,
        record: row.record as ResourceRecord,
        updated_at: row.updated_at.toISOString(),
        checked_at: row.checked_at === null ? null : row.checked_at.toISOString(),
      }),
    );
  }

  async countDueLinks(options: DueLinkOptions): Promise<number> {
    const row = await this.access.read(
      async (query) => (await query<{ n: number }>(q.COUNT_DUE_LINKS, dueLinkParams(options))).rows[0],
    );
    return row?.n ?? 0;
  }

  async saveLinkChecks(checks: readonly LinkCheckWrite[]): Promise<number> {
    if (checks.length === 0) return 0;
    // One row per record (the last given wins), since one statement cannot write a row twice.
    const last = new Map<string, LinkCheckColumns>();
    for (const check of checks) {
      const columns = linkCheckColumns(check);
      last.set(recordKey(columns.source_id, columns.source_record_id), columns);
    }
    const rows = [...last.values()];
    const pick = <K extends keyof LinkCheckColumns>(key: K) => rows.map((r) => r[key]);
    const row = await this.access.write(
      async (query) =>
        (
          await query<{ n: number }>(q.SAVE_LINK_CHECKS, [
            pick('source_id'),
            pick('source_record_id'),
            pick('url'),
            pick('outcome'),
            pick('verdict'),
            pick('http_status'),
            pick('final_url'),
            pick('error_code'),
            pick('failures'),
            pick('checked_at'),
            pick('quality_score'),
            pick('quality_fixes'),
            nowIso(),
            newId('tkt'),
            pick('record_updated_at'),
          ])
        ).rows[0],
    );
    return row?.n ?? 0;
  }

  async getLinkChecks(
    sourceId: string,
    sourceRecordIds: readonly string[],
  ): Promise<ReadonlyMap<string, LinkCheckState>> {
    const chunks = distinctChunks(sourceRecordIds);
    const found = new Map<string, LinkCheckState>();
    if (chunks.length === 0) return found;
    await this.access.read(async (query) => {
      for (const chunk of chunks) {
        const { rows } = await query<q.LinkCheckDbRow>(q.GET_LINK_CHECKS, [sourceId, chunk]);
        for (const row of rows) found.set(row.source_record_id, toLinkCheckState(q.linkCheckRow(row)));
      }
    });
    return found;
  }

  async linkStats(sourceId: string, examplesPerOutcome: number): Promise<LinkStats> {
    const examples = checkExamplesPerOutcome(examplesPerOutcome);
    return await this.access.read(async (query) => {
      const withUrl = (await query<{ with_url: number }>(q.LINK_TOTALS, [sourceId])).rows[0]?.with_url ?? 0;
      const outcomes = emptyOutcomeCounts();
      const verdicts = emptyVerdictCounts();
      let checked = 0;
      const counts = await query<{ outcome: LinkOutcome; verdict: LinkVerdict; n: number }>(
        q.LINK_OUTCOME_COUNTS,
        [sourceId],
      );
      for (const row of counts.rows) {
        outcomes[row.outcome] += row.n;
        verdicts[row.verdict] += row.n;
        checked += row.n;
      }
      const rows =
        examples > 0 && checked > 0
          ? (await query<q.LinkCheckDbRow>(q.LINK_EXAMPLES, [sourceId, examples])).rows
          : [];
      return {
        withUrl,
        checked,
        outcomes,
        verdicts,
        examples: rows.map((row) => toLinkCheckState(q.linkCheckRow(row))),
      };
    });
  }

  async getMeta(key: string): Promise<string | null> {
    const row = await this.access.read(
      async (query) => (await query<{ value: string }>(q.GET_META, [key])).rows[0],
    );
    return row?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.access.write((query) => query(q.SET_META, [key, value]));
  }
}

/** The pool access of each open store, for the search index that lives in the same database. */
const DIRECT_ACCESS = new WeakMap<Store, Access>();

/**
 * How the search index (postgres-search-index.ts) reaches the database of a PostgreSQL store: reads on the
 * store's pool, each write in its own transaction (retried after a deadlock), closed with the store.
 */
export function postgresAccessOf(store: Store): Access {
  const access = DIRECT_ACCESS.get(store);
  if (access === undefined) {
    throw new AtlasError(
      'internal_error',
      'A PostgreSQL search index needs a store opened by openPostgresStore.',
    );
  }
  return access;
}

class PostgresStore extends PostgresSession implements Store {
  readonly backend = 'postgres' as const;
  readonly latestSchemaVersion = latestSchemaVersion;
  readonly location: string;
  readonly #state: StoreState;
  #closing: Promise<void> | null = null;

  constructor(state: StoreState) {
    const access = new DirectAccess(state);
    super(access);
    this.#state = state;
    DIRECT_ACCESS.set(this, access);
    this.location = state.target.location;
  }

  #assertUsable(): void {
    const state = this.#state;
    if (state.closing || state.closed) throw closedError(state.target);
    if (insideOwnTransaction(state)) {
      throw new AtlasError(
        'internal_error',
        'A transaction or migration was started from inside one of this store’s own transactions; it could ' +
          'wait for that transaction forever.',
      );
    }
  }

  async migrate(): Promise<MigrationReport> {
    this.#assertUsable();
    const state = this.#state;
    return await track(
      state,
      withClient(state, async (client) => {
        const query = queryOn(client);
        // Held for the whole run, so a second process starting at the same moment waits here and then finds
        // nothing left to do. A session lock also ends if this connection dies.
        await query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
        try {
          const from = await readVersion(query);
          if (from > latestSchemaVersion) throw tooNewError(state.target, from);
          const applied: string[] = [];
          for (const migration of migrations.filter((m) => m.version > from)) {
            await query('BEGIN');
            try {
              await query(MIGRATIONS_TABLE_SQL);
              await query(migration.sql);
              await query(q.RECORD_MIGRATION, [migration.version, migration.name]);
              await query('COMMIT');
            } catch (err) {
              await rollback(client);
              throw new AtlasError(
                'migration_failed',
                `Migration ${migration.name} of database "${state.target.database}" failed and was rolled back: ` +
                  scrub(err instanceof Error ? err.message : String(err), state.target),
                { details: { database: state.target.database, migration: migration.name }, cause: err },
              );
            }
            applied.push(migration.name);
          }
          return { from, to: await readVersion(query), applied };
        } finally {
          try {
            await query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
          } catch (err) {
            // Reported as a lost connection so withClient discards the client: returned to the pool, it would
            // keep holding the lock and make every later migration wait forever.
            // eslint-disable-next-line no-unsafe-finally
            throw new AtlasError(
              'database_unreachable',
              'The connection failed while releasing the migration lock.',
              {
                cause: err,
              },
            );
          }
        }
      }).catch((err: unknown) => {
        throw translate(err, state.target);
      }),
    );
  }

  async schemaVersion(): Promise<number> {
    const state = this.#state;
    if (state.closing || state.closed) throw closedError(state.target);
    try {
      return await track(state, readVersion(queryOn(state.pool)));
    } catch (err) {
      throw translate(err, state.target);
    }
  }

  async ping(): Promise<void> {
    const state = this.#state;
    if (state.closing || state.closed) throw closedError(state.target);
    let timer: NodeJS.Timeout | undefined;
    // The pool's connect timeout covers a server that never accepts; this also covers one that accepts and
    // then never answers.
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(unreachableError(state.target, `no answer within ${state.connectTimeoutMs} ms`));
      }, state.connectTimeoutMs + 250);
    });
    try {
      await Promise.race([track(state, state.pool.query('SELECT 1')), deadline]);
    } catch (err) {
      const translated = translate(err, state.target);
      throw translated instanceof AtlasError
        ? translated
        : unreachableError(state.target, translated.message, err);
    } finally {
      clearTimeout(timer);
    }
  }

  async transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T> {
    this.#assertUsable();
    const state = this.#state;
    return await track(
      state,
      withClient(state, async (client) => {
        try {
          await client.query('BEGIN');
        } catch (err) {
          throw translate(err, state.target);
        }
        const access = new TransactionAccess(client, state.target);
        try {
          const result = await runMarked(state, () => fn(new PostgresSession(access)));
          await access.finish();
          await client.query('COMMIT');
          return result;
        } catch (err) {
          await access.finish();
          await rollback(client);
          throw translate(err, state.target);
        }
      }),
    );
  }

  close(): Promise<void> {
    const state = this.#state;
    state.closing = true;
    this.#closing ??= (async () => {
      // Work already started may still start more (a transaction's statements), so drain until nothing is left.
      while (state.inflight.size > 0) await Promise.allSettled([...state.inflight]);
      state.closed = true;
      await state.pool.end();
    })();
    return this.#closing;
  }
}

/** Connects to PostgreSQL and checks that the server answers. Call migrate() before using the store. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const target = describeTarget(options.connectionString);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: 'oer-atlas',
    // JIT compilation costs 100-500 ms the first time a plan runs and pays off only for long analytic queries;
    // a search over many matches is costed like one and would be compiled on every call.
    options: '-c jit=off',
  });
  // An idle connection dropped by the server (restart, network) is reported here; without a listener Node
  // would crash the process. The next query opens a fresh connection or reports the outage itself.
  pool.on('error', () => undefined);
  const store = new PostgresStore({
    pool,
    target,
    connectTimeoutMs,
    inflight: new Set(),
    closing: false,
    closed: false,
  });
  try {
    await store.ping();
    const version = await store.schemaVersion();
    if (version > latestSchemaVersion) throw tooNewError(target, version);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return store;
}
