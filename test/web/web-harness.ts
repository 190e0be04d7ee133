// Shared setup for the web tests: a real SQLite store in a temporary folder and an app whose log lines are
// captured as parsed JSON objects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import type { Store } from '../../src/ports/store.js';
import { buildApp, type WebDeps } from '../../src/web/app.js';
import { createSourceService } from '../../src/services/source-service.js';
import { searchIndexFor } from '../../src/composition.js';
import { createSearchService } from '../../src/services/search-service.js';

export interface TestStore {
  readonly store: Store;
  /** Closes the store (harmless when already closed) and removes its folder. */
  readonly cleanup: () => Promise<void>;
}

export async function openTestStore(options: { migrate?: boolean } = {}): Promise<TestStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-web-'));
  const store = await openSqliteStore({ file: path.join(dir, 'atlas.sqlite') });
  if (options.migrate ?? true) await store.migrate();
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type LogLine = Record<string, unknown>;

/** A writable that keeps every pino line, parsed. */
export function logCollector(): { stream: Writable; lines: LogLine[] } {
  const lines: LogLine[] = [];
  let pending = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      pending += chunk.toString();
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        const text = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (text.trim() !== '') lines.push(JSON.parse(text) as LogLine);
        newline = pending.indexOf('\n');
      }
      callback();
    },
  });
  return { stream, lines };
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly logs: LogLine[];
}

export async function buildTestApp(store: Store, overrides: Partial<WebDeps> = {}): Promise<TestApp> {
  const { stream, lines } = logCollector();
  const app = await buildApp({
    store,
    sources: createSourceService({ store }),
    search: createSearchService({ store, index: searchIndexFor(store) }),
    logLevel: 'debug',
    logStream: stream,
    ...overrides,
  });
  return { app, logs: lines };
}
