// The source pages of the portal: /{locale}/sources lists every harvested repository endpoint with its record
// count, latest harvest and quality score; /{locale}/sources/{id} says what one source is, how many records it
// holds by status, how its recent harvests went (counts, duration, errors by class) and its metadata quality
// with the fixes a repository manager can act on, in the reader's language. Every value that came from a
// source (name, URL, sets, record ids, error messages) is escaped, and only http(s) URLs become links.
import type { FastifyInstance } from 'fastify';
import type { HarvestRun, HarvestRunStatus, Source, SourceRecordStatus } from '../../domain/catalog.js';
import type { Store } from '../../ports/store.js';
import type { SourceOverview, SourceService } from '../../services/source-service.js';
import { translator } from '../i18n/catalog.js';
import { cellLabel } from './about-markup.js';
import type { PageContext } from './context.js';
import { escapeHtml, renderPage } from './layout.js';
import { localizedPage } from './routes.js';
import { fixFormatOf, localizedFix, severityLabel } from './sources-quality.js';
import type { MetadataFormat } from '../../quality/format.js';

export interface SourcePageDeps {
  readonly store: Store;
  readonly sources: SourceService;
}

/** Error classes that are not failures: records the source's own set filter left out on purpose. */
const SKIPPED_CLASSES: ReadonlySet<string> = new Set(['excluded_by_set']);

// ---------------------------------------------------------------------------------------------------------
// Small shared pieces

