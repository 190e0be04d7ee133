// Every SQL statement the PostgreSQL adapter runs, with the row shapes they return and the conversion of rows
// into domain objects. Kept beside ../sqlite/queries.ts with the same names so the two dialects read side by
// side. Must never build SQL from values: values are always bound parameters; only column names chosen by
// this module are ever spliced into text.
import type {
  HarvestJob,
  HarvestRun,
  Protocol,
  RecordIssue,
  Schedule,
  Source,
  SourceRecord,
  SourceRecordStatus,
} from '../../domain/catalog.js';
import type { ResourceRecord } from '../../domain/profile.js';
import type { HarvestRunPatch, SourcePatch } from '../../ports/store.js';
import { unpackPayload } from '../shared/payload.js';
import {
  canonicalJson,
  jsonCounts,
  jsonNumberMap,
  jsonObject,
  jsonStringList,
  toUtcIso,
} from '../shared/shaping.js';
import { WORK_LINKED_SQL } from '../shared/works.js';
import type { DueLinkRow, LinkCheckRow } from '../shared/links.js';

/** timestamptz arrives as a Date; the domain speaks ISO-8601 UTC strings. */
function iso(value: Date): string {
  return value.toISOString();
}

// ---- schema version -------------------------------------------------------------------------------------

export const HAS_MIGRATIONS_TABLE = `SELECT to_regclass('schema_migrations') IS NOT NULL AS present`;
export const CURRENT_VERSION = `SELECT coalesce(max(version), 0)::int AS version FROM schema_migrations`;
export const RECORD_MIGRATION = `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())`;

// ---- sources --------------------------------------------------------------------------------------------

export interface SourceRow {
  id: string;
  name: string;
  url: string;
  protocol: string;
  format: string | null;
  sets: unknown;
  exclude_sets: unknown;
  schedule: string;
  country: string | null;
  allow_private_network: boolean;
  settings: unknown;
  created_at: Date;
  updated_at: Date;
}

export const INSERT_SOURCE = `
INSERT INTO sources (id, name, url, protocol, format, sets, exclude_sets, schedule, country,
                     allow_private_network, settings, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11::jsonb, $12, $12)
RETURNING *`;
export const GET_SOURCE = `SELECT * FROM sources WHERE id = $1`;
// Creation order gives a stable listing that does not depend on how each backend collates names.
export const LIST_SOURCES = `SELECT * FROM sources ORDER BY created_at, id COLLATE "C"`;
export const DELETE_SOURCE = `DELETE FROM sources WHERE id = $1`;
/** Keys and queue entries have no foreign key (they are written with every record): removed with the source. */
export const DELETE_KEYS_OF_SOURCE = `
DELETE FROM record_keys k USING source_records r, jsonb_array_elements_text(r.match_keys) AS g (key)
WHERE r.source_id = $1 AND r.match_keys IS NOT NULL
  AND k.key = g.key AND k.source_id = $1 AND k.source_record_id = r.source_record_id`;
export const DELETE_QUEUE_OF_SOURCE = `DELETE FROM work_queue WHERE source_id = $1`;
export const DELETE_INDEX_QUEUE_OF_SOURCE = `DELETE FROM index_queue WHERE source_id = $1`;

/** A column to set and the SQL cast its bound value needs. */
export interface ColumnValue {
  readonly column: string;
  readonly value: string | boolean | null;
  readonly cast: '' | '::jsonb' | '::timestamptz';
}

/** The columns a SourcePatch changes, with their stored values; fields left out of the patch are absent. */
export function sourcePatchValues(patch: SourcePatch): ColumnValue[] {
  const out: ColumnValue[] = [];
  const put = (column: string, value: string | boolean | null, cast: ColumnValue['cast'] = ''): void => {
    out.push({ column, value, cast });
  };
  if (patch.name !== undefined) put('name', patch.name);
  if (patch.url !== undefined) put('url', patch.url);
  if (patch.protocol !== undefined) put('protocol', patch.protocol);
  if (patch.format !== undefined) put('format', patch.format);
  if (patch.sets !== undefined) put('sets', JSON.stringify(patch.sets), '::jsonb');
  if (patch.excludeSets !== undefined) put('exclude_sets', JSON.stringify(patch.excludeSets), '::jsonb');
  if (patch.schedule !== undefined) put('schedule', patch.schedule);
  if (patch.country !== undefined) put('country', patch.country);
  if (patch.allowPrivateNetwork !== undefined) put('allow_private_network', patch.allowPrivateNetwork);
  if (patch.settings !== undefined) put('settings', canonicalJson(patch.settings), '::jsonb');
  return out;
}

/** `UPDATE <table>` for the given columns ($1 is the id); the columns come from this module, never the caller. */
export function updateSql(
  table: 'sources' | 'harvest_runs',
  columns: readonly ColumnValue[],
  stamp: boolean,
): string {
  const sets = columns.map((c, i) => `${c.column} = $${i + 2}${c.cast}`);
  if (stamp) sets.push(`updated_at = $${columns.length + 2}`);
  return `UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1 RETURNING *`;
}

