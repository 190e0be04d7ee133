// Liveness (/healthz) and readiness (/readyz) for load balancers and orchestrators, plus the draining flag
// that graceful shutdown raises. Never reveals where the data lives or why a driver failed: probes are
// public, so they answer with codes and versions only.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AtlasError, isAtlasError } from '../domain/errors.js';
import type { Store } from '../ports/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Decorated by buildApp; graceful shutdown raises the draining flag through it. */
    readonly lifecycle: AppLifecycle;
  }
}

/** Whether the app still takes new work. Shared by the readiness route and graceful shutdown. */
export interface AppLifecycle {
  readonly draining: boolean;
  /** From now on readiness fails, so a load balancer sends traffic elsewhere. Cannot be undone. */
  beginDraining(): void;
}

export function createLifecycle(): AppLifecycle {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    beginDraining() {
      draining = true;
    },
  };
}

export interface HealthDeps {
  readonly store: Pick<Store, 'ping' | 'schemaVersion' | 'latestSchemaVersion' | 'backend'>;
  readonly lifecycle: AppLifecycle;
  /** How long the database may take to answer before readiness gives up; probes must answer quickly. */
  readonly databaseTimeoutMs?: number;
}

// Response schemas double as an allow-list: fast-json-stringify drops any property not named here.
const LivenessSchema = Type.Object({ status: Type.Literal('ok') });
const ReadinessSchema = Type.Object({
  status: Type.Literal('ready'),
  database: Type.Object({ backend: Type.String(), schemaVersion: Type.Integer() }),
});

const DEFAULT_DATABASE_TIMEOUT_MS = 2_000;

/** Rejects with `database_unreachable` when `work` has not settled in time (a hung pool must not hang probes). */
async function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new AtlasError('database_unreachable', `The database did not answer within ${timeoutMs} ms.`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkDatabase(deps: HealthDeps): Promise<number> {
  const { store } = deps;
  let version: number;
  try {
    await store.ping();
    version = await store.schemaVersion();
  } catch (error) {
    if (isAtlasError(error) && error.code === 'database_unreachable') throw error;
    throw new AtlasError('database_unreachable', 'The database does not answer.', { cause: error });
  }
  if (version < store.latestSchemaVersion) {
    throw new AtlasError(
      'unavailable',
      `The database schema is at version ${version} but this build needs ${store.latestSchemaVersion}; run "oer-atlas migrate".`,
      { details: { schemaVersion: version, latestSchemaVersion: store.latestSchemaVersion } },
    );
  }
  if (version > store.latestSchemaVersion) {
    throw new AtlasError(
      'unavailable',
      `The database schema is at version ${version}, newer than this build knows (${store.latestSchemaVersion}).`,
      { details: { schemaVersion: version, latestSchemaVersion: store.latestSchemaVersion } },
    );
  }
  return version;
}

export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  const timeoutMs = deps.databaseTimeoutMs ?? DEFAULT_DATABASE_TIMEOUT_MS;

  // Liveness says only that the process still serves requests; it must not touch the database, or a slow
  // database would get a healthy process restarted.
  app.get('/healthz', { schema: { response: { 200: LivenessSchema } } }, (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' as const };
  });

  app.get('/readyz', { schema: { response: { 200: ReadinessSchema } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (deps.lifecycle.draining) {
      throw new AtlasError('unavailable', 'OER Atlas is shutting down and takes no new work.');
    }
    const schemaVersion = await withDeadline(checkDatabase(deps), timeoutMs);
    return { status: 'ready' as const, database: { backend: deps.store.backend, schemaVersion } };
  });
}
