// The home page: the search form and what the catalog holds (how many resources and sources, and counts by
// language, licence and level of education, each value a link to the filtered search). Works with HTML and
// CSS alone.
import type { FastifyInstance } from 'fastify';
import { parseSearchParams, type Facet } from '../../search/filters.js';
import type { FacetValueCount, SearchService } from '../../services/search-service.js';
import type { PageContext } from './context.js';
import type { PageDeps } from './index.js';
import { facetName, facetValueLabel } from './labels.js';
import { escapeHtml, renderPage } from './layout.js';
import { localizedPage } from './routes.js';

/** The search form shared by the home and results pages; `extraHtml` (already safe HTML) goes after the button. */
export function searchForm(ctx: PageContext, value = '', extraHtml = ''): string {
  return `<form class="search-form" action="${escapeHtml(ctx.href('/search'))}" method="get" role="search">
<label for="search-query">${escapeHtml(ctx.t('common.search.label'))}</label>
<input id="search-query" name="q" type="search" value="${escapeHtml(value)}" autocomplete="off" spellcheck="true">
<button type="submit">${escapeHtml(ctx.t('common.search.button'))}</button>${extraHtml}
</form>`;
}

/** What the home page counts: the same for every UI language (labels are applied per request). */
export interface CatalogSummary {
  readonly resources: number;
  readonly sources: number;
  readonly facets: Readonly<Partial<Record<Facet, readonly FacetValueCount[]>>>;
}

/** The facets shown on the home page, in this order. */
const HOME_FACETS = ['inLanguage', 'license', 'level'] as const;
/** Values listed per facet (the search page has them all). */
const HOME_VALUES = 12;
/** The counts are read again after this long; a busy home page costs one facet count per period. */
const SUMMARY_TTL_MS = 60_000;

const summaries = new WeakMap<SearchService, { at: number; summary: Promise<CatalogSummary> }>();

/** Counts of the whole catalog (an empty query with facets), cached briefly per search service. */
export function catalogSummary(deps: PageDeps): Promise<CatalogSummary> {
  const hit = summaries.get(deps.search);
  if (hit !== undefined && Date.now() - hit.at < SUMMARY_TTL_MS) return hit.summary;
  const summary = (async (): Promise<CatalogSummary> => {
    const [response, sources] = await Promise.all([
      deps.search.search(parseSearchParams({ limit: '1' })),
      deps.sources.list(),
    ]);
    return { resources: response.total, sources: sources.length, facets: response.facets };
  })();
  summaries.set(deps.search, { at: Date.now(), summary });
  summary.catch(() => summaries.delete(deps.search));
  return summary;
}

function countTable(ctx: PageContext, facet: Facet, values: readonly FacetValueCount[]): string {
  const shown =
    facet === 'level'
      ? [...values].sort((a, b) => a.value.localeCompare(b.value))
      : values.slice(0, HOME_VALUES);
  const rows = shown.map((v) => {
    const href = ctx.href('/search', { [facet]: v.value });
    const label = facetValueLabel(ctx, facet, v.value);
    return `<tr><th scope="row"><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></th><td>${escapeHtml(ctx.number(v.count))}</td></tr>`;
  });
  return `<table class="catalog-table">
<caption>${escapeHtml(ctx.t(`home.catalog.by.${facet}`))}</caption>
<thead><tr><th scope="col">${escapeHtml(facetName(ctx, facet))}</th><th scope="col">${escapeHtml(ctx.t('home.catalog.resources'))}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function catalogSection(ctx: PageContext, summary: CatalogSummary): string {
  const heading = `<h2 id="catalog-heading">${escapeHtml(ctx.t('home.catalog.heading'))}</h2>`;
  if (summary.resources === 0) {
    return `<section class="catalog" aria-labelledby="catalog-heading">
${heading}
<p>${escapeHtml(ctx.t('home.catalog.empty'))}</p>
</section>`;
  }
  const tables = HOME_FACETS.map((facet) => {
    const values = summary.facets[facet] ?? [];
    return values.length === 0 ? '' : countTable(ctx, facet, values);
  }).filter((html) => html !== '');
  return `<section class="catalog" aria-labelledby="catalog-heading">
${heading}
<p class="catalog-total">${escapeHtml(
    ctx.t('home.catalog.summary', { resources: summary.resources, sources: summary.sources }),
  )}</p>
<p class="catalog-links"><a href="${escapeHtml(ctx.href('/search'))}">${escapeHtml(ctx.t('home.catalog.browseAll'))}</a> <a href="${escapeHtml(ctx.href('/sources'))}">${escapeHtml(ctx.t('home.catalog.allSources'))}</a></p>
<div class="catalog-tables">
${tables.join('\n')}
</div>
</section>`;
}

export function renderHomePage(ctx: PageContext, summary: CatalogSummary): string {
  const mainHtml = `<h1>${escapeHtml(ctx.t('home.title'))}</h1>
<p class="home-intro">${escapeHtml(ctx.t('home.intro'))}</p>
${searchForm(ctx)}
${catalogSection(ctx, summary)}`;
  return renderPage({ ctx, title: 'OER Atlas', mainHtml });
}

export function registerHomePage(app: FastifyInstance, deps: PageDeps): void {
  localizedPage(app, '/', async (ctx) => renderHomePage(ctx, await catalogSummary(deps)));
}
