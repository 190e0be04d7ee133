// Reads a CSV file with a header row as it streams in (csv-parse): the encoding is sniffed (BOM, UTF-8,
// else windows-1252), the delimiter too (",", ";", tab or "|", from the header line) unless the source
// names one; quoted fields may span lines; rows with more or fewer cells than the header are kept; a row
// csv-parse cannot read is reported by its number and the reason while the rest is kept. Headers are made
// unique ("Title", "Title (2)") and empty ones named ("column 3"). Memory stays bounded by one row.
// Pure apart from consuming the chunks it is given.
import { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { parse, type CsvError } from 'csv-parse';
import { AtlasError } from '../../domain/errors.js';
import { decodeWindows1252 } from '../html/decode-html.js';

export type CsvEvent =
  | { readonly kind: 'header'; readonly headers: readonly string[]; readonly delimiter: string }
  | {
      readonly kind: 'row';
      /** 1-based data row number (the header is row 0). */
      readonly row: number;
      readonly cells: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'broken';
      readonly row: number;
      readonly code: string;
      readonly message: string;
      readonly raw: string;
    };

export interface CsvReadOptions {
  /** ",", ";", "\t" or "|"; sniffed from the header line when absent. */
  readonly delimiter?: string;
  /** Longest row, in characters. */
  readonly maxRowChars: number;
  /** Data rows to pass over before the first one yielded (resuming). */
  readonly skipRows?: number;
}

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** The delimiter of a CSV text from its first line: the candidate seen most often outside quotes. */
export function sniffDelimiter(head: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let inQuotes = false;
  for (const c of head.slice(0, 64 * 1024)) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [c, n] of counts) {
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

/** Decodes byte chunks: UTF-8 unless the first 64 KiB are not UTF-8, then windows-1252. */
async function* decodeChunks(chunks: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<string> {
  let head: Buffer[] = [];
  let headBytes = 0;
  let decode: ((b: Buffer, last: boolean) => string) | null = null;
  const choose = (sample: Buffer): ((b: Buffer, last: boolean) => string) => {
    // A sample cut inside a UTF-8 sequence is still UTF-8: up to 3 bytes are left out of the check.
    let utf8 = false;
    for (let cut = 0; cut <= 3 && !utf8; cut++)
      utf8 = isUtf8(sample.subarray(0, Math.max(0, sample.length - cut)));
    if (!utf8) return (b) => decodeWindows1252(b);
    const decoder = new TextDecoder('utf-8');
    return (b, last) => decoder.decode(b, { stream: !last });
  };
  for await (const chunk of chunks) {
    if (decode === null) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < 64 * 1024) continue;
      const sample = Buffer.concat(head);
      head = [];
      decode = choose(sample);
      yield decode(sample, false);
      continue;
    }
    yield decode(chunk, false);
  }
  if (decode === null) {
    const sample = Buffer.concat(head);
    decode = choose(sample);
    yield decode(sample, true);
  } else {
    yield decode(Buffer.alloc(0), true);
  }
}

function uniqueHeaders(raw: readonly string[]): string[] {
  const out: string[] = [];
  raw.forEach((h, i) => {
    const base = h.replace(/^\uFEFF/, '').trim() === '' ? `column ${i + 1}` : h.replace(/^\uFEFF/, '').trim();
    let name = base;
    for (let n = 2; out.includes(name); n++) name = `${base} (${n})`;
    out.push(name);
  });
  return out;
}

function problemFor(error: CsvError | Error | undefined, row: number): { code: string; message: string } {
  const code = (error as { code?: unknown } | undefined)?.code;
  const reason = error?.message ?? 'unreadable row';
  if (code === 'CSV_MAX_RECORD_SIZE') return { code: 'response_too_large', message: `row ${row}: ${reason}` };
  return { code: 'not_a_document', message: `row ${row}: ${reason}` };
}

/**
 * Yields the header, then every data row (or the reason it could not be read), from CSV bytes. Throws
 * AtlasError `not_a_document` when there is no header row.
 */
export async function* readCsv(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  options: CsvReadOptions,
): AsyncGenerator<CsvEvent> {
  const decoded = decodeChunks(chunks);
  const first = await decoded.next();
  const firstText = first.done === true ? '' : first.value;
  const delimiter = options.delimiter ?? sniffDelimiter(firstText.replace(/^\uFEFF/, ''));
  // Skips are reported while parsing runs ahead of the consumer: each remembers how many records had been
  // emitted before it, so it is reported in its place among the rows.
  const skipped: { raw: string; error: CsvError | undefined; after: number; line: number }[] = [];
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: options.maxRowChars,
    on_skip: (error, raw) => {
      skipped.push({ raw: raw ?? '', error, after: parser.info.records, line: parser.info.lines });
      return undefined;
    },
  });
  const source = Readable.from(
    (async function* () {
      if (firstText !== '') yield firstText;
      for (;;) {
        const next = await decoded.next();
        if (next.done === true) return;
        if (next.value !== '') yield next.value;
      }
    })(),
    { objectMode: false },
  );
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  let headers: string[] | null = null;
  let row = 0;
  const skipRows = options.skipRows ?? 0;
  let consumed = 0;
  /** The skips that happened before the record about to be handled (all of them at the end). */
  const flushSkipped = function* (beforeRecord: number): Generator<CsvEvent> {
    while (skipped.length > 0 && (skipped[0]?.after ?? 0) < beforeRecord) {
      const s = skipped.shift();
      if (s === undefined) break;
      // A header row that cannot be read leaves the next line as the header; nothing to report by row.
      if (s.after === 0) continue;
      row++;
      if (row <= skipRows) continue;
      const problem = problemFor(s.error, row);
      const message = /\bline \d/.test(problem.message)
        ? problem.message
        : `${problem.message} (line ${s.line})`;
      yield { kind: 'broken', row, code: problem.code, message, raw: s.raw.slice(0, 10_000) };
    }
  };
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      consumed++;
      yield* flushSkipped(consumed);
      if (headers === null) {
        headers = uniqueHeaders(record);
        yield { kind: 'header', headers, delimiter };
        continue;
      }
      if (record.every((cell) => cell.trim() === '')) continue;
      row++;
      if (row <= skipRows) continue;
      const cells: Record<string, string> = {};
      headers.forEach((h, i) => {
        const value = record[i];
        if (value !== undefined && value !== '') cells[h] = value;
      });
      // Cells beyond the header are kept under generated names, so nothing the file says is lost.
      for (let i = headers.length; i < record.length; i++) {
        const value = record[i];
        if (value !== undefined && value !== '') cells[`column ${i + 1}`] = value;
      }
      yield { kind: 'row', row, cells };
    }
    yield* flushSkipped(Number.MAX_SAFE_INTEGER);
  } catch (error) {
    yield* flushSkipped(Number.MAX_SAFE_INTEGER);
    if (error instanceof AtlasError) throw error;
    // An error the parser cannot skip (a quote never closed before the end): the rest of the file is lost.
    row++;
    if (headers !== null && row > skipRows) {
      yield { kind: 'broken', row, ...problemFor(error instanceof Error ? error : undefined, row), raw: '' };
    } else if (headers === null) {
      throw new AtlasError(
        'not_a_document',
        `The CSV cannot be read: ${error instanceof Error ? error.message : 'unreadable'}`,
      );
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (headers === null) throw new AtlasError('not_a_document', 'The CSV is empty: it has no header row.');
}
