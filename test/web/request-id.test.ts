// Request ids: which incoming ids are kept, that every response echoes one and that logs carry it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSafeRequestId } from '../../src/web/request-id.js';
import { buildTestApp, openTestStore } from './web-harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

void describe('isSafeRequestId', () => {
  void it('accepts 1 to 64 letters, digits, dots, underscores and hyphens', () => {
    for (const id of ['a', 'req-42', 'trace_id.7', 'x'.repeat(64), '01HZX3J7Q5M4ZK']) {
      assert.equal(isSafeRequestId(id), true, id);
    }
  });

  void it('rejects empty, long, spaced, markup, newline and non-string values', () => {
    for (const id of ['', 'x'.repeat(65), 'a b', '<script>', 'a\nb', 'a,b', 'é', undefined, ['a']]) {
      assert.equal(isSafeRequestId(id), false, JSON.stringify(id));
    }
  });
});

void describe('request ids', () => {
  void it('generates a UUID when none is sent, echoes it and logs it with the request line', async () => {
    const { store, cleanup } = await openTestStore();
    const { app, logs } = await buildTestApp(store);
    try {
      const res = await app.inject({ method: 'GET', url: '/healthz?token=secret' });
      const id = res.headers['x-request-id'];
      assert.equal(typeof id, 'string');
      assert.match(String(id), UUID);
      const line = logs.find((l) => l.msg === 'request completed');
      assert.ok(line, 'one completion line per request');
      assert.equal(line.reqId, id);
      assert.equal(line.method, 'GET');
      assert.equal(line.path, '/healthz');
      assert.equal(line.statusCode, 200);
      assert.equal(typeof line.responseTimeMs, 'number');
      assert.equal(
        logs.some((l) => JSON.stringify(l).includes('secret')),
        false,
        'query strings stay out of the logs',
      );
      assert.equal(logs.filter((l) => l.reqId === id).length, 1, 'a single line for a plain request');
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('keeps a safe incoming X-Request-Id', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/',
        headers: { 'x-request-id': 'edge-proxy.42_a' },
      });
      assert.equal(res.headers['x-request-id'], 'edge-proxy.42_a');
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('replaces an unsafe or overlong incoming id with a fresh one', async () => {
    const { store, cleanup } = await openTestStore();
    const { app, logs } = await buildTestApp(store);
    try {
      for (const hostile of ['<script>alert(1)</script>', 'a b', 'x'.repeat(65), 'forged\\"}']) {
        const res = await app.inject({
          method: 'GET',
          url: '/healthz',
          headers: { 'x-request-id': hostile },
        });
        assert.match(String(res.headers['x-request-id']), UUID, hostile);
      }
      assert.equal(
        logs.some((l) => JSON.stringify(l).includes('alert(1)')),
        false,
      );
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('echoes the id on 404s and on errors', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    app.get('/api/boom', () => {
      throw new Error('kaboom');
    });
    try {
      const notFound = await app.inject({
        method: 'GET',
        url: '/nowhere',
        headers: { 'x-request-id': 'id-404' },
      });
      assert.equal(notFound.statusCode, 404);
      assert.equal(notFound.headers['x-request-id'], 'id-404');
      const failed = await app.inject({
        method: 'GET',
        url: '/api/boom',
        headers: { 'x-request-id': 'id-500' },
      });
      assert.equal(failed.statusCode, 500);
      assert.equal(failed.headers['x-request-id'], 'id-500');
    } finally {
      await app.close();
      await cleanup();
    }
  });
});
