// Every SQL statement the SQLite adapter runs, with the row shapes they return and the conversion of rows into
// domain objects. Kept beside ../postgres/queries.ts with the same names so the two dialects read side by side.
// Must never build SQL from values: values are always bound parameters; only whitelisted column names are
// ever spliced into text.
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
import type { DueLinkRow } from '../shared/links.js';
import { unpackPayload } from '../shared/payload.js';
import {
  canonicalJson,
  jsonCounts,
  jsonNumberMap,
  jsonObject,
  jsonStringList,
  parseJsonText,
  toUtcIso,
} from '../shared/shaping.js';
import { WORK_LINKED_SQL } from '../shared/works.js';

// ---- schema version -------------------------------------------------------------------------------------

export const HAS_MIGRATIONS_TABLE = `SELECT 1 AS present FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`;
export const CURRENT_VERSION = `SELECT coalesce(max(version), 0) AS version FROM schema_migrations`;
export const RECORD_MIGRATION = `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`;

// ---- sources --------------------------------------------------------------------------------------------

export interface SourceRow {
  id: string;
  name: string;
  url: string;
  protocol: string;
  format: string | null;
  sets: string;
  exclude_sets: string;
  schedule: string;
  country: string | null;
  allow_private_network: number;
  settings: string;
  created_at: string;
  updated_at: string;
}

export const INSERT_SOURCE = `
INSERT INTO sources (id, name, url, protocol, format, sets, exclude_sets, schedule, country,
                     allow_private_network, settings, created_at, updated_at)
VALUES (@id, @name, @url, @protocol, @format, @sets, @exclude_sets, @schedule, @country,
        @allow_private_network, @settings, @created_at, @updated_at)
RETURNING *`;
export const GET_SOURCE = `SELECT * FROM sources WHERE id = ?`;
// Creation order gives a stable listing that does not depend on how each backend collates names.
export const LIST_SOURCES = `SELECT * FROM sources ORDER BY created_at, id`;
export const DELETE_SOURCE = `DELETE FROM sources WHERE id = ?`;

/** The columns a SourcePatch changes, with their stored values; fields left out of the patch are absent. */
export function sourcePatchValues(patch: SourcePatch): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  if (patch.name !== undefined) out.name = patch.name;
  if (patch.url !== undefined) out.url = patch.url;
  if (patch.protocol !== undefined) out.protocol = patch.protocol;
  if (patch.format !== undefined) out.format = patch.format;
  if (patch.sets !== undefined) out.sets = JSON.stringify(patch.sets);
  if (patch.excludeSets !== undefined) out.exclude_sets = JSON.stringify(patch.excludeSets);
  if (patch.schedule !== undefined) out.schedule = patch.schedule;
  if (patch.country !== undefined) out.country = patch.country;
  if (patch.allowPrivateNetwork !== undefined) out.allow_private_network = patch.allowPrivateNetwork ? 1 : 0;
  if (patch.settings !== undefined) out.settings = canonicalJson(patch.settings);
  return out;
}

/** `UPDATE sources` for the given columns; they come from sourcePatchValues, never from the caller. */
export function updateSourceSql(columns: readonly string[]): string {
  const sets = columns.map((c) => `${c} = @${c}`).join(', ');
  return `UPDATE sources SET ${sets}, updated_at = @updated_at WHERE id = @id RETURNING *`;
}

export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    protocol: row.protocol as Protocol,
    format: row.format,
    sets: jsonStringList(parseJsonText(row.sets)),
    excludeSets: jsonStringList(parseJsonText(row.exclude_sets)),
    schedule: row.schedule as Schedule,
    country: row.country,
    allowPrivateNetwork: row.allow_private_network === 1,
    settings: jsonObject(parseJsonText(row.settings)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
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
  record: string | null;
  error_code: string | null;
  error_message: string | null;
  harvested_at: string;
  updated_at: string;
  last_run_id: string | null;
}

/** What the upsert needs to know about the stored version of a record. */
export interface StoredStateRow {
  status: string;
  raw_hash: string;
  record: string | null;
  updated_at: string;
  match_keys: string | null;
}

