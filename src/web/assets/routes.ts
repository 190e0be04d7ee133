// Serves the few static assets (the stylesheet and the resource page's script) from memory, with long
// caching and an ETag.
// Never reads the file system at request time, so the compiled build works wherever it is installed.
import type { FastifyInstance } from 'fastify';
import { RESOURCE_JS, RESOURCE_JS_VERSION } from './scripts/resource-js.js';
import { SITE_CSS, SITE_CSS_VERSION } from './site-css.js';

const SITE_CSS_ETAG = `"${SITE_CSS_VERSION}"`;
const RESOURCE_JS_ETAG = `"${RESOURCE_JS_VERSION}"`;

// Pages link the stylesheet with its content hash in the query, so a year-long lifetime is safe: a new build
// links a new URL. A request without the hash still gets the ETag, so it can revalidate cheaply.
const LONG_CACHE = 'public, max-age=31536000, immutable';

/** True when an If-None-Match header (a list, possibly weak, or `*`) already names this ETag. */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

export function registerAssetRoutes(app: FastifyInstance): void {
  app.get('/assets/site.css', (request, reply) => {
    reply.header('cache-control', LONG_CACHE).header('etag', SITE_CSS_ETAG);
    if (matchesEtag(request.headers['if-none-match'], SITE_CSS_ETAG)) {
      return reply.code(304).send();
    }
    return reply.type('text/css; charset=utf-8').send(SITE_CSS);
  });
  app.get('/assets/resource.js', (request, reply) => {
    reply.header('cache-control', LONG_CACHE).header('etag', RESOURCE_JS_ETAG);
    if (matchesEtag(request.headers['if-none-match'], RESOURCE_JS_ETAG)) {
      return reply.code(304).send();
    }
    return reply.type('text/javascript; charset=utf-8').send(RESOURCE_JS);
  });
}
