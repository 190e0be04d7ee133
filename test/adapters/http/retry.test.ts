// Retry arithmetic and politeness bookkeeping: Retry-After parsing, capped full-jitter backoff, and the
// per-host limiter's queue, gap and cancellation. Must never touch the network or wait on real clocks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostLimiter } from '../../../src/adapters/http/host-limiter.js';
import {
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from '../../../src/adapters/http/retry.js';

const POLICY = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };

void describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);

  void it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('2', now), 2_000);
    assert.equal(parseRetryAfter(' 120 ', now), 120_000);
    assert.equal(parseRetryAfter('0', now), 0);
  });

  void it('reads an HTTP date relative to now, and a past date as no wait', () => {
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now), 0);
  });

  void it('ignores values it cannot read', () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('', now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('1.5', now), undefined);
    assert.equal(parseRetryAfter('-3', now), undefined);
  });
});

void describe('backoff', () => {
  void it('doubles the ceiling with each attempt and scales it by the jitter', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((attempt) => backoffDelay(attempt, POLICY, () => 1)),
      [1_000, 2_000, 4_000, 8_000],
    );
    assert.deepEqual(
      [1, 2, 3].map((attempt) => backoffDelay(attempt, POLICY, () => 0.25)),
      [250, 500, 1_000],
    );
  });

  void it('never exceeds maxDelayMs, neither from backoff nor from Retry-After', () => {
    assert.equal(
      backoffDelay(30, POLICY, () => 1),
      60_000,
    );
    assert.equal(
      retryDelay(1, POLICY, 3_600_000, () => 1),
      60_000,
    );
    assert.equal(
      retryDelay(1, POLICY, 2_000, () => 0),
      2_000,
    );
  });

  void it('retries 429 and 5xx gateways, not 403, 404 or 501', () => {
    for (const status of [429, 500, 502, 503, 504]) assert.ok(isRetryableStatus(status), String(status));
    for (const status of [200, 304, 400, 401, 403, 404, 410, 501])
      assert.ok(!isRetryableStatus(status), String(status));
  });
});

void describe('HostLimiter', () => {
  void it('lets at most N holders in per host and hands slots on in arrival order', async () => {
    const limiter = new HostLimiter({ concurrency: 2, delayMs: 0, sleep: () => Promise.resolve() });
    const order: string[] = [];
    const r1 = await limiter.acquire('a.test');
    const r2 = await limiter.acquire('a.test');
    const third = limiter.acquire('a.test').then((release) => {
      order.push('third');
      return release;
    });
    const fourth = limiter.acquire('a.test').then((release) => {
      order.push('fourth');
      return release;
    });
    const other = await limiter.acquire('b.test'); // another host is not held up
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, []);
    assert.equal(limiter.inFlight('a.test'), 2);
    r1();
    r1(); // releasing twice frees one slot only
    (await third)();
    r2();
    (await fourth)();
    assert.deepEqual(order, ['third', 'fourth']);
    other();
    assert.equal(limiter.inFlight('a.test'), 0);
  });

  void it('spaces the starts to one host by the delay', async () => {
    let clock = 0;
    const waits: number[] = [];
    const limiter = new HostLimiter({
      concurrency: 5,
      delayMs: 300,
      now: () => clock,
      sleep: (ms) => {
        waits.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    });
    const releases = await Promise.all([
      limiter.acquire('a.test'),
      limiter.acquire('a.test'),
      limiter.acquire('a.test'),
    ]);
    assert.deepEqual(waits, [300, 300]);
    for (const release of releases) release();
  });

  void it('drops an aborted waiter from the queue without taking its slot', async () => {
    const limiter = new HostLimiter({ concurrency: 1, delayMs: 0, sleep: () => Promise.resolve() });
    const first = await limiter.acquire('a.test');
    const controller = new AbortController();
    const waiting = limiter.acquire('a.test', controller.signal);
    controller.abort(new Error('caller gave up'));
    await assert.rejects(waiting, /caller gave up/);
    first();
    const again = await limiter.acquire('a.test');
    assert.equal(limiter.inFlight('a.test'), 1);
    again();
  });
});