export interface RecordStateRow {
  source_record_id: string;
  raw_hash: string;
  status: string;
}

export const GET_STORED_STATE = `
SELECT status, raw_hash, record, updated_at, match_keys FROM source_records
WHERE source_id = ? AND source_record_id = ?`;

/** Writes a whole record, inserting it or replacing the stored version. */
export const WRITE_RECORD = `
INSERT INTO source_records (source_id, source_record_id, status, source_datestamp, raw_format, raw, raw_hash,
                            record, error_code, error_message, harvested_at, updated_at, last_run_id,
                            quality_score, quality_fixes, match_keys, work_id, grouping_features)
VALUES (@source_id, @source_record_id, @status, @source_datestamp, @raw_format, @raw, @raw_hash,
        @record, @error_code, @error_message, @harvested_at, @updated_at, @last_run_id,
        @quality_score, @quality_fixes, @match_keys, @work_id, @grouping_features)
ON CONFLICT (source_id, source_record_id) DO UPDATE SET
  status = excluded.status,
  source_datestamp = excluded.source_datestamp,
  raw_format = excluded.raw_format,
  raw = excluded.raw,
  raw_hash = excluded.raw_hash,
  record = excluded.record,
  error_code = excluded.error_code,
  error_message = excluded.error_message,
  harvested_at = excluded.harvested_at,
  updated_at = excluded.updated_at,
  last_run_id = coalesce(excluded.last_run_id, source_records.last_run_id),
  quality_score = excluded.quality_score,
  quality_fixes = excluded.quality_fixes,
  match_keys = excluded.match_keys,
  grouping_features = excluded.grouping_features`;

/**
 * Rewrites a stored record whose payload hash did not change: the payload is left in place, which spares
 * compressing and rewriting it on every re-harvest of an unchanged catalog.
 */
export const WRITE_RECORD_SAME_RAW = `
UPDATE source_records SET
  status = @status,
  source_datestamp = @source_datestamp,
  raw_format = @raw_format,
  record = @record,
  error_code = @error_code,
  error_message = @error_message,
  harvested_at = @harvested_at,
  updated_at = @updated_at,
  last_run_id = coalesce(@last_run_id, last_run_id),
  quality_score = @quality_score,
  quality_fixes = @quality_fixes,
  match_keys = @match_keys,
  grouping_features = @grouping_features
WHERE source_id = @source_id AND source_record_id = @source_record_id`;

export const GET_RECORD = `SELECT * FROM source_records WHERE source_id = ? AND source_record_id = ?`;

// The record ids of one chunk arrive as one JSON array parameter: one prepared statement serves every chunk
// size, far from SQLite's limit on parameters, and each id is still a primary key lookup.

/** ? source id, ? JSON array of record ids. */
export const GET_RECORD_STATES = `
SELECT source_record_id, raw_hash, status FROM source_records
WHERE source_id = ? AND source_record_id IN (SELECT value FROM json_each(?))`;

/** ? run id, ? source id, ? JSON array of record ids. */
export const MARK_RECORDS_SEEN = `
UPDATE source_records SET last_run_id = ?
WHERE source_id = ? AND source_record_id IN (SELECT value FROM json_each(?))`;

const UNSEEN = `source_id = @source_id AND status IN ('active', 'failed')
  AND (last_run_id IS NULL OR last_run_id <> @run_id)`;

/** The match keys of the records TOMBSTONE_UNSEEN is about to turn, read first to remove their key rows. */
export const UNSEEN_MATCH_KEYS = `
SELECT source_record_id, match_keys FROM source_records WHERE ${UNSEEN} AND match_keys IS NOT NULL`;

/** Records of a source that a run did not see become tombstones; the raw payload and harvested_at stay. */
export const TOMBSTONE_UNSEEN = `
UPDATE source_records SET status = 'deleted', record = NULL, error_code = NULL, error_message = NULL,
                          quality_score = NULL, quality_fixes = NULL, match_keys = NULL,
                          grouping_features = NULL, updated_at = @at
WHERE ${UNSEEN}
RETURNING source_record_id`;

