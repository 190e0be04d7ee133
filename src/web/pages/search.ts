// The search results page (GET /{locale}/search): the same parameters as the JSON API, answered as HTML that
// works without JavaScript. The search form with the language choice and sort, the announced result count,
// "did you mean", active-filter chips that remove one filter each, facets as checkbox groups submitted with
// one button, the results with why they matched, and cursor paging. Every harvested value is escaped; links
// to harvested URLs only for http(s). A wrong parameter renders the page with 400 and names it.
import type { FastifyInstance } from 'fastify';
import { FACETS, SEARCH_PARAMETERS, SearchParameterError, type Facet } from '../../search/filters.js';
import type { FacetValueCount, SearchResponse, SearchResult } from '../../services/search-service.js';
import type { PageContext } from './context.js';
import { searchForm } from './home.js';
import type { PageDeps } from './index.js';
import {
  accessFilterLabel,
  facetName,
  facetValueLabel,
  licenceGroupLabel,
  sourceNameMap,
  type SourceNames,
} from './labels.js';
import { escapeHtml, renderPage } from './layout.js';
import { localizedPage } from './routes.js';
import {
  hasFilters,
  hiddenInputs,
  noFilters,
  rawSearchText,
  readSearchState,
  stateHref,
  stateParams,
  withoutFlag,
  withoutValue,
  type RawQuery,
  type SearchPageState,
} from './search-state.js';

/** Facets in the order the page shows them: the search parameters' own order. */
const FACET_ORDER: readonly Facet[] = FACETS;
/** Values shown at once per facet; the others are behind a "more" disclosure (works without JavaScript). */
const VISIBLE_VALUES = 8;
/** Code points of a description shown in the list. */
const DESCRIPTION_LENGTH = 240;
/** Code points of the query shown in the title and heading. */
const TITLE_QUERY_LENGTH = 80;

/**
 * A message with HTML put into it: the message is formatted with placeholders, escaped, and each placeholder
 * is then replaced by its (already safe) HTML. Keeps word order to the translation.
 */
function messageWithHtml(
  ctx: PageContext,
  key: string,
  html: Readonly<Record<string, string>>,
  values: Readonly<Record<string, string | number>> = {},
): string {
  const names = Object.keys(html);
  const marks: Record<string, string> = {};
  names.forEach((name, i) => (marks[name] = `\u0000${i}\u0000`));
  let out = escapeHtml(ctx.t(key, { ...values, ...marks }));
  names.forEach((name, i) => {
    out = out.split(`\u0000${i}\u0000`).join(html[name] ?? '');
  });
  return out;
}

/** The first `max` code points of a text with its white space collapsed, cut at a word when one is near. */
export function shortenText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  let cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s\p{P}]+$/u, '')}…`;
}

/** An http(s) URL as it may be linked, or null (javascript:, data:, relative or broken URLs never are). */
export function linkableUrl(url: string | null): URL | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

const listFormats = new Map<string, Intl.ListFormat>();

function listOf(ctx: PageContext, items: readonly string[]): string {
  let format = listFormats.get(ctx.locale);
  if (format === undefined) {
    format = new Intl.ListFormat(ctx.locale, { type: 'conjunction', style: 'long' });
    listFormats.set(ctx.locale, format);
  }
  return format.format(items);
}

// --- the search form -------------------------------------------------------------------------------------

function optionsHtml(ctx: PageContext, state: SearchPageState): string {
  const r = state.request;
  const mine = r.lang ?? ctx.locale;
  const radio = (id: string, value: string, checked: boolean, label: string): string =>
    `<span class="search-choice"><input type="radio" id="${id}" name="crossLanguage" value="${value}"${checked ? ' checked' : ''}><label for="${id}">${escapeHtml(label)}</label></span>`;
  const option = (value: string, label: string): string =>
    `<option value="${value}"${r.sort === value ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const hidden = hiddenInputs(stateParams(state), new Set(['q', 'crossLanguage', 'sort', 'cursor']));
  return `
<div class="search-options">
<fieldset>
<legend>${escapeHtml(ctx.t('search.options.legend'))}</legend>
${radio('cross-all', 'true', r.crossLanguage, ctx.t('search.options.all'))}
${radio('cross-mine', 'false', !r.crossLanguage, ctx.t('search.options.mine', { language: ctx.languageName(mine) }))}
</fieldset>
<div class="search-sort"><label for="search-sort">${escapeHtml(ctx.t('search.sort.label'))}</label>
<select id="search-sort" name="sort">${option('relevance', ctx.t('search.sort.relevance'))}${option('date', ctx.t('search.sort.date'))}</select></div>
<button type="submit" class="search-update">${escapeHtml(ctx.t('search.options.apply'))}</button>
${hidden}
</div>`;
}

