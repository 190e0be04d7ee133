// Test wiring for OAI-PMH harvests: a real SQLite store in a temporary folder, the real guarded HTTP client
// (private networks allowed, since the fault server listens on 127.0.0.1) and the harvest service.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { createGuardedHttpClient } from '../../src/adapters/http/guarded-http-client.js';
import type { Source, SourceRecord } from '../../src/domain/catalog.js';
import { harvesterFor } from '../../src/harvest/registry.js';
import type { HttpClient } from '../../src/ports/http-client.js';
import type { Store } from '../../src/ports/store.js';
import {
  createHarvestService,
  type HarvestService,
  type HarvestServiceDeps,
} from '../../src/services/harvest-service.js';
import { newSourceInput } from '../support/source-records.js';

export interface Harness {
  readonly store: Store;
  readonly http: HttpClient;
  readonly harvests: HarvestService;
  readonly dir: string;
  addSource(fields: Partial<Source> & { url: string }): Promise<Source>;
  /** Every record of a source, all statuses, in id order. */
  records(sourceId: string): Promise<SourceRecord[]>;
  close(): Promise<void>;
}

export async function openHarness(
  options: { now?: () => Date; deps?: Partial<HarvestServiceDeps>; dir?: string } = {},
): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'atlas-harvest-'));
  const store = await openSqliteStore({ file: path.join(dir, 'atlas.sqlite') });
  await store.migrate();
  const http = createGuardedHttpClient({
    userAgent: 'OER-Atlas-test',
    allowPrivateNetworks: true,
    defaultTimeoutMs: 5_000,
    defaultIdleTimeoutMs: 1_000,
    defaultRetry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    sleep: () => Promise.resolve(),
  });
  const harvests = createHarvestService({
    store,
    http,
    harvesterFor,
    sleep: () => Promise.resolve(),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...options.deps,
  });
  return {
    store,
    http,
    harvests,
    dir,
    addSource: (fields) => store.createSource(newSourceInput({ name: 'Test repository', ...fields })),
    async records(sourceId) {
      const all: SourceRecord[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.listSourceRecords(sourceId, { limit: 500, ...(after ? { after } : {}) });
        all.push(...page.items);
        if (page.next === null) return all;
        after = page.next;
      }
    },
    async close() {
      await http.close();
      await store.close();
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
