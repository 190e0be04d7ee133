// `oer-atlas source add|list|show|remove`: the registry of harvestable endpoints.
import type { Command } from 'commander';
import { PROTOCOLS, SCHEDULES, type Source } from '../../domain/catalog.js';
import { AtlasError } from '../../domain/errors.js';
import { checkOaiSource, type OaiCheckReport } from '../../harvest/oai-check.js';
import type { SourceOverview } from '../../services/source-service.js';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';
import { formatTable, printJson } from '../output.js';
import type { SourceQualityReport } from '../../quality/source-report.js';
import type { SourceLinkReport } from '../../quality/link-report.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseColumns(pairs: readonly string[]): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) {
      throw new AtlasError(
        'usage_error',
        `--column must look like field=Header, e.g. name=Title (got "${pair}")`,
        {
          details: { parameter: 'column' },
        },
      );
    }
    columns[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return columns;
}

/** What the endpoint check found, in a repository manager's words. */
function describeCheck(report: OaiCheckReport): string {
  const lines = [`Found: ${report.repositoryName ?? '(the repository gives no name)'}`];
  if (report.granularity !== null)
    lines.push(`  datestamps:      ${report.granularity}, earliest ${report.earliestDatestamp ?? '?'}`);
  if (report.deletedRecord !== null) lines.push(`  deleted records: ${report.deletedRecord}`);
  if (report.formats.length > 0) lines.push(`  formats:         ${report.formats.join(', ')}`);
  if (report.setCount !== null) lines.push(`  sets:            ${report.setCount}`);
  const s = report.sample;
  lines.push(
    `  first page:      ${s.records} records, ${s.mapped} readable, ${s.deleted} deleted, ${s.failed.length} with problems` +
      (s.completeListSize === null ? '' : ` (the repository announces ${s.completeListSize} in all)`),
  );
  for (const f of s.failed.slice(0, 5)) lines.push(`    ${f.id}: [${f.code}] ${f.message}`);
  for (const w of report.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}

function describeQuality(quality: SourceQualityReport): string[] {
  if (quality.score === null) return ['  quality:   not scored yet (harvest or remap the source)'];
  const lines = [`  quality:   ${quality.score}/100 over ${quality.scored} records`];
  for (const fix of quality.fixes.slice(0, 10)) {
    const share = `${Math.round(fix.share * 100)}%`;
    lines.push(
      `    ${fix.severity} [${fix.code}] ${fix.count} ${fix.count === 1 ? 'record' : 'records'} (${share}): ${fix.message}`,
    );
    if (fix.examples.length > 0) lines.push(`      e.g. ${fix.examples.join(', ')}`);
  }
  if (quality.fixes.length > 10) lines.push(`    ... ${quality.fixes.length - 10} more (--json shows all)`);
  return lines;
}

function describeLinks(links: SourceLinkReport): string[] {
  if (links.withUrl === 0) return ['  links:     no record gives a landing page address'];
  if (links.checked === 0) {
    return [`  links:     none of ${links.withUrl} checked yet (oer-atlas links check SOURCE_ID)`];
  }
  const o = links.outcomes;
  const lines = [
    `  links:     ${links.checked} of ${links.withUrl} checked: ${o.alive} alive, ${o.redirected} redirected, ` +
      `${o.dead} dead, ${o.inconclusive} inconclusive, ${o.not_checked} not checkable` +
      (links.verdicts.dead > o.dead ? ` (${links.verdicts.dead} counted dead)` : ''),
  ];
  for (const p of links.problems) {
    const found = p.httpStatus !== null ? `HTTP ${p.httpStatus}` : (p.errorCode ?? 'no answer');
    const target = p.finalUrl !== null && p.outcome === 'redirected' ? ` -> ${p.finalUrl}` : '';
    const streak = p.failures > 1 ? `, ${p.failures} checks in a row` : '';
    lines.push(`    ${p.outcome} ${p.sourceRecordId}: ${p.url}${target} (${found}${streak}, ${p.checkedAt})`);
    if (p.fix !== null) lines.push(`      [${p.fix.code}] ${p.fix.message}`);
  }
  return lines;
}

function describeSource({ source, records, lastRuns, quality, links }: SourceOverview): string {
  const lines = [
    `${source.name} (${source.id})`,
    `  url:       ${source.url}`,
    `  protocol:  ${source.protocol}${source.format ? ` (${source.format})` : ''}`,
    `  schedule:  ${source.schedule}`,
  ];
  if (source.country) lines.push(`  country:   ${source.country}`);
  if (source.sets.length > 0) lines.push(`  sets:      ${source.sets.join(', ')}`);
  if (source.excludeSets.length > 0) lines.push(`  excluded:  ${source.excludeSets.join(', ')}`);
  lines.push(`  records:   ${records.active} active, ${records.deleted} deleted, ${records.failed} failed`);
  lines.push(...describeQuality(quality));
  lines.push(...describeLinks(links));
  if (lastRuns.length === 0) lines.push('  harvests:  none yet');
  for (const run of lastRuns) {
    const c = run.counts;
    lines.push(
      `  run ${run.id} ${run.startedAt} ${run.status}: ${c.new} new, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged, ${c.failed} failed`,
    );
  }
  return lines.join('\n');
}

export function registerSourceCommand(program: Command, ctx: CommandContext): void {
  const source = program.command('source').description('register and inspect harvestable sources');

  source
    .command('add')
    .description('register a source and print its id')
    .requiredOption('--name <name>', 'a name people recognise, e.g. "OER Commons"')
    .requiredOption('--url <url>', 'the endpoint: OAI-PMH base URL, sitemap, feed or dump URL')
    .requiredOption('--protocol <protocol>', `how to harvest it: ${PROTOCOLS.join(', ')}`)
    .option('--format <format>', 'metadata format, e.g. oai_dc or lom for OAI-PMH')
    .option('--set <spec>', 'harvest only this OAI-PMH set (repeatable)', collect)
    .option('--exclude-set <spec>', 'skip records of this OAI-PMH set (repeatable)', collect)
    .option('--schedule <schedule>', `how often to harvest: ${SCHEDULES.join(', ')}`, 'daily')
    .option('--country <code>', 'ISO 3166-1 country code of the repository, e.g. FR')
    .option('--allow-private-network', 'allow this source to reach private or loopback addresses')
    .option(
      '--column <field=header>',
      'CSV sources: which column holds a field, e.g. name=Title (repeatable)',
      collect,
    )
    .option('--delimiter <char>', 'CSV sources: the column separator (default: detected)')
    .option('--no-check', 'register without contacting the endpoint first')
    .option('--json', 'print the new source (and the check) as JSON')
    .action(
      async (options: {
        name: string;
        url: string;
        protocol: string;
        format?: string;
        set?: string[];
        excludeSet?: string[];
        schedule: string;
        country?: string;
        allowPrivateNetwork?: boolean;
        column?: string[];
        delimiter?: string;
        check: boolean;
        json?: boolean;
      }) => {
        const atlas = await ctx.atlas();
        const settings: Record<string, unknown> = {};
        if (options.column !== undefined) settings.columns = parseColumns(options.column);
        if (options.delimiter !== undefined) settings.delimiter = options.delimiter;
        const check =
          options.check && options.protocol.trim().toLowerCase() === 'oai-pmh'
            ? (candidate: Source) => {
                if (options.json !== true) write(ctx.io.stderr, `Checking ${candidate.url} ...`);
                return checkOaiSource(atlas.http, candidate);
              }
            : undefined;
        const { source: created, check: report } = await atlas.sources.add(
          {
            name: options.name,
            url: options.url,
            protocol: options.protocol,
            format: options.format,
            sets: options.set,
            excludeSets: options.excludeSet,
            schedule: options.schedule,
            country: options.country,
            allowPrivateNetwork: options.allowPrivateNetwork === true,
            settings,
          },
          check,
        );
        if (options.json === true) {
          printJson(ctx.io, report === null ? created : { ...created, check: report });
          return;
        }
        if (report !== null) write(ctx.io.stderr, describeCheck(report as OaiCheckReport));
        write(ctx.io.stdout, created.id);
      },
    );

  source
    .command('list')
    .description('list registered sources')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const atlas = await ctx.atlas();
      const sources = await atlas.sources.list();
      if (options.json === true) {
        printJson(ctx.io, sources);
        return;
      }
      if (sources.length === 0) {
        write(
          ctx.io.stdout,
          'No sources yet. Add one with: oer-atlas source add --name NAME --url URL --protocol oai-pmh',
        );
        return;
      }
      const row = (s: Source) => [s.id, s.protocol, s.schedule, s.name, s.url];
      write(ctx.io.stdout, formatTable(['ID', 'PROTOCOL', 'SCHEDULE', 'NAME', 'URL'], sources.map(row)));
    });

  source
    .command('show')
    .description('show a source with its record counts and latest harvest runs')
    .argument('<id>', 'the source id printed by `source add` or `source list`')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const atlas = await ctx.atlas();
      const overview = await atlas.sources.show(id);
      if (options.json === true) printJson(ctx.io, overview);
      else write(ctx.io.stdout, describeSource(overview));
    });

  source
    .command('remove')
    .description('remove a source with its records and harvest history')
    .argument('<id>', 'the source id')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const atlas = await ctx.atlas();
      await atlas.sources.remove(id);
      if (options.json === true) printJson(ctx.io, { removed: id });
      else write(ctx.io.stdout, `Removed source ${id}.`);
    });

  for (const command of source.commands) command.exitOverride().showHelpAfterError('(add --help for usage)');
  source.exitOverride();
}
