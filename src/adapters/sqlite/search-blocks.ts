// The facts a search filters, counts and sorts on, per document, packed 64 documents to a row of
// search_doc_blocks (block = id >> 6), so that a process reads them for 1M documents in ~16k rows instead of
// 1M (better-sqlite3 costs ~1-2 µs per row, which made loading take seconds), and a write transaction rewrites
// only the blocks it touched. A record (little-endian): slot u8, flags u8, facet count u16, work u32, work rank
// f64, quality f64, date key f64 (NaN for none), then the facet value ids u32 each. Pure: no I/O.

export const BLOCK_SHIFT = 6;
export const BLOCK_SIZE = 1 << BLOCK_SHIFT;
/** Bytes of a record before its facet ids. */
export const RECORD_HEADER = 32;
const HEADER = RECORD_HEADER;

export const FREE_KNOWN = 1;
export const FREE_TRUE = 2;
export const NO_LOGIN_KNOWN = 4;
export const NO_LOGIN_TRUE = 8;

export interface DocFacts {
  readonly id: number;
  readonly work: number;
  rank: number;
  readonly flags: number;
  readonly quality: number;
  /** NaN when the document has no date. */
  readonly dateKey: number;
  readonly facets: readonly number[];
}

export function flagsOf(free: boolean | null, noLogin: boolean | null): number {
  return (
    (free === null ? 0 : FREE_KNOWN | (free ? FREE_TRUE : 0)) |
    (noLogin === null ? 0 : NO_LOGIN_KNOWN | (noLogin ? NO_LOGIN_TRUE : 0))
  );
}

export function blockOf(id: number): number {
  return Math.floor(id / BLOCK_SIZE);
}

export function encodeBlock(records: Iterable<DocFacts>): Buffer {
  const list = [...records].sort((a, b) => a.id - b.id);
  let size = 0;
  for (const r of list) size += HEADER + 4 * r.facets.length;
  const out = Buffer.alloc(size);
  let at = 0;
  for (const r of list) {
    out.writeUInt8(r.id % BLOCK_SIZE, at);
    out.writeUInt8(r.flags, at + 1);
    out.writeUInt16LE(r.facets.length, at + 2);
    out.writeUInt32LE(r.work, at + 4);
    out.writeDoubleLE(r.rank, at + 8);
    out.writeDoubleLE(r.quality, at + 16);
    out.writeDoubleLE(r.dateKey, at + 24);
    at += HEADER;
    for (const v of r.facets) {
      out.writeUInt32LE(v, at);
      at += 4;
    }
  }
  return out;
}

/** Receives one record of a block; facet ids are read from `data` at `facetAt`, `facetCount` of them. */
export type RecordVisitor = (
  id: number,
  work: number,
  rank: number,
  flags: number,
  quality: number,
  dateKey: number,
  data: Buffer,
  facetAt: number,
  facetCount: number,
) => void;

export function readBlock(block: number, data: Buffer, visit: RecordVisitor): void {
  const base = block * BLOCK_SIZE;
  let at = 0;
  while (at + HEADER <= data.length) {
    const count = data.readUInt16LE(at + 2);
    visit(
      base + data.readUInt8(at),
      data.readUInt32LE(at + 4),
      data.readDoubleLE(at + 8),
      data.readUInt8(at + 1),
      data.readDoubleLE(at + 16),
      data.readDoubleLE(at + 24),
      data,
      at + HEADER,
      count,
    );
    at += HEADER + 4 * count;
  }
}

export function decodeBlock(block: number, data: Buffer): Map<number, DocFacts> {
  const out = new Map<number, DocFacts>();
  readBlock(block, data, (id, work, rank, flags, quality, dateKey, bytes, facetAt, facetCount) => {
    const facets: number[] = [];
    for (let i = 0; i < facetCount; i += 1) facets.push(bytes.readUInt32LE(facetAt + 4 * i));
    out.set(id, { id, work, rank, flags, quality, dateKey, facets });
  });
  return out;
}
