// Imports local files (protocol `file`, what `oer-atlas import PATH` reads): the source URL is a `file:`
// URL of one file or of a folder, walked recursively in name order, hidden files and folders left out,
// symbolic links followed only when they stay inside the folder. Each file's format is detected from its
// name and content unless the source's `format` forces one: OAI-PMH responses, bare oai_dc and LOM records,
// IMS content packages with LOM, RSS/Atom feeds, HTML pages with JSON-LD, AMB JSON / JSON-LD, NDJSON and CSV
// (gzip'd files too). NDJSON and CSV files are streamed, so their size does not matter; the others are read
// whole within the run's page cap. A file that is none of these is a broken item with its relative path as
// id (`unsupported_format`); records without an id of their own are known by "<path>#line 3" and the like.
// A folder import lists everything, so a run is a snapshot (unless a folder could not be read).
//
// State:      { startedAt, files }
// Checkpoint: { runStartedAt, done, current?, counts }
//   `done` is the relative path of the last file finished; `current` the file being read when the page
//   ended: { path, records, offset?, line? } (entries consumed, and for plain NDJSON the byte offset).
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { AtlasError } from '../domain/errors.js';
import type { HarvestedItem } from '../ingest/page-writer.js';
import { jsonDumpEntries, ndjsonEntries, type DumpEntry } from '../formats/dump/dump-records.js';
import { NdjsonSplitter } from '../formats/dump/ndjson.js';
import { decodeHtmlBytes, gunzipIfCompressed } from '../formats/html/decode-html.js';
import { readJsonLdPage } from '../formats/jsonld-html/jsonld-page.js';
import {
  detectLocalFormat,
  forcedFormat,
  localXmlRecords,
  type LocalFormat,
  type LocalRecord,
} from '../formats/local-files/local-records.js';
import { decodeXmlBytes } from '../formats/xml/decode-bytes.js';
import { csvItems } from './csv-harvester.js';
import type {
  Checkpoint,
  HarvestContext,
  HarvestEnd,
  HarvestNote,
  HarvestPage,
  Harvester,
} from './harvester.js';
import {
  brokenItem,
  bump,
  countNotes,
  describeError,
  readCount,
  readObject,
  readString,
  recordItem,
} from './harvest-support.js';

export interface FileHarvesterOptions {
  /** Items per harvested page (and checkpoint). */
  readonly itemsPerPage: number;
  /** Files listed at most. */
  readonly maxFiles: number;
  /** Folders nested deeper than this are not walked. */
  readonly maxDepth: number;
}

export const DEFAULT_FILE_OPTIONS: FileHarvesterOptions = {
  itemsPerPage: 500,
  maxFiles: 1_000_000,
  maxDepth: 64,
};

const NOTE_MESSAGES: Readonly<Record<string, string>> = {
  files_read: '{n} files were read.',
  files_without_records: '{n} files held no records (Identify answers, pages without learning resources...).',
  files_unsupported: '{n} files are in no format OER Atlas reads.',
  manifests_pointing_elsewhere:
    '{n} IMS manifests keep their LOM in another file of the folder, read on its own.',
  folders_unreadable: '{n} folders could not be read; their files are missing from this import.',
  links_outside: '{n} symbolic links lead outside the imported folder and were not followed.',
  files_capped: '{n} files were left out: an import reads at most the configured number of files.',
};

interface Position {
  readonly records: number;
  readonly offset?: number;
  readonly line?: number;
}

type Step =
  | {
      readonly kind: 'item';
      readonly item: HarvestedItem;
      readonly path: string;
      readonly position: Position;
    }
  | { readonly kind: 'done'; readonly path: string; readonly empty: boolean };

interface Listing {
  /** The folder file paths are relative to. */
  readonly base: string;
  /** Relative paths with "/" separators, in walk order. */
  readonly files: string[];
  readonly single: boolean;
}

