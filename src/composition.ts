// The one place that picks adapters and wires services: embedded SQLite under ATLAS_DATA_DIR by default,
// PostgreSQL when DATABASE_URL is set. Everything else receives what it needs from here.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AtlasConfig } from './config.js';
import { AtlasError } from './domain/errors.js';
import type { MigrationReport, Store } from './ports/store.js';
import { openPostgresStore } from './adapters/postgres/postgres-store.js';
import { openSqliteStore } from './adapters/sqlite/sqlite-store.js';
import { createSqliteSearchIndex } from './adapters/sqlite/sqlite-search-index.js';
import { createPostgresSearchIndex } from './adapters/postgres/postgres-search-index.js';
import type { SearchIndex } from './ports/search-index.js';
import { createSearchIndexer, type SearchIndexer } from './services/search-indexer.js';
import { createSearchService, type SearchService } from './services/search-service.js';
import { createSourceService, type SourceService } from './services/source-service.js';
import { createExportService, type ExportService } from './services/export-service.js';
import { createHarvestService, type HarvestService } from './services/harvest-service.js';
import { createGuardedHttpClient } from './adapters/http/guarded-http-client.js';
import type { HttpClient } from './ports/http-client.js';
import { harvesterFor } from './harvest/registry.js';
import { collectGarbage } from './ingest/heap.js';
import { createExplainService, type ExplainService } from './services/explain-service.js';
import { createWorksService, type WorksService } from './services/works-service.js';
import { createLinkCheckService, type LinkCheckService } from './services/link-check-service.js';
import { PRODUCT_VERSION } from './version.js';

export const SQLITE_FILE_NAME = 'atlas.sqlite';

/** The running product's parts, built once per process. */
export interface Atlas {
  readonly config: AtlasConfig;
  readonly store: Store;
  readonly migration: MigrationReport;
  readonly sources: SourceService;
  readonly exports: ExportService;
  readonly harvests: HarvestService;
  readonly works: WorksService;
  readonly explain: ExplainService;
  readonly index: SearchIndex;
  readonly indexer: SearchIndexer;
  readonly search: SearchService;
  readonly links: LinkCheckService;
  readonly http: HttpClient;
  close(): Promise<void>;
}

/** Makes sure the SQLite data folder exists and is writable; the default folder is created, a chosen one must exist. */
function prepareDataDir(config: AtlasConfig): void {
  const dir = config.dataDir;
  if (!existsSync(dir)) {
    if (config.dataDirExplicit) {
      throw new AtlasError(
        'data_dir_unusable',
        `The data folder ${dir} (ATLAS_DATA_DIR) does not exist. Create it, or point ATLAS_DATA_DIR at an existing folder.`,
        { details: { variable: 'ATLAS_DATA_DIR', path: dir } },
      );
    }
    try {
      mkdirSync(dir, { recursive: true });
    } catch (cause) {
      throw new AtlasError(
        'data_dir_unusable',
        `The data folder ${dir} could not be created: ${(cause as Error).message}`,
        {
          details: { variable: 'ATLAS_DATA_DIR', path: dir },
          cause,
        },
      );
    }
  }
  if (!statSync(dir).isDirectory()) {
    throw new AtlasError('data_dir_unusable', `${dir} (ATLAS_DATA_DIR) is a file, not a folder.`, {
      details: { variable: 'ATLAS_DATA_DIR', path: dir },
    });
  }
  try {
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (cause) {
    throw new AtlasError('data_dir_unusable', `The data folder ${dir} (ATLAS_DATA_DIR) is not writable.`, {
      details: { variable: 'ATLAS_DATA_DIR', path: dir },
      cause,
    });
  }
}

/** Opens the configured store without migrating it. */
export async function openStore(config: AtlasConfig): Promise<Store> {
  if (config.databaseUrl !== null) {
    return openPostgresStore({ connectionString: config.databaseUrl });
  }
  prepareDataDir(config);
  return openSqliteStore({ file: path.join(config.dataDir, SQLITE_FILE_NAME) });
}

/** The search index that lives in the store's database; `searchWorkers` as in AtlasConfig (SQLite only). */
export function searchIndexFor(store: Store, searchWorkers: number | null = null): SearchIndex {
  return store.backend === 'sqlite'
    ? createSqliteSearchIndex(store, searchWorkers === null ? {} : { pool: { workers: searchWorkers } })
    : createPostgresSearchIndex(store);
}

/** The harvester's HTTP client: the address guard, politeness and a User-Agent with the operator's contact. */
export function createHttpClient(config: AtlasConfig): HttpClient {
  const contact = config.harvestContact ?? config.publicUrl;
  return createGuardedHttpClient({
    userAgent: `OER-Atlas/${PRODUCT_VERSION} (${contact === null ? 'harvester' : `+${contact}`})`,
    allowPrivateNetworks: config.allowPrivateNetworks,
    perHostConcurrency: config.harvestConcurrency,
    perHostDelayMs: config.harvestDelayMs,
  });
}

/** Opens the store, applies pending migrations, and wires the services. */
export async function createAtlas(config: AtlasConfig): Promise<Atlas> {
  const store = await openStore(config);
  let migration: MigrationReport;
  try {
    migration = await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  const http = createHttpClient(config);
  const works = createWorksService({ store });
  const index = searchIndexFor(store, config.searchWorkers);
  const indexer = createSearchIndexer({ store, index });
  let closed = false;
  return {
    config,
    store,
    migration,
    sources: createSourceService({ store }),
    exports: createExportService({ store }),
    harvests: createHarvestService({
      store,
      http,
      harvesterFor,
      leaseMs: config.harvestLeaseMs,
      // Grouping decides work ids, which the index collapses results by, so it runs first.
      afterRun: async () => {
        // Each step starts from the live heap, not from the last step's garbage (see collectGarbage).
        collectGarbage();
        await works.groupPending();
        collectGarbage();
        await indexer.indexPending();
      },
    }),
    works,
    explain: createExplainService({ store, http, fileHarvester: harvesterFor('file') }),
    index,
    indexer,
    search: createSearchService({ store, index }),
    links: createLinkCheckService({ store, http, timeoutMs: config.linkCheckTimeoutMs }),
    http,
    async close() {
      if (closed) return;
      closed = true;
      await http.close();
      await store.close();
    },
  };
}