// --- summary, corrections and chips ----------------------------------------------------------------------

function summaryHtml(ctx: PageContext, state: SearchPageState, response: SearchResponse): string {
  const parts = [
    `<div class="search-summary" role="status"><h2 id="results-heading">${escapeHtml(ctx.t('search.count', { count: response.total }))}</h2></div>`,
  ];
  if (response.didYouMean !== null) {
    const link = `<a href="${escapeHtml(stateHref(ctx, state, { q: response.didYouMean }))}">${escapeHtml(response.didYouMean)}</a>`;
    // Nothing matched as typed: the results are those of the corrected words.
    const replaced = response.query.text === response.didYouMean;
    parts.push(
      `<p class="did-you-mean">${
        replaced
          ? messageWithHtml(ctx, 'search.showingFor', { suggestion: link }, { query: state.text })
          : messageWithHtml(ctx, 'search.didYouMean', { suggestion: link })
      }</p>`,
    );
  }
  return parts.join('\n');
}

function chipsHtml(ctx: PageContext, state: SearchPageState, names: SourceNames): string {
  const filters = state.request.filters;
  if (!hasFilters(filters)) return '';
  const chips: string[] = [];
  const chip = (label: string, href: string): void => {
    chips.push(
      `<li><a class="chip" href="${escapeHtml(href)}" aria-label="${escapeHtml(ctx.t('search.chips.remove', { filter: label }))}">${escapeHtml(label)}<span class="chip-x" aria-hidden="true">×</span></a></li>`,
    );
  };
  for (const facet of FACET_ORDER) {
    for (const value of filters[facet]) {
      const label = ctx.t('search.chip', {
        facet: facetName(ctx, facet),
        value: facetValueLabel(ctx, facet, value, names),
      });
      chip(label, stateHref(ctx, state, { filters: withoutValue(filters, facet, value) }));
    }
  }
  for (const flag of ['free', 'noLogin'] as const) {
    const value = filters[flag];
    if (value === null) continue;
    chip(accessFilterLabel(ctx, flag, value), stateHref(ctx, state, { filters: withoutFlag(filters, flag) }));
  }
  return `<div class="chips">
<p class="chips-label" id="chips-label">${escapeHtml(ctx.t('search.chips.heading'))}</p>
<ul aria-labelledby="chips-label">${chips.join('')}</ul>
<p><a href="${escapeHtml(stateHref(ctx, state, { filters: noFilters(filters) }))}">${escapeHtml(ctx.t('search.chips.clear'))}</a></p>
</div>`;
}

// --- facets ----------------------------------------------------------------------------------------------

function facetOption(
  ctx: PageContext,
  facet: Facet,
  index: number,
  value: FacetValueCount,
  checked: boolean,
  names: SourceNames,
): string {
  const id = `f-${facet}-${index}`;
  return `<div class="facet-option"><input type="checkbox" id="${id}" name="${facet}" value="${escapeHtml(value.value)}"${checked ? ' checked' : ''}><label for="${id}">${escapeHtml(facetValueLabel(ctx, facet, value.value, names))} <span class="facet-count">(${escapeHtml(ctx.number(value.count))})</span></label></div>`;
}

function facetFieldset(
  ctx: PageContext,
  state: SearchPageState,
  facet: Facet,
  counts: readonly FacetValueCount[],
  names: SourceNames,
): string {
  const selected = new Set(state.request.filters[facet]);
  const values = [...counts];
  for (const value of selected) {
    if (!values.some((v) => v.value === value)) values.push({ value, count: 0 });
  }
  if (values.length === 0) return '';
  if (facet === 'level') values.sort((a, b) => a.value.localeCompare(b.value));
  // Selected values are always in view; the rest keep their order.
  const visible: FacetValueCount[] = [];
  const more: FacetValueCount[] = [];
  for (const v of values) {
    if (selected.has(v.value) || visible.length < VISIBLE_VALUES) visible.push(v);
    else more.push(v);
  }
  const options = (list: readonly FacetValueCount[], offset: number): string =>
    list.map((v, i) => facetOption(ctx, facet, offset + i, v, selected.has(v.value), names)).join('\n');
  const disclosure =
    more.length === 0
      ? ''
      : `\n<details><summary>${escapeHtml(ctx.t('search.facets.more', { count: more.length }))}</summary>
${options(more, visible.length)}
</details>`;
  return `<fieldset class="facet">
<legend>${escapeHtml(facetName(ctx, facet))}</legend>
${options(visible, 0)}${disclosure}
</fieldset>`;
}