/** Walk order: path segments compared one by one, by code point. */
export function comparePaths(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const x = sa[i] ?? '';
    const y = sb[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return sa.length - sb.length;
}

function rootPathOf(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    throw new AtlasError('invalid_parameter', `"${url}" is not a file: URL of a file or folder.`, {
      details: { url },
    });
  }
}

async function listFiles(
  rootPath: string,
  options: FileHarvesterOptions,
  counts: Record<string, number>,
): Promise<Listing> {
  let info;
  try {
    info = await stat(rootPath);
  } catch (error) {
    throw new AtlasError('not_found', `${rootPath} does not exist or cannot be read.`, {
      cause: error,
      details: { path: rootPath },
    });
  }
  if (!info.isDirectory()) {
    return { base: path.dirname(rootPath), files: [path.basename(rootPath)], single: true };
  }
  const realRoot = await realpath(rootPath);
  const files: string[] = [];
  const seenDirs = new Set<string>([realRoot]);
  const walk = async (dir: string, rel: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      bump(counts, 'folders_unreadable');
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let real = full;
      if (entry.isSymbolicLink()) {
        try {
          real = await realpath(full);
          const target = await stat(real);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue;
        }
        if (real !== realRoot && !real.startsWith(`${realRoot}${path.sep}`)) {
          bump(counts, 'links_outside');
          continue;
        }
      }
      if (isDir) {
        if (depth >= options.maxDepth || seenDirs.has(real)) continue;
        seenDirs.add(real);
        await walk(full, relPath, depth + 1);
      } else if (isFile) {
        if (files.length >= options.maxFiles) {
          bump(counts, 'files_capped');
          continue;
        }
        files.push(relPath);
      }
    }
  };
  await walk(rootPath, '', 0);
  return { base: rootPath, files, single: false };
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isGzip(head: Buffer): boolean {
  return head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08;
}

async function* fileChunks(file: string, start: number, gzip: boolean): AsyncGenerator<Buffer> {
  const stream = createReadStream(file, { start: gzip ? 0 : start, highWaterMark: 256 * 1024 });
  const source = gzip ? stream.pipe(createGunzip({ chunkSize: 64 * 1024 })) : stream;
  if (gzip) stream.on('error', (error) => source.destroy(error));
  try {
    for await (const chunk of source) yield chunk as Buffer;
  } finally {
    stream.destroy();
    if (gzip) source.destroy();
  }
}

class FileRun {
  readonly counts: Record<string, number>;

  constructor(
    readonly ctx: HarvestContext,
    readonly listing: Listing,
    counts: Record<string, number>,
  ) {
    this.counts = counts;
  }

  get harvestedAt(): string {
    return this.ctx.now().toISOString();
  }

  localItem(record: LocalRecord, harvestedAt: string): HarvestedItem {
    switch (record.kind) {
      case 'record':
        return recordItem(this.ctx, harvestedAt, record);
      case 'deleted':
        return { ...record };
      case 'broken':
        return brokenItem(record.sourceRecordId, record.rawFormat, record.raw, record.code, record.message);
      default: {
        const unreachable: never = record;
        throw new Error(`unhandled record ${JSON.stringify(unreachable)}`);
      }
    }
  }

  dumpItem(relPath: string, entry: DumpEntry, harvestedAt: string): HarvestedItem {
    const id = entry.positional ? `${relPath}#${entry.sourceRecordId}` : entry.sourceRecordId;
    return entry.kind === 'record'
      ? recordItem(this.ctx, harvestedAt, {
          sourceRecordId: id,
          sourceDatestamp: entry.datestamp,
          rawFormat: 'amb-jsonld',
          raw: entry.raw,
        })
      : brokenItem(id, 'amb-jsonld', entry.raw, entry.code, entry.message);
  }

