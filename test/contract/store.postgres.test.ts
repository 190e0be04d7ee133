// Runs the Store contract on the PostgreSQL adapter against a throwaway local cluster, each test in a database
// of its own. Skips with the reason on a machine without PostgreSQL server binaries (fails under CI).
// Must never connect anywhere but the cluster it started on 127.0.0.1.
import { after, before, describe } from 'node:test';
import { openPostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import type { Store } from '../../src/ports/store.js';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.js';
import { skipUnless } from '../support/system-parts.js';
import { defineStoreContract, type StoreHarness } from './store.contract.js';

void describe('PostgreSQL store', { skip: skipUnless('postgresql') }, () => {
  let cluster: PostgresCluster | undefined;

  before(async () => {
    cluster = await startPostgresCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  async function openHarness(): Promise<StoreHarness> {
    if (cluster === undefined) throw new Error('The PostgreSQL cluster did not start.');
    const running = cluster;
    const url = await running.createDatabase();
    const opened: Store[] = [];
    const openOne = async (): Promise<Store> => {
      const store = await openPostgresStore({ connectionString: url, poolSize: 4 });
      opened.push(store);
      return store;
    };
    return {
      store: await openOne(),
      openAnother: openOne,
      cleanup: async () => {
        await Promise.all(opened.map((s) => s.close()));
        await running.dropDatabase(url);
      },
    };
  }

  defineStoreContract('PostgreSQL', openHarness);
});