/** The URL when it is an http(s) address fit to link to, else null (javascript:, data:, file:, garbage). */
export function httpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function timeHtml(ctx: PageContext, iso: string, withTime = true): string {
  const text = withTime ? ctx.dateTime(iso) : ctx.date(iso);
  if (text === '') return escapeHtml(iso);
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(text)}</time>`;
}

function runStatusHtml(ctx: PageContext, status: HarvestRunStatus): string {
  return `<span class="run-status run-status-${status}">${escapeHtml(ctx.t(`source.status.${status}`))}</span>`;
}

function protocolLabel(ctx: PageContext, source: Source): string {
  return ctx.t(`source.protocol.${source.protocol}`);
}

function countryHtml(ctx: PageContext, country: string | null): string {
  if (country === null) return `<span class="muted">${escapeHtml(ctx.t('source.notStated'))}</span>`;
  return escapeHtml(ctx.regionName(country));
}

function percent(ctx: PageContext, share: number): string {
  return new Intl.NumberFormat(ctx.locale, {
    style: 'percent',
    maximumFractionDigits: share > 0 && share < 0.01 ? 1 : 0,
  }).format(share);
}

const unitFormats = new Map<string, Intl.NumberFormat>();

function unit(ctx: PageContext, value: number, name: 'hour' | 'minute' | 'second'): string {
  const id = `${ctx.locale}:${name}`;
  let format = unitFormats.get(id);
  if (format === undefined) {
    format = new Intl.NumberFormat(ctx.locale, {
      style: 'unit',
      unit: name,
      unitDisplay: 'short',
      maximumFractionDigits: name === 'second' && value < 10 ? 1 : 0,
    });
    unitFormats.set(id, format);
  }
  return format.format(value);
}

/** A duration in the reader's units: "0.4 sec", "3 min, 12 sec", "2 hr, 5 min". */
export function formatDuration(ctx: PageContext, ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  const parts: string[] = [];
  if (seconds < 60) {
    parts.push(
      new Intl.NumberFormat(ctx.locale, {
        style: 'unit',
        unit: 'second',
        unitDisplay: 'short',
        maximumFractionDigits: seconds < 10 ? 1 : 0,
      }).format(seconds),
    );
  } else if (seconds < 3600) {
    const whole = Math.round(seconds);
    parts.push(unit(ctx, Math.floor(whole / 60), 'minute'));
    if (whole % 60 !== 0) parts.push(unit(ctx, whole % 60, 'second'));
  } else {
    const minutes = Math.round(seconds / 60);
    parts.push(unit(ctx, Math.floor(minutes / 60), 'hour'));
    if (minutes % 60 !== 0) parts.push(unit(ctx, minutes % 60, 'minute'));
  }
  return new Intl.ListFormat(ctx.locale, { type: 'unit', style: 'short' }).format(parts);
}

/** How long a run took: the duration it reported, else finish minus start; null while it runs. */
function runDurationMs(run: HarvestRun): number | null {
  const reported = run.report.durationMs;
  if (typeof reported === 'number' && Number.isFinite(reported)) return reported;
  if (run.finishedAt === null) return null;
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return Number.isFinite(ms) ? ms : null;
}

/** The error that stopped a run, as the harvest service stores it in the report. */
function runError(run: HarvestRun): { code: string; message: string } | null {
  const error = run.report.error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as Record<string, unknown>;
  if (typeof code !== 'string') return null;
  return { code, message: typeof message === 'string' ? message : '' };
}

/** The localized meaning of a catalogue error code, or null for classes the catalogue does not name. */
function errorMeaning(ctx: PageContext, code: string): string | null {
  const key = `errors.code.${code}`;
  return translator(ctx.locale).has(key) ? ctx.t(key) : null;
}

/** An English message quoted on a page in another language: marked so screen readers switch voice. */
function englishText(ctx: PageContext, text: string): string {
  return ctx.locale === 'en' ? escapeHtml(text) : `<span lang="en" dir="ltr">${escapeHtml(text)}</span>`;
}

// ---------------------------------------------------------------------------------------------------------
// The list

interface SourceRow {
  readonly source: Source;
  readonly records: Readonly<Record<SourceRecordStatus, number>>;
  readonly latest: HarvestRun | null;
  readonly score: number | null;
}

async function loadRows(deps: SourcePageDeps): Promise<SourceRow[]> {
  const sources = await deps.sources.list();
  return Promise.all(
    sources.map(async (source) => {
      const [records, latest, stats] = await Promise.all([
        deps.store.countSourceRecords(source.id),
        deps.store.latestRun(source.id),
        deps.store.qualityStats(source.id, 0),
      ]);
      return {
        source,
        records,
        latest,
        score: stats.meanScore === null ? null : Math.round(stats.meanScore),
      };
    }),
  );
}

function scoreHtml(ctx: PageContext, score: number | null): string {
  if (score === null) return `<span class="muted">${escapeHtml(ctx.t('source.notScored'))}</span>`;
  return escapeHtml(ctx.t('source.scoreShort', { score: ctx.number(score) }));
}

export function renderSourceList(ctx: PageContext, rows: readonly SourceRow[]): string {
  const sorted = [...rows].sort((a, b) => a.source.name.localeCompare(b.source.name, ctx.locale));
  const parts = [
    `<h1>${escapeHtml(ctx.t('source.list.title'))}</h1>`,
    `<p>${escapeHtml(ctx.t('source.list.intro'))}</p>`,
  ];
  if (sorted.length === 0) {
    parts.push(
      `<p>${escapeHtml(ctx.t('source.list.empty'))}</p>`,
      `<p>${escapeHtml(ctx.t('source.list.emptyHint'))} <code>oer-atlas source add --name NAME --url URL --protocol oai-pmh</code></p>`,
    );
  } else {
    const body = sorted.map((row) => {
      const { source, latest } = row;
      const lastHarvest =
        latest === null
          ? `<span class="muted">${escapeHtml(ctx.t('source.never'))}</span>`
          : `${timeHtml(ctx, latest.startedAt, false)}<br>${runStatusHtml(ctx, latest.status)}`;
      const label = (key: string): string => cellLabel(ctx, ctx.t(key));
      return `<tr>
<th scope="row"><a href="${escapeHtml(ctx.href(`/sources/${encodeURIComponent(source.id)}`))}" dir="auto">${escapeHtml(source.name)}</a></th>
<td>${label('source.col.protocol')}${escapeHtml(protocolLabel(ctx, source))}</td>
<td>${label('source.col.country')}${countryHtml(ctx, source.country)}</td>
<td class="num">${label('source.col.records')}${escapeHtml(ctx.number(row.records.active))}</td>
<td>${label('source.col.lastHarvest')}${lastHarvest}</td>
<td class="num">${label('source.col.quality')}${scoreHtml(ctx, row.score)}</td>
</tr>`;
    });
    parts.push(`<div class="table-region" role="region" aria-labelledby="sources-caption" tabindex="0">