export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    protocol: row.protocol as Protocol,
    format: row.format,
    sets: jsonStringList(row.sets),
    excludeSets: jsonStringList(row.exclude_sets),
    schedule: row.schedule as Schedule,
    country: row.country,
    allowPrivateNetwork: row.allow_private_network,
    settings: jsonObject(row.settings),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

// ---- source records -------------------------------------------------------------------------------------

export interface SourceRecordRow {
  source_id: string;
  source_record_id: string;
  status: string;
  source_datestamp: string | null;
  raw_format: string;
  raw: Buffer;
  raw_hash: string;
  record: unknown;
  error_code: string | null;
  error_message: string | null;
  harvested_at: Date;
  updated_at: Date;
  last_run_id: string | null;
}

/** What the upsert needs to know about the stored version of a record. */
export interface StoredStateRow {
  source_id: string;
  source_record_id: string;
  status: string;
  raw_hash: string;
  record: unknown;
  match_keys: unknown;
  quality_score: number | null;
}

/**
 * Reads and row-locks the stored versions of a set of keys ($1 source ids, $2 record ids, pairwise). Locks are
 * taken in one fixed order so two writers of overlapping batches queue instead of deadlocking. NO KEY UPDATE,
 * because the write never changes a key: it still excludes other writers, but not the KEY SHARE locks that
 * inserting work edges takes on the records they reference.
 */
export const LOCK_STORED_STATES = `
SELECT s.source_id, s.source_record_id, s.status, s.raw_hash, s.record, s.match_keys, s.quality_score
FROM source_records s
JOIN unnest($1::text[], $2::text[]) AS k (source_id, source_record_id)
  ON s.source_id = k.source_id AND s.source_record_id = k.source_record_id
ORDER BY s.source_id COLLATE "C", s.source_record_id
FOR NO KEY UPDATE OF s`;

/**
 * Inserts keys not stored yet. DO NOTHING on a key another transaction inserted first (after waiting for it
 * to commit); the caller sees which keys came back and locks the others as existing rows.
 */
export const INSERT_NEW_RECORDS = `
INSERT INTO source_records (source_id, source_record_id, status, source_datestamp, raw_format, raw, raw_hash,
                            record, error_code, error_message, harvested_at, updated_at, last_run_id,
                            quality_score, quality_fixes, match_keys, work_id, grouping_features)
SELECT u.source_id, u.source_record_id, u.status, u.source_datestamp, u.raw_format, u.raw, u.raw_hash,
       u.record::jsonb, u.error_code, u.error_message, u.harvested_at::timestamptz, $11::timestamptz,
       u.last_run_id, u.quality_score, u.quality_fixes::jsonb, u.match_keys::jsonb, u.work_id, u.grouping_features
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::text[], $8::text[],
            $9::text[], $10::text[], $12::text[], $13::text[], $14::integer[], $15::text[], $16::text[],
            $17::text[], $18::text[])
  AS u (source_id, source_record_id, status, source_datestamp, raw_format, raw, raw_hash, record,
        error_code, error_message, harvested_at, last_run_id, quality_score, quality_fixes, match_keys, work_id,
        grouping_features)
ORDER BY u.source_id COLLATE "C", u.source_record_id COLLATE "C"
ON CONFLICT (source_id, source_record_id) DO NOTHING
RETURNING source_id, source_record_id`;

/**
 * Rewrites rows this transaction has locked. A null payload means "same hash, keep the stored bytes", which
 * spares shipping and rewriting payloads on every re-harvest of an unchanged catalog; `changed` false keeps
 * updated_at, which tells when the content last changed; a null run keeps the last seen run.
 */
export const UPDATE_LOCKED_RECORDS = `
UPDATE source_records AS s SET
  status = u.status,
  source_datestamp = u.source_datestamp,
  raw_format = u.raw_format,
  raw = coalesce(u.raw, s.raw),
  raw_hash = u.raw_hash,
  record = u.record::jsonb,
  error_code = u.error_code,
  error_message = u.error_message,
  harvested_at = u.harvested_at::timestamptz,
  updated_at = CASE WHEN u.changed THEN $11::timestamptz ELSE s.updated_at END,
  last_run_id = coalesce(u.last_run_id, s.last_run_id),
  quality_score = u.quality_score,
  quality_fixes = u.quality_fixes::jsonb,
  match_keys = u.match_keys::jsonb,
  grouping_features = u.grouping_features
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::text[], $8::text[],
            $9::text[], $10::text[], $12::text[], $13::boolean[], $14::text[], $15::integer[], $16::text[],
            $17::text[], $18::text[])
  AS u (source_id, source_record_id, status, source_datestamp, raw_format, raw, raw_hash, record,
        error_code, error_message, harvested_at, changed, last_run_id, quality_score, quality_fixes, match_keys,
        grouping_features)
WHERE s.source_id = u.source_id AND s.source_record_id = u.source_record_id`;

export const GET_RECORD = `SELECT * FROM source_records WHERE source_id = $1 AND source_record_id = $2`;

export interface RecordStateRow {
  source_record_id: string;
  raw_hash: string;
  status: string;
}

