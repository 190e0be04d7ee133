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
  {
    version: 3,
    name: '0003_works_quality',
    // Additive: new nullable columns and new tables. Keys and queue entries are written with every record, so
    // they carry no foreign key (no check per row, no second index); the adapter removes them with their
    // source. Edges reference their records and go with them; curator decisions reference records by id
    // only and stay, even when the source is removed.
    sql: `
-- Metadata quality of active records (0..100 and a JSON array of failed check codes), the record's match keys
-- as a JSON array (the copy record_keys is diffed against, so an unchanged key set costs no index write), and
-- the work (group of duplicates) the grouping pass put the record in; all NULL until written.
ALTER TABLE source_records ADD COLUMN quality_score INTEGER CHECK (quality_score BETWEEN 0 AND 100);
ALTER TABLE source_records ADD COLUMN quality_fixes TEXT;
ALTER TABLE source_records ADD COLUMN match_keys TEXT;
ALTER TABLE source_records ADD COLUMN work_id TEXT;

-- Members of a work, and works in id order for paging (only records that have a work are indexed).
CREATE INDEX source_records_by_work ON source_records (work_id, status) WHERE work_id IS NOT NULL;
-- The works one source takes part in, in id order.
CREATE INDEX source_records_by_source_work ON source_records (source_id, status, work_id)
  WHERE work_id IS NOT NULL;

-- record_keys: the blocking keys of active records, which find duplicate candidates by key.
CREATE TABLE record_keys (
  key TEXT NOT NULL,
  source_id TEXT NOT NULL,
  source_record_id TEXT NOT NULL,
  PRIMARY KEY (key, source_id, source_record_id)
) STRICT, WITHOUT ROWID;

-- work_queue: records changed since the grouping pass last looked at them; the ticket changes when queued again.
CREATE TABLE work_queue (
  source_id TEXT NOT NULL,
  source_record_id TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  ticket TEXT NOT NULL,
  PRIMARY KEY (source_id, source_record_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX work_queue_by_age ON work_queue (queued_at, source_id, source_record_id);

-- work_edges: undirected evidence that two records belong together, stored once per pair with a < b.
CREATE TABLE work_edges (
  a_source_id TEXT NOT NULL,
  a_record_id TEXT NOT NULL,
  b_source_id TEXT NOT NULL,
  b_record_id TEXT NOT NULL,
  relation TEXT NOT NULL CHECK (relation IN ('same', 'translation', 'adaptation')),
  score REAL NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (a_source_id, a_record_id, b_source_id, b_record_id),
  FOREIGN KEY (a_source_id, a_record_id) REFERENCES source_records (source_id, source_record_id)
    ON DELETE CASCADE,
  FOREIGN KEY (b_source_id, b_record_id) REFERENCES source_records (source_id, source_record_id)
    ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX work_edges_by_b ON work_edges (b_source_id, b_record_id);

-- work_decisions: curators' joins and splits of record pairs; no foreign keys, they outlive the records.
CREATE TABLE work_decisions (
  id TEXT PRIMARY KEY,
  action TEXT NOT NULL CHECK (action IN ('join', 'split')),
  a_source_id TEXT NOT NULL,
  a_record_id TEXT NOT NULL,
  b_source_id TEXT NOT NULL,
  b_record_id TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT
) STRICT;

CREATE INDEX work_decisions_by_a ON work_decisions (a_source_id, a_record_id);
CREATE INDEX work_decisions_by_b ON work_decisions (b_source_id, b_record_id);
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
