// Liveness and readiness probes against a real SQLite store: ready, closed, un-migrated and draining.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTestApp, openTestStore } from './web-harness.js';

void describe('GET /healthz', () => {
  void it('answers 200 {"status":"ok"} without caching', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      const res = await app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ok' });
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(String(res.headers['content-type']), /^application\/json/);
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('stays 200 while the database is gone: liveness never depends on it', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      await store.close();
      const res = await app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(res.statusCode, 200);
    } finally {
      await app.close();
      await cleanup();
    }
  });
});

void describe('GET /readyz', () => {
  void it('answers 200 with the backend and schema version of a migrated SQLite store', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), {
        status: 'ready',
        database: { backend: 'sqlite', schemaVersion: store.latestSchemaVersion },
      });
      assert.equal(res.headers['cache-control'], 'no-store');
      // Probes are public: the file path must not show up.
      assert.doesNotMatch(res.body, new RegExp(store.location.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('answers 503 database_unreachable once the store is closed', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      await store.close();
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 503);
      const body = res.json<{ error: { code: string; message: string } }>();
      assert.equal(body.error.code, 'database_unreachable');
      assert.equal(typeof body.error.message, 'string');
      assert.equal(res.headers['cache-control'], 'no-store');
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('answers 503 unavailable for an un-migrated database, naming both schema versions', async () => {
    const { store, cleanup } = await openTestStore({ migrate: false });
    const { app } = await buildTestApp(store);
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 503);
      const body = res.json<{ error: { code: string; details: Record<string, unknown> } }>();
      assert.equal(body.error.code, 'unavailable');
      assert.deepEqual(body.error.details, {
        schemaVersion: 0,
        latestSchemaVersion: store.latestSchemaVersion,
      });
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('answers JSON even when the client prefers HTML', async () => {
    const { store, cleanup } = await openTestStore({ migrate: false });
    const { app } = await buildTestApp(store);
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz', headers: { accept: 'text/html' } });
      assert.equal(res.statusCode, 503);
      assert.match(String(res.headers['content-type']), /^application\/json/);
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('answers 503 unavailable while draining, though the database is fine', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      app.lifecycle.beginDraining();
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json<{ error: { code: string } }>().error.code, 'unavailable');
      assert.equal(res.headers.connection, 'close');
    } finally {
      await app.close();
      await cleanup();
    }
  });
});