/** $1 source id, $2 record ids: one primary key lookup per id, in one statement. */
export const GET_RECORD_STATES = `
SELECT source_record_id, raw_hash, status FROM source_records
WHERE source_id = $1 AND source_record_id = ANY ($2::text[])`;

/** $1 source id, $2 record ids, $3 run id. */
export const MARK_RECORDS_SEEN = `
UPDATE source_records SET last_run_id = $3
WHERE source_id = $1 AND source_record_id = ANY ($2::text[])`;

/**
 * Records of a source that a run did not see ($1 source, $2 run, $3 time) become tombstones; raw stays. In the
 * same statement their key rows go (read from the locked old versions) and they join the grouping queue and
 * the index queue ($4 queued at, $5 ticket), since they left whatever work they were in and the search index.
 */
export const TOMBSTONE_UNSEEN = `
WITH old AS (
  SELECT source_id, source_record_id, match_keys FROM source_records
  WHERE source_id = $1 AND status IN ('active', 'failed') AND last_run_id IS DISTINCT FROM $2
  ORDER BY source_record_id
  FOR NO KEY UPDATE
), turned AS (
  UPDATE source_records s SET status = 'deleted', record = NULL, error_code = NULL, error_message = NULL,
                              quality_score = NULL, quality_fixes = NULL, match_keys = NULL,
                              grouping_features = NULL, updated_at = $3::timestamptz
  FROM old WHERE s.source_id = old.source_id AND s.source_record_id = old.source_record_id
  RETURNING s.source_record_id, old.match_keys
), dropped AS (
  DELETE FROM record_keys k USING turned t, jsonb_array_elements_text(t.match_keys) AS g (key)
  WHERE t.match_keys IS NOT NULL AND k.key = g.key AND k.source_id = $1 AND k.source_record_id = t.source_record_id
), queued AS (
  INSERT INTO work_queue (source_id, source_record_id, queued_at, ticket)
  SELECT $1, source_record_id, $4::timestamptz, $5 FROM turned ORDER BY source_record_id
  ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket
), indexed AS (
  INSERT INTO index_queue (source_id, source_record_id, queued_at, ticket)
  SELECT $1, source_record_id, $4::timestamptz, $5 FROM turned ORDER BY source_record_id
  ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket
)
SELECT source_record_id FROM turned`;

/** Keyset page ($1 source, $2 limit): the caller asks for one row more than the page to learn whether more follow. */
export function listRecordsSql(withStatus: boolean, withAfter: boolean): string {
  const status = withStatus ? 'AND status = $3' : '';
  const after = withAfter ? `AND source_record_id > $${withStatus ? 4 : 3}` : '';
  return `SELECT * FROM source_records WHERE source_id = $1 ${status} ${after}
    ORDER BY source_record_id LIMIT $2`;
}

export const COUNT_RECORDS_ALL = `SELECT status, count(*)::int AS n FROM source_records GROUP BY status`;
export const COUNT_RECORDS_OF_SOURCE = `
SELECT status, count(*)::int AS n FROM source_records WHERE source_id = $1 GROUP BY status`;

export function toSourceRecord(row: SourceRecordRow): SourceRecord {
  return {
    sourceId: row.source_id,
    sourceRecordId: row.source_record_id,
    status: row.status as SourceRecordStatus,
    sourceDatestamp: row.source_datestamp,
    rawFormat: row.raw_format,
    raw: unpackPayload(row.raw),
    rawHash: row.raw_hash,
    record: (row.record ?? null) as ResourceRecord | null,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    harvestedAt: iso(row.harvested_at),
    updatedAt: iso(row.updated_at),
    lastRunId: row.last_run_id,
  };
}

// ---- duplicate grouping ---------------------------------------------------------------------------------

// record_keys mirrors source_records.match_keys: writers diff the two and touch only the keys that changed.

/** $1 keys, $2 source ids, $3 record ids (one row per key and record). */
export const DELETE_KEYS = `
DELETE FROM record_keys k USING unnest($1::text[], $2::text[], $3::text[]) AS u (key, source_id, source_record_id)
WHERE k.key = u.key AND k.source_id = u.source_id AND k.source_record_id = u.source_record_id`;
/** $1 keys, $2 source ids, $3 record ids (one row per key and record). */
export const INSERT_KEYS = `
INSERT INTO record_keys (key, source_id, source_record_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
ON CONFLICT DO NOTHING`;

/**
 * Queues records ($1 source ids, $2 record ids, $3 queued at, $4 ticket); one queued already keeps its place and
 * takes the new ticket. Rows are written in byte order so writers of overlapping batches lock them in one order.
 */
