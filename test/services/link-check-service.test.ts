// The rules of link checking (how an answer is classified, how checks in a row add up to a verdict) and the
// background schedule of `serve`, on a real SQLite store and the real guarded HTTP client against a server this
// test starts on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createGuardedHttpClient } from '../../src/adapters/http/guarded-http-client.js';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import type { LinkCheckState } from '../../src/domain/catalog.js';
import { AtlasError } from '../../src/domain/errors.js';
import {
  classifyFailure,
  classifyResponse,
  createLinkCheckService,
  nextLinkState,
  runLinkCheckSchedule,
  type LinkProbe,
} from '../../src/services/link-check-service.js';
import { activeRecordInput, newSourceInput } from '../support/source-records.js';

const URL_A = 'https://oer.example.org/a';
const due = { sourceId: 'src', sourceRecordId: 'r1', url: URL_A };
const T = '2024-05-01T10:00:00.000Z';

function answer(status: number, redirects: string[] = [], redirectStatuses: number[] = []) {
  return { status, url: redirects.at(-1) ?? URL_A, redirects, redirectStatuses };
}

void describe('classifyResponse', () => {
  void it('tells permanent redirects from temporary ones and names the address to give instead', () => {
    assert.equal(classifyResponse(answer(200)).outcome, 'alive');
    assert.equal(classifyResponse(answer(204)).outcome, 'alive');
    const moved = classifyResponse(answer(200, ['https://b.org/x'], [301]));
    assert.deepEqual(moved, {
      outcome: 'redirected',
      httpStatus: 200,
      finalUrl: 'https://b.org/x',
      errorCode: null,
    });
    const temporary = classifyResponse(answer(200, ['https://b.org/x'], [302]));
    assert.equal(temporary.outcome, 'alive');
    for (const status of [303, 307]) {
      assert.equal(
        classifyResponse(answer(200, ['https://b.org/x'], [status])).outcome,
        'alive',
        String(status),
      );
    }
    // 308 then 302: the address to keep is the target of the permanent hop, not the temporary one's.
    const mixed = classifyResponse(answer(200, ['https://b.org/x', 'https://b.org/session'], [308, 302]));
    assert.equal(mixed.outcome, 'redirected');
    assert.equal(mixed.finalUrl, 'https://b.org/x');
    // A redirect that ends on an error page is that error.
    assert.equal(classifyResponse(answer(404, ['https://b.org/x'], [301])).outcome, 'dead');
  });

  void it('calls definitive 4xx dead and access, rate-limit and server trouble inconclusive', () => {
    const outcome = (status: number) => classifyResponse(answer(status));
    for (const status of [400, 404, 405, 410, 414, 451])
      assert.equal(outcome(status).outcome, 'dead', String(status));
    for (const status of [401, 403, 407, 408, 429, 500, 502, 503, 504, 599, 304]) {
      assert.equal(outcome(status).outcome, 'inconclusive', String(status));
    }
    assert.equal(outcome(404).errorCode, 'http_not_found');
    assert.equal(outcome(410).errorCode, 'http_gone');
    assert.equal(outcome(403).errorCode, 'http_forbidden');
    assert.equal(outcome(429).errorCode, 'http_rate_limited');
    assert.equal(outcome(503).errorCode, 'http_server_error');
  });
});

void describe('classifyFailure', () => {
  void it('gives each client failure its stable code, and the guard its own outcome', () => {
    const code = (error: unknown) => classifyFailure(error);
    assert.deepEqual(code(new AtlasError('address_forbidden', 'no')), {
      outcome: 'not_checked',
      httpStatus: null,
      finalUrl: null,
      errorCode: 'address_forbidden',
    });
    assert.equal(code(new AtlasError('request_timeout', 'slow')).errorCode, 'timeout');
    assert.equal(
      code(new AtlasError('harvest_loop', 'loop', { details: { reason: 'too_many_redirects' } })).errorCode,
      'too_many_redirects',
    );
    assert.equal(
      code(new AtlasError('source_unreachable', 'x', { details: { reason: 'refused' } })).errorCode,
      'connection_refused',
    );
    assert.equal(
      code(new AtlasError('source_unreachable', 'x', { details: { dnsCode: 'ENOTFOUND' } })).errorCode,
      'dns_failure',
    );
    const exhausted = code(new AtlasError('http_error', 'x', { details: { status: 503 } }));
    assert.deepEqual([exhausted.outcome, exhausted.httpStatus], ['inconclusive', 503]);
    assert.equal(code(new Error('bug')).outcome, 'inconclusive');
  });
});