/** Keyset page: the caller asks for one row more than the page to learn whether another page follows. */
export function listRecordsSql(withStatus: boolean, withAfter: boolean): string {
  return `SELECT * FROM source_records WHERE source_id = @source_id
    ${withStatus ? 'AND status = @status' : ''}
    ${withAfter ? 'AND source_record_id > @after' : ''}
    ORDER BY source_record_id LIMIT @limit`;
}

export const COUNT_RECORDS_ALL = `SELECT status, count(*) AS n FROM source_records GROUP BY status`;
export const COUNT_RECORDS_OF_SOURCE = `
SELECT status, count(*) AS n FROM source_records WHERE source_id = ? GROUP BY status`;

export function toSourceRecord(row: SourceRecordRow): SourceRecord {
  return {
    sourceId: row.source_id,
    sourceRecordId: row.source_record_id,
    status: row.status as SourceRecordStatus,
    sourceDatestamp: row.source_datestamp,
    rawFormat: row.raw_format,
    raw: unpackPayload(row.raw),
    rawHash: row.raw_hash,
    record: parseJsonText(row.record) as ResourceRecord | null,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    harvestedAt: row.harvested_at,
    updatedAt: row.updated_at,
    lastRunId: row.last_run_id,
  };
}

// ---- duplicate grouping ---------------------------------------------------------------------------------

// Refs of one chunk arrive as one JSON array of [sourceId, sourceRecordId] pairs, joined to the primary key.
const REFS_OF_CHUNK = `(SELECT json_extract(value, '$[0]') AS source_id, json_extract(value, '$[1]') AS source_record_id
  FROM json_each(?))`;

// record_keys, with the changes of record_keys_log applied, mirrors source_records.match_keys: writers diff the two
// and log only the keys that changed (op 1 adds a key, 0 removes it).
export const DELETE_RECORD_KEY = `
INSERT INTO record_keys_log (key, source_id, source_record_id, op) VALUES (?, ?, ?, 0)`;
export const INSERT_RECORD_KEY = `
INSERT INTO record_keys_log (key, source_id, source_record_id, op) VALUES (?, ?, ?, 1)`;
export const ANY_LOGGED_KEY = `SELECT 1 FROM record_keys_log LIMIT 1`;
// The last change of each key of each record decides (SQLite takes the bare columns from the max(seq) row).
const LAST_LOGGED_CHANGES = `
SELECT key, source_id, source_record_id, op, max(seq) FROM record_keys_log GROUP BY key, source_id, source_record_id`;
/** The logged changes, applied in key order so that each page of record_keys is written once. */
export const APPLY_LOGGED_KEYS = [
  `INSERT OR IGNORE INTO record_keys (key, source_id, source_record_id)
   SELECT key, source_id, source_record_id FROM (${LAST_LOGGED_CHANGES}) WHERE op = 1
   ORDER BY key, source_id, source_record_id`,
  `DELETE FROM record_keys WHERE (key, source_id, source_record_id) IN (
   SELECT key, source_id, source_record_id FROM (${LAST_LOGGED_CHANGES}) WHERE op = 0)`,
  `DELETE FROM record_keys_log`,
] as const;

/** Keys and queue entries have no foreign key (they are written with every record): removed here with the source. */
export const DELETE_KEYS_OF_SOURCE = `
DELETE FROM record_keys WHERE (key, source_id, source_record_id) IN (
  SELECT k.value, r.source_id, r.source_record_id FROM source_records r, json_each(r.match_keys) k
  WHERE r.source_id = ? AND r.match_keys IS NOT NULL)`;
export const DELETE_QUEUE_OF_SOURCE = `DELETE FROM work_queue WHERE source_id = ?`;

