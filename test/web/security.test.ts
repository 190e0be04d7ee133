// Security headers (CSP, framing, sniffing, referrer, HSTS) on every kind of response.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../src/web/security.js';
import { buildTestApp, openTestStore } from './web-harness.js';

// Written out in full so that any change to the policy shows up in review.
const EXPECTED_CSP =
  "default-src 'none';script-src 'self';style-src 'self';img-src 'self' https: data:;font-src 'self';" +
  "connect-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none';object-src 'none'";

function assertHardened(headers: Record<string, unknown>, what: string): void {
  assert.equal(headers['content-security-policy'], EXPECTED_CSP, what);
  assert.equal(headers['x-content-type-options'], 'nosniff', what);
  assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin', what);
  assert.equal(headers['cross-origin-opener-policy'], 'same-origin', what);
  assert.equal(headers['x-frame-options'], 'DENY', what);
  assert.equal(headers['x-powered-by'], undefined, what);
}

void describe('security headers', () => {
  void it('exposes the policy it sends', () => {
    assert.equal(CONTENT_SECURITY_POLICY, EXPECTED_CSP);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval/);
  });

  void it('are sent on HTML pages, JSON probes, the stylesheet and error responses', async () => {
    const { store, cleanup } = await openTestStore();
    const { app } = await buildTestApp(store);
    try {
      for (const url of ['/', '/healthz', '/readyz', '/assets/site.css', '/missing', '/api/missing']) {
        const res = await app.inject({ method: 'GET', url });
        assertHardened(res.headers, url);
      }
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('are sent even on a malformed URL that Fastify rejects before routing', async () => {
    const { store, cleanup } = await openTestStore();
    const { app, logs } = await buildTestApp(store);
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/search/%E0%A4%A',
        headers: { accept: 'text/html' },
      });
      assert.equal(res.statusCode, 400);
      assertHardened(res.headers, 'bad url');
      const id = res.headers['x-request-id'];
      assert.equal(typeof id, 'string');
      assert.match(res.body, /invalid_parameter/);
      assert.ok(logs.some((l) => l.msg === 'request completed' && l.reqId === id && l.statusCode === 400));
    } finally {
      await app.close();
      await cleanup();
    }
  });

  void it('leave out HSTS over plain HTTP and send it when the public URL is https', async () => {
    const { store, cleanup } = await openTestStore();
    const plain = await buildTestApp(store, { publicUrl: 'http://atlas.example' });
    const none = await buildTestApp(store);
    const secure = await buildTestApp(store, { publicUrl: 'https://atlas.example' });
    try {
      assert.equal((await plain.app.inject('/')).headers['strict-transport-security'], undefined);
      assert.equal((await none.app.inject('/')).headers['strict-transport-security'], undefined);
      assert.match(
        String((await secure.app.inject('/')).headers['strict-transport-security']),
        /max-age=31536000; includeSubDomains/,
      );
    } finally {
      await plain.app.close();
      await none.app.close();
      await secure.app.close();
      await cleanup();
    }
  });
});