function accessFieldset(ctx: PageContext, state: SearchPageState): string {
  const filters = state.request.filters;
  // A flag sent as false ("login needed") stays as a hidden field (its chip removes it), without a box.
  const boxes = (['free', 'noLogin'] as const)
    .filter((flag) => filters[flag] !== false)
    .map(
      (flag) =>
        `<div class="facet-option"><input type="checkbox" id="f-${flag}" name="${flag}" value="true"${filters[flag] === true ? ' checked' : ''}><label for="f-${flag}">${escapeHtml(accessFilterLabel(ctx, flag, true))}</label></div>`,
    );
  if (boxes.length === 0) return '';
  return `<fieldset class="facet">
<legend>${escapeHtml(ctx.t('labels.facet.access'))}</legend>
${boxes.join('\n')}
</fieldset>`;
}

function facetsHtml(
  ctx: PageContext,
  state: SearchPageState,
  response: SearchResponse,
  names: SourceNames,
): string {
  const groups = FACET_ORDER.map((facet) =>
    facetFieldset(ctx, state, facet, response.facets[facet] ?? [], names),
  ).filter((html) => html !== '');
  const filters = state.request.filters;
  const skip = new Set<string>([...FACET_ORDER, 'cursor']);
  for (const flag of ['free', 'noLogin'] as const) if (filters[flag] !== false) skip.add(flag);
  const keep = hiddenInputs(stateParams(state), skip);
  return `<section class="search-facets" id="filters" aria-labelledby="filters-heading">
<h2 id="filters-heading">${escapeHtml(ctx.t('search.facets.heading'))}</h2>
<form action="${escapeHtml(ctx.href('/search'))}" method="get">
${keep}
${groups.join('\n')}
${accessFieldset(ctx, state)}
<button type="submit">${escapeHtml(ctx.t('search.facets.apply'))}</button>
</form>
</section>`;
}

// --- results ---------------------------------------------------------------------------------------------

function resultHtml(ctx: PageContext, result: SearchResult): string {
  const single = result.inLanguage.length === 1 ? result.inLanguage[0] : undefined;
  const langAttr = single === undefined ? '' : ` lang="${escapeHtml(single)}"`;
  const href = ctx.href(`/resources/${encodeURIComponent(result.id)}`);
  const parts = [
    `<h3 class="result-title"${langAttr} dir="auto"><a href="${escapeHtml(href)}">${escapeHtml(result.name)}</a></h3>`,
  ];
  if (result.description !== null && result.description.trim() !== '') {
    parts.push(
      `<p class="result-description"${langAttr} dir="auto">${escapeHtml(shortenText(result.description, DESCRIPTION_LENGTH))}</p>`,
    );
  }
  const languages = result.languages.length > 0 ? result.languages : result.inLanguage;
  const sourceIds = new Set(result.sources.map((s) => s.id));
  const sourceNames = [...new Map(result.sources.map((s) => [s.id, s.name])).values()];
  const facts: [string, string][] = [];
  if (languages.length > 0) {
    facts.push([
      ctx.t('search.result.languages', { count: languages.length }),
      escapeHtml(
        listOf(
          ctx,
          languages.map((l) => ctx.languageName(l)),
        ),
      ),
    ]);
  }
  facts.push([
    ctx.t('search.result.licence'),
    escapeHtml(licenceGroupLabel(ctx, result.license?.group ?? 'unknown')),
  ]);
  if (sourceNames.length > 0) {
    facts.push([
      ctx.t('search.result.sources', { count: sourceNames.length }),
      `<span dir="auto">${escapeHtml(listOf(ctx, sourceNames))}</span>`,
    ]);
  }
  parts.push(
    `<dl class="result-facts">${facts.map(([dt, dd]) => `<div><dt>${escapeHtml(dt)}</dt><dd>${dd}</dd></div>`).join('')}</dl>`,
  );
  const notes = [
    escapeHtml(
      ctx.t('search.result.availability', {
        sources: Math.max(sourceIds.size, 1),
        languages: Math.max(languages.length, 1),
      }),
    ),
  ];
  // Several concepts may share a label (a thesaurus concept and a glossary term): name each once.
  const concepts = [
    ...new Map(result.matchedVia.map((m) => [m.label.toLocaleLowerCase(ctx.locale), m.label])).values(),
  ];
  if (concepts.length > 0) {
    notes.push(
      escapeHtml(ctx.t('search.result.via', { count: concepts.length, concepts: listOf(ctx, concepts) })),
    );
  }
  parts.push(`<p class="result-notes">${notes.map((n) => `<span>${n}</span>`).join(' ')}</p>`);
  const url = linkableUrl(result.url);
  if (url !== null) {
    parts.push(
      `<p class="result-link"><a href="${escapeHtml(url.href)}" rel="nofollow noopener">${escapeHtml(ctx.t('search.result.openAt', { host: url.hostname }))}</a></p>`,
    );
  }
  return `<li class="result">\n${parts.join('\n')}\n</li>`;
}