/** Queues a record; one queued already keeps its place and takes the new ticket. */
export const ENQUEUE_RECORD = `
INSERT INTO work_queue (source_id, source_record_id, queued_at, ticket) VALUES (?, ?, ?, ?)
ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket`;
/** @ids is a JSON array of record ids of source @source_id. */
export const ENQUEUE_RECORDS = `
INSERT INTO work_queue (source_id, source_record_id, queued_at, ticket)
SELECT @source_id, value, @queued_at, @ticket FROM json_each(@ids) WHERE true
ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket`;
export function enqueueAllSql(withSource: boolean): string {
  return `
INSERT INTO work_queue (source_id, source_record_id, queued_at, ticket)
SELECT source_id, source_record_id, @queued_at, @ticket FROM source_records
WHERE status = 'active' ${withSource ? 'AND source_id = @source_id' : ''}
ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket`;
}
export interface QueueRow {
  source_id: string;
  source_record_id: string;
  queued_at: string;
  ticket: string;
}
export const LIST_QUEUE = `
SELECT source_id, source_record_id, queued_at, ticket FROM work_queue
ORDER BY queued_at, source_id, source_record_id LIMIT ?`;
export const DEQUEUE = `DELETE FROM work_queue WHERE source_id = ? AND source_record_id = ?`;
export const DEQUEUE_TICKET = `
DELETE FROM work_queue WHERE source_id = ? AND source_record_id = ? AND ticket = ?`;
export const COUNT_QUEUE = `SELECT count(*) AS n FROM work_queue`;

/** ? JSON array of keys. Only active records hold keys: every write that ends a record's activity drops them. */
/** Holders of each key counted up to @cap only: a key held by many records costs no more than one held by @cap. */
export const COUNT_KEY_HOLDERS = `
SELECT j.value AS key, (SELECT count(*) FROM (SELECT 1 FROM record_keys k WHERE k.key = j.value LIMIT @cap)) AS n
FROM json_each(@keys) AS j`;
export const KEY_HOLDERS = `
SELECT key, source_id, source_record_id FROM record_keys WHERE key IN (SELECT value FROM json_each(?))
ORDER BY key, source_id, source_record_id`;

export interface GroupingRow {
  source_id: string;
  source_record_id: string;
  status: string;
  record: string | null;
  work_id: string | null;
}
export const GROUPING_STATES = `
SELECT s.source_id, s.source_record_id, s.status, s.work_id, s.match_keys
FROM ${REFS_OF_CHUNK} AS k
JOIN source_records s ON s.source_id = k.source_id AND s.source_record_id = k.source_record_id`;
export const RECORDS_FOR_GROUPING = `
SELECT s.source_id, s.source_record_id, s.status, s.record, s.work_id
FROM ${REFS_OF_CHUNK} AS k
JOIN source_records s ON s.source_id = k.source_id AND s.source_record_id = k.source_record_id`;
export const GROUPING_FEATURES = `
SELECT s.source_id, s.source_record_id, s.status, s.grouping_features
FROM ${REFS_OF_CHUNK} AS k
JOIN source_records s ON s.source_id = k.source_id AND s.source_record_id = k.source_record_id`;

export const QUEUED_FOR_GROUPING = `
SELECT w.source_id, w.source_record_id
FROM ${REFS_OF_CHUNK} AS k
JOIN work_queue w ON w.source_id = k.source_id AND w.source_record_id = k.source_record_id`;

export const DELETE_EDGES_FROM_A = `DELETE FROM work_edges WHERE a_source_id = ? AND a_record_id = ?`;
export const DELETE_EDGES_FROM_B = `DELETE FROM work_edges WHERE b_source_id = ? AND b_record_id = ?`;
export const INSERT_EDGE = `
INSERT INTO work_edges (a_source_id, a_record_id, b_source_id, b_record_id, relation, score, reason, created_at)
VALUES (@a_source_id, @a_record_id, @b_source_id, @b_record_id, @relation, @score, @reason, @created_at)`;
export interface EdgeRow {
  a_source_id: string;
  a_record_id: string;
  b_source_id: string;
  b_record_id: string;
  relation: string;
  score: number;
  reason: string;
  created_at: string;
}
/** ? JSON array of refs, used for both sides; UNION keeps an edge between two of them once. */
export const EDGES_TOUCHING = `
SELECT e.* FROM ${REFS_OF_CHUNK} AS k
JOIN work_edges e ON e.a_source_id = k.source_id AND e.a_record_id = k.source_record_id
UNION
SELECT e.* FROM ${REFS_OF_CHUNK} AS k
JOIN work_edges e ON e.b_source_id = k.source_id AND e.b_record_id = k.source_record_id`;

