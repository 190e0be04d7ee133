// The JSON API of the source registry: `GET /api/v1/sources` lists the sources, `GET /api/v1/sources/{id}`
// gives one with its record counts, latest harvest runs and metadata quality (score and the fixes its
// repository manager can act on, and the outcome of the last link checks). Errors come out through the web error mapper with their stable codes.
import type { FastifyInstance } from 'fastify';
import type { Source } from '../../domain/catalog.js';
import type { SourceService } from '../../services/source-service.js';

function publicSource(source: Source) {
  return {
    id: source.id,
    name: source.name,
    url: source.url,
    protocol: source.protocol,
    format: source.format,
    sets: source.sets,
    excludeSets: source.excludeSets,
    schedule: source.schedule,
    country: source.country,
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
  };
}

export function registerSourceApi(app: FastifyInstance, sources: SourceService): void {
  app.get('/api/v1/sources', async (_request, reply) => {
    const list = await sources.list();
    void reply.header('cache-control', 'no-cache');
    return { total: list.length, results: list.map(publicSource) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/sources/:id', async (request, reply) => {
    const overview = await sources.show(request.params.id);
    void reply.header('cache-control', 'no-cache');
    return {
      ...publicSource(overview.source),
      records: overview.records,
      lastRuns: overview.lastRuns.map((run) => ({
        id: run.id,
        status: run.status,
        mode: run.mode,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        counts: run.counts,
        errorsByClass: run.errorsByClass,
      })),
      quality: overview.quality,
      links: overview.links,
    };
  });
}
