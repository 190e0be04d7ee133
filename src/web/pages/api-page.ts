// The API page for developers: the JSON endpoints that exist (search, one resource as AMB JSON-LD, suggestions,
// sources, health probes) with their parameters and example links that work on this installation, and the
// error format with every stable code. Explanations come from the info catalog in the reader's language;
// parameter names, paths and JSON stay as they are, in <code>.
import type { FastifyInstance } from 'fastify';
import { ERROR_CATALOGUE, type ErrorCode } from '../../domain/errors.js';
import { parseSearchParams, SEARCH_PARAMETERS, type SearchParameter } from '../../search/filters.js';
import type { SearchService } from '../../services/search-service.js';
import type { SourceService } from '../../services/source-service.js';
import { cellLabel, messageHtml } from './about-markup.js';
import type { PageContext } from './context.js';
import { escapeHtml, renderPage } from './layout.js';
import { localizedPage } from './routes.js';

export interface ApiPageDeps {
  readonly search: SearchService;
  readonly sources: SourceService;
}

/** Real ids to build example links with, when the catalog has any. */
export interface ApiExamples {
  readonly resourceId: string | null;
  readonly sourceId: string | null;
}

/** An example value for each search parameter (null: none that is meaningful everywhere). */
export const PARAMETER_EXAMPLES: Readonly<Record<SearchParameter, string | null>> = {
  q: 'photosynthesis',
  lang: 'en',
  inLanguage: 'fr,pt-BR',
  license: 'by,by-sa',
  level: '2',
  field: '0511',
  type: 'video',
  accessibility: 'captions',
  source: null,
  country: 'BR',
  free: 'true',
  noLogin: 'true',
  crossLanguage: 'false',
  sort: 'date',
  limit: '50',
  cursor: null,
};

export async function apiExamples(deps: ApiPageDeps): Promise<ApiExamples> {
  let resourceId: string | null = null;
  let sourceId: string | null = null;
  try {
    const [found, sources] = await Promise.all([
      deps.search.search(parseSearchParams({ limit: '1' })),
      deps.sources.list(),
    ]);
    resourceId = found.results[0]?.id ?? null;
    sourceId = sources[0]?.id ?? null;
  } catch {
    // Examples with placeholders instead.
  }
  return { resourceId, sourceId };
}

function exampleLink(href: string): string {
  return `<li><a href="${escapeHtml(href)}"><code>GET ${escapeHtml(href)}</code></a></li>`;
}

function endpointHeading(ctx: PageContext, id: string, key: string, paths: readonly string[]): string {
  return `<h2 id="${id}">${escapeHtml(ctx.t(key))}</h2>
<p class="endpoint-paths">${paths.map((p) => `<code>GET ${escapeHtml(p)}</code>`).join('<br>')}</p>`;
}

function parametersTable(
  ctx: PageContext,
  id: string,
  rows: readonly [string, string, string | null][],
): string {
  const body = rows.map(
    ([name, meaning, example]) =>
      `<tr><th scope="row"><code>${escapeHtml(name)}</code></th><td>${escapeHtml(meaning)}</td><td>${
        example === null
          ? ''
          : `${cellLabel(ctx, ctx.t('info.api.params.example'))}<code>${escapeHtml(example)}</code>`
      }</td></tr>`,
  );
  return `<div class="table-region" role="region" aria-labelledby="${id}" tabindex="0">
<table class="data-table stack-table parameter-table">
<caption id="${id}">${escapeHtml(ctx.t('info.api.params.caption'))}</caption>
<thead><tr><th scope="col">${escapeHtml(ctx.t('info.api.params.name'))}</th><th scope="col">${escapeHtml(ctx.t('info.api.params.meaning'))}</th><th scope="col">${escapeHtml(ctx.t('info.api.params.example'))}</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
</div>`;
}

const ERROR_EXAMPLE = JSON.stringify(
  {
    error: {
      code: 'invalid_parameter',
      message: 'limit must be a whole number from 1 to 100.',
      details: { parameter: 'limit', value: '1000' },
    },
  },
  null,
  2,
);

function errorsTable(ctx: PageContext): string {
  const rows = (Object.keys(ERROR_CATALOGUE) as ErrorCode[]).map(
    (code) =>
      `<tr><th scope="row"><code>${escapeHtml(code)}</code></th><td class="num">${cellLabel(ctx, ctx.t('info.api.errors.status'))}${ERROR_CATALOGUE[code].httpStatus}</td><td>${escapeHtml(ctx.t(`errors.code.${code}`))}</td></tr>`,
  );
  return `<div class="table-region" role="region" aria-labelledby="error-codes" tabindex="0">
<table class="data-table stack-table error-table">
<caption id="error-codes">${escapeHtml(ctx.t('info.api.errors.caption'))}</caption>
<thead><tr><th scope="col">${escapeHtml(ctx.t('info.api.errors.code'))}</th><th scope="col" class="num">${escapeHtml(ctx.t('info.api.errors.status'))}</th><th scope="col">${escapeHtml(ctx.t('info.api.errors.meaning'))}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`;
}