export const SET_WORK_ID = `UPDATE source_records SET work_id = ? WHERE source_id = ? AND source_record_id = ?`;
export const WORK_MEMBERS = `
SELECT source_id, source_record_id FROM source_records WHERE work_id = ? AND status = 'active'
ORDER BY source_id, source_record_id`;

export interface WorkListingRow {
  work_id: string;
  source_id: string;
  source_record_id: string;
  name: string | null;
  in_language: string | null;
}

/**
 * One page of works with their active members. The page of work ids streams from an index in work id order
 * (all works, or the works one source takes part in) and stops at the limit, so its cost does not grow with
 * the catalog: the per-source variant counts each candidate's members through the work index.
 */
export function listWorksSql(withSource: boolean, linked = false): string {
  const orLinked = linked ? ` OR ${WORK_LINKED_SQL}` : '';
  const page = withSource
    ? `SELECT s.work_id FROM source_records s
       WHERE s.source_id = @source_id AND s.status = 'active' AND s.work_id > @after
       GROUP BY s.work_id
       HAVING (SELECT count(*) FROM source_records m WHERE m.work_id = s.work_id AND m.status = 'active')
              >= @min_members${orLinked}
       ORDER BY s.work_id LIMIT @limit`
    : `SELECT s.work_id FROM source_records s
       WHERE s.work_id > @after AND s.status = 'active'
       GROUP BY s.work_id HAVING count(*) >= @min_members${orLinked}
       ORDER BY s.work_id LIMIT @limit`;
  return `
WITH page AS (${page})
SELECT r.work_id, r.source_id, r.source_record_id,
       json_extract(r.record, '$.name') AS name, json_extract(r.record, '$.inLanguage') AS in_language
FROM page JOIN source_records r ON r.work_id = page.work_id AND r.status = 'active'
ORDER BY r.work_id, r.source_id, r.source_record_id`;
}

export const INSERT_DECISION = `
INSERT INTO work_decisions (id, action, a_source_id, a_record_id, b_source_id, b_record_id, at, note)
VALUES (@id, @action, @a_source_id, @a_record_id, @b_source_id, @b_record_id, @at, @note)
RETURNING *`;
export interface DecisionRow {
  id: string;
  action: string;
  a_source_id: string;
  a_record_id: string;
  b_source_id: string;
  b_record_id: string;
  at: string;
  note: string | null;
}
export const LIST_DECISIONS = `SELECT * FROM work_decisions ORDER BY at, id`;
/** ? JSON array of refs, used for both sides. */
export const DECISIONS_TOUCHING = `
SELECT d.* FROM ${REFS_OF_CHUNK} AS k
JOIN work_decisions d ON d.a_source_id = k.source_id AND d.a_record_id = k.source_record_id
UNION
SELECT d.* FROM ${REFS_OF_CHUNK} AS k
JOIN work_decisions d ON d.b_source_id = k.source_id AND d.b_record_id = k.source_record_id`;
export const DELETE_DECISION = `DELETE FROM work_decisions WHERE id = ?`;

// ---- search index queue -------------------------------------------------------------------------------
// Triggers of migration 4 queue records as they are written; these statements read and drain the queue.

export const LIST_INDEX_QUEUE = `
SELECT source_id, source_record_id, queued_at, ticket FROM index_queue
ORDER BY queued_at, source_id, source_record_id LIMIT ?`;
export const DEQUEUE_INDEX = `DELETE FROM index_queue WHERE source_id = ? AND source_record_id = ?`;
export const DEQUEUE_INDEX_TICKET = `
DELETE FROM index_queue WHERE source_id = ? AND source_record_id = ? AND ticket = ?`;
export const COUNT_INDEX_QUEUE = `SELECT count(*) AS n FROM index_queue`;
export const DELETE_INDEX_QUEUE_OF_SOURCE = `DELETE FROM index_queue WHERE source_id = ?`;
/** Queues every active record; one queued already keeps its place and takes the new ticket. */
export const ENQUEUE_ALL_FOR_INDEX = `
INSERT INTO index_queue (source_id, source_record_id, queued_at, ticket)
SELECT source_id, source_record_id, @queued_at, @ticket FROM source_records WHERE status = 'active'
ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket`;

