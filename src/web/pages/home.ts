// The home page: a server-rendered entry point with the search form and links for operators.
// Never depends on client-side script; the page must work (and be accessible) with HTML and CSS alone.
import type { FastifyInstance } from 'fastify';
import { renderPage } from './layout.js';

export function renderHomePage(): string {
  // The search form already points at /search so keyboard and screen-reader users meet the final markup;
  // the route itself arrives with the search service.
  const mainHtml = `<h1>Discover open educational resources</h1>
<p>OER Atlas brings together open textbooks, courses and learning materials from many repositories, in many languages.</p>
<form class="search-form" action="/search" method="get" role="search">
<label for="search-query">Search open educational resources</label>
<input id="search-query" name="q" type="search" autocomplete="off" spellcheck="true">
<button type="submit">Search</button>
</form>
<h2>Service status</h2>
<ul>
<li><a href="/healthz">Liveness check</a> (is the server running?)</li>
<li><a href="/readyz">Readiness check</a> (can the server reach its database?)</li>
</ul>`;
  return renderPage({ title: 'OER Atlas', mainHtml });
}

export function registerHomeRoutes(app: FastifyInstance): void {
  // Rendered once: the page has no per-request content yet.
  const html = renderHomePage();
  app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
}
