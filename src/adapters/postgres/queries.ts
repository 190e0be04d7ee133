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
}

/**
 * Reads and row-locks the stored versions of a set of keys ($1 source ids, $2 record ids, pairwise). Locks are
 * taken in one fixed order so two writers of overlapping batches queue instead of deadlocking.
 */
export const LOCK_STORED_STATES = `
SELECT s.source_id, s.source_record_id, s.status, s.raw_hash, s.record
FROM source_records s
JOIN unnest($1::text[], $2::text[]) AS k (source_id, source_record_id)
  ON s.source_id = k.source_id AND s.source_record_id = k.source_record_id
ORDER BY s.source_id COLLATE "C", s.source_record_id
FOR UPDATE OF s`;

/**
 * Inserts keys not stored yet. DO NOTHING on a key another transaction inserted first (after waiting for it
 * to commit); the caller sees which keys came back and locks the others as existing rows.
 */
export const INSERT_NEW_RECORDS = `
INSERT INTO source_records (source_id, source_record_id, status, source_datestamp, raw_format, raw, raw_hash,
                            record, error_code, error_message, harvested_at, updated_at, last_run_id)
SELECT u.source_id, u.source_record_id, u.status, u.source_datestamp, u.raw_format, u.raw, u.raw_hash,
       u.record::jsonb, u.error_code, u.error_message, u.harvested_at::timestamptz, $11::timestamptz,
       u.last_run_id
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::text[], $8::text[],
            $9::text[], $10::text[], $12::text[], $13::text[])
  AS u (source_id, source_record_id, status, source_datestamp, raw_format, raw, raw_hash, record,
        error_code, error_message, harvested_at, last_run_id)
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
  last_run_id = coalesce(u.last_run_id, s.last_run_id)
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::text[], $8::text[],
            $9::text[], $10::text[], $12::text[], $13::boolean[], $14::text[])
  AS u (source_id, source_record_id, status, source_datestamp, raw_format, raw, raw_hash, record,
        error_code, error_message, harvested_at, changed, last_run_id)
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

/** Records of a source that a run did not see ($1 source, $2 run, $3 time) become tombstones; raw stays. */
export const TOMBSTONE_UNSEEN = `
UPDATE source_records SET status = 'deleted', record = NULL, error_code = NULL, error_message = NULL,
                          updated_at = $3::timestamptz
WHERE source_id = $1 AND status IN ('active', 'failed') AND last_run_id IS DISTINCT FROM $2
RETURNING source_record_id`;

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
