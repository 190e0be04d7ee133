// The SQLite schema, as an ordered list of migrations kept in TypeScript so they ship inside the compiled
// build. The PostgreSQL list in ../postgres/migrations.ts has the same versions, names and tables; only
// column types differ. Never edit a published migration: add a new one, because installed databases have
// already applied the old text.

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: '0001_catalog',
    // STRICT tables make SQLite refuse a value of the wrong type instead of storing it silently.
    // Timestamps are ISO-8601 UTC TEXT in one fixed shape, so comparing the text orders them correctly.
    // JSON is TEXT with sorted keys (see shared/shaping.ts); raw payloads are gzip BLOBs.
    sql: `
CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  protocol TEXT NOT NULL,
  format TEXT,
  sets TEXT NOT NULL DEFAULT '[]',
  exclude_sets TEXT NOT NULL DEFAULT '[]',
  schedule TEXT NOT NULL,
  country TEXT,
  allow_private_network INTEGER NOT NULL DEFAULT 0 CHECK (allow_private_network IN (0, 1)),
  settings TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- A rowid table on purpose: rows carry payloads up to megabytes, which WITHOUT ROWID tables store badly.
CREATE TABLE source_records (
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  source_record_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'deleted', 'failed')),
  source_datestamp TEXT,
  raw_format TEXT NOT NULL,
  raw BLOB NOT NULL,
  raw_hash TEXT NOT NULL,
  record TEXT,
  error_code TEXT,
  error_message TEXT,
  harvested_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (source_id, source_record_id)
) STRICT;

-- Ends with source_record_id so paging one status of one source walks the index in order.
CREATE INDEX source_records_by_status ON source_records (source_id, status, source_record_id);

CREATE TABLE harvest_runs (
  id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  counts TEXT NOT NULL,
  errors_by_class TEXT NOT NULL DEFAULT '{}',
  checkpoint TEXT,
  report TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE INDEX harvest_runs_by_start ON harvest_runs (source_id, started_at);

-- The integer key keeps issues in the order they were recorded.
CREATE TABLE record_issues (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES harvest_runs (id) ON DELETE CASCADE,
  source_record_id TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  raw BLOB,
  at TEXT NOT NULL
) STRICT;

CREATE INDEX record_issues_by_run ON record_issues (run_id, id);

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`,
  },
  {
    version: 2,
    name: '0002_harvest_jobs',
    // last_run_id is the harvest run that last saw a record; after a harvest that lists a whole source, the
    // records it did not see become tombstones. No foreign key: runs of a removed source go with its records,
    // and a key would make deleting a run scan every record.
    // harvest_jobs holds at most one pending or running harvest per source, shared by all worker processes.
    sql: `
ALTER TABLE source_records ADD COLUMN last_run_id TEXT;

CREATE TABLE harvest_jobs (
  source_id TEXT PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
  mode TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
  requested_at TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  claimed_by TEXT,
  lease_until TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX harvest_jobs_by_request ON harvest_jobs (requested_at, source_id);
`,
  },
];

export const latestSchemaVersion: number = migrations.reduce((max, m) => Math.max(max, m.version), 0);

/** Created by the migrator itself, before any migration, so it is never part of the list above. */
export const MIGRATIONS_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`;
