// The guarded HTTP client against real servers on 127.0.0.x: address guard and pinning, redirects,
// retries, timeouts, caps, decoding and politeness. Must never send a byte beyond loopback: where the
// guard must refuse, private networks are forbidden so loopback itself is the refused address, and names
// resolve through an injected table of 127.0.0.x addresses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import {
  createGuardedHttpClient,
  type GuardedHttpClientOptions,
} from '../../../src/adapters/http/guarded-http-client.js';
import { AtlasError } from '../../../src/domain/errors.js';
import type { HttpClient } from '../../../src/ports/http-client.js';
import { startFaultOaiServer, type FaultOaiServer } from '../../support/fault-oai-server.js';
import { closedPort, recordingSleep, startLoopbackServer, type LoopbackServer } from './loopback-server.js';

const UA = 'OER-Atlas/0.1 (+https://atlas.invalid/contact)';
const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5_000 };

function client(overrides: Partial<GuardedHttpClientOptions> = {}): HttpClient {
  return createGuardedHttpClient({
    userAgent: UA,
    allowPrivateNetworks: true,
    defaultRetry: FAST_RETRY,
    sleep: () => Promise.resolve(),
    defaultIdleTimeoutMs: 2_000,
    defaultTimeoutMs: 5_000,
    ...overrides,
  });
}

