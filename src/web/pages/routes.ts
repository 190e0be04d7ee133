// Registers the portal's pages once per UI language (/en/..., /ar/...), and the redirects that pick a
// language from Accept-Language for `/` and the few unprefixed paths people type or bookmark.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUiLocale, negotiateLocale, UI_LOCALES, type UiLocale } from '../i18n/locales.js';
import { createPageContext, type PageContext } from './context.js';

/** A page: HTML for the request in ctx's language. Throw an AtlasError for 4xx/5xx (the error mapper renders it). */
export type PageHandler = (
  ctx: PageContext,
  request: FastifyRequest,
  reply: FastifyReply,
) => string | Promise<string>;

/** The path after the language prefix, without the query string ("/en/search?q=x" -> "/search"). */
function pathAfterLocale(url: string, locale: UiLocale): string {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  const rest = path.slice(locale.length + 1);
  return rest === '' ? '/' : rest;
}

function searchOf(url: string): string {
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start);
}

/**
 * Registers `GET /{locale}{path}` for every UI language. `path` is a Fastify route path ("/", "/search",
 * "/resources/:id"). Pages are revalidated on every visit (their ETag makes that cheap).
 */
export function localizedPage(app: FastifyInstance, path: string, handler: PageHandler): void {
  for (const locale of UI_LOCALES) {
    const route = path === '/' ? `/${locale}/` : `/${locale}${path}`;
    app.get(route, async (request, reply) => {
      const ctx = createPageContext(locale, pathAfterLocale(request.url, locale), searchOf(request.url));
      const html = await handler(ctx, request, reply);
      return reply
        .header('cache-control', 'no-cache')
        .header('content-language', locale)
        .type('text/html; charset=utf-8')
        .send(html);
    });
    // "/fr" alone goes to "/fr/".
    if (path === '/') app.get(`/${locale}`, (_request, reply) => reply.redirect(`/${locale}/`, 301));
  }
}

/** Unprefixed paths that redirect to the reader's language, keeping the query string. */
const NEGOTIATED_PATHS = ['/', '/search', '/sources', '/about'] as const;

export function registerLanguageRedirects(app: FastifyInstance): void {
  for (const path of NEGOTIATED_PATHS) {
    app.get(path, (request, reply) => {
      const locale = negotiateLocale(request.headers['accept-language']);
      const target = path === '/' ? `/${locale}/` : `/${locale}${path}`;
      return reply
        .header('vary', 'Accept-Language')
        .header('cache-control', 'no-cache')
        .redirect(`${target}${searchOf(request.url)}`, 302);
    });
  }
}

/** The UI language named by a request's first path segment, if any (for error pages). */
export function localeOfUrl(url: string): UiLocale | null {
  const first = url.split(/[/?#]/)[1] ?? '';
  return isUiLocale(first) ? first : null;
}
