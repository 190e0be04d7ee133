// Harvests a CSV file with a header row: every data row becomes a `csv-row` record (the row as a JSON
// object of header -> cell, so a re-map applies the column mapping again), identified by its id column,
// else its URL column, else its row number. Columns follow `settings.columns` (profile field -> column
// name) or are recognized by their headers; `settings.delimiter` and `settings.language` are optional.
// A row that cannot be read is a broken item ("row 12") and the rest is kept; 500 rows a page.
// The file lists everything the source has, so a run that read it is a snapshot. Incremental runs ask
// with ETag / Last-Modified first; a 304 means unchanged: nothing is emitted and the run is no snapshot.
//
// State:      { startedAt, etag?, lastModified? }
// Checkpoint: { runStartedAt, rows, etag?, lastModified? }   (`rows`: data rows consumed; resuming skips them)
import { AtlasError } from '../domain/errors.js';
import type { HarvestedItem } from '../ingest/page-writer.js';
import { readColumnSetting, resolveColumns, type ColumnMapping } from '../formats/csv/csv-columns.js';
import { readCsv } from '../formats/csv/csv-read.js';
import { csvRowId } from '../formats/csv/map-csv-row.js';
import { gunzipIfCompressed } from '../formats/html/decode-html.js';
import type { HarvestContext, HarvestEnd, HarvestNote, HarvestPage, Harvester } from './harvester.js';
import {
  brokenItem,
  conditionalHeaders,
  get,
  httpStatusError,
  readCount,
  readString,
  readValidators,
  recordItem,
  RequestBudget,
  validatorsOf,
  type Validators,
} from './harvest-support.js';

export interface CsvHarvesterOptions {
  readonly rowsPerPage: number;
}

export const DEFAULT_CSV_OPTIONS: CsvHarvesterOptions = { rowsPerPage: 500 };

const RAW_FORMAT = 'csv-row';
const DELIMITERS: Readonly<Record<string, string>> = { ',': ',', ';': ';', '\t': '\t', tab: '\t', '|': '|' };

/** The delimiter a source names in its settings, or undefined to sniff it; throws for anything else. */
export function configuredDelimiter(settings: Readonly<Record<string, unknown>>): string | undefined {
  const value = settings['delimiter'];
  if (value === undefined || value === null) return undefined;
  const delimiter = typeof value === 'string' ? DELIMITERS[value] : undefined;
  if (delimiter === undefined) {
    throw new AtlasError('invalid_parameter', 'settings.delimiter must be ",", ";", "|" or "tab".', {
      details: { setting: 'delimiter' },
    });
  }
  return delimiter;
}

export interface CsvRowItem {
  readonly item: HarvestedItem;
  /** Data rows consumed once this item is done. */
  readonly rows: number;
}

/** The items of a CSV byte stream, one per data row, resuming after `skipRows` rows. */
export async function* csvItems(
  ctx: HarvestContext,
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  options: { readonly skipRows: number; readonly harvestedAt: () => string; readonly idPrefix?: string },
): AsyncGenerator<CsvRowItem> {
  const configured = readColumnSetting(ctx.source.settings['columns']);
  const delimiter = configuredDelimiter(ctx.source.settings);
  let mapping: ColumnMapping = {};
  const prefix = options.idPrefix ?? '';
  for await (const event of readCsv(chunks, {
    maxRowChars: ctx.limits.maxRecordChars,
    skipRows: options.skipRows,
    ...(delimiter === undefined ? {} : { delimiter }),
  })) {
    if (event.kind === 'header') {
      mapping = resolveColumns(event.headers, configured);
      if (mapping.name === undefined) {
        throw new AtlasError(
          'invalid_parameter',
          `No column of the CSV holds the title (headers: ${event.headers.slice(0, 30).join(', ')}); name it in settings.columns.name.`,
          { details: { headers: event.headers.slice(0, 100) } },
        );
      }
      continue;
    }
    if (event.kind === 'broken') {
      yield {
        item: brokenItem(`${prefix}row ${event.row}`, RAW_FORMAT, event.raw, event.code, event.message),
        rows: event.row,
      };
      continue;
    }
    const id = csvRowId(event.cells, mapping, event.row);
    yield {
      item: recordItem(ctx, options.harvestedAt(), {
        sourceRecordId: id.startsWith('row ') ? `${prefix}${id}` : id,
        sourceDatestamp: null,
        rawFormat: RAW_FORMAT,
        raw: JSON.stringify(event.cells),
      }),
      rows: event.row,
    };
  }
}

