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
  {
    version: 4,
    name: '0004_search_index',
    // The search index queue, filled by triggers so that no write path can forget it, and the search index
    // itself (see sqlite-search-index.ts). Nothing is queued for the records already stored: the product calls
    // enqueueAllForIndex when the index is empty or was built by another analyzer version.
    sql: `
-- index_queue: records whose indexed content may have changed since the indexer last read them; the ticket
-- changes when a record is queued again. Same shape and rules as work_queue.
CREATE TABLE index_queue (
  source_id TEXT NOT NULL,
  source_record_id TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  ticket TEXT NOT NULL,
  PRIMARY KEY (source_id, source_record_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX index_queue_by_age ON index_queue (queued_at, source_id, source_record_id);

-- A record is queued when it is first stored (unless it failed on first sight) and whenever its status, mapped
-- record, work or quality score changes; an unchanged write or a new raw payload that maps the same is not.
CREATE TRIGGER source_records_queue_index_insert AFTER INSERT ON source_records
WHEN NEW.status <> 'failed'
BEGIN
  INSERT INTO index_queue (source_id, source_record_id, queued_at, ticket)
  VALUES (NEW.source_id, NEW.source_record_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
          'tkt_' || lower(hex(randomblob(8))))
  ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket;
END;

CREATE TRIGGER source_records_queue_index_update
AFTER UPDATE OF status, record, work_id, quality_score ON source_records
WHEN NEW.status IS NOT OLD.status OR NEW.record IS NOT OLD.record OR NEW.work_id IS NOT OLD.work_id
  OR NEW.quality_score IS NOT OLD.quality_score
BEGIN
  INSERT INTO index_queue (source_id, source_record_id, queued_at, ticket)
  VALUES (NEW.source_id, NEW.source_record_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
          'tkt_' || lower(hex(randomblob(8))))
  ON CONFLICT (source_id, source_record_id) DO UPDATE SET ticket = excluded.ticket;
END;

-- search_state: one row. seq numbers the committed changes of the index: every block of document facts a
-- change rewrites carries its seq, so a process keeping those facts in memory reads only what changed; epoch
-- changes when everything must be read again (clear). The counts are kept for stats().
CREATE TABLE search_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  documents INTEGER NOT NULL,
  works INTEGER NOT NULL,
  words INTEGER NOT NULL
) STRICT;

INSERT INTO search_state (id, seq, epoch, documents, works, words) VALUES (1, 0, 0, 0, 0, 0);

-- Facet values get small integer ids, never reused, so documents store them compactly.
CREATE TABLE search_facet_values (
  id INTEGER PRIMARY KEY,
  facet TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (facet, value)
) STRICT;

-- search_works: every work key with indexed members, with an integer number and a rank that orders the keys
-- in byte order (gaps between ranks let a new key in without renumbering the others).
CREATE TABLE search_works (
  num INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  rank INTEGER NOT NULL,
  members INTEGER NOT NULL
) STRICT;

-- search_docs: one row per indexed record; its id is the rowid of its text in search_text. facets holds the
-- facet value ids (4 bytes each, little-endian, in document order); words the distinct suggestion words
-- separated by spaces, to keep search_words counts right when the document changes or goes.
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL,
  source_record_id TEXT NOT NULL,
  work INTEGER NOT NULL,
  quality REAL NOT NULL,
  date TEXT,
  facets BLOB NOT NULL,
  words TEXT NOT NULL,
  title TEXT NOT NULL,
  title_key TEXT NOT NULL,
  UNIQUE (source_id, source_record_id)
) STRICT;

CREATE INDEX search_docs_by_work ON search_docs (work);
CREATE INDEX search_docs_by_title ON search_docs (title_key, quality);

-- What a search filters, counts and sorts on, for 64 documents per row (search-blocks.ts); an emptied block
-- stays as an empty row with the seq of the change that emptied it.
CREATE TABLE search_doc_blocks (
  block INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL
) STRICT;

CREATE INDEX search_doc_blocks_by_seq ON search_doc_blocks (seq);

-- Words offered as completions and spelling corrections, with the number of documents holding each.
CREATE TABLE search_words (
  word TEXT PRIMARY KEY,
  documents INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The text: each column's encoded terms separated by spaces (search-fts.ts), kept in search_text_src, which
-- the FTS5 index reads back when a document is replaced or removed, so that its document count and column
-- lengths, which bm25 uses, stay exact (a contentless table with contentless_delete never lowers them, and
-- removes documents at twice the cost). Positions are kept for phrases.
CREATE TABLE search_text_src (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  subjects TEXT NOT NULL,
  description TEXT NOT NULL,
  exact TEXT NOT NULL,
  concepts TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE search_text USING fts5 (
  title, subjects, description, exact, concepts,
  tokenize = 'ascii', content = 'search_text_src', content_rowid = 'id', detail = full
);

-- Leaf pages of about 4 KB instead of 1 KB: fewer pages to read for long document lists.
INSERT INTO search_text (search_text, rank) VALUES ('pgsz', 4050);
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
  source_id TEXT NOT NULL,
  source_record_id TEXT NOT NULL,
  url TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('alive', 'redirected', 'dead', 'inconclusive', 'not_checked')),
  verdict TEXT NOT NULL CHECK (verdict IN ('alive', 'redirected', 'dead', 'unchecked')),
  http_status INTEGER,
  final_url TEXT,
  error_code TEXT,
  failures INTEGER NOT NULL CHECK (failures >= 0),
  checked_at TEXT NOT NULL,
  PRIMARY KEY (source_id, source_record_id),
  FOREIGN KEY (source_id, source_record_id) REFERENCES source_records (source_id, source_record_id)
    ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
`,
  },
  {
    version: 6,
    name: '0006_record_keys_log',
    // Record writes no longer insert into record_keys one key at a time: keys land all over that index, so each
    // page of a harvest dirtied a page of it per key (half of all the bytes a harvest wrote). They append their
    // key changes to this log instead, in order, and the log is applied to record_keys in one sorted pass right
    // before keys are next looked up (each page of the index then written once per pass) and before a source is
    // removed. Of several changes to one key of one record, the last one counts.
    sql: `
CREATE TABLE record_keys_log (
  seq INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  source_id TEXT NOT NULL,
  source_record_id TEXT NOT NULL,
  op INTEGER NOT NULL CHECK (op IN (0, 1))
) STRICT;
`,
  },
  {
    version: 7,
    name: '0007_grouping_features',
    // What duplicate grouping compares an active record on, in its stored form (dedupe/stored-features.ts),
    // written with the record: grouping reads it instead of the whole record. Null for records stored before
    // (and for deleted and failed ones): grouping then computes the features from the record.
    sql: `
ALTER TABLE source_records ADD COLUMN grouping_features TEXT;
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