  /** The items of one file, each with where the reader stands after it, resuming at `from`. */
  async *fileSteps(relPath: string, from: Position | null): AsyncGenerator<Step> {
    const file = path.join(this.listing.base, ...relPath.split('/'));
    const max = this.ctx.limits.maxPageBytes;
    const head = await readHead(file, 64 * 1024);
    const gzip = isGzip(head);
    const forced = forcedFormat(this.ctx.source.format);
    const probe = gzip ? await this.gzipHead(file) : head;
    const format: LocalFormat = detectLocalFormat(path.basename(relPath), probe, forced);
    const skip = from?.records ?? 0;
    let records = 0;
    let produced = 0;
    const step = (item: HarvestedItem, position: Position): Step => {
      produced++;
      return { kind: 'item', item, path: relPath, position };
    };

    if (format === 'ndjson') {
      const seek = !gzip && from?.offset !== undefined ? from.offset : 0;
      const splitter = new NdjsonSplitter({
        maxLineBytes: this.ctx.limits.maxRecordChars,
        ...(seek > 0 ? { startOffset: seek, startLine: from?.line ?? 0 } : {}),
      });
      records = seek > 0 ? skip : 0;
      const toSkip = seek > 0 ? 0 : skip;
      let harvestedAt = this.harvestedAt;
      const emit = function* (this: FileRun, lines: ReturnType<NdjsonSplitter['push']>): Generator<Step> {
        for (const line of lines) {
          for (const entry of ndjsonEntries(line, this.ctx.limits.maxRecordChars)) {
            records++;
            if (records <= toSkip) continue;
            const position: Position = gzip
              ? { records }
              : { records, offset: line.endOffset, line: line.line };
            yield step(this.dumpItem(relPath, entry, harvestedAt), position);
          }
        }
      };
      for await (const chunk of fileChunks(file, seek, gzip)) {
        yield* emit.call(this, splitter.push(chunk));
        harvestedAt = this.harvestedAt;
      }
      yield* emit.call(this, splitter.end());
    } else if (format === 'csv') {
      let harvestedAt = this.harvestedAt;
      try {
        for await (const entry of csvItems(this.ctx, fileChunks(file, 0, gzip), {
          skipRows: skip,
          harvestedAt: () => harvestedAt,
          idPrefix: `${relPath}#`,
        })) {
          yield step(entry.item, { records: entry.rows });
          harvestedAt = this.harvestedAt;
        }
      } catch (error) {
        const { code, message } = describeError(error);
        yield step(brokenItem(relPath, 'csv-row', '', code, `${relPath}: ${message}`), { records: skip });
      }
    } else if (format === 'unsupported') {
      bump(this.counts, 'files_unsupported');
      if (skip === 0) {
        yield step(
          brokenItem(
            relPath,
            'file',
            '',
            'unsupported_format',
            `${relPath} is in no format OER Atlas reads (not OAI-PMH, oai_dc, LOM, IMS, RSS/Atom, HTML, JSON-LD, NDJSON or CSV).`,
          ),
          { records: 1 },
        );
      }
    } else {
      const size = (await stat(file)).size;
      if (size > max && !gzip) {
        if (skip === 0) {
          yield step(
            brokenItem(
              relPath,
              'file',
              '',
              'response_too_large',
              `${relPath} has ${size} bytes; files of this kind are read whole, at most ${max} bytes.`,
            ),
            { records: 1 },
          );
        }
      } else {
        const bytes = gunzipIfCompressed(await readFile(file), max);
        const harvestedAt = this.harvestedAt;
        for (const item of this.wholeFileItems(relPath, format, bytes, harvestedAt)) {
          records++;
          if (records <= skip) continue;
          yield step(item, { records });
        }
      }
    }
    const empty = produced === 0 && skip === 0;
    if (empty) bump(this.counts, 'files_without_records');
    yield { kind: 'done', path: relPath, empty };
  }