export const ENQUEUE_RECORDS = `
INSERT INTO work_queue (source_id, source_record_id, queued_at, ticket)
SELECT u.source_id, u.source_record_id, $3::timestamptz, $4 FROM unnest($1::text[], $2::text[]) AS u (source_id, source_record_id)
ORDER BY u.source_id COLLATE "C", u.source_record_id COLLATE "C"
ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket`;
/** $1 queued at, $2 ticket, $3 source id or null for every source. */
export const ENQUEUE_ALL = `
INSERT INTO work_queue (source_id, source_record_id, queued_at, ticket)
SELECT source_id, source_record_id, $1::timestamptz, $2 FROM source_records
WHERE status = 'active' AND ($3::text IS NULL OR source_id = $3::text)
ORDER BY source_id COLLATE "C", source_record_id
ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket`;
export interface QueueRow {
  source_id: string;
  source_record_id: string;
  queued_at: Date;
  ticket: string;
}
export const LIST_QUEUE = `
SELECT source_id, source_record_id, queued_at, ticket FROM work_queue
ORDER BY queued_at, source_id COLLATE "C", source_record_id LIMIT $1`;
/** $1 source ids, $2 record ids, $3 tickets (null: whatever the ticket). */
export const DEQUEUE = `
DELETE FROM work_queue q USING unnest($1::text[], $2::text[], $3::text[]) AS u (source_id, source_record_id, ticket)
WHERE q.source_id = u.source_id AND q.source_record_id = u.source_record_id
  AND (u.ticket IS NULL OR q.ticket = u.ticket)`;
export const COUNT_QUEUE = `SELECT count(*)::int AS n FROM work_queue`;

// ---- search index queue ---------------------------------------------------------------------------------

// index_queue works as work_queue does: one row per record, the place kept, the ticket renewed when queued again.

/** $1 source ids, $2 record ids, $3 queued at, $4 ticket. */
export const ENQUEUE_FOR_INDEX = `
INSERT INTO index_queue (source_id, source_record_id, queued_at, ticket)
SELECT u.source_id, u.source_record_id, $3::timestamptz, $4 FROM unnest($1::text[], $2::text[]) AS u (source_id, source_record_id)
ORDER BY u.source_id COLLATE "C", u.source_record_id COLLATE "C"
ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket`;
/** $1 queued at, $2 ticket. */
export const ENQUEUE_ALL_FOR_INDEX = `
INSERT INTO index_queue (source_id, source_record_id, queued_at, ticket)
SELECT source_id, source_record_id, $1::timestamptz, $2 FROM source_records WHERE status = 'active'
ORDER BY source_id COLLATE "C", source_record_id
ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket`;
export const LIST_INDEX_QUEUE = `
SELECT source_id, source_record_id, queued_at, ticket FROM index_queue
ORDER BY queued_at, source_id COLLATE "C", source_record_id LIMIT $1`;
/** $1 source ids, $2 record ids, $3 tickets (null: whatever the ticket). */
export const DEQUEUE_INDEXED = `
DELETE FROM index_queue q USING unnest($1::text[], $2::text[], $3::text[]) AS u (source_id, source_record_id, ticket)
WHERE q.source_id = u.source_id AND q.source_record_id = u.source_record_id
  AND (u.ticket IS NULL OR q.ticket = u.ticket)`;
export const COUNT_INDEX_QUEUE = `SELECT count(*)::int AS n FROM index_queue`;

export interface IndexRecordRow {
  source_id: string;
  source_record_id: string;
  status: string;
  record: unknown;
  work_id: string | null;
  quality_score: number | null;
  harvested_at: Date;
}
/** $1 source ids, $2 record ids (pairwise). */
export const RECORDS_FOR_INDEX = `
SELECT s.source_id, s.source_record_id, s.status, s.record, s.work_id, s.quality_score, s.harvested_at
FROM unnest($1::text[], $2::text[]) AS k (source_id, source_record_id)
JOIN source_records s ON s.source_id = k.source_id AND s.source_record_id = k.source_record_id`;

/** $1 keys. Only active records hold keys: every write that ends a record's activity drops them. */
/** $1 keys, $2 cap: holders of each key counted up to the cap only, so a key held by many costs no more. */
export const COUNT_KEY_HOLDERS = `
SELECT k.key, (SELECT count(*)::int FROM (SELECT 1 FROM record_keys r WHERE r.key = k.key LIMIT $2) AS c) AS n
FROM unnest($1::text[]) AS k (key)`;
export const KEY_HOLDERS = `
SELECT key, source_id, source_record_id FROM record_keys WHERE key = ANY ($1::text[])
ORDER BY key, source_id COLLATE "C", source_record_id`;

export interface GroupingRow {
  source_id: string;
  source_record_id: string;
  status: string;
  record: unknown;
  work_id: string | null;
}
/** $1 source ids, $2 record ids (pairwise). */
export const GROUPING_STATES = `
SELECT s.source_id, s.source_record_id, s.status, s.work_id, s.match_keys
FROM unnest($1::text[], $2::text[]) AS k (source_id, source_record_id)
JOIN source_records s ON s.source_id = k.source_id AND s.source_record_id = k.source_record_id`;
/** $1 source ids, $2 record ids (pairwise). */
export const RECORDS_FOR_GROUPING = `
SELECT s.source_id, s.source_record_id, s.status, s.record, s.work_id
FROM unnest($1::text[], $2::text[]) AS k (source_id, source_record_id)
JOIN source_records s ON s.source_id = k.source_id AND s.source_record_id = k.source_record_id`;
/** $1 source ids, $2 record ids (pairwise). */
export const GROUPING_FEATURES = `
SELECT s.source_id, s.source_record_id, s.status, s.grouping_features
FROM unnest($1::text[], $2::text[]) AS k (source_id, source_record_id)
JOIN source_records s ON s.source_id = k.source_id AND s.source_record_id = k.source_record_id`;