/** Resolves only the names a test lists; anything else fails like an unknown name, without real DNS. */
function fakeResolver(table: Record<string, string[]>): {
  resolve: (name: string) => Promise<string[]>;
  asked: string[];
} {
  const asked: string[] = [];
  return {
    asked,
    resolve: (name) => {
      asked.push(name);
      const found = table[name];
      return found === undefined
        ? Promise.reject(Object.assign(new Error(`unknown test name ${name}`), { code: 'ENOTFOUND' }))
        : Promise.resolve(found);
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<AtlasError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AtlasError, `expected an AtlasError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

void describe('address guard', () => {
  let one: FaultOaiServer;
  let two: FaultOaiServer;
  before(async () => {
    one = await startFaultOaiServer({ records: 5 });
    two = await startFaultOaiServer({ records: 5, host: '127.0.0.2' });
  });
  after(async () => {
    await one.close();
    await two.close();
  });

  void it('refuses 127.0.0.1 and 127.0.0.2 before connecting when private networks are not allowed', async () => {
    const http = client({ allowPrivateNetworks: false });
    try {
      for (const server of [one, two]) {
        const before = server.requests.length;
        const error = await rejection(http.fetch({ url: `${server.url}?verb=Identify` }));
        assert.equal(error.code, 'address_forbidden');
        assert.match(error.message, new RegExp(server.host.replace(/\./g, '\\.')));
        assert.match(error.message, /ATLAS_ALLOW_PRIVATE_NETWORKS/);
        assert.equal(error.details?.attempts, 1, 'a refusal is not retried');
        assert.equal(server.requests.length, before, 'the server must not have been contacted');
      }
    } finally {
      await http.close();
    }
  });

  void it('refuses a name that resolves to loopback, and never asks the system resolver', async () => {
    const names = fakeResolver({ 'repo.test': ['127.0.0.1'] });
    const http = client({ allowPrivateNetworks: false, resolve: names.resolve });
    try {
      const before = one.requests.length;
      const error = await rejection(http.fetch({ url: `http://repo.test:${one.port}/oai?verb=Identify` }));
      assert.equal(error.code, 'address_forbidden');
      assert.deepEqual(error.details?.host, 'repo.test');
      assert.deepEqual(error.details?.address, '127.0.0.1');
      assert.deepEqual(names.asked, ['repo.test']);
      assert.equal(one.requests.length, before);
    } finally {
      await http.close();
    }
  });

  void it('allows loopback when the client allows private networks, or the request does', async () => {
    const open = client({ allowPrivateNetworks: true });
    const closed = client({ allowPrivateNetworks: false });
    try {
      const a = await open.fetch({ url: `${two.url}?verb=Identify` });
      assert.equal(a.status, 200);
      assert.match(a.body.toString('utf8'), /<Identify>/);
      const b = await closed.fetch({ url: `${one.url}?verb=Identify`, allowPrivateNetwork: true });
      assert.equal(b.status, 200);
    } finally {
      await open.close();
      await closed.close();
    }
  });

  void it('checks a redirect hop again: an allowed private host cannot hand the harvester to another one', async () => {
    // repo.test is the source the operator allowed (it lives on 127.0.0.1); its redirect to 127.0.0.2
    // is a different host that nobody allowed.
    const names = fakeResolver({ 'repo.test': ['127.0.0.1'] });
    const http = client({
      allowPrivateNetworks: false,
      allowPrivateHosts: ['repo.test'],
      resolve: names.resolve,
    });
    try {
      const ok = await http.fetch({ url: `http://repo.test:${one.port}/oai?verb=Identify` });
      assert.equal(ok.status, 200, 'the allowed host itself is reachable');

      one.setFaults([{ kind: 'redirect', location: `${two.url}?verb=Identify`, times: 1 }]);
      const oneBefore = one.requests.length;
      const twoBefore = two.requests.length;
      const error = await rejection(http.fetch({ url: `http://repo.test:${one.port}/oai?verb=Identify` }));
      assert.equal(error.code, 'address_forbidden');
      assert.equal(error.details?.address, '127.0.0.2');
      assert.equal(one.requests.length, oneBefore + 1, 'the allowed source answered with the redirect');
      assert.equal(two.requests.length, twoBefore, 'the redirect target was never contacted');
    } finally {
      one.setFaults([]);
      await http.close();
    }
  });

  void it('checks redirect targets given by name through the resolver too', async () => {
    const names = fakeResolver({ 'repo.test': ['127.0.0.1'], 'inside.test': ['127.0.0.2'] });
    const http = client({
      allowPrivateNetworks: false,
      allowPrivateHosts: ['repo.test'],
      resolve: names.resolve,
    });
    try {
      one.setFaults([
        { kind: 'redirect', location: `http://inside.test:${two.port}/oai?verb=Identify`, times: 1 },
      ]);
      const twoBefore = two.requests.length;
      const error = await rejection(http.fetch({ url: `http://repo.test:${one.port}/oai?verb=Identify` }));
      assert.equal(error.code, 'address_forbidden');
      assert.equal(error.details?.host, 'inside.test');
      assert.deepEqual(names.asked, ['repo.test', 'inside.test']);
      assert.equal(two.requests.length, twoBefore);
    } finally {
      one.setFaults([]);
      await http.close();
    }
  });

  void it('follows the same redirect when the request allows private networks, and reports the hop', async () => {
    const http = client({ allowPrivateNetworks: false });
    try {
      one.setFaults([{ kind: 'redirect', location: `${two.url}?verb=Identify`, status: 301, times: 1 }]);
      const response = await http.fetch({ url: `${one.url}?verb=Identify`, allowPrivateNetwork: true });
      assert.equal(response.status, 200);
      assert.equal(response.url, `${two.url}?verb=Identify`);
      assert.deepEqual(response.redirects, [`${two.url}?verb=Identify`]);
      assert.match(response.body.toString('utf8'), new RegExp(`<baseURL>${two.url}</baseURL>`));
    } finally {
      one.setFaults([]);
      await http.close();
    }
  });

  void it('pins the connection to the checked address instead of looking the name up again', async () => {
    // Two servers share a port: the resolver says "localhost" is 127.0.0.2, the system would say 127.0.0.1.
    // A client that resolved again at connect time (DNS rebinding) would reach the decoy.
    const checked = await startLoopbackServer((_req, res) => res.end('checked'), { host: '127.0.0.2' });
    let decoy: LoopbackServer | undefined;
    try {
      decoy = await startLoopbackServer((_req, res) => res.end('decoy'), {
        host: '127.0.0.1',
        port: checked.port,
      });
    } catch {
      // The port is taken on 127.0.0.1 by something else; the decoy is then not needed to make the point.
    }
    const names = fakeResolver({ localhost: ['127.0.0.2'] });
    const http = client({ resolve: names.resolve });
    try {
      for (let i = 0; i < 3; i += 1) {
        const response = await http.fetch({ url: `http://localhost:${checked.port}/` });
        assert.equal(response.body.toString(), 'checked');
      }
      assert.equal(checked.requests.length, 3);
      assert.equal(checked.requests[0]?.headers.host, `localhost:${checked.port}`);
      assert.equal(decoy?.requests.length ?? 0, 0);
      assert.equal(names.asked.length, 3, 'resolved once per request, never at connect time');
    } finally {
      await http.close();
      await checked.close();
      await decoy?.close();
    }
  });
});

