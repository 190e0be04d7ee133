// `oer-atlas import PATH|URL`: runs the harvesting pipeline over local files and folders, or over one dump,
// feed, sitemap or CSV at a URL. The import is kept as a source (protocol `file` for local paths), so
// importing the same path again updates its records instead of duplicating them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type { Protocol } from '../../domain/catalog.js';
import { AtlasError } from '../../domain/errors.js';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';
import { printJson } from '../output.js';
import { describeRun, harvestWithProgress } from './harvest.js';

/** --format values and the protocol (and OAI-PMH metadata prefix) they stand for. */
const FORMATS: Readonly<Record<string, { protocol: Protocol; format: string | null }>> = {
  jsonl: { protocol: 'jsonl', format: null },
  ndjson: { protocol: 'jsonl', format: null },
  json: { protocol: 'json', format: null },
  amb: { protocol: 'json', format: null },
  csv: { protocol: 'csv', format: null },
  rss: { protocol: 'feed', format: null },
  atom: { protocol: 'feed', format: null },
  feed: { protocol: 'feed', format: null },
  sitemap: { protocol: 'sitemap', format: null },
  oai_dc: { protocol: 'oai-pmh', format: 'oai_dc' },
  lom: { protocol: 'oai-pmh', format: 'lom' },
};

/** The protocol a URL's file name suggests, or null. */
function protocolFromName(url: URL): Protocol | null {
  const name = url.pathname.toLowerCase();
  if (/\.(jsonl|ndjson)(\.gz)?$/.test(name)) return 'jsonl';
  if (/\.json(ld)?(\.gz)?$/.test(name)) return 'json';
  if (/\.csv$/.test(name)) return 'csv';
  if (/sitemap[^/]*\.xml(\.gz)?$/.test(name)) return 'sitemap';
  if (/(\.rss|\.atom|feed[^/]*\.xml|rss[^/]*\.xml)$/.test(name)) return 'feed';
  return null;
}

export function registerImportCommand(
  program: Command,
  ctx: CommandContext,
  setExit: (code: number) => void,
): void {
  program
    .command('import')
    .description(
      'import metadata from local files and folders, or from one dump, feed, sitemap or CSV at a URL',
    )
    .argument('<path-or-url>', 'a file, a folder (read recursively) or an http(s) URL')
    .option(
      '--format <format>',
      `what the files are: auto, ${Object.keys(FORMATS).join(', ')} (auto detects each local file)`,
      'auto',
    )
    .option(
      '--name <name>',
      'the name of the source the import is kept as (default: the file or folder name)',
    )
    .option('--allow-private-network', 'a URL import may reach private or loopback addresses')
    .option('--json', 'print the run report as JSON')
    .action(
      async (
        target: string,
        options: { format: string; name?: string; allowPrivateNetwork?: boolean; json?: boolean },
      ) => {
        const format = options.format.trim().toLowerCase();
        if (format !== 'auto' && !Object.hasOwn(FORMATS, format)) {
          throw new AtlasError(
            'usage_error',
            `--format must be auto or one of ${Object.keys(FORMATS).join(', ')}`,
            {
              details: { parameter: 'format' },
            },
          );
        }
        let url: URL;
        let protocol: Protocol;
        let sourceFormat: string | null = format === 'auto' ? null : format;
        if (/^https?:\/\//i.test(target)) {
          url = new URL(target);
          const chosen = format === 'auto' ? protocolFromName(url) : (FORMATS[format]?.protocol ?? null);
          if (chosen === null) {
            throw new AtlasError(
              'usage_error',
              'The kind of content at this URL cannot be told from its name; give --format (jsonl, json, csv, feed, sitemap, oai_dc, lom).',
              { details: { parameter: 'format' } },
            );
          }
          protocol = chosen;
          sourceFormat = FORMATS[format]?.format ?? null;
        } else {
          const absolute = path.resolve(ctx.io.cwd, target);
          if (!existsSync(absolute)) {
            throw new AtlasError('not_found', `${absolute} does not exist.`, { details: { path: absolute } });
          }
          url = pathToFileURL(absolute);
          protocol = 'file';
        }

        const atlas = await ctx.atlas();
        const href = url.toString();
        const existing = (await atlas.sources.list()).find((s) => s.url === href && s.protocol === protocol);
        const source =
          existing ??
          (
            await atlas.sources.add({
              name: options.name ?? defaultSourceName(url),
              url: href,
              protocol,
              format: sourceFormat ?? undefined,
              schedule: 'manual',
              allowPrivateNetwork: options.allowPrivateNetwork === true,
            })
          ).source;
        if (options.json !== true) {
          write(
            ctx.io.stderr,
            `${existing === undefined ? 'Importing' : 'Importing again'} ${href} as source ${source.id}`,
          );
        }
        const summary = await harvestWithProgress(ctx.io, atlas, source.id, {
          full: true,
          json: options.json === true,
          requestedBy: 'import',
        });
        if (options.json === true) printJson(ctx.io, { source, run: summary.run });
        else write(ctx.io.stdout, describeRun(summary.run));
        if (summary.error !== null) setExit(1);
      },
    );
}

/** The last segment of the path (as the user typed it, not percent-encoded), else the host. */
function defaultSourceName(url: URL): string {
  const last = path.basename(url.pathname);
  if (last === '') return url.host;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