export const QUEUED_FOR_GROUPING = `
SELECT w.source_id, w.source_record_id
FROM unnest($1::text[], $2::text[]) AS k (source_id, source_record_id)
JOIN work_queue w ON w.source_id = k.source_id AND w.source_record_id = k.source_record_id`;

/** $1 source id, $2 record id: every edge touching the record, from either side. */
export const DELETE_EDGES_OF = `
DELETE FROM work_edges WHERE (a_source_id = $1 AND a_record_id = $2) OR (b_source_id = $1 AND b_record_id = $2)`;
/** $1..$4 a and b sides, $5 relations, $6 scores, $7 reasons (pairwise), $8 created at. */
export const INSERT_EDGES = `
INSERT INTO work_edges (a_source_id, a_record_id, b_source_id, b_record_id, relation, score, reason, created_at)
SELECT u.*, $8::timestamptz
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[])
  AS u (a_source_id, a_record_id, b_source_id, b_record_id, relation, score, reason)`;
export interface EdgeRow {
  a_source_id: string;
  a_record_id: string;
  b_source_id: string;
  b_record_id: string;
  relation: string;
  score: number;
  reason: string;
  created_at: Date;
}
/**
 * $1 source ids, $2 record ids (pairwise), used for both sides; UNION keeps an edge between two of them once.
 * The caller sorts what comes back across chunks.
 */
export const EDGES_TOUCHING = `
WITH k AS (SELECT * FROM unnest($1::text[], $2::text[]) AS k (source_id, source_record_id))
SELECT e.* FROM k JOIN work_edges e ON e.a_source_id = k.source_id AND e.a_record_id = k.source_record_id
UNION
SELECT e.* FROM k JOIN work_edges e ON e.b_source_id = k.source_id AND e.b_record_id = k.source_record_id`;

/**
 * Locks the records about to get a work ($1 source ids, $2 record ids) in byte order, the order the upsert
 * locks them in, so a grouping pass and a harvest writing the same records queue instead of deadlocking.
 */
export const LOCK_FOR_WORK_IDS = `
SELECT 1 FROM source_records s
JOIN unnest($1::text[], $2::text[]) AS k (source_id, source_record_id)
  ON s.source_id = k.source_id AND s.source_record_id = k.source_record_id
ORDER BY s.source_id COLLATE "C", s.source_record_id
FOR NO KEY UPDATE OF s`;
/**
 * $1 source ids, $2 record ids, $3 work ids (pairwise). Only records whose work changes are written, and they
 * join the index queue ($4 queued at, $5 ticket), since search results collapse by work.
 */
export const SET_WORK_IDS = `
WITH changed AS (
  UPDATE source_records s SET work_id = u.work_id
  FROM unnest($1::text[], $2::text[], $3::text[]) AS u (source_id, source_record_id, work_id)
  WHERE s.source_id = u.source_id AND s.source_record_id = u.source_record_id
    AND s.work_id IS DISTINCT FROM u.work_id
  RETURNING s.source_id, s.source_record_id
)
INSERT INTO index_queue (source_id, source_record_id, queued_at, ticket)
SELECT source_id, source_record_id, $4::timestamptz, $5 FROM changed
ORDER BY source_id COLLATE "C", source_record_id
ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket`;
export const WORK_MEMBERS = `
SELECT source_id, source_record_id FROM source_records WHERE work_id = $1 AND status = 'active'
ORDER BY source_id COLLATE "C", source_record_id`;

export interface WorkListingRow {
  work_id: string;
  source_id: string;
  source_record_id: string;
  name: unknown;
  in_language: unknown;
}

/**
 * One page of works with their active members ($1 after, $2 min members, $3 limit, $4 source). The page of
 * work ids streams from an index in work id order (all works, or the works one source takes part in) and
 * stops at the limit, so its cost does not grow with the catalog: the per-source variant counts each
 * candidate's members through the work index.
 */
export function listWorksSql(withSource: boolean, linked = false): string {
  const orLinked = linked ? ` OR ${WORK_LINKED_SQL}` : '';
  const page = withSource
    ? `SELECT s.work_id FROM source_records s
       WHERE s.source_id = $4 AND s.status = 'active' AND s.work_id > $1
       GROUP BY s.work_id
       HAVING (SELECT count(*) FROM source_records m WHERE m.work_id = s.work_id AND m.status = 'active') >= $2${orLinked}
       ORDER BY s.work_id LIMIT $3`
    : `SELECT s.work_id FROM source_records s
       WHERE s.work_id > $1 AND s.status = 'active'
       GROUP BY s.work_id HAVING count(*) >= $2${orLinked}
       ORDER BY s.work_id LIMIT $3`;
  return `
WITH page AS (${page})
SELECT r.work_id, r.source_id, r.source_record_id, r.record -> 'name' AS name,
       r.record -> 'inLanguage' AS in_language
FROM page JOIN source_records r ON r.work_id = page.work_id AND r.status = 'active'
ORDER BY r.work_id, r.source_id COLLATE "C", r.source_record_id`;
}

