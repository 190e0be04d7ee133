// The JSON search API: `GET /api/v1/resources?q=&lang=&...` searches the catalog (parameters validated by
// src/search/filters.ts, so a wrong one is a 400 `invalid_parameter` naming it), `GET /api/v1/resources/{id}`
// gives one result's record as AMB JSON-LD, and `GET /api/v1/suggest?q=` completes what a user is typing.
import type { FastifyInstance } from 'fastify';
import { AtlasError } from '../../domain/errors.js';
import { profileToAmb } from '../../formats/amb/profile-to-amb.js';
import { parseSearchParams, SearchParameterError } from '../../search/filters.js';
import type { SearchService } from '../../services/search-service.js';

type Query = Record<string, string | string[] | undefined>;

const MAX_SUGGESTIONS = 20;

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    if (new Set(value).size > 1) {
      throw new SearchParameterError(name, value.join(','), `${name} may be given only once.`);
    }
    return value[0];
  }
  return value;
}

/** The language the client reads, validated and canonicalized exactly as the search API does; null when absent. */
function readerLanguage(query: Query): string | null {
  const raw = single(query, 'lang');
  return raw === undefined ? null : parseSearchParams({ lang: raw }).lang;
}

export function registerResourceApi(app: FastifyInstance, search: SearchService): void {
  app.get('/api/v1/resources', async (request, reply) => {
    const params = parseSearchParams(request.query as Query);
    const response = await search.search(params);
    void reply.header('cache-control', 'no-cache');
    return response;
  });

  app.get<{ Params: { id: string } }>('/api/v1/resources/:id', async (request, reply) => {
    const found = await search.resource(request.params.id);
    if (found === null) {
      throw new AtlasError(
        'not_found',
        `There is no resource ${JSON.stringify(request.params.id.slice(0, 200))}.`,
        {
          details: { id: request.params.id.slice(0, 200) },
        },
      );
    }
    const lang = readerLanguage(request.query as Query);
    const doc = profileToAmb(found.record, lang === null ? {} : { language: lang });
    void reply.header('cache-control', 'no-cache');
    void reply.type('application/ld+json; charset=utf-8');
    return doc;
  });

  app.get('/api/v1/suggest', async (request, reply) => {
    const query = request.query as Query;
    for (const name of Object.keys(query)) {
      if (name !== 'q' && name !== 'lang' && name !== 'limit') {
        throw new SearchParameterError(
          name,
          '',
          `${name} is not a parameter of /api/v1/suggest (q, lang, limit).`,
        );
      }
    }
    const q = single(query, 'q') ?? '';
    if (q.length > 200) throw new SearchParameterError('q', q, 'q must be at most 200 characters.');
    const rawLimit = single(query, 'limit');
    const limit = rawLimit === undefined || rawLimit === '' ? 10 : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SUGGESTIONS) {
      throw new SearchParameterError(
        'limit',
        rawLimit ?? '',
        `limit must be a whole number from 1 to ${MAX_SUGGESTIONS}.`,
      );
    }
    const suggestions = await search.suggest(q, readerLanguage(query), limit);
    void reply.header('cache-control', 'public, max-age=60');
    return { q, suggestions };
  });
}
