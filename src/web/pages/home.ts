// The home page: the search form and what the catalog holds. Works with HTML and CSS alone.
import type { FastifyInstance } from 'fastify';
import type { PageContext } from './context.js';
import { escapeHtml, renderPage } from './layout.js';
import { localizedPage } from './routes.js';

/** The search form shared by the home and results pages. */
export function searchForm(ctx: PageContext, value = ''): string {
  return `<form class="search-form" action="${escapeHtml(ctx.href('/search'))}" method="get" role="search">
<label for="search-query">${escapeHtml(ctx.t('common.search.label'))}</label>
<input id="search-query" name="q" type="search" value="${escapeHtml(value)}" autocomplete="off" spellcheck="true">
<button type="submit">${escapeHtml(ctx.t('common.search.button'))}</button>
</form>`;
}

export function renderHomePage(ctx: PageContext): string {
  const mainHtml = `<h1>${escapeHtml(ctx.t('home.title'))}</h1>
<p>${escapeHtml(ctx.t('home.intro'))}</p>
${searchForm(ctx)}`;
  return renderPage({ ctx, title: 'OER Atlas', mainHtml });
}

export function registerHomePage(app: FastifyInstance): void {
  localizedPage(app, '/', (ctx) => renderHomePage(ctx));
}