function* chunksOf(body: Buffer, size = 64 * 1024): Generator<Buffer> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}

export function createCsvHarvester(options: Partial<CsvHarvesterOptions> = {}): Harvester {
  const settings: CsvHarvesterOptions = { ...DEFAULT_CSV_OPTIONS, ...options };
  return {
    async *harvest(ctx: HarvestContext): AsyncGenerator<HarvestPage, HarvestEnd, void> {
      const previousValidators = readValidators(ctx.previousState ?? null);
      const incremental = ctx.mode === 'incremental' && ctx.previousState !== null;
      const resume = ctx.resumeFrom;
      const runStartedAt = readString(resume?.['runStartedAt']) ?? ctx.now().toISOString();
      const skipRows = readCount(resume?.['rows']);
      const conditional = incremental && resume === null ? previousValidators : null;
      // Settings are checked before anything is fetched.
      readColumnSetting(ctx.source.settings['columns']);
      configuredDelimiter(ctx.source.settings);

      const budget = new RequestBudget(ctx.limits.maxRequests);
      const response = await get(ctx, ctx.source.url, { headers: conditionalHeaders(conditional) });
      budget.spend(response.attempts);
      if (response.status === 304 && conditional !== null) {
        return {
          state: { startedAt: runStartedAt, ...(previousValidators ?? {}) },
          snapshot: false,
          notes: [
            {
              code: 'csv_unchanged',
              message: 'The CSV answered 304 Not Modified: nothing changed since the last run.',
            },
          ],
        };
      }
      if (response.status < 200 || response.status >= 300)
        throw httpStatusError(ctx.source.url, response.status);
      const validators: Validators | null = validatorsOf(response);
      const body = gunzipIfCompressed(response.body, ctx.limits.maxPageBytes);
      const resumeValidators = readValidators(resume ?? null);
      const changedSinceResume =
        resume !== null &&
        skipRows > 0 &&
        (resumeValidators === null ||
          validators === null ||
          resumeValidators.etag !== validators.etag ||
          resumeValidators.lastModified !== validators.lastModified);

      let requests = response.attempts;
      let rows = skipRows;
      let items: HarvestedItem[] = [];
      let harvestedAt = ctx.now().toISOString();
      const page = (): HarvestPage => {
        const out: HarvestPage = {
          items,
          checkpoint: { runStartedAt, rows, ...(validators ?? {}) },
          requests,
        };
        items = [];
        requests = 0;
        harvestedAt = ctx.now().toISOString();
        return out;
      };
      let yielded = false;
      for await (const entry of csvItems(ctx, chunksOf(body), { skipRows, harvestedAt: () => harvestedAt })) {
        items.push(entry.item);
        rows = entry.rows;
        if (items.length >= settings.rowsPerPage) {
          ctx.signal.throwIfAborted();
          yielded = true;
          yield page();
        }
      }
      if (items.length > 0 || !yielded) yield page();
      const notes: HarvestNote[] = changedSinceResume
        ? [
            {
              code: 'snapshot_withheld',
              message:
                'The CSV changed between the interrupted run and its resumption; records not seen are kept.',
            },
          ]
        : [];
      return {
        state: { startedAt: runStartedAt, ...(validators ?? {}) },
        snapshot: !changedSinceResume,
        notes,
      };
    },
  };
}
