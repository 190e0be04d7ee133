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
}

export interface RecordStateRow {
  source_record_id: string;
  raw_hash: string;
  status: string;
}

export const GET_STORED_STATE = `
SELECT status, raw_hash, record, updated_at FROM source_records WHERE source_id = ? AND source_record_id = ?`;

/** Writes a whole record, inserting it or replacing the stored version. */
export const WRITE_RECORD = `
INSERT INTO source_records (source_id, source_record_id, status, source_datestamp, raw_format, raw, raw_hash,
                            record, error_code, error_message, harvested_at, updated_at, last_run_id)
VALUES (@source_id, @source_record_id, @status, @source_datestamp, @raw_format, @raw, @raw_hash,
        @record, @error_code, @error_message, @harvested_at, @updated_at, @last_run_id)
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
  last_run_id = coalesce(excluded.last_run_id, source_records.last_run_id)`;

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
  last_run_id = coalesce(@last_run_id, last_run_id)
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

/** Records of a source that a run did not see become tombstones; the raw payload and harvested_at stay. */
export const TOMBSTONE_UNSEEN = `
UPDATE source_records SET status = 'deleted', record = NULL, error_code = NULL, error_message = NULL,
                          updated_at = @at
WHERE source_id = @source_id AND status IN ('active', 'failed')
  AND (last_run_id IS NULL OR last_run_id <> @run_id)
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