export interface IndexRecordRow extends GroupingRow {
  quality_score: number | null;
  harvested_at: string;
}
export const RECORDS_FOR_INDEX = `
SELECT s.source_id, s.source_record_id, s.status, s.record, s.work_id, s.quality_score, s.harvested_at
FROM ${REFS_OF_CHUNK} AS k
JOIN source_records s ON s.source_id = k.source_id AND s.source_record_id = k.source_record_id`;

// ---- metadata quality -----------------------------------------------------------------------------------

export const QUALITY_TOTALS = `
SELECT count(*) AS records, count(quality_score) AS scored, avg(quality_score) AS mean_score
FROM source_records WHERE source_id = ? AND status = 'active'`;
export const QUALITY_FIX_COUNTS = `
SELECT f.value AS code, count(*) AS n
FROM source_records r, json_each(r.quality_fixes) f
WHERE r.source_id = ? AND r.status = 'active' AND r.quality_fixes IS NOT NULL
GROUP BY f.value ORDER BY n DESC, code`;
/** ? source id, ? examples per code: the first records in id order that failed each check. */
export const QUALITY_FIX_EXAMPLES = `
SELECT code, source_record_id FROM (
  SELECT f.value AS code, r.source_record_id,
         row_number() OVER (PARTITION BY f.value ORDER BY r.source_record_id) AS position
  FROM source_records r, json_each(r.quality_fixes) f
  WHERE r.source_id = ? AND r.status = 'active' AND r.quality_fixes IS NOT NULL)
WHERE position <= ?
ORDER BY code, source_record_id`;

// ---- link checks ----------------------------------------------------------------------------------------

/**
 * Active records with a url and their last check (checked_url is null without one). @source_id may be null
 * (every source); a record is due when never checked, checked at another url, or checked before @before.
 */
const DUE_LINKS_FROM = `
FROM (
  SELECT s.source_id, s.source_record_id, s.record, s.updated_at, json_extract(s.record, '$.url') AS current_url,
         l.url AS checked_url, l.outcome, l.verdict, l.http_status, l.final_url, l.error_code, l.failures,
         l.checked_at
  FROM source_records s
  LEFT JOIN link_checks l ON l.source_id = s.source_id AND l.source_record_id = s.source_record_id
  WHERE s.status = 'active' AND (@source_id IS NULL OR s.source_id = @source_id)
) AS d
WHERE current_url IS NOT NULL AND typeof(current_url) = 'text'
  AND (checked_url IS NULL OR checked_url <> current_url OR checked_at < @before)`;

/** A due record as SQLite returns it: the record as JSON text. */
export type DueLinkDbRow = Omit<DueLinkRow, 'record'> & { record: string };

/** Never checked (at this url) first in ref order, then the oldest checks; @limit rows. */
export const LIST_DUE_LINKS = `
SELECT * ${DUE_LINKS_FROM}
ORDER BY checked_url IS NOT NULL AND checked_url = current_url,
         CASE WHEN checked_url = current_url THEN checked_at END, source_id, source_record_id
LIMIT @limit`;
export const COUNT_DUE_LINKS = `SELECT count(*) AS n ${DUE_LINKS_FROM}`;

/** Stores a check while the record is the version it was made for (@-named columns of LinkCheckColumns). */
export const SAVE_LINK_CHECK = `
INSERT INTO link_checks (source_id, source_record_id, url, outcome, verdict, http_status, final_url, error_code,
                         failures, checked_at)
SELECT @source_id, @source_record_id, @url, @outcome, @verdict, @http_status, @final_url, @error_code,
       @failures, @checked_at
WHERE EXISTS (SELECT 1 FROM source_records s
              WHERE s.source_id = @source_id AND s.source_record_id = @source_record_id
                AND s.status = 'active' AND s.updated_at = @record_updated_at
                AND json_extract(s.record, '$.url') = @url)
ON CONFLICT (source_id, source_record_id) DO UPDATE SET
  url = excluded.url, outcome = excluded.outcome, verdict = excluded.verdict,
  http_status = excluded.http_status, final_url = excluded.final_url, error_code = excluded.error_code,
  failures = excluded.failures, checked_at = excluded.checked_at`;