void describe('redirects', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startLoopbackServer((req, res, seen) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/loop-a') return void res.writeHead(302, { location: '/loop-b' }).end();
      if (url.pathname === '/loop-b') return void res.writeHead(302, { location: '/loop-a' }).end();
      const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
      if (chain) return void res.writeHead(307, { location: `/chain/${Number(chain[1]) + 1}` }).end();
      if (url.pathname === '/to-file')
        return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      if (url.pathname === '/see-other') return void res.writeHead(303, { location: '/echo' }).end();
      if (url.pathname === '/echo') return void res.end(`${seen.method} ${seen.body}`);
      res.writeHead(404).end();
    });
  });
  after(async () => server.close());

  void it('stops a redirect loop with harvest_loop', async () => {
    const http = client();
    try {
      const error = await rejection(http.fetch({ url: `${server.url}/loop-a` }));
      assert.equal(error.code, 'harvest_loop');
      assert.equal(error.details?.reason, 'redirect_loop');
      assert.equal(error.details?.attempts, 1);
    } finally {
      await http.close();
    }
  });

  void it('follows at most maxRedirects hops', async () => {
    const http = client({ maxRedirects: 5 });
    try {
      const before = server.requests.length;
      const error = await rejection(http.fetch({ url: `${server.url}/chain/0` }));
      assert.equal(error.code, 'harvest_loop');
      assert.equal(error.details?.reason, 'too_many_redirects');
      assert.equal(server.requests.length - before, 6, 'the start and five hops');
    } finally {
      await http.close();
    }
  });

  void it('refuses to follow a redirect to a scheme other than http or https', async () => {
    const http = client();
    try {
      const error = await rejection(http.fetch({ url: `${server.url}/to-file` }));
      assert.equal(error.code, 'address_forbidden');
      assert.equal(error.details?.reason, 'scheme');
    } finally {
      await http.close();
    }
  });

  void it('continues a POST as a GET without body after 303', async () => {
    const http = client();
    try {
      const response = await http.fetch({
        url: `${server.url}/see-other`,
        method: 'POST',
        body: 'verb=Identify',
      });
      assert.equal(response.body.toString(), 'GET ');
      assert.deepEqual(response.redirects, [`${server.url}/echo`]);
    } finally {
      await http.close();
    }
  });

  void it('rejects URLs that are not http or https before doing anything', async () => {
    const http = client();
    try {
      assert.equal((await rejection(http.fetch({ url: 'ftp://127.0.0.1/x' }))).code, 'invalid_parameter');
      assert.equal((await rejection(http.fetch({ url: 'not a url' }))).code, 'invalid_parameter');
    } finally {
      await http.close();
    }
  });
});

