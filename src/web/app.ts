// Builds the Fastify application of the web surface: structured logs, request ids, security headers, the
// error mapper, health probes, the stylesheet and the pages. Never imports an adapter: the store and (later)
// the services arrive through WebDeps, wired by the composition root.
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import etag from '@fastify/etag';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Store } from '../ports/store.js';
import type { SearchService } from '../services/search-service.js';
import type { SourceService } from '../services/source-service.js';
import { registerResourceApi } from './api/resources.js';
import { registerSourceApi } from './api/sources.js';
import { registerAssetRoutes } from './assets/routes.js';
import { handleFrameworkError, pathOf, registerErrorHandlers } from './errors.js';
import { createLifecycle, registerHealthRoutes } from './health.js';
import { registerPages } from './pages/index.js';
import { registerRequestIdEcho, requestIdFor } from './request-id.js';
import { registerSecurityHeaders } from './security.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything the web surface depends on, passed in as one object. */
export interface WebDeps {
  readonly store: Store;
  readonly sources: SourceService;
  readonly search: SearchService;
  readonly logLevel: LogLevel;
  /** The address users reach us at (behind a proxy it differs from the listening address). */
  readonly publicUrl?: string;
  /** Where log lines go instead of stdout; tests use it to read the logs. */
  readonly logStream?: NodeJS.WritableStream;
}

/**
 * One log line per request, written when the response is done, instead of Fastify's pair of
 * "incoming request" / "request completed" lines. The query string is left out: it may carry tokens.
 */
class ConciseRequestLog extends LogController {
  override incomingRequest(): void {
    // Intentionally silent: the completion line says everything.
  }

  override routeNotFound(): void {
    // Intentionally silent: the not-found handler renders the error and the completion line records the 404.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      path: pathOf(request.url),
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) {
      // The connection failed while the response was being written (usually the client went away).
      request.log.warn({ ...line, err: error }, 'request errored');
    } else {
      request.log.info(line, 'request completed');
    }
  }
}

export async function buildApp(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: deps.logLevel,
      // ISO timestamps read better in a terminal and sort the same as epoch milliseconds.
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      ...(deps.logStream !== undefined ? { stream: deps.logStream } : {}),
    },
    logController: new ConciseRequestLog(),
    genReqId: requestIdFor,
    // While draining we still answer requests on open connections with our own responses (readiness says
    // 503 in the catalogue's shape) rather than Fastify's bare 503; new connections are refused anyway.
    return503OnClosing: false,
    // Ids of records not grouped into a work are "source/record-id", URL-encoded; OAI identifiers and URLs
    // used as record ids easily pass Fastify's default of 100 characters.
    routerOptions: { maxParamLength: 2000 },
    frameworkErrors: handleFrameworkError,
  });

  const lifecycle = createLifecycle();
  app.decorate('lifecycle', lifecycle);

  await registerSecurityHeaders(app, deps.publicUrl !== undefined ? { publicUrl: deps.publicUrl } : {});
  registerRequestIdEcho(app);
  app.addHook('onSend', (_request, reply, payload, done) => {
    // Responses finishing during shutdown close their connection, so keep-alive clients reconnect to
    // another instance and the server can finish closing.
    if (lifecycle.draining) reply.header('connection', 'close');
    done(null, payload);
  });
  registerErrorHandlers(app);
  // Pages and JSON are compressed (brotli or gzip, as the client accepts) and carry an ETag, so a
  // revalidation costs a 304 and a slow connection gets a fraction of the bytes.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    // Quality 4 compresses HTML nearly as well as the default 11 at a small fraction of the CPU time.
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(etag, { weak: true });

  registerHealthRoutes(app, { store: deps.store, lifecycle });
  registerAssetRoutes(app);
  registerPages(app, { store: deps.store, search: deps.search, sources: deps.sources });
  registerSourceApi(app, deps.sources);
  registerResourceApi(app, deps.search);
  return app;
}
