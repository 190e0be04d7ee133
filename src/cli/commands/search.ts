// `oer-atlas search "QUERY"`: the same search as GET /api/v1/resources, from the terminal. `--lang` is the
// language the user reads and types in; `--filter key=value` (repeatable) narrows like the API's facet
// parameters; `--json` prints the API's response. `oer-atlas index` brings the search index up to date
// (`--rebuild` makes it again from every record).
import type { Command } from 'commander';
import { parseFilterArgs, parseSearchParams } from '../../search/filters.js';
import type { SearchResponse, SearchResult } from '../../services/search-service.js';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';
import { printJson } from '../output.js';
import { createProgress } from '../progress.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function describeResult(r: SearchResult, rank: number): string[] {
  const lines: string[] = [];
  const languages = r.inLanguage.length === 0 ? '' : ` [${r.inLanguage.join(', ')}]`;
  lines.push(`${String(rank).padStart(3)}. ${r.name}${languages}`);
  if (r.url !== null) lines.push(`     ${r.url}`);
  const licence = r.license === null ? 'licence unknown' : `licence ${r.license.group}`;
  const sources = [...new Set(r.sources.map((s) => s.name))];
  const from = sources.length === 1 ? `from ${sources[0] ?? ''}` : `available from ${sources.length} sources`;
  const langs = r.languages.length > 1 ? `, in ${r.languages.length} languages` : '';
  lines.push(`     ${licence}; ${from}${langs}; id ${r.id}`);
  if (r.matchedVia.length > 0) lines.push(`     via concept: ${r.matchedVia.map((v) => v.label).join(', ')}`);
  return lines;
}

function describeResponse(response: SearchResponse): string {
  const lines: string[] = [];
  if (response.didYouMean !== null) lines.push(`Did you mean: ${response.didYouMean}`);
  for (const note of response.query.notes) lines.push(`Note: ${note}`);
  if (response.query.concepts.length > 0) {
    lines.push(
      `Also searched in other languages via: ${response.query.concepts.map((c) => c.label).join(', ')}`,
    );
  }
  lines.push(`${response.total} ${response.total === 1 ? 'result' : 'results'}`);
  response.results.forEach((r, i) => lines.push(...describeResult(r, i + 1)));
  if (response.partial.length > 0) {
    lines.push('Matching only part of the query:');
    response.partial.forEach((r, i) => lines.push(...describeResult(r, response.results.length + i + 1)));
  }
  const facetLines = Object.entries(response.facets)
    .filter(([, counts]) => counts.length > 0)
    .map(
      ([facet, counts]) =>
        `  ${facet}: ${counts
          .slice(0, 8)
          .map((c) => `${c.value} (${c.count})`)
          .join(', ')}`,
    );
  if (facetLines.length > 0) lines.push('Facets:', ...facetLines);
  if (response.next !== null) lines.push(`More: --cursor ${response.next}`);
  return lines.join('\n');
}

export function registerSearchCommands(program: Command, ctx: CommandContext): void {
  program
    .command('search')
    .description('search the catalog, as GET /api/v1/resources does')
    .argument('<query>', 'words, "quoted phrases", -excluded words, OR')
    .option('--lang <tag>', 'the language you read and type in (BCP 47, e.g. fr)')
    .option(
      '--filter <key=value>',
      'narrow by a facet, e.g. license=by-sa, level=3 (repeatable)',
      collect,
      [],
    )
    .option('--only-my-language', 'do not cross languages: only results in --lang')
    .option('--sort <order>', 'relevance or date')
    .option('--limit <n>', 'results per page (1-100)', '10')
    .option('--cursor <cursor>', 'the page after a previous search (its "More" cursor)')
    .option('--json', 'print the API response as JSON')
    .action(
      async (
        query: string,
        options: {
          lang?: string;
          filter: string[];
          onlyMyLanguage?: boolean;
          sort?: string;
          limit: string;
          cursor?: string;
          json?: boolean;
        },
      ) => {
        const request = parseSearchParams({
          q: query,
          ...(options.lang === undefined ? {} : { lang: options.lang }),
          ...parseFilterArgs(options.filter),
          ...(options.onlyMyLanguage === true ? { crossLanguage: 'false' } : {}),
          ...(options.sort === undefined ? {} : { sort: options.sort }),
          limit: options.limit,
          ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
        });
        const atlas = await ctx.atlas();
        await atlas.indexer.ensureCurrent();
        const response = await atlas.search.search(request);
        if (options.json === true) printJson(ctx.io, response);
        else write(ctx.io.stdout, describeResponse(response));
      },
    );

  program
    .command('index')
    .description('bring the search index up to date with the catalog')
    .option('--rebuild', 'make the index again from every record')
    .option('--json', 'print the report as JSON')
    .action(async (options: { rebuild?: boolean; json?: boolean }) => {
      const atlas = await ctx.atlas();
      const pending = await atlas.indexer.pending();
      const progress = createProgress(ctx.io, { label: 'Indexing', unit: 'records', total: pending });
      let last = 0;
      const onProgress = (r: { indexed: number; removed: number }): void => {
        const done = r.indexed + r.removed;
        progress.tick(done - last);
        last = done;
      };
      const started = Date.now();
      const result =
        options.rebuild === true
          ? { rebuilt: true, report: await atlas.indexer.rebuild({ onProgress }) }
          : await atlas.indexer.ensureCurrent({ onProgress });
      const seconds = (Date.now() - started) / 1000;
      progress.stop();
      const stats = await atlas.index.stats();
      if (options.json === true) {
        printJson(ctx.io, { ...result, seconds, index: stats });
        return;
      }
      write(
        ctx.io.stdout,
        `${result.rebuilt ? 'Rebuilt' : 'Updated'} the search index in ${seconds.toFixed(1)} s: ` +
          `${result.report.indexed} records indexed, ${result.report.removed} removed; ` +
          `it holds ${stats.documents} records in ${stats.works} works.`,
      );
    });
}