function resultsHtml(ctx: PageContext, state: SearchPageState, response: SearchResponse): string {
  const body =
    response.results.length === 0
      ? `<p class="no-results">${escapeHtml(ctx.t('search.empty'))}</p>`
      : `<ol class="results">\n${response.results.map((r) => resultHtml(ctx, r)).join('\n')}\n</ol>`;
  // Works that match only some of the words follow under their own heading, numbered on from the results.
  const partial =
    response.partial.length === 0
      ? ''
      : `\n<h2 class="partial-heading" id="partial-heading">${escapeHtml(ctx.t('search.partial.heading', { count: response.partial.length }))}</h2>
<ol class="results partial-results" aria-labelledby="partial-heading"${response.results.length > 0 ? ` start="${response.results.length + 1}"` : ''}>\n${response.partial.map((r) => resultHtml(ctx, r)).join('\n')}\n</ol>`;
  const links: string[] = [];
  if (state.request.cursor !== null) {
    links.push(
      `<li><a href="${escapeHtml(stateHref(ctx, state))}">${escapeHtml(ctx.t('search.paging.first'))}</a></li>`,
    );
  }
  if (response.next !== null) {
    links.push(
      `<li><a href="${escapeHtml(stateHref(ctx, state, { cursor: response.next }))}" rel="next">${escapeHtml(ctx.t('search.paging.next'))}</a></li>`,
    );
  }
  const paging =
    links.length === 0
      ? ''
      : `\n<nav class="paging" aria-label="${escapeHtml(ctx.t('search.paging.label'))}"><ul>${links.join('')}</ul></nav>`;
  return `<section class="search-results" id="results" aria-labelledby="results-heading">
${body}${partial}${paging}
</section>`;
}

// --- pages -----------------------------------------------------------------------------------------------

function titleOf(ctx: PageContext, text: string): string {
  return text === ''
    ? ctx.t('search.title.browse')
    : ctx.t('search.title.query', { query: shortenText(text, TITLE_QUERY_LENGTH) });
}

export function renderSearchPage(
  ctx: PageContext,
  state: SearchPageState,
  response: SearchResponse,
  names: SourceNames,
): string {
  const title = titleOf(ctx, state.text);
  const toFilters = `<p class="to-filters"><a href="#filters">${escapeHtml(ctx.t('search.toFilters'))}</a></p>`;
  const mainHtml = `<div class="search-page">
<h1>${escapeHtml(title)}</h1>
${searchForm(ctx, state.text, optionsHtml(ctx, state))}
${summaryHtml(ctx, state, response)}
${chipsHtml(ctx, state, names)}
${toFilters}
<div class="search-layout">
${resultsHtml(ctx, state, response)}
${facetsHtml(ctx, state, response, names)}
</div>
</div>`;
  return renderPage({ ctx, title, mainHtml });
}

/** What a parameter is called in the UI language, for error messages. */
function parameterName(ctx: PageContext, parameter: string): string | null {
  if ((FACET_ORDER as readonly string[]).includes(parameter)) return facetName(ctx, parameter as Facet);
  if ((SEARCH_PARAMETERS as readonly string[]).includes(parameter)) return ctx.t(`search.param.${parameter}`);
  return null;
}

export function renderSearchError(ctx: PageContext, text: string, error: SearchParameterError): string {
  const name = parameterName(ctx, error.parameter);
  const message =
    name === null
      ? ctx.t('search.error.unknown', { parameter: error.parameter })
      : error.value === '' || error.value === error.parameter
        ? ctx.t('search.error.invalid', { parameter: error.parameter, name })
        : ctx.t('search.error.invalidValue', {
            parameter: error.parameter,
            name,
            value: shortenText(error.value, 60),
          });
  const mainHtml = `<div class="search-page">
<h1>${escapeHtml(ctx.t('search.title.browse'))}</h1>
<div class="search-error" role="alert">
<h2>${escapeHtml(ctx.t('search.error.heading'))}</h2>
<p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(ctx.href('/search'))}">${escapeHtml(ctx.t('search.error.restart'))}</a></p>
</div>
${searchForm(ctx, text)}
</div>`;
  return renderPage({ ctx, title: ctx.t('search.error.heading'), mainHtml });
}

export function registerSearchPage(app: FastifyInstance, deps: PageDeps): void {
  localizedPage(app, '/search', async (ctx, request, reply) => {
    const raw = (request.query ?? {}) as RawQuery;
    try {
      const state = readSearchState(ctx, raw);
      const [response, names] = await Promise.all([
        deps.search.search(state.request),
        sourceNameMap(deps.sources),
      ]);
      return renderSearchPage(ctx, state, response, names);
    } catch (error) {
      if (!(error instanceof SearchParameterError)) throw error;
      void reply.code(400);
      return renderSearchError(ctx, rawSearchText(raw), error);
    }
  });
}