void describe('retries', () => {
  let oai: FaultOaiServer;
  before(async () => {
    oai = await startFaultOaiServer({ records: 5 });
  });
  after(async () => oai.close());
  const identify = (): string => `${oai.url}?verb=Identify`;

  void it('honours Retry-After in seconds', async () => {
    const recorder = recordingSleep();
    const http = client({ sleep: recorder.sleep });
    try {
      oai.setFaults([{ kind: 'status', status: 503, retryAfter: '2', times: 2 }]);
      const response = await http.fetch({
        url: identify(),
        retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 60_000 },
      });
      assert.equal(response.status, 200);
      assert.equal(response.attempts, 3);
      assert.deepEqual(recorder.waits, [2_000, 2_000]);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('honours Retry-After as an HTTP date, measured against the clock', async () => {
    const recorder = recordingSleep();
    const now = Date.UTC(2025, 5, 1, 10, 0, 0);
    const http = client({ sleep: recorder.sleep, now: () => now });
    try {
      oai.setFaults([{ kind: 'status', status: 503, retryAfter: new Date(now + 7_000), times: 1 }]);
      const response = await http.fetch({
        url: identify(),
        retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 60_000 },
      });
      assert.equal(response.attempts, 2);
      assert.deepEqual(recorder.waits, [7_000]);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('caps a long Retry-After at maxDelayMs', async () => {
    const recorder = recordingSleep();
    const http = client({ sleep: recorder.sleep });
    try {
      oai.setFaults([{ kind: 'status', status: 429, retryAfter: '86400', times: 1 }]);
      const response = await http.fetch({
        url: identify(),
        retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 3_000 },
      });
      assert.equal(response.status, 200);
      assert.deepEqual(recorder.waits, [3_000]);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('backs off exponentially with jitter when the server gives no Retry-After', async () => {
    const recorder = recordingSleep();
    const jitter = [0.5, 1, 0.25, 1];
    const http = client({ sleep: recorder.sleep, random: () => jitter.shift() ?? 1 });
    try {
      oai.setFaults([{ kind: 'status', status: 500 }]);
      const error = await rejection(
        http.fetch({ url: identify(), retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 500 } }),
      );
      assert.equal(error.code, 'http_error');
      assert.equal(error.details?.status, 500);
      assert.equal(error.details?.attempts, 5);
      // ceilings 100, 200, 400, 800→500 scaled by 0.5, 1, 0.25, 1
      assert.deepEqual(recorder.waits, [50, 200, 100, 500]);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('retries 502 and 504 like 503', async () => {
    const http = client();
    try {
      oai.setFaults([
        { kind: 'status', status: 502, times: 1 },
        { kind: 'status', status: 504, times: 1 },
      ]);
      const response = await http.fetch({ url: identify() });
      assert.equal(response.status, 200);
      assert.equal(response.attempts, 3);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('rejects with http_error when 503 outlasts every attempt', async () => {
    const http = client();
    try {
      oai.setFaults([{ kind: 'status', status: 503, retryAfter: '1' }]);
      const before = oai.requests.length;
      const error = await rejection(http.fetch({ url: identify() }));
      assert.equal(error.code, 'http_error');
      assert.equal(error.details?.status, 503);
      assert.equal(error.details?.attempts, 3);
      assert.equal(error.details?.retryAfter, '1');
      assert.equal(oai.requests.length - before, 3);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('does not retry 403 and returns it to the caller', async () => {
    const recorder = recordingSleep();
    const http = client({ sleep: recorder.sleep });
    try {
      oai.setFaults([{ kind: 'status', status: 403 }]);
      const before = oai.requests.length;
      const response = await http.fetch({ url: identify() });
      assert.equal(response.status, 403);
      assert.equal(response.attempts, 1);
      assert.equal(oai.requests.length - before, 1);
      assert.deepEqual(recorder.waits, []);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('retries a reset connection and then succeeds', async () => {
    const http = client();
    try {
      oai.setFaults([{ kind: 'reset', times: 1 }]);
      const response = await http.fetch({ url: identify() });
      assert.equal(response.status, 200);
      assert.equal(response.attempts, 2);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('retries a refused connection and then reports source_unreachable', async () => {
    const recorder = recordingSleep();
    const http = client({ sleep: recorder.sleep });
    try {
      const port = await closedPort();
      const error = await rejection(http.fetch({ url: `http://127.0.0.1:${port}/oai` }));
      assert.equal(error.code, 'source_unreachable');
      assert.equal(error.details?.reason, 'refused');
      assert.equal(error.details?.attempts, 3);
      assert.equal(recorder.waits.length, 2);
    } finally {
      await http.close();
    }
  });
});

void describe('timeouts and broken bodies', () => {
  let oai: FaultOaiServer;
  before(async () => {
    oai = await startFaultOaiServer({ records: 30, pageSize: 10 });
  });
  after(async () => oai.close());

  void it('abandons a hung connection within the idle timeout, retries, then reports request_timeout', async () => {
    const http = client({ defaultIdleTimeoutMs: 150 });
    try {
      oai.setFaults([{ kind: 'hang' }]);
      const before = oai.requests.length;
      const started = performance.now();
      const error = await rejection(
        http.fetch({
          url: `${oai.url}?verb=Identify`,
          retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
        }),
      );
      const elapsed = performance.now() - started;
      assert.equal(error.code, 'request_timeout');
      assert.equal(error.details?.reason, 'idle_headers');
      assert.equal(error.details?.attempts, 2);
      assert.equal(oai.requests.length - before, 2);
      assert.ok(elapsed < 1_500, `two idle timeouts of 150 ms took ${Math.round(elapsed)} ms`);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('ends a slow drip with the total timeout even though bytes keep coming', async () => {
    const http = client({ defaultIdleTimeoutMs: 500, defaultTimeoutMs: 400 });
    try {
      oai.setFaults([{ kind: 'drip', chunkBytes: 8, intervalMs: 20 }]);
      const started = performance.now();
      const error = await rejection(
        http.fetch({
          url: `${oai.url}?verb=ListRecords&metadataPrefix=oai_dc`,
          retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
        }),
      );
      assert.equal(error.code, 'request_timeout');
      assert.equal(error.details?.reason, 'total_timeout');
      assert.ok(performance.now() - started < 1_500);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('treats a body shorter than its Content-Length as an error, not as a short body', async () => {
    const http = client();
    try {
      oai.setFaults([{ kind: 'truncate', mode: 'content-length-lie' }]);
      const error = await rejection(http.fetch({ url: `${oai.url}?verb=ListRecords&metadataPrefix=oai_dc` }));
      assert.equal(error.code, 'source_unreachable');
      assert.equal(error.details?.reason, 'truncated');
      assert.equal(error.details?.attempts, 3, 'a cut body is worth another attempt');
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('treats a chunked body cut mid-record as an error, and recovers when the next attempt is whole', async () => {
    const http = client();
    try {
      oai.setFaults([{ kind: 'truncate', mode: 'cut', times: 1 }]);
      const response = await http.fetch({ url: `${oai.url}?verb=ListRecords&metadataPrefix=oai_dc` });
      assert.equal(response.attempts, 2);
      assert.match(response.body.toString('utf8'), /<\/OAI-PMH>\s*$/);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });

  void it('gives the caller its own abort reason at once, without retrying', async () => {
    const http = client({ defaultIdleTimeoutMs: 5_000 });
    try {
      oai.setFaults([{ kind: 'hang' }]);
      const controller = new AbortController();
      const pending = http.fetch({ url: `${oai.url}?verb=Identify`, signal: controller.signal });
      setTimeout(() => controller.abort(new Error('operator cancelled')), 50);
      await assert.rejects(pending, /operator cancelled/);
    } finally {
      oai.setFaults([]);
      await http.close();
    }
  });
});

void describe('size caps and decoding', () => {
  const text = '<OAI-PMH>'.padEnd(5_000, 'x');
  let server: LoopbackServer;
  before(async () => {
    server = await startLoopbackServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/big-declared')
        return void res.writeHead(200, { 'content-length': '2000' }).end('y'.repeat(2000));
      if (path === '/big-chunked') {
        res.writeHead(200);
        res.write('z'.repeat(3000));
        return void res.end('z'.repeat(3000));
      }
      if (path === '/gzip')
        return void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(text));
      if (path === '/deflate')
        return void res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(text));
      if (path === '/raw-deflate') {
        return void res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(text));
      }
      if (path === '/br')
        return void res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(text));
      if (path === '/corrupt-gzip') {
        return void res
          .writeHead(200, { 'content-encoding': 'gzip' })
          .end(Buffer.from('this is not gzip at all'));
      }
      if (path === '/headers') return void res.end(JSON.stringify(req.headers));
      if (path === '/conditional') {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
        return void res
          .writeHead(200, { etag: '"v1"', 'last-modified': 'Mon, 02 Jun 2025 10:00:00 GMT' })
          .end('fresh');
      }
      res.writeHead(404).end();
    });
  });
  after(async () => server.close());

  void it('refuses a body whose Content-Length is over the cap', async () => {
    const http = client();
    try {
      const error = await rejection(http.fetch({ url: `${server.url}/big-declared`, maxBytes: 1_000 }));
      assert.equal(error.code, 'response_too_large');
      assert.equal(error.details?.declaredBytes, 2000);
      assert.equal(error.details?.attempts, 1);
    } finally {
      await http.close();
    }
  });

  void it('stops reading an unannounced body once it passes the cap', async () => {
    const http = client();
    try {
      const error = await rejection(http.fetch({ url: `${server.url}/big-chunked`, maxBytes: 4_000 }));
      assert.equal(error.code, 'response_too_large');
      assert.ok(Number(error.details?.receivedBytes) > 4_000);
      assert.ok(Number(error.details?.receivedBytes) <= 6_000);
    } finally {
      await http.close();
    }
  });

  for (const coding of ['gzip', 'deflate', 'raw-deflate', 'br']) {
    void it(`undoes Content-Encoding ${coding}`, async () => {
      const http = client();
      try {
        const response = await http.fetch({ url: `${server.url}/${coding}` });
        assert.equal(response.body.toString('utf8'), text);
        assert.equal(response.headers['content-encoding'], undefined);
        assert.equal(
          response.headers['x-atlas-content-encoding'],
          coding === 'raw-deflate' ? 'deflate' : coding,
        );
      } finally {
        await http.close();
      }
    });
  }

  void it('reports a body that claims gzip but is not', async () => {
    const http = client();
    try {
      const error = await rejection(http.fetch({ url: `${server.url}/corrupt-gzip` }));
      assert.equal(error.code, 'http_error');
      assert.equal(error.details?.reason, 'undecodable_body');
    } finally {
      await http.close();
    }
  });

  void it('always sends its User-Agent and Accept-Encoding, whatever the caller passes', async () => {
    const http = client();
    try {
      const response = await http.fetch({
        url: `${server.url}/headers`,
        headers: { 'User-Agent': 'curl/8', 'X-Trace': 'abc', Accept: 'text/xml' },
      });
      const seen = JSON.parse(response.body.toString('utf8')) as Record<string, string>;
      assert.equal(seen['user-agent'], UA);
      assert.equal(seen['accept-encoding'], 'gzip, deflate, br');
      assert.equal(seen['x-trace'], 'abc');
      assert.equal(seen.accept, 'text/xml');
    } finally {
      await http.close();
    }
  });

  void it('passes conditional GET headers and returns 304 as it is', async () => {
    const http = client();
    try {
      const first = await http.fetch({ url: `${server.url}/conditional` });
      assert.equal(first.status, 200);
      const etag = first.headers.etag ?? '';
      const second = await http.fetch({
        url: `${server.url}/conditional`,
        headers: { 'If-None-Match': etag, 'If-Modified-Since': first.headers['last-modified'] ?? '' },
      });
      assert.equal(second.status, 304);
      assert.equal(second.attempts, 1);
      assert.equal(second.body.length, 0);
    } finally {
      await http.close();
    }
  });

  void it('refuses a gzip bomb while inflating, without holding more than the cap', async () => {
    const oai = await startFaultOaiServer({ records: 3 });
    // The server deflates the bomb in this same process: on a busy machine that can stall the answer for longer
    // than the tests' short timeouts, which would retry the request and hide what is tested here.
    const http = client({ defaultIdleTimeoutMs: 60_000, defaultTimeoutMs: 120_000 });
    try {
      const cap = 1024 * 1024;
      for (const inflatedBytes of [10 * 1024 * 1024, 256 * 1024 * 1024]) {
        oai.setFaults([{ kind: 'gzip-bomb', inflatedBytes }]);
        const rssBefore = process.memoryUsage().rss;
        const error = await rejection(http.fetch({ url: `${oai.url}?verb=Identify`, maxBytes: cap }));
        const rssGrowth = process.memoryUsage().rss - rssBefore;
        assert.equal(error.code, 'decompression_refused');
        assert.equal(error.details?.attempts, 1);
        const inflated = Number(error.details?.inflatedBytes);
        assert.ok(
          inflated > cap && inflated <= cap + 64 * 1024,
          `inflated ${inflated} bytes before stopping`,
        );
        assert.ok(rssGrowth < 128 * 1024 * 1024, `memory grew by ${rssGrowth} bytes`);
      }
    } finally {
      await http.close();
      await oai.close();
    }
  });
});

void describe('politeness', () => {
  void it('keeps at most perHostConcurrency requests in flight at the server', async () => {
    for (const limit of [1, 2]) {
      const server = await startLoopbackServer(async (_req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 60));
        res.end('ok');
      });
      const http = client({ perHostConcurrency: limit });
      try {
        const all = await Promise.all(Array.from({ length: 6 }, () => http.fetch({ url: `${server.url}/` })));
        assert.equal(all.length, 6);
        assert.equal(server.maxInFlight, limit);
      } finally {
        await http.close();
        await server.close();
      }
    }
  });

  void it('leaves at least perHostDelayMs between the starts of requests to one host', async () => {
    const server = await startLoopbackServer((_req, res) => res.end('ok'));
    const delayMs = 250;
    const http = createGuardedHttpClient({
      userAgent: UA,
      allowPrivateNetworks: true,
      perHostDelayMs: delayMs,
    });
    try {
      await Promise.all(Array.from({ length: 4 }, () => http.fetch({ url: `${server.url}/` })));
      // Arrival times are taken by the server in this process, so a busy event loop can shift one of them by
      // tens of milliseconds; the delay is long enough for that to leave a clear margin.
      const starts = server.requests.map((r) => r.at);
      for (let i = 1; i < starts.length; i += 1) {
        const gap = (starts[i] ?? 0) - (starts[i - 1] ?? 0);
        assert.ok(gap >= delayMs - 90, `gap ${Math.round(gap)} ms between request ${i} and ${i + 1}`);
      }
      const span = (starts.at(-1) ?? 0) - (starts[0] ?? 0);
      assert.ok(span >= 3 * delayMs - 90, `${Math.round(span)} ms from the first request to the fourth`);
    } finally {
      await http.close();
      await server.close();
    }
  });

  void it('sends a POST body form-encoded', async () => {
    const server = await startLoopbackServer((_req, res, seen) =>
      res.end(`${seen.method} ${String(seen.headers['content-type'])} ${seen.body}`),
    );
    const http = client();
    try {
      const response = await http.fetch({ url: `${server.url}/oai`, method: 'POST', body: 'verb=Identify' });
      assert.equal(response.body.toString(), 'POST application/x-www-form-urlencoded verb=Identify');
    } finally {
      await http.close();
      await server.close();
    }
  });

  void it('reports bad per-request settings as invalid_parameter', async () => {
    const http = client();
    try {
      const error = await rejection(http.fetch({ url: 'http://127.0.0.1:9/', maxBytes: -1 }));
      assert.equal(error.code, 'invalid_parameter');
    } finally {
      await http.close();
    }
  });

  void it('refuses work after close()', async () => {
    const http = client();
    await http.close();
    assert.equal((await rejection(http.fetch({ url: 'http://127.0.0.1:9/' }))).code, 'unavailable');
  });
});