/** The quality recomputed with the check; the index queue trigger fires when the score changes. */
export const SET_LINK_QUALITY = `
UPDATE source_records SET quality_score = @quality_score, quality_fixes = @quality_fixes
WHERE source_id = @source_id AND source_record_id = @source_record_id AND status = 'active'
  AND updated_at = @record_updated_at AND json_extract(record, '$.url') = @url`;

/** ? source id, ? JSON array of record ids. */
export const GET_LINK_CHECKS = `
SELECT * FROM link_checks
WHERE source_id = ? AND source_record_id IN (SELECT value FROM json_each(?))`;

/** Checks of the current url of a source's active records. */
const CURRENT_LINK_CHECKS = `
FROM source_records s
JOIN link_checks l ON l.source_id = s.source_id AND l.source_record_id = s.source_record_id
WHERE s.source_id = ? AND s.status = 'active' AND l.url = json_extract(s.record, '$.url')`;

export const LINK_TOTALS = `
SELECT count(*) AS with_url FROM source_records
WHERE source_id = ? AND status = 'active' AND typeof(json_extract(record, '$.url')) = 'text'`;
export const LINK_OUTCOME_COUNTS = `
SELECT l.outcome, l.verdict, count(*) AS n ${CURRENT_LINK_CHECKS} GROUP BY l.outcome, l.verdict`;
/** ? source id, ? examples per outcome: the first records in id order per outcome other than alive. */
export const LINK_EXAMPLES = `
SELECT * FROM (
  SELECT l.*, row_number() OVER (PARTITION BY l.outcome ORDER BY l.source_record_id) AS position
  ${CURRENT_LINK_CHECKS} AND l.outcome <> 'alive')
WHERE position <= ?
ORDER BY outcome, source_record_id`;

// ---- harvest runs ---------------------------------------------------------------------------------------

export interface RunRow {
  id: string;
  source_id: string;
  status: string;
  mode: string;
  started_at: string;
  finished_at: string | null;
  counts: string;
  errors_by_class: string;
  checkpoint: string | null;
  report: string;
}

export const INSERT_RUN = `
INSERT INTO harvest_runs (id, source_id, status, mode, started_at, finished_at, counts, errors_by_class,
                          checkpoint, report)
VALUES (@id, @source_id, @status, @mode, @started_at, NULL, @counts, '{}', NULL, '{}')
RETURNING *`;
export const GET_RUN = `SELECT * FROM harvest_runs WHERE id = ?`;
export const LIST_RUNS = `
SELECT * FROM harvest_runs WHERE source_id = ? ORDER BY started_at DESC, id DESC LIMIT ?`;
export const LATEST_RUN = `
SELECT * FROM harvest_runs WHERE source_id = ? ORDER BY started_at DESC, id DESC LIMIT 1`;
/** ? source id, ? JSON array of statuses. */
export const LATEST_RUN_WITH_STATUS = `
SELECT * FROM harvest_runs WHERE source_id = ? AND status IN (SELECT value FROM json_each(?))
ORDER BY started_at DESC, id DESC LIMIT 1`;

/** The columns a HarvestRunPatch changes, with their stored values; fields left out of the patch are absent. */
export function runPatchValues(patch: HarvestRunPatch): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (patch.status !== undefined) out.status = patch.status;
  if (patch.finishedAt !== undefined)
    out.finished_at = patch.finishedAt === null ? null : toUtcIso(patch.finishedAt, 'finishedAt');
  if (patch.counts !== undefined) out.counts = JSON.stringify(patch.counts);
  if (patch.errorsByClass !== undefined) out.errors_by_class = canonicalJson(patch.errorsByClass);
  if (patch.checkpoint !== undefined)
    out.checkpoint = patch.checkpoint === null ? null : canonicalJson(patch.checkpoint);
  if (patch.report !== undefined) out.report = canonicalJson(patch.report);
  return out;
}

