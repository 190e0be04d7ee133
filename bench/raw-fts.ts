// The raw FTS5 baseline the benchmarks compare the product's search index with: a fresh FTS5 table declared like
// the product's (its columns, options and stored settings such as the page size and automerge), except that
// an external content table becomes contentless, so the raw insert keeps no copy of the text. Shared by the
// search benchmark (full build) and the ingest benchmark (the floor of an ingest: parsing plus indexing).
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SEARCH_COLUMNS, type SearchDocument } from '../src/ports/search-index.js';

/** The FTS5 virtual table of the product's index (the one with a `title` column) and its declaration. */
function ftsDeclaration(db: Database.Database): { name: string; args: string } {
  const rows = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'",
    )
    .all();
  for (const row of rows) {
    const m = /USING\s+fts5\s*\(([\s\S]*)\)\s*$/i.exec(row.sql);
    if (m?.[1] !== undefined && /\btitle\b/.test(m[1])) return { name: row.name, args: m[1] };
  }
  throw new Error('no FTS5 table with a title column in the SQLite database');
}

export interface RawFtsTable {
  /** The product's table it copies, and the declaration the raw table got. */
  readonly productTable: string;
  readonly declaration: string;
  readonly db: Database.Database;
  /** One row's values for insert: the rowid, then each column's text (null for columns the profile lacks). */
  rowOf(rowid: number, doc: SearchDocument): unknown[];
  readonly insert: Database.Statement;
}

/**
 * Creates `file` (removed first) with a WAL journal and an FTS5 table declared like the one in the product's
 * SQLite database `productFile`.
 */
export function createRawFtsTable(productFile: string, file: string): RawFtsTable {
  const product = new Database(productFile, { readonly: true });
  const declared = ftsDeclaration(product);
  const config = product
    .prepare<[], { k: string; v: unknown }>(`SELECT k, v FROM "${declared.name}_config" WHERE k <> 'version'`)
    .all();
  product.close();
  const options = declared.args
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const columns = options.filter((o) => !o.includes('=')).map((o) => o.split(/\s+/)[0] ?? o);
  const kept = options
    .map((o) => (/^content\s*=/i.test(o) ? "content=''" : o))
    .filter((o) => !/^content_rowid\s*=/i.test(o));
  rmSync(file, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE VIRTUAL TABLE raw_fts USING fts5(${kept.join(', ')})`);
  const configure = db.prepare('INSERT INTO raw_fts (raw_fts, rank) VALUES (?, ?)');
  // Whole numbers go as integers (FTS5 refuses pgsz given as a real).
  for (const { k, v } of config)
    configure.run(k, typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v);
  const insert = db.prepare(
    `INSERT INTO raw_fts (rowid, ${columns.map((c) => `"${c}"`).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
  );
  const known = SEARCH_COLUMNS as readonly string[];
  return {
    productTable: declared.name,
    declaration: `fts5(${kept.join(', ')})`,
    db,
    insert,
    rowOf: (rowid, doc) => [
      rowid,
      ...columns.map((c) =>
        known.includes(c) ? doc.text[c as (typeof SEARCH_COLUMNS)[number]].join(' ') : null,
      ),
    ],
  };
}
