// The about page: what OER Atlas is and why (the UNESCO OER Recommendation, a federated catalog), what the
// catalog holds right now, how records are normalized and duplicates grouped, whose data it is and under which
// licences, and the accessibility statement with how to report a problem. All text from the info catalog.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../ports/store.js';
import { parseSearchParams } from '../../search/filters.js';
import type { SearchService } from '../../services/search-service.js';
import type { SourceService } from '../../services/source-service.js';
import { messageHtml } from './about-markup.js';
import type { PageContext } from './context.js';
import { escapeHtml, renderPage } from './layout.js';
import { localizedPage } from './routes.js';

export interface AboutPageDeps {
  readonly store: Store;
  readonly sources: SourceService;
  readonly search: SearchService;
}

/** What the catalog holds, as the about page states it. */
export interface CatalogSummary {
  readonly sources: number;
  /** Searchable source records. */
  readonly records: number;
  /** Resources after grouping duplicates (what search counts); null when search could not say. */
  readonly resources: number | null;
  /** The most common languages of resources, with counts, most common first. */
  readonly languages: readonly { readonly tag: string; readonly count: number }[];
}

const UNESCO_RECOMMENDATION =
  'https://www.unesco.org/en/legal-affairs/recommendation-open-educational-resources-oer';
const SHOWN_LANGUAGES = 8;

/** The vocabularies and data OER Atlas ships (summarized from THIRD-PARTY-DATA.md), by catalog key. */
const SHIPPED_DATA = [
  'unescoThesaurus',
  'isced',
  'hcrt',
  'accessibility',
  'languageCodes',
  'amb',
  'subjectSchemes',
  'languageModel',
] as const;

export async function catalogSummary(deps: AboutPageDeps): Promise<CatalogSummary> {
  const [sources, counts] = await Promise.all([deps.sources.list(), deps.store.countSourceRecords()]);
  let resources: number | null = null;
  let languages: CatalogSummary['languages'] = [];
  try {
    const response = await deps.search.search(parseSearchParams({ limit: '1' }));
    resources = response.total;
    languages = (response.facets.inLanguage ?? [])
      .slice(0, SHOWN_LANGUAGES)
      .map((f) => ({ tag: f.value, count: f.count }));
  } catch {
    // The page says what it can without search (an index being rebuilt, for instance).
  }
  return { sources: sources.length, records: counts.active, resources, languages };
}

function holdsHtml(ctx: PageContext, summary: CatalogSummary): string {
  const parts = [`<h2 id="holds">${escapeHtml(ctx.t('info.about.holds.heading'))}</h2>`];
  if (summary.records === 0) {
    parts.push(`<p>${escapeHtml(ctx.t('info.about.holds.empty', { sources: summary.sources }))}</p>`);
  } else {
    parts.push(
      `<p>${escapeHtml(ctx.t('info.about.holds.counts', { records: summary.records, sources: summary.sources }))}</p>`,
    );
    if (summary.resources !== null) {
      parts.push(
        `<p>${escapeHtml(ctx.t('info.about.holds.resources', { resources: summary.resources }))}</p>`,
      );
    }
    if (summary.languages.length > 0) {
      const items = summary.languages.map(
        (l) =>
          `<li>${escapeHtml(ctx.t('info.about.holds.language', { language: ctx.languageName(l.tag), count: l.count }))}</li>`,
      );
      parts.push(
        `<p id="holds-languages">${escapeHtml(ctx.t('info.about.holds.languages'))}</p>`,
        `<ul class="columns" aria-labelledby="holds-languages">${items.join('')}</ul>`,
      );
    }
  }
  parts.push(
    `<p>${messageHtml(ctx, 'info.about.holds.links', (m) => ({
      sources: m.link(ctx.href('/sources'), ctx.t('info.about.holds.sourcesLink')),
      search: m.link(ctx.href('/search'), ctx.t('info.about.holds.searchLink')),
    }))}</p>`,
  );
  return parts.join('\n');
}

export function renderAboutPage(ctx: PageContext, summary: CatalogSummary): string {
  const p = (key: string): string => `<p>${escapeHtml(ctx.t(key))}</p>`;
  const h2 = (id: string, key: string): string => `<h2 id="${id}">${escapeHtml(ctx.t(key))}</h2>`;
  const li = (key: string): string => `<li>${escapeHtml(ctx.t(key))}</li>`;
  const mainHtml = [
    `<h1>${escapeHtml(ctx.t('info.about.title'))}</h1>`,
    `<p class="lead">${escapeHtml(ctx.t('info.about.lead'))}</p>`,
    h2('why', 'info.about.why.heading'),
    p('info.about.why.text'),
    p('info.about.why.federated'),
    `<p>${messageHtml(ctx, 'info.about.why.link', (m) => ({
      link: m.link(UNESCO_RECOMMENDATION, ctx.t('info.about.why.linkText'), { hreflang: 'en' }),
    }))}</p>`,
    holdsHtml(ctx, summary),
    h2('normalization', 'info.about.normalize.heading'),
    p('info.about.normalize.harvest'),
    p('info.about.normalize.intro'),
    `<ul>${li('info.about.normalize.licences')}${li('info.about.normalize.languages')}${li('info.about.normalize.vocabularies')}${li('info.about.normalize.accessibility')}</ul>`,
    p('info.about.normalize.kept'),
    h2('duplicates', 'info.about.duplicates.heading'),
    p('info.about.duplicates.text'),
    p('info.about.duplicates.translations'),
    h2('quality', 'info.about.quality.heading'),
    `<p>${messageHtml(ctx, 'info.about.quality.text', (m) => ({
      link: m.link(ctx.href('/sources'), ctx.t('info.about.quality.linkText')),
    }))}</p>`,
    h2('licences', 'info.about.data.heading'),
    p('info.about.data.records'),
    p('info.about.data.resources'),
    `<p id="shipped-data">${escapeHtml(ctx.t('info.about.data.shipped'))}</p>`,
    `<ul aria-labelledby="shipped-data">${SHIPPED_DATA.map((key) => li(`info.about.data.item.${key}`)).join('')}</ul>`,
    `<p>${messageHtml(ctx, 'info.about.data.full', (m) => ({ file: m.code('THIRD-PARTY-DATA.md') }))}</p>`,
    p('info.about.data.software'),
    h2('accessibility', 'info.about.a11y.heading'),
    p('info.about.a11y.target'),
    p('info.about.a11y.features'),
    p('info.about.a11y.limits'),
    `<h3 id="report">${escapeHtml(ctx.t('info.about.report.heading'))}</h3>`,
    p('info.about.report.how'),
    `<ul>${li('info.about.report.page')}${li('info.about.report.what')}${li('info.about.report.tools')}</ul>`,
    p('info.about.report.answer'),
  ].join('\n');
  return renderPage({ ctx, title: ctx.t('info.about.title'), mainHtml });
}

export function registerAboutPage(app: FastifyInstance, deps: AboutPageDeps): void {
  localizedPage(app, '/about', async (ctx) => renderAboutPage(ctx, await catalogSummary(deps)));
}