void describe('nextLinkState', () => {
  const probe = (outcome: LinkProbe['outcome']): LinkProbe => ({
    outcome,
    httpStatus: outcome === 'dead' ? 404 : null,
    finalUrl: null,
    errorCode: outcome === 'alive' ? null : 'x',
  });

  void it('counts inconclusive checks in a row and keeps the earlier verdict until the third', () => {
    let state: LinkCheckState | null = nextLinkState(due, probe('alive'), null, T);
    assert.deepEqual([state.verdict, state.failures], ['alive', 0]);
    state = nextLinkState(due, probe('inconclusive'), state, T);
    assert.deepEqual([state.verdict, state.failures], ['alive', 1]);
    state = nextLinkState(due, probe('inconclusive'), state, T);
    assert.deepEqual([state.verdict, state.failures], ['alive', 2]);
    state = nextLinkState(due, probe('inconclusive'), state, T);
    assert.deepEqual([state.verdict, state.failures], ['dead', 3]);
    state = nextLinkState(due, probe('redirected'), state, T);
    assert.deepEqual([state.verdict, state.failures], ['redirected', 0]);
    state = nextLinkState(due, probe('dead'), state, T);
    assert.deepEqual([state.verdict, state.failures], ['dead', 1], 'a definitive answer counts at once');
    state = nextLinkState(due, probe('not_checked'), state, T);
    assert.deepEqual([state.verdict, state.failures], ['unchecked', 1], 'a forbidden address is not dead');
  });

  void it('starts counting again for a url other than the one checked before', () => {
    const before = nextLinkState(due, probe('inconclusive'), null, T);
    const twice = nextLinkState(due, probe('inconclusive'), before, T);
    const moved = nextLinkState({ ...due, url: `${URL_A}/v2` }, probe('inconclusive'), twice, T);
    assert.equal(moved.failures, 1);
    assert.equal(moved.verdict, 'unchecked');
  });
});

void describe('runLinkCheckSchedule', () => {
  void it('checks a slice of the hourly budget per round and stops when told', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-link-schedule-'));
    const store = await openSqliteStore({ file: path.join(dir, 'atlas.sqlite') });
    const http = createGuardedHttpClient({ userAgent: 'OER-Atlas-test', allowPrivateNetworks: false });
    try {
      await store.migrate();
      const source = await store.createSource(
        newSourceInput({ name: 'Local', url: `${base}/oai`, allowPrivateNetwork: true }),
      );
      await store.upsertSourceRecords(
        ['r1', 'r2', 'r3'].map((id) =>
          activeRecordInput(
            source.id,
            id,
            {
              id,
              type: ['LearningResource'],
              name: { en: `Lesson ${id}` },
              url: `${base}/${id}`,
              provenance: [{ sourceId: source.id, sourceRecordId: id, harvestedAt: T, fields: ['name'] }],
            },
            T,
          ),
        ),
      );
      const links = createLinkCheckService({ store, http, timeoutMs: 2_000 });
      const stop = new AbortController();
      const waits: number[] = [];
      let rounds = 0;
      await runLinkCheckSchedule({
        links,
        perHour: 12,
        signal: stop.signal,
        afterRound: () => {
          rounds += 1;
          return Promise.resolve();
        },
        log: {
          info: () => undefined,
          warn: (details) => assert.fail(JSON.stringify(details)),
        },
        sleep: (ms) => {
          waits.push(ms);
          if (waits.length === 1) stop.abort();
          return Promise.resolve();
        },
      });
      assert.deepEqual(waits, [600_000], 'one round, then a ten-minute wait');
      assert.equal(rounds, 1);
      const checks = await store.getLinkChecks(source.id, ['r1', 'r2', 'r3']);
      assert.deepEqual(
        [...checks.keys()].sort(),
        ['r1', 'r2'],
        'twelve an hour: two per round, in ref order',
      );
      assert.deepEqual(hits, ['HEAD /r1', 'HEAD /r2']);
      await runLinkCheckSchedule({
        links,
        perHour: 0,
        signal: new AbortController().signal,
        log: { info: () => undefined, warn: () => undefined },
      });
      assert.equal(hits.length, 2, 'a budget of 0 checks nothing');
    } finally {
      await http.close();
      await store.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