export const INSERT_DECISION = `
INSERT INTO work_decisions (id, action, a_source_id, a_record_id, b_source_id, b_record_id, at, note)
VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8)
RETURNING *`;
export interface DecisionRow {
  id: string;
  action: string;
  a_source_id: string;
  a_record_id: string;
  b_source_id: string;
  b_record_id: string;
  at: Date;
  note: string | null;
}
export const LIST_DECISIONS = `SELECT * FROM work_decisions ORDER BY at, id COLLATE "C"`;
/** $1 source ids, $2 record ids (pairwise), used for both sides; the caller sorts across chunks. */
export const DECISIONS_TOUCHING = `
WITH k AS (SELECT * FROM unnest($1::text[], $2::text[]) AS k (source_id, source_record_id))
SELECT d.* FROM k JOIN work_decisions d ON d.a_source_id = k.source_id AND d.a_record_id = k.source_record_id
UNION
SELECT d.* FROM k JOIN work_decisions d ON d.b_source_id = k.source_id AND d.b_record_id = k.source_record_id`;
export const DELETE_DECISION = `DELETE FROM work_decisions WHERE id = $1`;

// ---- metadata quality -----------------------------------------------------------------------------------

export const QUALITY_TOTALS = `
SELECT count(*)::int AS records, count(quality_score)::int AS scored, avg(quality_score)::float8 AS mean_score
FROM source_records WHERE source_id = $1 AND status = 'active'`;
export const QUALITY_FIX_COUNTS = `
SELECT f.code, count(*)::int AS n
FROM source_records r, jsonb_array_elements_text(r.quality_fixes) AS f (code)
WHERE r.source_id = $1 AND r.status = 'active' AND r.quality_fixes IS NOT NULL
GROUP BY f.code ORDER BY n DESC, f.code COLLATE "C"`;
/** $1 source id, $2 examples per code: the first records in id order that failed each check. */
export const QUALITY_FIX_EXAMPLES = `
SELECT code, source_record_id FROM (
  SELECT f.code, r.source_record_id,
         row_number() OVER (PARTITION BY f.code ORDER BY r.source_record_id) AS position
  FROM source_records r, jsonb_array_elements_text(r.quality_fixes) AS f (code)
  WHERE r.source_id = $1 AND r.status = 'active' AND r.quality_fixes IS NOT NULL) AS x
WHERE position <= $2
ORDER BY code COLLATE "C", source_record_id`;

// ---- link checks ----------------------------------------------------------------------------------------

/**
 * Active records with a url and their last check (checked_url is null without one); $1 source id or null for
 * every source, $2 the cut-off. A record is due when never checked, checked at another url, or before $2.
 */
const DUE_LINKS_FROM = `
FROM (
  SELECT s.source_id, s.source_record_id, s.record, s.updated_at, s.record ->> 'url' AS current_url,
         jsonb_typeof(s.record -> 'url') AS url_type,
         l.url AS checked_url, l.outcome, l.verdict, l.http_status, l.final_url, l.error_code, l.failures,
         l.checked_at
  FROM source_records s
  LEFT JOIN link_checks l ON l.source_id = s.source_id AND l.source_record_id = s.source_record_id
  WHERE s.status = 'active' AND ($1::text IS NULL OR s.source_id = $1::text)
) AS d
WHERE url_type = 'string'
  AND (checked_url IS NULL OR checked_url <> current_url OR checked_at < $2::timestamptz)`;

/** A due record as PostgreSQL returns it: the record as JSON, its times as Dates. */
export type DueLinkDbRow = Omit<DueLinkRow, 'record' | 'updated_at' | 'checked_at'> & {
  record: unknown;
  updated_at: Date;
  checked_at: Date | null;
};

/** Never checked (at this url) first in ref order, then the oldest checks; $3 rows. */
export const LIST_DUE_LINKS = `
SELECT * ${DUE_LINKS_FROM}
ORDER BY checked_url IS NOT NULL AND checked_url = current_url,
         CASE WHEN checked_url = current_url THEN checked_at END, source_id COLLATE "C", source_record_id
LIMIT $3`;
export const COUNT_DUE_LINKS = `SELECT count(*)::int AS n ${DUE_LINKS_FROM}`;

/**
 * Stores checks ($1..$12 and $15, pairwise arrays of distinct refs) of records still the version they were made
 * for (active, same updated_at, same url), locking them
 * in byte order as the upsert does, sets their quality, and queues for the search index ($13 queued at, $14
 * ticket) those whose score changed. Returns how many were stored.
 */