export function updateRunSql(columns: readonly string[]): string {
  const sets = columns.map((c) => `${c} = @${c}`).join(', ');
  return `UPDATE harvest_runs SET ${sets} WHERE id = @id RETURNING *`;
}

export function toRun(row: RunRow): HarvestRun {
  return {
    id: row.id,
    sourceId: row.source_id,
    status: row.status as HarvestRun['status'],
    mode: row.mode as HarvestRun['mode'],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    counts: jsonCounts(parseJsonText(row.counts)),
    errorsByClass: jsonNumberMap(parseJsonText(row.errors_by_class)),
    checkpoint: row.checkpoint === null ? null : jsonObject(parseJsonText(row.checkpoint)),
    report: jsonObject(parseJsonText(row.report)),
  };
}

// ---- record issues --------------------------------------------------------------------------------------

export interface IssueRow {
  run_id: string;
  source_record_id: string;
  code: string;
  message: string;
  raw: Buffer | null;
  at: string;
}

export const INSERT_ISSUE = `
INSERT INTO record_issues (run_id, source_record_id, code, message, raw, at)
VALUES (@run_id, @source_record_id, @code, @message, @raw, @at)`;
export const LIST_ISSUES = `
SELECT run_id, source_record_id, code, message, raw, at FROM record_issues WHERE run_id = ? ORDER BY id LIMIT ?`;

export function toIssue(row: IssueRow): RecordIssue {
  return {
    runId: row.run_id,
    sourceRecordId: row.source_record_id,
    code: row.code,
    message: row.message,
    raw: row.raw === null ? null : unpackPayload(row.raw),
    at: row.at,
  };
}

// ---- harvest jobs ---------------------------------------------------------------------------------------

export interface JobRow {
  source_id: string;
  mode: string;
  requested_at: string;
  requested_by: string;
  claimed_by: string | null;
  lease_until: string | null;
  attempts: number;
}

/** Adds a job unless the source has one; the caller learns which from the number of changed rows. */
export const INSERT_JOB = `
INSERT INTO harvest_jobs (source_id, mode, requested_at, requested_by, claimed_by, lease_until, attempts)
VALUES (@source_id, @mode, @requested_at, @requested_by, NULL, NULL, 0)
ON CONFLICT (source_id) DO NOTHING`;
export const UPGRADE_JOB_TO_FULL = `
UPDATE harvest_jobs SET mode = 'full' WHERE source_id = ? AND mode = 'incremental'`;

/**
 * Claims the oldest free job, optionally of one source. Run in a write transaction: SQLite's write lock lets one
 * claimer at a time choose, so two claimers never take the same job.
 */
export function claimJobSql(withSource: boolean): string {
  return `
UPDATE harvest_jobs SET claimed_by = @owner, lease_until = @lease_until, attempts = attempts + 1
WHERE source_id = (
  SELECT source_id FROM harvest_jobs
  WHERE (claimed_by IS NULL OR lease_until < @now) ${withSource ? 'AND source_id = @source_id' : ''}
  ORDER BY requested_at, source_id LIMIT 1)
RETURNING *`;
}

export const RENEW_JOB = `UPDATE harvest_jobs SET lease_until = ? WHERE source_id = ? AND claimed_by = ?`;
export const RELEASE_JOB = `DELETE FROM harvest_jobs WHERE source_id = ? AND claimed_by = ?`;
export const LIST_JOBS = `SELECT * FROM harvest_jobs ORDER BY requested_at, source_id`;

export function toJob(row: JobRow): HarvestJob {
  return {
    sourceId: row.source_id,
    mode: row.mode as HarvestJob['mode'],
    requestedAt: row.requested_at,
    requestedBy: row.requested_by,
    claimedBy: row.claimed_by,
    leaseUntil: row.lease_until,
    attempts: row.attempts,
  };
}

// ---- meta -----------------------------------------------------------------------------------------------

export const GET_META = `SELECT value FROM meta WHERE key = ?`;
export const SET_META = `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