  async gzipHead(file: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of fileChunks(file, 0, true)) {
        parts.push(chunk);
        size += chunk.length;
        if (size >= 64 * 1024) break;
      }
    } catch {
      // A damaged gzip file is detected by its name; reading it reports the damage.
    }
    return Buffer.concat(parts);
  }

  wholeFileItems(relPath: string, format: LocalFormat, bytes: Buffer, harvestedAt: string): HarvestedItem[] {
    const maxRecordChars = this.ctx.limits.maxRecordChars;
    try {
      if (format === 'json') {
        const text = bytes.toString('utf8');
        let entries: DumpEntry[];
        try {
          entries = jsonDumpEntries(text, maxRecordChars).entries;
        } catch (error) {
          // JSON Lines under a .json name.
          if (!/^\s*\{[^\n]*\}\s*\r?\n\s*\{/.test(text.slice(0, 1_000_000))) throw error;
          const splitter = new NdjsonSplitter({ maxLineBytes: maxRecordChars });
          entries = [...splitter.push(bytes), ...splitter.end()].flatMap((l) =>
            ndjsonEntries(l, maxRecordChars),
          );
        }
        return entries.map((e) => this.dumpItem(relPath, e, harvestedAt));
      }
      if (format === 'html') return this.htmlItems(relPath, bytes, harvestedAt);
      const text = decodeXmlBytes(bytes, { maxBytes: this.ctx.limits.maxPageBytes }).text;
      const result = localXmlRecords(text, relPath, maxRecordChars);
      if (result.kind === 'html') return this.htmlItems(relPath, bytes, harvestedAt);
      if (result.metadataLocation !== undefined) return this.manifestItems(relPath, result.metadataLocation);
      return result.records.map((r) => this.localItem(r, harvestedAt));
    } catch (error) {
      const { code, message } = describeError(error);
      return [brokenItem(relPath, format, '', code, `${relPath}: ${message}`)];
    }
  }

  htmlItems(relPath: string, bytes: Buffer, harvestedAt: string): HarvestedItem[] {
    const text = decodeHtmlBytes(bytes, undefined, this.ctx.limits.maxPageBytes).text;
    const page = readJsonLdPage(text, { pageId: relPath, maxRecordChars: this.ctx.limits.maxRecordChars });
    return [
      ...page.resources.map((r) =>
        recordItem(this.ctx, harvestedAt, {
          sourceRecordId: r.sourceRecordId,
          sourceDatestamp: null,
          rawFormat: 'amb-jsonld',
          raw: r.raw,
        }),
      ),
      ...page.problems.map((p) => brokenItem(p.sourceRecordId, 'amb-jsonld', p.raw, p.code, p.message)),
    ];
  }

  /** A manifest whose LOM is in another file: read with the manifest when importing it alone. */
  manifestItems(relPath: string, location: string): HarvestedItem[] {
    const target = path.posix.normalize(
      path.posix.join(path.posix.dirname(relPath), location.replace(/\\/g, '/')),
    );
    const inside = !target.startsWith('../') && target !== '..' && !path.posix.isAbsolute(target);
    if (inside && !this.listing.single && this.listing.files.includes(target)) {
      bump(this.counts, 'manifests_pointing_elsewhere');
      return [];
    }
    return [
      brokenItem(
        relPath,
        'lom',
        '',
        'not_a_document',
        `The IMS manifest ${relPath} keeps its LOM in "${location}", which is not a file of this import.`,
      ),
    ];
  }
}

/** A failure reading one file: missing or unreadable files get codes of their own. */
function fileError(error: unknown): { code: string; message: string } {
  const fsCode = (error as { code?: unknown } | null)?.code;
  if (fsCode === 'ENOENT')
    return { code: 'not_found', message: 'The file disappeared while the folder was read.' };
  if (fsCode === 'EACCES' || fsCode === 'EPERM' || fsCode === 'EISDIR') {
    return { code: 'not_a_document', message: `The file cannot be read (${fsCode}).` };
  }
  return describeError(error);
}