export const SAVE_LINK_CHECKS = `
WITH u AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[],
                       $8::text[], $9::integer[], $10::timestamptz[], $11::integer[], $12::text[],
                       $15::timestamptz[])
    AS u (source_id, source_record_id, url, outcome, verdict, http_status, final_url, error_code, failures,
          checked_at, quality_score, quality_fixes, record_updated_at)
), live AS (
  SELECT u.*, s.quality_score AS old_score
  FROM source_records s
  JOIN u ON s.source_id = u.source_id AND s.source_record_id = u.source_record_id
  WHERE s.status = 'active' AND s.updated_at = u.record_updated_at AND s.record ->> 'url' = u.url
  ORDER BY s.source_id COLLATE "C", s.source_record_id
  FOR NO KEY UPDATE OF s
), saved AS (
  INSERT INTO link_checks (source_id, source_record_id, url, outcome, verdict, http_status, final_url,
                           error_code, failures, checked_at)
  SELECT source_id, source_record_id, url, outcome, verdict, http_status, final_url, error_code, failures,
         checked_at
  FROM live ORDER BY source_id COLLATE "C", source_record_id COLLATE "C"
  ON CONFLICT (source_id, source_record_id) DO UPDATE SET
    url = excluded.url, outcome = excluded.outcome, verdict = excluded.verdict,
    http_status = excluded.http_status, final_url = excluded.final_url, error_code = excluded.error_code,
    failures = excluded.failures, checked_at = excluded.checked_at
  RETURNING 1
), rescored AS (
  UPDATE source_records s SET quality_score = live.quality_score, quality_fixes = live.quality_fixes::jsonb
  FROM live WHERE s.source_id = live.source_id AND s.source_record_id = live.source_record_id
), indexed AS (
  INSERT INTO index_queue (source_id, source_record_id, queued_at, ticket)
  SELECT source_id, source_record_id, $13::timestamptz, $14 FROM live
  WHERE old_score IS DISTINCT FROM quality_score
  ORDER BY source_id COLLATE "C", source_record_id COLLATE "C"
  ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket
)
SELECT count(*)::int AS n FROM saved`;

/** A stored check as PostgreSQL returns it: its time as a Date. */
export type LinkCheckDbRow = Omit<LinkCheckRow, 'checked_at'> & { checked_at: Date };

/** A stored check with its time as ISO text, the shape both stores share. */
export function linkCheckRow(row: LinkCheckDbRow): LinkCheckRow {
  return { ...row, checked_at: iso(row.checked_at) };
}

/** $1 source id, $2 record ids. */
export const GET_LINK_CHECKS = `
SELECT * FROM link_checks WHERE source_id = $1 AND source_record_id = ANY ($2::text[])`;

/** Checks of the current url of a source's active records ($1). */
const CURRENT_LINK_CHECKS = `
FROM source_records s
JOIN link_checks l ON l.source_id = s.source_id AND l.source_record_id = s.source_record_id
WHERE s.source_id = $1 AND s.status = 'active' AND l.url = s.record ->> 'url'`;

export const LINK_TOTALS = `
SELECT count(*)::int AS with_url FROM source_records
WHERE source_id = $1 AND status = 'active' AND jsonb_typeof(record -> 'url') = 'string'`;
export const LINK_OUTCOME_COUNTS = `
SELECT l.outcome, l.verdict, count(*)::int AS n ${CURRENT_LINK_CHECKS} GROUP BY l.outcome, l.verdict`;
/** $1 source id, $2 examples per outcome: the first records in id order per outcome other than alive. */
export const LINK_EXAMPLES = `
SELECT source_id, source_record_id, url, outcome, verdict, http_status, final_url, error_code, failures,
       checked_at
FROM (
  SELECT l.*, row_number() OVER (PARTITION BY l.outcome ORDER BY l.source_record_id) AS position
  ${CURRENT_LINK_CHECKS} AND l.outcome <> 'alive') AS x
WHERE position <= $2
ORDER BY outcome COLLATE "C", source_record_id`;

// ---- harvest runs ---------------------------------------------------------------------------------------

export interface RunRow {
  id: string;
  source_id: string;
  status: string;
  mode: string;
  started_at: Date;
  finished_at: Date | null;
  counts: unknown;
  errors_by_class: unknown;
  checkpoint: unknown;
  report: unknown;
}

export const INSERT_RUN = `
INSERT INTO harvest_runs (id, source_id, status, mode, started_at, finished_at, counts, errors_by_class,
                          checkpoint, report)
VALUES ($1, $2, $3, $4, $5, NULL, $6::jsonb, '{}', NULL, '{}')
RETURNING *`;
export const GET_RUN = `SELECT * FROM harvest_runs WHERE id = $1`;
export const LIST_RUNS = `
SELECT * FROM harvest_runs WHERE source_id = $1 ORDER BY started_at DESC, id COLLATE "C" DESC LIMIT $2`;
export const LATEST_RUN = `
SELECT * FROM harvest_runs WHERE source_id = $1 ORDER BY started_at DESC, id COLLATE "C" DESC LIMIT 1`;
/** $1 source id, $2 statuses. */
export const LATEST_RUN_WITH_STATUS = `
SELECT * FROM harvest_runs WHERE source_id = $1 AND status = ANY ($2::text[])
ORDER BY started_at DESC, id COLLATE "C" DESC LIMIT 1`;

