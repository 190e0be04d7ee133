// The PostgreSQL schema, as an ordered list of migrations kept in TypeScript so they ship inside the compiled
// build. The SQLite list in ../sqlite/migrations.ts has the same versions, names and tables; only column
// types differ. Never edit a published migration: add a new one, because installed databases have already
// applied the old text.

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: '0001_catalog',
    // Record ids use the "C" collation so keyset paging orders by bytes, exactly as SQLite's default BINARY
    // collation does; a locale collation would page in a different order on each backend.
    // The gzip payload column is stored EXTERNAL: TOAST would otherwise try to compress it a second time.
    sql: `
CREATE TABLE sources (
  id text PRIMARY KEY,
  name text NOT NULL,
  url text NOT NULL,
  protocol text NOT NULL,
  format text,
  sets jsonb NOT NULL DEFAULT '[]',
  exclude_sets jsonb NOT NULL DEFAULT '[]',
  schedule text NOT NULL,
  country text,
  allow_private_network boolean NOT NULL DEFAULT false,
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE source_records (
  source_id text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  source_record_id text COLLATE "C" NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'deleted', 'failed')),
  source_datestamp text,
  raw_format text NOT NULL,
  raw bytea NOT NULL,
  raw_hash text NOT NULL,
  record jsonb,
  error_code text,
  error_message text,
  harvested_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (source_id, source_record_id)
);

ALTER TABLE source_records ALTER COLUMN raw SET STORAGE EXTERNAL;

CREATE INDEX source_records_by_status ON source_records (source_id, status, source_record_id);

CREATE TABLE harvest_runs (
  id text PRIMARY KEY,
  source_id text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  status text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('full', 'incremental')),
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  counts jsonb NOT NULL,
  errors_by_class jsonb NOT NULL DEFAULT '{}',
  checkpoint jsonb,
  report jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX harvest_runs_by_start ON harvest_runs (source_id, started_at);

CREATE TABLE record_issues (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id text NOT NULL REFERENCES harvest_runs (id) ON DELETE CASCADE,
  source_record_id text NOT NULL,
  code text NOT NULL,
  message text NOT NULL,
  raw bytea,
  at timestamptz NOT NULL
);

ALTER TABLE record_issues ALTER COLUMN raw SET STORAGE EXTERNAL;

CREATE INDEX record_issues_by_run ON record_issues (run_id, id);

CREATE TABLE meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
`,
  },
  {
    version: 2,
    name: '0002_harvest_jobs',
    // last_run_id is the harvest run that last saw a record; after a harvest that lists a whole source, the
    // records it did not see become tombstones. No foreign key: runs of a removed source go with its records,
    // and a key would make deleting a run scan every record. Adding a nullable column rewrites no rows.
    // harvest_jobs holds at most one pending or running harvest per source, shared by all worker processes;
    // claimers lock rows with FOR UPDATE SKIP LOCKED, so they never wait for each other or take the same job.
    sql: `
ALTER TABLE source_records ADD COLUMN last_run_id text;

CREATE TABLE harvest_jobs (
  source_id text PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
  mode text NOT NULL CHECK (mode IN ('full', 'incremental')),
  requested_at timestamptz NOT NULL,
  requested_by text NOT NULL,
  claimed_by text,
  lease_until timestamptz,
  attempts integer NOT NULL DEFAULT 0
);

CREATE INDEX harvest_jobs_by_request ON harvest_jobs (requested_at, source_id COLLATE "C");
`,
  },
  {
    version: 3,
    name: '0003_works_quality',
    // Additive: nullable columns (no row is rewritten) and new tables. Keys and queue entries are written with
    // every record, so they carry no foreign key (no trigger per row, no second index); the adapter removes
    // them with their source. Edges reference their records and go with them; curator decisions reference
    // records by id only and stay, even when the source is removed. Ids and keys use the "C" collation so
    // they order by bytes, as in SQLite.
    sql: `
-- Metadata quality of active records (0..100 and a jsonb array of failed check codes), the record's match keys
-- as a jsonb array (the copy record_keys is diffed against, so an unchanged key set costs no index write), and
-- the work (group of duplicates) the grouping pass put the record in; all NULL until written.
ALTER TABLE source_records
  ADD COLUMN quality_score integer CHECK (quality_score BETWEEN 0 AND 100),
  ADD COLUMN quality_fixes jsonb,
  ADD COLUMN match_keys jsonb,
  ADD COLUMN work_id text COLLATE "C";

-- Members of a work, and works in id order for paging (only records that have a work are indexed).
CREATE INDEX source_records_by_work ON source_records (work_id, status) WHERE work_id IS NOT NULL;
-- The works one source takes part in, in id order.
CREATE INDEX source_records_by_source_work ON source_records (source_id, status, work_id)
  WHERE work_id IS NOT NULL;

-- record_keys: the blocking keys of active records, which find duplicate candidates by key.
CREATE TABLE record_keys (
  key text COLLATE "C" NOT NULL,
  source_id text NOT NULL,
  source_record_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (key, source_id, source_record_id)
);

-- work_queue: records changed since the grouping pass last looked at them; the ticket changes when queued again.
CREATE TABLE work_queue (
  source_id text NOT NULL,
  source_record_id text COLLATE "C" NOT NULL,
  queued_at timestamptz NOT NULL,
  ticket text NOT NULL,
  PRIMARY KEY (source_id, source_record_id)
);

CREATE INDEX work_queue_by_age ON work_queue (queued_at, source_id COLLATE "C", source_record_id);

-- work_edges: undirected evidence that two records belong together, stored once per pair with a < b.
CREATE TABLE work_edges (
  a_source_id text NOT NULL,
  a_record_id text COLLATE "C" NOT NULL,
  b_source_id text NOT NULL,
  b_record_id text COLLATE "C" NOT NULL,
  relation text NOT NULL CHECK (relation IN ('same', 'translation', 'adaptation')),
  score double precision NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (a_source_id, a_record_id, b_source_id, b_record_id),
  FOREIGN KEY (a_source_id, a_record_id) REFERENCES source_records (source_id, source_record_id)
    ON DELETE CASCADE,
  FOREIGN KEY (b_source_id, b_record_id) REFERENCES source_records (source_id, source_record_id)
    ON DELETE CASCADE
);

CREATE INDEX work_edges_by_b ON work_edges (b_source_id, b_record_id);

-- work_decisions: curators' joins and splits of record pairs; no foreign keys, they outlive the records.
CREATE TABLE work_decisions (
  id text PRIMARY KEY,
  action text NOT NULL CHECK (action IN ('join', 'split')),
  a_source_id text NOT NULL,
  a_record_id text COLLATE "C" NOT NULL,
  b_source_id text NOT NULL,
  b_record_id text COLLATE "C" NOT NULL,
  at timestamptz NOT NULL,
  note text
);

CREATE INDEX work_decisions_by_a ON work_decisions (a_source_id, a_record_id);
CREATE INDEX work_decisions_by_b ON work_decisions (b_source_id, b_record_id);
`,
  },
  {
    version: 4,
    name: '0004_search_index',
    // Additive: new tables only, all empty. Nothing is queued here: the indexer notices an index built by no
    // analyzer version and queues every active record itself, so a large catalog does not migrate slowly.
    sql: `
-- index_queue: records whose indexed content may have changed since the search indexer last looked at them;
-- the same shape and ticket rules as work_queue. No foreign key (written with every record); the store removes
-- a source's entries with the source.
CREATE TABLE index_queue (
  source_id text NOT NULL,
  source_record_id text COLLATE "C" NOT NULL,
  queued_at timestamptz NOT NULL,
  ticket text NOT NULL,
  PRIMARY KEY (source_id, source_record_id)
);

CREATE INDEX index_queue_by_age ON index_queue (queued_at, source_id COLLATE "C", source_record_id);

-- search_works: every work key that had indexed documents, with the number documents refer to by (numbers
-- hash and compare faster than keys when a search collapses thousands of documents into works).
CREATE TABLE search_works (
  num integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key text COLLATE "C" NOT NULL UNIQUE
);

-- search_facet_values: facet values with ids, never reused; the id's high bits (id >> 24) are the facet's
-- position in INDEX_FACETS, so a search tells an id's facet without reading this table.
CREATE TABLE search_facet_values (
  id integer PRIMARY KEY,
  facet text NOT NULL,
  value text NOT NULL,
  UNIQUE (facet, value)
);

-- search_docs: one row per indexed (active) record. facets holds the ids of its facet values (facet order,
-- then document order); date_key is the instant its date names in ms (dateSortKey), what date order and the
-- choice of a work's best member compare; words are its suggestion words, to keep search_words counts right.
-- body is the tsvector every match runs on: plain terms of title (weight A), subjects (B) and description (C)
-- at column-offset positions, exact terms and concept tokens behind a control-character mark (search-text.ts).
-- Small columns come first and the vector last, so reading the rest of a row never walks past it; rows up to
-- a page stay inline and uncompressed, so ranking does not decompress every vector it reads.
CREATE TABLE search_docs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  work integer NOT NULL,
  quality double precision NOT NULL,
  date_key double precision,
  free boolean,
  no_login boolean,
  source_id text NOT NULL,
  source_record_id text COLLATE "C" NOT NULL,
  facets integer[] NOT NULL,
  date text,
  title text COLLATE "C" NOT NULL,
  title_key text COLLATE "C" NOT NULL,
  words text[] NOT NULL,
  body tsvector NOT NULL,
  UNIQUE (source_id, source_record_id)
) WITH (toast_tuple_target = 8160);

ALTER TABLE search_docs ALTER COLUMN body SET STORAGE MAIN;

CREATE INDEX search_docs_body ON search_docs USING gin (body);
CREATE INDEX search_docs_facets ON search_docs USING gin (facets);
CREATE INDEX search_docs_by_work ON search_docs (work);
CREATE INDEX search_docs_by_title ON search_docs (title_key);

-- search_words: every exact term with the number of documents holding it, for completion and spelling.
CREATE TABLE search_words (
  word text COLLATE "C" PRIMARY KEY,
  documents integer NOT NULL
);
`,
  },
  {
    version: 5,
    name: '0005_link_checks',
    // Additive: one new table, empty until the first `links check`. A foreign key to the record (cascading from
    // its source) instead of explicit deletes: a check is written once per record and check, not per harvest.
    sql: `
-- link_checks: the last check of each record's landing page (links check). It goes with its record, and so with
-- its source. url is the address checked: while it differs from the record's current url the check does not count
-- and the record is due again. verdict is what quality counts (alive, redirected, dead or unchecked); failures
-- counts the checks in a row that were neither alive nor redirected.
CREATE TABLE link_checks (
  source_id text NOT NULL,
  source_record_id text COLLATE "C" NOT NULL,
  url text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('alive', 'redirected', 'dead', 'inconclusive', 'not_checked')),
  verdict text NOT NULL CHECK (verdict IN ('alive', 'redirected', 'dead', 'unchecked')),
  http_status integer,
  final_url text,
  error_code text,
  failures integer NOT NULL CHECK (failures >= 0),
  checked_at timestamptz NOT NULL,
  PRIMARY KEY (source_id, source_record_id),
  FOREIGN KEY (source_id, source_record_id) REFERENCES source_records (source_id, source_record_id)
    ON DELETE CASCADE
);
`,
  },
  {
    version: 6,
    name: '0006_record_keys_log',
    // The SQLite store logs key changes and applies them in sorted passes (see its migration 6). PostgreSQL keeps
    // writing record_keys directly: its write-ahead log records the index entries, not whole pages, so random
    // inserts cost it little; the version is kept so that both stores count the same schema versions.
    sql: `SELECT 1`,
  },
  {
    version: 7,
    name: '0007_grouping_features',
    // What duplicate grouping compares an active record on, in its stored form (dedupe/stored-features.ts),
    // written with the record: grouping reads it instead of the whole record. Null for records stored before
    // (and for deleted and failed ones): grouping then computes the features from the record.
    sql: `
ALTER TABLE source_records ADD COLUMN grouping_features text;
`,
  },
];

export const latestSchemaVersion: number = migrations.reduce((max, m) => Math.max(max, m.version), 0);

/** Created by the migrator itself, before any migration, so it is never part of the list above. */
export const MIGRATIONS_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL
)`;