export function renderApiPage(ctx: PageContext, examples: ApiExamples): string {
  const p = (key: string): string => `<p>${escapeHtml(ctx.t(key))}</p>`;
  const searchRows = SEARCH_PARAMETERS.map(
    (name) =>
      [name, ctx.t(`info.api.param.${name}`), PARAMETER_EXAMPLES[name]] as [string, string, string | null],
  );
  const resourceId = examples.resourceId;
  const resourcePath = `/api/v1/resources/${resourceId === null ? '{id}' : encodeURIComponent(resourceId)}`;
  const mainHtml = [
    `<h1>${escapeHtml(ctx.t('info.api.title'))}</h1>`,
    `<p class="lead">${escapeHtml(ctx.t('info.api.lead'))}</p>`,
    p('info.api.conventions'),

    endpointHeading(ctx, 'search', 'info.api.search.heading', ['/api/v1/resources']),
    p('info.api.search.text'),
    p('info.api.search.values'),
    parametersTable(ctx, 'search-params', searchRows),
    `<p>${messageHtml(ctx, 'info.api.search.response', (m) => ({
      fields: m.code('total, results, facets, next, didYouMean, partial, query'),
      next: m.code('next'),
      cursor: m.code('cursor'),
    }))}</p>`,
    `<p>${messageHtml(ctx, 'info.api.search.partial', (m) => ({
      partial: m.code('partial'),
      total: m.code('total'),
    }))}</p>`,
    `<p id="search-examples">${escapeHtml(ctx.t('info.api.examples'))}</p>`,
    `<ul class="example-links" aria-labelledby="search-examples">${[
      '/api/v1/resources?q=photosynthesis',
      '/api/v1/resources?q=water&inLanguage=fr,es&license=by,by-sa&limit=5',
      '/api/v1/resources?level=1&sort=date',
      ...(examples.sourceId === null
        ? []
        : [`/api/v1/resources?source=${encodeURIComponent(examples.sourceId)}`]),
    ]
      .map(exampleLink)
      .join('')}</ul>`,

    endpointHeading(ctx, 'resource', 'info.api.resource.heading', ['/api/v1/resources/{id}']),
    `<p>${messageHtml(ctx, 'info.api.resource.text', (m) => ({ id: m.code('id'), lang: m.code('lang') }))}</p>`,
    resourceId === null
      ? p('info.api.resource.noExample')
      : `<ul class="example-links">${exampleLink(resourcePath)}${exampleLink(`${resourcePath}?lang=${ctx.locale}`)}</ul>`,

    endpointHeading(ctx, 'suggest', 'info.api.suggest.heading', ['/api/v1/suggest']),
    `<p>${messageHtml(ctx, 'info.api.suggest.text', (m) => ({
      q: m.code('q'),
      lang: m.code('lang'),
      limit: m.code('limit'),
    }))}</p>`,
    `<ul class="example-links">${exampleLink('/api/v1/suggest?q=photo&lang=en')}</ul>`,

    endpointHeading(ctx, 'sources', 'info.api.sources.heading', ['/api/v1/sources', '/api/v1/sources/{id}']),
    p('info.api.sources.text'),
    `<ul class="example-links">${exampleLink('/api/v1/sources')}${
      examples.sourceId === null
        ? ''
        : exampleLink(`/api/v1/sources/${encodeURIComponent(examples.sourceId)}`)
    }</ul>`,

    endpointHeading(ctx, 'health', 'info.api.health.heading', ['/healthz', '/readyz']),
    `<p>${messageHtml(ctx, 'info.api.health.text', (m) => ({
      healthz: m.code('/healthz'),
      readyz: m.code('/readyz'),
    }))}</p>`,

    `<h2 id="errors">${escapeHtml(ctx.t('info.api.errors.heading'))}</h2>`,
    `<p>${messageHtml(ctx, 'info.api.errors.text', (m) => ({
      code: m.code('code'),
      message: m.code('message'),
      details: m.code('details'),
    }))}</p>`,
    `<pre class="code-block"><code>${escapeHtml(ERROR_EXAMPLE)}</code></pre>`,
    errorsTable(ctx),

    `<h2 id="json-ld">${escapeHtml(ctx.t('info.api.jsonld.heading'))}</h2>`,
    p('info.api.jsonld.text'),
  ].join('\n');
  return renderPage({ ctx, title: ctx.t('info.api.title'), mainHtml });
}

export function registerApiPage(app: FastifyInstance, deps: ApiPageDeps): void {
  localizedPage(app, '/api', async (ctx) => renderApiPage(ctx, await apiExamples(deps)));
}