/** The columns a HarvestRunPatch changes, with their stored values; fields left out of the patch are absent. */
export function runPatchValues(patch: HarvestRunPatch): ColumnValue[] {
  const out: ColumnValue[] = [];
  const put = (column: string, value: string | null, cast: ColumnValue['cast'] = ''): void => {
    out.push({ column, value, cast });
  };
  if (patch.status !== undefined) put('status', patch.status);
  if (patch.finishedAt !== undefined) {
    put(
      'finished_at',
      patch.finishedAt === null ? null : toUtcIso(patch.finishedAt, 'finishedAt'),
      '::timestamptz',
    );
  }
  if (patch.counts !== undefined) put('counts', JSON.stringify(patch.counts), '::jsonb');
  if (patch.errorsByClass !== undefined)
    put('errors_by_class', canonicalJson(patch.errorsByClass), '::jsonb');
  // A JSON null would be a value; a cleared checkpoint is SQL NULL, like in SQLite.
  if (patch.checkpoint !== undefined) {
    put('checkpoint', patch.checkpoint === null ? null : canonicalJson(patch.checkpoint), '::jsonb');
  }
  if (patch.report !== undefined) put('report', canonicalJson(patch.report), '::jsonb');
  return out;
}

export function toRun(row: RunRow): HarvestRun {
  return {
    id: row.id,
    sourceId: row.source_id,
    status: row.status as HarvestRun['status'],
    mode: row.mode as HarvestRun['mode'],
    startedAt: iso(row.started_at),
    finishedAt: row.finished_at === null ? null : iso(row.finished_at),
    counts: jsonCounts(row.counts),
    errorsByClass: jsonNumberMap(row.errors_by_class),
    checkpoint: row.checkpoint === null ? null : jsonObject(row.checkpoint),
    report: jsonObject(row.report),
  };
}

// ---- record issues --------------------------------------------------------------------------------------

export interface IssueRow {
  run_id: string;
  source_record_id: string;
  code: string;
  message: string;
  raw: Buffer | null;
  at: Date;
}

export const INSERT_ISSUES = `
INSERT INTO record_issues (run_id, source_record_id, code, message, raw, at)
SELECT u.run_id, u.source_record_id, u.code, u.message, u.raw, u.at::timestamptz
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::text[]) WITH ORDINALITY
  AS u (run_id, source_record_id, code, message, raw, at, position)
ORDER BY u.position`;
export const LIST_ISSUES = `
SELECT run_id, source_record_id, code, message, raw, at FROM record_issues WHERE run_id = $1 ORDER BY id LIMIT $2`;

export function toIssue(row: IssueRow): RecordIssue {
  return {
    runId: row.run_id,
    sourceRecordId: row.source_record_id,
    code: row.code,
    message: row.message,
    raw: row.raw === null ? null : unpackPayload(row.raw),
    at: iso(row.at),
  };
}

// ---- harvest jobs ---------------------------------------------------------------------------------------

export interface JobRow {
  source_id: string;
  mode: string;
  requested_at: Date;
  requested_by: string;
  claimed_by: string | null;
  lease_until: Date | null;
  attempts: number;
}

/** Adds a job unless the source has one ($1 source, $2 mode, $3 requested at, $4 requested by). */
export const INSERT_JOB = `
INSERT INTO harvest_jobs (source_id, mode, requested_at, requested_by, claimed_by, lease_until, attempts)
VALUES ($1, $2, $3::timestamptz, $4, NULL, NULL, 0)
ON CONFLICT (source_id) DO NOTHING`;
export const UPGRADE_JOB_TO_FULL = `
UPDATE harvest_jobs SET mode = 'full' WHERE source_id = $1 AND mode = 'incremental'`;

/**
 * Claims the oldest free job in one statement ($1 owner, $2 now, $3 lease until, $4 source or null). The
 * subquery locks the row it picks and skips rows other claimers have locked, so concurrent claimers take
 * different jobs without waiting; a row claimed and committed meanwhile is re-checked and passed over.
 */
export const CLAIM_JOB = `
UPDATE harvest_jobs SET claimed_by = $1, lease_until = $3::timestamptz, attempts = attempts + 1
WHERE source_id = (
  SELECT source_id FROM harvest_jobs
  WHERE (claimed_by IS NULL OR lease_until < $2::timestamptz) AND ($4::text IS NULL OR source_id = $4::text)
  ORDER BY requested_at, source_id COLLATE "C"
  LIMIT 1
  FOR UPDATE SKIP LOCKED)
RETURNING *`;

/** $1 source, $2 owner, $3 lease until. */
export const RENEW_JOB = `
UPDATE harvest_jobs SET lease_until = $3::timestamptz WHERE source_id = $1 AND claimed_by = $2`;
export const RELEASE_JOB = `DELETE FROM harvest_jobs WHERE source_id = $1 AND claimed_by = $2`;
export const LIST_JOBS = `SELECT * FROM harvest_jobs ORDER BY requested_at, source_id COLLATE "C"`;

export function toJob(row: JobRow): HarvestJob {
  return {
    sourceId: row.source_id,
    mode: row.mode as HarvestJob['mode'],
    requestedAt: iso(row.requested_at),
    requestedBy: row.requested_by,
    claimedBy: row.claimed_by,
    leaseUntil: row.lease_until === null ? null : iso(row.lease_until),
    attempts: row.attempts,
  };
}

// ---- meta -----------------------------------------------------------------------------------------------

export const GET_META = `SELECT value FROM meta WHERE key = $1`;
export const SET_META = `INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
