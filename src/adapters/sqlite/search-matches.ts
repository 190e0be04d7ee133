// The documents matching an FTS5 query as typed arrays: ascending document ids and, when asked, FTS5's own
// -bm25 for each. One function for the index's own connection (sqlite-search-index.ts) and the pool's workers
// (search-worker.ts), so that a search finds the same matches with the same ranks wherever it runs.
// Matches reach JavaScript through an aggregate function that copies each (id, rank) into typed arrays: about
// 0.3 µs per match, against ~1 µs for rows or JSON arrays. (bm25 cannot be an aggregate's argument directly:
// the ORDER BY keeps the subquery from being flattened; FTS5 returns rowid order anyway.)
import type Database from 'better-sqlite3';
import { BM25_SQL } from './search-fts.js';
import type { MatchList } from './search-mirror.js';

/** Rowids from <= rowid < to: the part of the index a pool worker searches. */
export interface RowidRange {
  readonly from: number;
  readonly to: number;
}

const COLLECT = 'atlas_collect_matches';

function matchSql(ranked: boolean, ranged: boolean): string {
  const where = `search_text MATCH @query${ranged ? ' AND rowid >= @from AND rowid < @to' : ''}`;
  return ranked
    ? `SELECT ${COLLECT}(id, r) FROM (
         SELECT rowid AS id, -${BM25_SQL} AS r FROM search_text WHERE ${where} ORDER BY rowid)`
    : `SELECT ${COLLECT}(rowid, 0) FROM search_text WHERE ${where}`;
}

/** Where the aggregate puts matches; one per thread is enough, since a statement runs synchronously. */
const collector = {
  ids: new Int32Array(1 << 12),
  ranks: new Float64Array(1 << 12),
  count: 0,
  push(id: number, rank: number): void {
    if (this.count === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      const ranks = new Float64Array(this.ranks.length * 2);
      ranks.set(this.ranks);
      this.ids = ids;
      this.ranks = ranks;
    }
    this.ids[this.count] = id;
    this.ranks[this.count] = rank;
    this.count += 1;
  },
};

/** Per connection: the aggregate registered and the statements prepared, indexed by ranked + 2 * ranged. */
const statements = new WeakMap<Database.Database, readonly Database.Statement[]>();

function statementsOf(db: Database.Database): readonly Database.Statement[] {
  let prepared = statements.get(db);
  if (prepared === undefined) {
    const step = (count: number, id: number, rank: number): number => {
      collector.push(id, rank);
      return count + 1;
    };
    // The typings know one argument per step; SQLite passes both.
    db.aggregate(COLLECT, { start: 0, step: step as unknown as (total: number, next: number) => number });
    prepared = [false, true].flatMap((ranged) =>
      [false, true].map((ranked) => db.prepare(matchSql(ranked, ranged)).pluck()),
    );
    statements.set(db, prepared);
  }
  return prepared;
}

/** The documents matching an FTS5 query (within `range` when given), with their ranks when asked. */
export function matchList(
  db: Database.Database,
  query: string,
  withRanks: boolean,
  range: RowidRange | null = null,
): MatchList {
  const statement = statementsOf(db)[(withRanks ? 1 : 0) + (range === null ? 0 : 2)];
  collector.count = 0;
  statement?.get(range === null ? { query } : { query, from: range.from, to: range.to });
  const n = collector.count;
  return { ids: collector.ids.slice(0, n), ranks: withRanks ? collector.ranks.slice(0, n) : null };
}
