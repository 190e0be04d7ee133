// The real `oer-atlas` command against the real Catmandu OAI-PMH peer (5,000 records): `source add` checks
// the endpoint (Identify, formats, sets, a first page) and refuses a set the repository does not have; a
// source limited with --set harvests exactly that set's records, deletions as tombstones.
// Needs `npm run build`. Must never send traffic anywhere but the peer on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import type { HarvestRun, SourceRecord } from '../../src/domain/catalog.js';
import type { Store } from '../../src/ports/store.js';
import {
  generatePeerRecords,
  isDeleted,
  oaiIdentifier,
  PEER_PAGE_SIZE,
  startCatmanduPeer,
  type CatmanduPeer,
} from '../support/catmandu-peer.js';
import { runBin } from '../support/cli-harness.js';
import { skipUnless } from '../support/system-parts.js';

const RECORDS = 5_000;
const SEED = 7_700_001;

interface AddedSource {
  readonly id: string;
  readonly sets: readonly string[];
  readonly check: {
    readonly repositoryName: string | null;
    readonly deletedRecord: string | null;
    readonly granularity: string | null;
    readonly formats: readonly string[];
    readonly setCount: number | null;
    readonly sample: { readonly records: number; readonly mapped: number; readonly deleted: number };
    readonly warnings: readonly string[];
  };
}

async function allRecords(store: Store, sourceId: string): Promise<SourceRecord[]> {
  const all: SourceRecord[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listSourceRecords(sourceId, { limit: 500, ...(after ? { after } : {}) });
    all.push(...page.items);
    if (page.next === null) return all;
    after = page.next;
  }
}

void describe(
  'oer-atlas source add + harvest against the Catmandu peer',
  { skip: skipUnless('oai-peer') },
  () => {
    const records = generatePeerRecords({ count: RECORDS, seed: SEED });
    let peer: CatmanduPeer;
    let dataDir = '';
    let env: NodeJS.ProcessEnv = {};

    before(async () => {
      peer = await startCatmanduPeer(records);
      dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-peer-cli-'));
      env = {
        ATLAS_DATA_DIR: dataDir,
        ATLAS_ALLOW_PRIVATE_NETWORKS: 'true',
        ATLAS_HARVEST_DELAY_MS: '0',
      };
    });
    after(async () => {
      await peer.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    void it('refuses a set the repository does not have', async () => {
      const result = await runBin(
        ['source', 'add', '--name', 'Peer', '--url', peer.url, '--protocol', 'oai-pmh', '--set', 'videos'],
        { env },
      );
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /error \[oai_error\]: The repository has no set "videos"/);
      const list = await runBin(['source', 'list', '--json'], { env });
      assert.deepEqual(JSON.parse(list.stdout), [], 'nothing was registered');
    });

    void it('harvests exactly the records of the chosen set, deletions as tombstones', async () => {
      const added = await runBin(
        [
          'source',
          'add',
          '--name',
          'Catmandu peer, images',
          '--url',
          peer.url,
          '--protocol',
          'oai-pmh',
          '--set',
          'images',
          '--schedule',
          'manual',
          '--json',
        ],
        { env },
      );
      assert.equal(added.code, 0, added.stderr);
      const source = JSON.parse(added.stdout) as AddedSource;
      assert.deepEqual(source.sets, ['images']);
      assert.equal(source.check.repositoryName, 'Probe OAI DataProvider');
      assert.equal(source.check.deletedRecord, 'persistent');
      assert.equal(source.check.granularity, 'YYYY-MM-DDThh:mm:ssZ');
      assert.deepEqual(source.check.formats, ['oai_dc']);
      assert.equal(source.check.setCount, 2);
      assert.equal(source.check.sample.records, PEER_PAGE_SIZE);
      assert.equal(source.check.sample.mapped + source.check.sample.deleted, PEER_PAGE_SIZE);
      assert.deepEqual(source.check.warnings, []);

      const harvested = await runBin(['harvest', source.id, '--json'], { env, timeoutMs: 90_000 });
      assert.equal(harvested.code, 0, harvested.stderr);
      const run = JSON.parse(harvested.stdout) as HarvestRun;
      const expected = records.filter((r) => r.set.includes('images'));
      const expectedLive = expected.filter((r) => !isDeleted(r));
      assert.equal(run.status, 'succeeded', JSON.stringify(run.report));
      assert.equal(run.mode, 'full');
      assert.deepEqual(run.errorsByClass, {});
      assert.equal(run.counts.new, expectedLive.length);
      assert.equal(run.counts.deleted, expected.length - expectedLive.length);
      assert.equal(run.counts.failed, 0);
      assert.ok(
        expected.some((r) => r.set.length === 2),
        'records in both sets are part of it',
      );

      const store = await openSqliteStore({ file: path.join(dataDir, 'atlas.sqlite') });
      try {
        const stored = await allRecords(store, source.id);
        const want = new Map(expected.map((r) => [oaiIdentifier(r._id), r]));
        assert.equal(stored.length, want.size);
        for (const record of stored) {
          const peerRecord = want.get(record.sourceRecordId);
          assert.ok(peerRecord !== undefined, `${record.sourceRecordId} is not in the images set`);
          assert.equal(record.status, isDeleted(peerRecord) ? 'deleted' : 'active', record.sourceRecordId);
          if (!isDeleted(peerRecord)) {
            assert.ok(
              Object.values(record.record?.name ?? {}).includes(peerRecord.title?.[0] ?? ''),
              `${record.sourceRecordId}: title`,
            );
          }
        }
      } finally {
        await store.close();
      }

      // What a repository manager sees afterwards.
      const shown = await runBin(['source', 'show', source.id], { env });
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(
        shown.stdout,
        new RegExp(
          `records: +${expectedLive.length} active, ${expected.length - expectedLive.length} deleted, 0 failed`,
        ),
      );
    });
  },
);