<table class="data-table stack-table source-table">
<caption id="sources-caption">${escapeHtml(ctx.t('source.list.caption', { count: sorted.length }))}</caption>
<thead><tr>
<th scope="col">${escapeHtml(ctx.t('source.col.name'))}</th>
<th scope="col">${escapeHtml(ctx.t('source.col.protocol'))}</th>
<th scope="col">${escapeHtml(ctx.t('source.col.country'))}</th>
<th scope="col" class="num">${escapeHtml(ctx.t('source.col.records'))}</th>
<th scope="col">${escapeHtml(ctx.t('source.col.lastHarvest'))}</th>
<th scope="col" class="num">${escapeHtml(ctx.t('source.col.quality'))}</th>
</tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
</div>`);
    parts.push(`<p class="muted">${escapeHtml(ctx.t('source.list.recordsNote'))}</p>`);
  }
  return renderPage({ ctx, title: ctx.t('source.list.title'), mainHtml: parts.join('\n') });
}

// ---------------------------------------------------------------------------------------------------------
// One source

/** The last segment of a file: URL's path; "" when it cannot be read. Never the folders of the server. */
function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname).split('/').filter(Boolean).pop() ?? '';
  } catch {
    return '';
  }
}

/** The endpoint: a link for http(s), the file name alone for local imports (no server paths), else text. */
function endpointHtml(ctx: PageContext, source: Source): string {
  if (source.protocol === 'file' || source.url.startsWith('file:')) {
    return escapeHtml(ctx.t('source.detail.localFile', { name: fileNameOf(source.url) }));
  }
  const href = httpUrl(source.url);
  if (href === null) return `<code>${escapeHtml(source.url)}</code>`;
  return `<a href="${escapeHtml(href)}" rel="nofollow noopener" class="endpoint"><code>${escapeHtml(source.url)}</code></a>`;
}

function setsHtml(sets: readonly string[]): string {
  return `<ul class="inline-list">${sets.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>`;
}

function factsHtml(ctx: PageContext, source: Source): string {
  const rows: [string, string][] = [
    [ctx.t('source.detail.endpoint'), endpointHtml(ctx, source)],
    [ctx.t('source.detail.protocol'), escapeHtml(protocolLabel(ctx, source))],
    [
      ctx.t('source.detail.format'),
      source.format === null
        ? escapeHtml(ctx.t('source.detail.formatAuto'))
        : `<code>${escapeHtml(source.format)}</code>`,
    ],
  ];
  if (source.protocol === 'oai-pmh' || source.sets.length > 0) {
    rows.push([
      ctx.t('source.detail.sets'),
      source.sets.length === 0 ? escapeHtml(ctx.t('source.detail.allSets')) : setsHtml(source.sets),
    ]);
  }
  if (source.excludeSets.length > 0)
    rows.push([ctx.t('source.detail.excludedSets'), setsHtml(source.excludeSets)]);
  rows.push([ctx.t('source.detail.schedule'), escapeHtml(ctx.t(`source.schedule.${source.schedule}`))]);
  if (source.country !== null) rows.push([ctx.t('source.detail.country'), countryHtml(ctx, source.country)]);
  rows.push([ctx.t('source.detail.registered'), timeHtml(ctx, source.createdAt, false)]);
  return `<dl class="facts">${rows.map(([dt, dd]) => `<dt>${escapeHtml(dt)}</dt><dd>${dd}</dd>`).join('')}</dl>`;
}

function recordsHtml(ctx: PageContext, records: Readonly<Record<SourceRecordStatus, number>>): string {
  const rows = (['active', 'deleted', 'failed'] as const).map(
    (status) =>
      `<dt>${escapeHtml(ctx.t(`source.records.${status}`))}</dt><dd class="num">${escapeHtml(ctx.number(records[status]))}</dd>`,
  );
  return `<dl class="facts record-counts">${rows.join('')}</dl>`;
}

function healthSummary(ctx: PageContext, latest: HarvestRun | undefined): string {
  if (latest === undefined) return `<p>${escapeHtml(ctx.t('source.health.none'))}</p>`;
  const date = ctx.dateTime(latest.startedAt);
  const parts = [
    `<p class="health health-${latest.status}">${escapeHtml(
      ctx.t(`source.health.${latest.status}`, { date, failed: latest.counts.failed }),
    )}</p>`,
  ];
  const error = runError(latest);
  if (error !== null && (latest.status === 'failed' || latest.status === 'interrupted')) {
    const meaning = errorMeaning(ctx, error.code);
    const reason = meaning ?? error.code;
    let html = `${escapeHtml(ctx.t('source.health.reason', { reason }))} <code>${escapeHtml(error.code)}</code>`;
    if (error.message !== '') html += ` – ${englishText(ctx, error.message)}`;
    parts.push(`<p>${html}</p>`);
  }
  return parts.join('\n');
}

function errorsCell(ctx: PageContext, run: HarvestRun): string {
  const entries = Object.entries(run.errorsByClass)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return `<span class="muted">${escapeHtml(ctx.t('source.runs.noErrors'))}</span>`;
  const items = entries.map(([code, count]) => {
    const skipped = SKIPPED_CLASSES.has(code)
      ? ` <span class="muted">(${escapeHtml(ctx.t('source.runs.skipped'))})</span>`
      : '';
    return `<li><code>${escapeHtml(code)}</code> × ${escapeHtml(ctx.number(count))}${skipped}</li>`;
  });
  return `<ul class="error-classes">${items.join('')}</ul>`;
}

function runsHtml(ctx: PageContext, runs: readonly HarvestRun[]): string {
  if (runs.length === 0) return '';
  const counts = ['new', 'updated', 'deleted', 'unchanged', 'failed'] as const;
  const rows = runs.map((run) => {
    const duration = runDurationMs(run);
    const durationText =
      duration === null
        ? `<span class="muted">${escapeHtml(ctx.t('source.runs.stillRunning'))}</span>`
        : escapeHtml(formatDuration(ctx, duration));
    const label = (key: string): string => cellLabel(ctx, ctx.t(key));
    return `<tr>
<th scope="row">${timeHtml(ctx, run.startedAt)}<br><span class="muted">${escapeHtml(ctx.t(`source.mode.${run.mode}`))}</span></th>
<td>${label('source.runs.duration')}${durationText}</td>
<td>${label('source.runs.status')}${runStatusHtml(ctx, run.status)}</td>
${counts.map((c) => `<td class="num count">${label(`source.runs.${c}`)}${escapeHtml(ctx.number(run.counts[c]))}</td>`).join('\n')}
<td>${label('source.runs.errors')}${errorsCell(ctx, run)}</td>
</tr>`;
  });
  const table = `<div class="table-region table-wide" role="region" aria-labelledby="runs-caption" tabindex="0">
<table class="data-table stack-table runs-table">
<caption id="runs-caption">${escapeHtml(ctx.t('source.runs.caption', { count: runs.length }))}</caption>
<thead><tr>
<th scope="col">${escapeHtml(ctx.t('source.runs.started'))}</th>
<th scope="col">${escapeHtml(ctx.t('source.runs.duration'))}</th>
<th scope="col">${escapeHtml(ctx.t('source.runs.status'))}</th>
${counts.map((c) => `<th scope="col" class="num">${escapeHtml(ctx.t(`source.runs.${c}`))}</th>`).join('\n')}
<th scope="col">${escapeHtml(ctx.t('source.runs.errors'))}</th>
</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`;

  // What the error classes that appear mean, for those the catalogue names.
  const codes = new Set<string>();
  for (const run of runs) {
    for (const [code, count] of Object.entries(run.errorsByClass)) if (count > 0) codes.add(code);
    const error = runError(run);
    if (error !== null) codes.add(error.code);
  }
  const glossary = [...codes]
    .sort()
    .map((code) => [code, errorMeaning(ctx, code)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== null)
    .map(([code, meaning]) => `<dt><code>${escapeHtml(code)}</code></dt><dd>${escapeHtml(meaning)}</dd>`);
  const glossaryHtml =
    glossary.length === 0
      ? ''
      : `<h3>${escapeHtml(ctx.t('source.errors.heading'))}</h3>\n<dl class="facts error-glossary">${glossary.join('')}</dl>`;
  return `${table}\n${glossaryHtml}`;
}

function qualityHtml(ctx: PageContext, overview: SourceOverview, format: MetadataFormat | null): string {
  const { quality } = overview;
  const parts = [`<h2 id="quality">${escapeHtml(ctx.t('source.quality.heading'))}</h2>`];
  if (quality.score === null) {
    parts.push(`<p>${escapeHtml(ctx.t('source.quality.none'))}</p>`);
    return parts.join('\n');
  }
  parts.push(
    `<p class="quality-score">${escapeHtml(ctx.t('source.quality.score', { score: ctx.number(quality.score) }))}</p>`,
    `<p>${escapeHtml(ctx.t('source.quality.basis', { scored: quality.scored, records: quality.records }))}</p>`,
    `<p>${escapeHtml(ctx.t('source.quality.explain'))}</p>`,
    `<h3>${escapeHtml(ctx.t('source.fixes.heading'))}</h3>`,
  );
  if (quality.fixes.length === 0) {
    parts.push(`<p>${escapeHtml(ctx.t('source.fixes.none'))}</p>`);
    return parts.join('\n');
  }
  parts.push(`<p>${escapeHtml(ctx.t('source.fixes.intro'))}</p>`);
  const items = quality.fixes.map((fix) => {
    const advice = localizedFix(ctx, format, fix.code, fix.message);
    const adviceHtml = advice.english ? `<p lang="en" dir="ltr">${advice.html}</p>` : `<p>${advice.html}</p>`;
    const examples =
      fix.examples.length === 0
        ? ''
        : `<p class="fix-examples">${escapeHtml(ctx.t('source.fixes.examples'))}</p>
<ul class="inline-list fix-example-list">${fix.examples.map((id) => `<li><code>${escapeHtml(id)}</code></li>`).join('')}</ul>`;
    return `<li class="fix fix-${fix.severity}">
<p class="fix-severity"><strong>${escapeHtml(severityLabel(ctx, fix.severity))}</strong> <span class="muted">(<code>${escapeHtml(fix.code)}</code>)</span></p>
${adviceHtml}
<p class="fix-count">${escapeHtml(ctx.t('source.fixes.affected', { count: fix.count, share: percent(ctx, fix.share) }))}</p>
${examples}
</li>`;
  });
  parts.push(`<ol class="fix-list">\n${items.join('\n')}\n</ol>`);
  return parts.join('\n');
}

/** Records looked at to tell the metadata format of a source whose protocol does not say it. */
const FORMAT_SAMPLE = 20;

export function renderSourceDetail(
  ctx: PageContext,
  overview: SourceOverview,
  format: MetadataFormat | null = null,
): string {
  const { source, records, lastRuns } = overview;
  const searchHref = ctx.href('/search', { source: source.id });
  const mainHtml = [
    `<p class="breadcrumb"><a href="${escapeHtml(ctx.href('/sources'))}">${escapeHtml(ctx.t('source.detail.allSources'))}</a></p>`,
    // A source's name is in its own language and script, whatever the page's direction.
    `<h1 dir="auto">${escapeHtml(source.name)}</h1>`,
    `<p><a href="${escapeHtml(searchHref)}">${escapeHtml(ctx.t('source.detail.browse', { count: records.active }))}</a></p>`,
    `<h2 id="about-source">${escapeHtml(ctx.t('source.detail.about'))}</h2>`,
    factsHtml(ctx, source),
    `<h2 id="records">${escapeHtml(ctx.t('source.records.heading'))}</h2>`,
    recordsHtml(ctx, records),
    `<h2 id="health">${escapeHtml(ctx.t('source.health.heading'))}</h2>`,
    healthSummary(ctx, lastRuns[0]),
    runsHtml(ctx, lastRuns),
    qualityHtml(ctx, overview, format),
  ].join('\n');
  return renderPage({ ctx, title: source.name, mainHtml });
}

export function registerSourcePages(app: FastifyInstance, deps: SourcePageDeps): void {
  localizedPage(app, '/sources', async (ctx) => renderSourceList(ctx, await loadRows(deps)));
  localizedPage(app, '/sources/:id', async (ctx, request) => {
    const { id } = request.params as { id: string };
    const overview = await deps.sources.show(id);
    const sample = await deps.store.listSourceRecords(id, { status: 'active', limit: FORMAT_SAMPLE });
    const format = fixFormatOf(
      overview.source,
      sample.items.map((r) => r.rawFormat),
    );
    return renderSourceDetail(ctx, overview, format);
  });
}
