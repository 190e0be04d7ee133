// Runs the Store contract on the SQLite adapter, each test on a real database file in its own temp folder.
// Must never touch anything outside the temp folders it creates.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import type { Store } from '../../src/ports/store.js';
import { defineStoreContract, type StoreHarness } from './store.contract.js';

async function openHarness(): Promise<StoreHarness> {
  const folder = await mkdtemp(path.join(tmpdir(), 'oer-atlas-sqlite-'));
  const file = path.join(folder, 'atlas.sqlite');
  const opened: Store[] = [];
  const openOne = async (): Promise<Store> => {
    const store = await openSqliteStore({ file });
    opened.push(store);
    return store;
  };
  return {
    store: await openOne(),
    openAnother: openOne,
    cleanup: async () => {
      await Promise.all(opened.map((s) => s.close()));
      await rm(folder, { recursive: true, force: true });
    },
  };
}

defineStoreContract('SQLite', openHarness);
