// Listening on a real port and graceful shutdown: draining, refusing new connections, closing order, exit codes.
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { installGracefulShutdown, startServer, type ShutdownLog } from '../../src/web/server.js';
import { buildTestApp, openTestStore } from './web-harness.js';

interface Fetched {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function get(url: string, agent: http.Agent | false = false): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await delay(5);
  }
}

function recordingLog(): ShutdownLog & { messages: string[] } {
  const messages: string[] = [];
  return {
    messages,
    info: (_details, message) => messages.push(`info: ${message}`),
    error: (_details, message) => messages.push(`error: ${message}`),
  };
}

/** Adds a route that takes `ms` to answer and says when it started and when its response went out. */
function addSlowRoute(app: FastifyInstance, ms: number, events: string[]): Promise<void> {
  return new Promise((entered) => {
    app.get(
      '/slow',
      {
        onResponse: (_request, _reply, done) => {
          events.push('slow request finished');
          done();
        },
      },
      async () => {
        entered();
        await delay(ms);
        return { done: true };
      },
    );
  });
}

void describe('startServer', () => {
  void it('listens on 127.0.0.1 with a free port and returns the URL it bound', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      const { url } = await startServer(app, { host: '127.0.0.1', port: 0 });
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(url, 'http://127.0.0.1:0');
      const res = await get(`${url}/healthz`);
      assert.equal(res.status, 200);
    } finally {
      await app.close();
      await cleanup();
    }
  });
});

void describe('installGracefulShutdown', () => {
  void it('finishes the in-flight request, refuses new connections, then closes the store and exits 0', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    const events: string[] = [];
    const entered = addSlowRoute(app, 300, events);
    const exits: number[] = [];
    const log = recordingLog();
    const { shutdown } = installGracefulShutdown(app, {
      store: {
        close: async () => {
          events.push('store closed');
          await store.close();
        },
      },
      timeoutMs: 5_000,
      log,
      exit: (code) => exits.push(code),
    });
    // A keep-alive agent, like browsers and fetch: the drain must still close its connection.
    const agent = new http.Agent({ keepAlive: true });
    try {
      const { url } = await startServer(app, { host: '127.0.0.1', port: 0 });
      const slow = get(`${url}/slow`, agent);
      await entered;

      const started = Date.now();
      const stopping = shutdown('test');
      await until(() => !app.server.listening);
      await assert.rejects(get(`${url}/healthz`), { code: 'ECONNREFUSED' });

      const response = await slow;
      assert.equal(response.status, 200);
      assert.deepEqual(JSON.parse(response.body), { done: true });
      assert.equal(response.headers.connection, 'close');

      await stopping;
      assert.ok(Date.now() - started < 2_000, 'the drain did not wait for the keep-alive timeout');
      assert.deepEqual(events, ['slow request finished', 'store closed']);
      assert.deepEqual(exits, [0]);
      assert.ok(log.messages.includes('info: shutdown complete'), log.messages.join('\n'));
      assert.equal(shutdown('again'), stopping, 'a second call joins the first');
    } finally {
      agent.destroy();
      await cleanup();
    }
  });

  void it('exits 1 when closing takes longer than the timeout', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    const exits: number[] = [];
    const log = recordingLog();
    const { shutdown } = installGracefulShutdown(app, {
      store: { close: () => new Promise<void>(() => undefined) },
      timeoutMs: 100,
      log,
      exit: (code) => exits.push(code),
    });
    try {
      await startServer(app, { host: '127.0.0.1', port: 0 });
      await shutdown();
      assert.deepEqual(exits, [1]);
      assert.ok(log.messages.some((m) => m.startsWith('error: shutdown did not finish in time')));
    } finally {
      await cleanup();
    }
  });

  void it('exits 1 when the store fails to close', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    const exits: number[] = [];
    const log = recordingLog();
    const { shutdown } = installGracefulShutdown(app, {
      store: { close: () => Promise.reject(new Error('disk on fire')) },
      timeoutMs: 5_000,
      log,
      exit: (code) => exits.push(code),
    });
    try {
      await shutdown();
      assert.deepEqual(exits, [1]);
      assert.ok(log.messages.includes('error: shutdown failed'));
    } finally {
      await cleanup();
    }
  });

  void it('starts on SIGTERM and SIGINT, once, and removes its listeners when it starts', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    const before = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
    const exits: number[] = [];
    let closes = 0;
    const { shutdown } = installGracefulShutdown(app, {
      store: {
        close: async () => {
          closes += 1;
          await store.close();
        },
      },
      timeoutMs: 5_000,
      log: recordingLog(),
      exit: (code) => exits.push(code),
    });
    try {
      const added = {
        SIGTERM: process.listeners('SIGTERM').filter((l) => !before.SIGTERM.includes(l)),
        SIGINT: process.listeners('SIGINT').filter((l) => !before.SIGINT.includes(l)),
      };
      assert.equal(added.SIGTERM.length, 1);
      assert.equal(added.SIGINT.length, 1);
      // Calling the listeners stands in for the signals; emitting real ones would reach the test runner too.
      added.SIGTERM[0]?.('SIGTERM');
      added.SIGINT[0]?.('SIGINT');
      await shutdown();
      assert.equal(closes, 1);
      assert.deepEqual(exits, [0]);
      assert.equal(app.lifecycle.draining, true);
      assert.deepEqual(process.listeners('SIGTERM'), before.SIGTERM);
      assert.deepEqual(process.listeners('SIGINT'), before.SIGINT);
    } finally {
      await cleanup();
    }
  });
});