function readResumePoint(value: Checkpoint | null): {
  runStartedAt: string | null;
  done: string | null;
  current: { path: string; position: Position } | null;
  counts: Record<string, number>;
} {
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(readObject(value?.['counts']) ?? {})) counts[k] = readCount(v);
  const current = readObject(value?.['current']);
  const currentPath = readString(current?.['path']);
  return {
    runStartedAt: readString(value?.['runStartedAt']),
    done: readString(value?.['done']),
    current:
      current === null || currentPath === null
        ? null
        : {
            path: currentPath,
            position: {
              records: readCount(current['records']),
              ...(typeof current['offset'] === 'number' ? { offset: readCount(current['offset']) } : {}),
              ...(typeof current['line'] === 'number' ? { line: readCount(current['line']) } : {}),
            },
          },
    counts,
  };
}

export function createFileHarvester(options: Partial<FileHarvesterOptions> = {}): Harvester {
  const settings: FileHarvesterOptions = { ...DEFAULT_FILE_OPTIONS, ...options };
  return {
    async *harvest(ctx: HarvestContext): AsyncGenerator<HarvestPage, HarvestEnd, void> {
      forcedFormat(ctx.source.format);
      const resume = readResumePoint(ctx.resumeFrom);
      const runStartedAt = resume.runStartedAt ?? ctx.now().toISOString();
      const counts: Record<string, number> = { ...resume.counts };
      const listing = await listFiles(rootPathOf(ctx.source.url), settings, counts);
      const run = new FileRun(ctx, listing, counts);

      let startIndex = 0;
      if (resume.done !== null) {
        const done = resume.done;
        const at = listing.files.indexOf(done);
        startIndex = at >= 0 ? at + 1 : listing.files.findIndex((f) => comparePaths(f, done) > 0);
        if (startIndex === -1) startIndex = listing.files.length;
      }
      let done = resume.done;
      let items: HarvestedItem[] = [];
      // Each file that held no record is named in the report: nothing is left out without a word.
      let notes: HarvestNote[] = [];
      let filesRead = 0;
      let current: { path: string; position: Position } | null = null;
      const page = (): HarvestPage => {
        const checkpoint: Checkpoint = {
          runStartedAt,
          done,
          ...(current === null ? {} : { current: { path: current.path, ...current.position } }),
          counts: { ...counts },
        };
        const out: HarvestPage = { items, checkpoint, requests: filesRead, notes };
        items = [];
        notes = [];
        filesRead = 0;
        return out;
      };
      for (const relPath of listing.files.slice(startIndex)) {
        ctx.signal.throwIfAborted();
        const from =
          resume.current !== null && resume.current.path === relPath ? resume.current.position : null;
        filesRead++;
        bump(counts, 'files_read');
        let steps: AsyncGenerator<Step>;
        try {
          steps = run.fileSteps(relPath, from);
          for await (const s of steps) {
            if (s.kind === 'done') {
              done = s.path;
              current = null;
              if (s.empty) {
                notes.push({ code: 'file_without_records', message: `${s.path} holds no metadata records.` });
              }
              continue;
            }
            items.push(s.item);
            current = { path: s.path, position: s.position };
            if (items.length >= settings.itemsPerPage) {
              ctx.signal.throwIfAborted();
              yield page();
            }
          }
        } catch (error) {
          if (ctx.signal.aborted || (error instanceof AtlasError && error.code === 'invalid_parameter'))
            throw error;
          const { code, message } = fileError(error);
          items.push(brokenItem(relPath, 'file', '', code, `${relPath}: ${message}`));
          done = relPath;
          current = null;
        }
      }
      if (items.length > 0 || filesRead > 0 || startIndex >= listing.files.length) yield page();
      const incomplete = (counts['folders_unreadable'] ?? 0) > 0 || (counts['files_capped'] ?? 0) > 0;
      return {
        state: { startedAt: runStartedAt, files: listing.files.length },
        snapshot: !incomplete,
        notes: countNotes(counts, NOTE_MESSAGES),
      };
    },
  };
}
