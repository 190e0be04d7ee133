// The one real HttpClient: every outgoing request of OER Atlas passes the address guard (each redirect hop
// again, with the connection pinned to the checked addresses), per-host politeness, timeouts with an idle
// watchdog, size and decompression caps, and retries that honour Retry-After.
// Must never connect to an address it has not checked, follow a redirect automatically, or buffer a body
// beyond its cap.
import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { Pool } from 'undici';
import { AtlasError, isAtlasError } from '../../domain/errors.js';
import type { HttpClient, HttpRequest, HttpResponse, RetryPolicy } from '../../ports/http-client.js';
import {
  assertAddressesAllowed,
  normalizeHostname,
  resolveHost,
  systemResolver,
  type Resolver,
} from './address-guard.js';
import { readLimitedBody } from './body-reader.js';
import { HostLimiter } from './host-limiter.js';
import {
  DEFAULT_RETRY_POLICY,
  abortableWait,
  isRetryableStatus,
  parseRetryAfter,
  realSleep,
  retryDelay,
  validateRetryPolicy,
} from './retry.js';

export interface GuardedHttpClientOptions {
  /** Sent on every request; should name the product and a contact URL, e.g. "OER-Atlas/0.1 (+https://…)". */
  readonly userAgent: string;
  /** Operator-wide switch (ATLAS_ALLOW_PRIVATE_NETWORKS): every request may reach non-public addresses. */
  readonly allowPrivateNetworks: boolean;
  /**
   * Host names (exact, case-insensitive) that may resolve to non-public addresses even when private networks
   * are not allowed. The allowance belongs to the name: a redirect from such a host to another name or to an
   * address literal is checked on its own.
   */
  readonly allowPrivateHosts?: readonly string[];
  /** Total time of one exchange (one hop of one attempt), from connect to the last body byte. Default 120 s. */
  readonly defaultTimeoutMs?: number;
  /** Longest silence while waiting for headers or body bytes. Default 45 s. */
  readonly defaultIdleTimeoutMs?: number;
  /** Longest wait for the TCP (and TLS) connection. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Cap on the body, before and after decoding. Default 50 MB. */
  readonly defaultMaxBytes?: number;
  readonly defaultRetry?: RetryPolicy;
  /** Redirects followed per attempt. Default 5. */
  readonly maxRedirects?: number;
  /** Exchanges in flight to one host. Default 2. */
  readonly perHostConcurrency?: number;
  /** Minimum gap between the starts of two exchanges to one host. Default 0. */
  readonly perHostDelayMs?: number;
  /** Name resolution; tests inject one that answers loopback addresses. Default: the system resolver. */
  readonly resolve?: Resolver;
  /** All waiting (retry backoff, politeness gaps) goes through this; tests inject a recorder. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1]. */
  readonly random?: () => number;
  /** Wall clock in ms, used to read Retry-After dates. */
  readonly now?: () => number;
}

const DEFAULTS = {
  timeoutMs: 120_000,
  idleTimeoutMs: 45_000,
  connectTimeoutMs: 10_000,
  maxBytes: 50 * 1024 * 1024,
  maxRedirects: 5,
  perHostConcurrency: 2,
  perHostDelayMs: 0,
} as const;

// Pinned pools are cheap but each may hold keep-alive sockets; beyond this many the least recently used
// ones are closed.
const MAX_POOLS = 64;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
// Headers the transport owns; a caller's value would either be wrong or fight with ours.
const CALLER_HEADERS_IGNORED: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'user-agent',
  'accept-encoding',
]);
const CREDENTIAL_HEADERS: readonly string[] = ['authorization', 'cookie', 'proxy-authorization'];

type Method = 'GET' | 'POST' | 'HEAD';

interface Exchange {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

interface AttemptResult {
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly redirects: readonly string[];
  readonly redirectStatuses: readonly number[];
}

interface Settings {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly allowPrivate: boolean;
  readonly headersOnly: boolean;
}

/** A failure of one attempt, with whether another attempt could help. */
interface Failure {
  readonly error: AtlasError;
  readonly retryable: boolean;
}

/** The connection broke after the headers arrived: the body is incomplete, whatever was received. */
class BodyCut extends Error {
  constructor(cause: unknown) {
    super('the body was cut short', { cause });
    this.name = 'BodyCut';
  }
}

const CUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_SOCKET',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_ABORTED',
]);

/** No byte arrived for the idle time, while waiting for the headers or inside the body. */
class IdleTimeout extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly phase: 'headers' | 'body',
  ) {
    super(`no bytes for ${timeoutMs} ms while waiting for the ${phase}`);
    this.name = 'IdleTimeout';
  }
}

/** A re-armable timer: fires once when no `arm` call came within `ms`. */
class IdleWatchdog {
  #timer: NodeJS.Timeout | undefined;
  #phase: 'headers' | 'body' = 'headers';

  constructor(
    private readonly ms: number,
    private readonly onIdle: (phase: 'headers' | 'body') => void,
  ) {}

  arm(phase: 'headers' | 'body'): void {
    this.#phase = phase;
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.onIdle(this.#phase);
      }, this.ms);
    } else {
      this.#timer.refresh();
    }
  }

  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }
}

// undici's own idle timeouts sit this much behind ours, in case our watchdog ever failed to fire.
const UNDICI_BACKSTOP_MS = 2_000;

class TotalTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`attempt exceeded ${timeoutMs} ms`);
    this.name = 'TotalTimeout';
  }
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new RangeError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number (got ${v}).`);
  }
  return v;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested) && nested.length > 0) {
      current = nested[0];
      continue;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function parseStartUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AtlasError('invalid_parameter', `"${text}" is not an absolute URL.`, {
      details: { url: text },
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AtlasError(
      'invalid_parameter',
      `Only http and https URLs can be fetched (got ${url.protocol}).`,
      {
        details: { url: text },
      },
    );
  }
  return url;
}

export function createGuardedHttpClient(options: GuardedHttpClientOptions): HttpClient {
  return new GuardedHttpClient(options);
}

class GuardedHttpClient implements HttpClient {
  readonly #userAgent: string;
  readonly #allowPrivateNetworks: boolean;
  readonly #allowPrivateHosts: ReadonlySet<string>;
  readonly #timeoutMs: number;
  readonly #idleTimeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #maxBytes: number;
  readonly #retry: RetryPolicy;
  readonly #maxRedirects: number;
  readonly #resolve: Resolver;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #limiter: HostLimiter;
  readonly #perHostConcurrency: number;
  /** Pools keyed by origin and the exact checked addresses, in least-recently-used order. */
  readonly #pools = new Map<string, Pool>();
  #closed = false;

  constructor(options: GuardedHttpClientOptions) {
    if (options.userAgent.trim() === '') throw new RangeError('userAgent must not be empty.');
    this.#userAgent = options.userAgent;
    this.#allowPrivateNetworks = options.allowPrivateNetworks;
    this.#allowPrivateHosts = new Set((options.allowPrivateHosts ?? []).map(normalizeHostname));
    this.#timeoutMs = positive('defaultTimeoutMs', options.defaultTimeoutMs, DEFAULTS.timeoutMs);
    this.#idleTimeoutMs = positive(
      'defaultIdleTimeoutMs',
      options.defaultIdleTimeoutMs,
      DEFAULTS.idleTimeoutMs,
    );
    this.#connectTimeoutMs = positive(
      'connectTimeoutMs',
      options.connectTimeoutMs,
      DEFAULTS.connectTimeoutMs,
    );
    this.#maxBytes = positive('defaultMaxBytes', options.defaultMaxBytes, DEFAULTS.maxBytes);
    this.#retry = validateRetryPolicy(options.defaultRetry ?? DEFAULT_RETRY_POLICY);
    this.#maxRedirects = positive('maxRedirects', options.maxRedirects, DEFAULTS.maxRedirects, true);
    this.#resolve = options.resolve ?? systemResolver;
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#perHostConcurrency = positive(
      'perHostConcurrency',
      options.perHostConcurrency,
      DEFAULTS.perHostConcurrency,
    );
    this.#limiter = new HostLimiter({
      concurrency: this.#perHostConcurrency,
      delayMs: positive('perHostDelayMs', options.perHostDelayMs, DEFAULTS.perHostDelayMs, true),
      sleep: this.#sleep,
    });
  }

  async fetch(request: HttpRequest): Promise<HttpResponse> {
    if (this.#closed) throw new AtlasError('unavailable', 'The HTTP client has been closed.');
    const start = parseStartUrl(request.url);
    let policy: RetryPolicy;
    let settings: Settings;
    try {
      policy = validateRetryPolicy(request.retry ?? this.#retry);
      settings = {
        maxBytes: positive('maxBytes', request.maxBytes, this.#maxBytes),
        timeoutMs: positive('timeoutMs', request.timeoutMs, this.#timeoutMs),
        idleTimeoutMs: positive('idleTimeoutMs', request.idleTimeoutMs, this.#idleTimeoutMs),
        allowPrivate: this.#allowPrivateNetworks || request.allowPrivateNetwork === true,
        headersOnly: request.headersOnly === true,
      };
    } catch (error) {
      // A bad per-request setting is the caller's mistake; report it in the port's own terms.
      throw new AtlasError('invalid_parameter', error instanceof Error ? error.message : String(error), {
        details: { url: request.url },
      });
    }
    const signal = request.signal;

    for (let attempt = 1; ; attempt += 1) {
      let waitMs: number;
      let result: AttemptResult | undefined;
      let failure: Failure | undefined;
      try {
        result = await this.#attempt(start, request, settings);
      } catch (error) {
        // A caller's cancellation is not a failure of the source: hand back its own reason untouched.
        if (signal?.aborted) throw signal.reason;
        failure = this.#classify(error, request.url);
      }

      if (result !== undefined) {
        if (!isRetryableStatus(result.status)) return { ...result, attempts: attempt };
        const retryAfter = result.headers['retry-after'];
        if (attempt >= policy.maxAttempts) {
          throw new AtlasError(
            'http_error',
            `${request.url} answered HTTP ${result.status} ${attempt === 1 ? 'on the only attempt' : `on all ${attempt} attempts`}.`,
            {
              details: {
                url: request.url,
                finalUrl: result.url,
                status: result.status,
                attempts: attempt,
                ...(retryAfter === undefined ? {} : { retryAfter }),
              },
            },
          );
        }
        waitMs = retryDelay(attempt, policy, parseRetryAfter(retryAfter, this.#now()), this.#random);
      } else {
        const { error, retryable } = failure ?? {
          error: new AtlasError('internal_error', 'The attempt ended without a result.'),
          retryable: false,
        };
        if (!retryable || attempt >= policy.maxAttempts) {
          throw new AtlasError(error.code, error.message, {
            cause: error.cause,
            details: { ...(error.details ?? {}), attempts: attempt },
          });
        }
        waitMs = retryDelay(attempt, policy, undefined, this.#random);
      }
      await abortableWait(waitMs, this.#sleep, signal);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  /** One attempt: the exchange with the start URL and every redirect it leads to. */
  async #attempt(start: URL, request: HttpRequest, settings: Settings): Promise<AttemptResult> {
    let url = start;
    let method: Method = request.method ?? 'GET';
    let body = request.body;
    let headers = this.#baseHeaders(request);
    const redirects: string[] = [];
    const redirectStatuses: number[] = [];
    const seen = new Set<string>([url.href]);

    for (;;) {
      const exchange = await this.#exchange(url, method, headers, body, settings, request.signal);
      const location = exchange.headers.location;
      if (!REDIRECT_STATUSES.has(exchange.status) || location === undefined || location.trim() === '') {
        return {
          url: url.href,
          status: exchange.status,
          headers: exchange.headers,
          body: exchange.body,
          redirects,
          redirectStatuses,
        };
      }

      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new AtlasError('http_error', `${url.href} redirects to an unreadable location "${location}".`, {
          details: { url: url.href, status: exchange.status, location, reason: 'bad_redirect' },
        });
      }
      next.hash = '';
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new AtlasError(
          'address_forbidden',
          `${url.href} redirects to ${next.href}; only http and https addresses are followed.`,
          { details: { url: url.href, location: next.href, reason: 'scheme' } },
        );
      }
      if (seen.has(next.href)) {
        throw new AtlasError('harvest_loop', `${start.href} redirects in a loop (back to ${next.href}).`, {
          details: { url: start.href, redirects: [...redirects, next.href], reason: 'redirect_loop' },
        });
      }
      if (redirects.length >= this.#maxRedirects) {
        throw new AtlasError(
          'harvest_loop',
          `${start.href} redirects more than ${this.#maxRedirects} times; the last hop pointed at ${next.href}.`,
          {
            details: { url: start.href, redirects: [...redirects, next.href], reason: 'too_many_redirects' },
          },
        );
      }
      // Like browsers: 303 always, and 301/302 after a POST, continue as a GET without the body.
      if (
        exchange.status === 303 ||
        (method === 'POST' && (exchange.status === 301 || exchange.status === 302))
      ) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-type'));
      }
      // Credentials meant for one origin never travel to another.
      if (next.origin !== url.origin) {
        headers = Object.fromEntries(
          Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name)),
        );
      }
      seen.add(next.href);
      redirects.push(next.href);
      redirectStatuses.push(exchange.status);
      url = next;
    }
  }

  #baseHeaders(request: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      const lower = name.toLowerCase();
      if (!CALLER_HEADERS_IGNORED.has(lower)) headers[lower] = value;
    }
    headers['user-agent'] = this.#userAgent;
    headers['accept-encoding'] = 'gzip, deflate, br';
    if (request.body !== undefined && headers['content-type'] === undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    return headers;
  }

  /** One request/response over a connection pinned to addresses that passed the guard. */
  async #exchange(
    url: URL,
    method: Method,
    headers: Record<string, string>,
    body: string | undefined,
    settings: Settings,
    callerSignal: AbortSignal | undefined,
  ): Promise<Exchange> {
    const host = normalizeHostname(url.hostname);
    const addresses = await resolveHost(host, this.#resolve);
    assertAddressesAllowed(host, addresses, settings.allowPrivate || this.#allowPrivateHosts.has(host));

    const release = await this.#limiter.acquire(host, callerSignal);
    const timer = new AbortController();
    const total = setTimeout(() => {
      timer.abort(new TotalTimeout(settings.timeoutMs));
    }, settings.timeoutMs);
    // Our own watchdog on native timers: undici's header/body timeouts tick coarsely (about a second), so
    // they only stay as a backstop. The watchdog is re-armed by every byte that arrives.
    const watchdog = new IdleWatchdog(settings.idleTimeoutMs, (phase) => {
      timer.abort(new IdleTimeout(settings.idleTimeoutMs, phase));
    });
    const signal = callerSignal === undefined ? timer.signal : AbortSignal.any([callerSignal, timer.signal]);
    let responseBody: Readable | undefined;
    const onAbort = (): void => {
      responseBody?.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const pool = this.#poolFor(url, addresses);
      watchdog.arm('headers');
      const response = await pool.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method,
        headers,
        body: body ?? null,
        signal,
        headersTimeout: settings.idleTimeoutMs + UNDICI_BACKSTOP_MS,
        bodyTimeout: settings.idleTimeoutMs + UNDICI_BACKSTOP_MS,
      });
      responseBody = response.body;
      // Destroying a body we no longer want must not surface as an unhandled 'error' event.
      response.body.on('error', () => undefined);
      watchdog.arm('body');
      const responseHeaders = flattenHeaders(response.headers);
      // A redirect's own body is of no interest; drop it without reading it through.
      if (REDIRECT_STATUSES.has(response.statusCode) && responseHeaders.location !== undefined) {
        return { status: response.statusCode, headers: responseHeaders, body: Buffer.alloc(0) };
      }
      // The caller wants the status only: the body is left unread and its connection dropped (finally below).
      if (settings.headersOnly) {
        return { status: response.statusCode, headers: responseHeaders, body: Buffer.alloc(0) };
      }
      const declared = Number(responseHeaders['content-length']);
      if (
        responseHeaders['content-length'] !== undefined &&
        Number.isFinite(declared) &&
        declared > settings.maxBytes
      ) {
        throw new AtlasError(
          'response_too_large',
          `The response from ${url.href} announces ${declared} bytes, more than the allowed ${settings.maxBytes}.`,
          { details: { url: url.href, maxBytes: settings.maxBytes, declaredBytes: declared } },
        );
      }
      try {
        const read = await readLimitedBody(response.body, {
          maxBytes: settings.maxBytes,
          contentEncoding: responseHeaders['content-encoding'],
          url: url.href,
          onBytes: () => {
            watchdog.arm('body');
          },
        });
        if (read.decoded) {
          // The body is now plain; keep the original coding visible under another name for diagnostics.
          responseHeaders['x-atlas-content-encoding'] = responseHeaders['content-encoding'] ?? '';
          delete responseHeaders['content-encoding'];
          delete responseHeaders['content-length'];
        }
        return { status: response.statusCode, headers: responseHeaders, body: read.body };
      } catch (error) {
        const code = errorCode(error);
        if (!isAtlasError(error) && code !== undefined && (CUT_CODES.has(code) || code.startsWith('HPE_'))) {
          throw new BodyCut(error);
        }
        throw error;
      }
    } catch (error) {
      if (timer.signal.aborted && !(callerSignal?.aborted ?? false)) throw timer.signal.reason;
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
      watchdog.stop();
      clearTimeout(total);
      if (responseBody !== undefined && !responseBody.destroyed) responseBody.destroy();
      release();
    }
  }

  /** The pool for this origin whose sockets may only ever connect to `addresses`. */
  #poolFor(url: URL, addresses: readonly string[]): Pool {
    const pinned = [...addresses].sort();
    const key = `${url.origin} ${pinned.join(',')}`;
    const existing = this.#pools.get(key);
    if (existing !== undefined) {
      // Re-insert to keep the map in least-recently-used order.
      this.#pools.delete(key);
      this.#pools.set(key, existing);
      return existing;
    }
    const entries: LookupAddress[] = pinned.map((address) => ({
      address,
      family: isIP(address) === 6 ? 6 : 4,
    }));
    // Node asks for one address or, with autoSelectFamily, all of them; either way only checked ones come back.
    const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
      const first = entries[0];
      if (lookupOptions.all === true) callback(null, entries);
      else if (first !== undefined) callback(null, first.address, first.family);
      else callback(new Error('no checked address'), '', 4);
    };
    const pool = new Pool(url.origin, {
      connections: this.#perHostConcurrency,
      connect: { timeout: this.#connectTimeoutMs, lookup },
      keepAliveTimeout: 4_000,
    });
    this.#pools.set(key, pool);
    while (this.#pools.size > MAX_POOLS) {
      const [oldestKey, oldest] = this.#pools.entries().next().value as [string, Pool];
      this.#pools.delete(oldestKey);
      // Requests already on it finish first; close() only stops new ones.
      void oldest.close().catch(() => undefined);
    }
    return pool;
  }

  #classify(error: unknown, url: string): Failure {
    if (error instanceof TotalTimeout) {
      return {
        retryable: true,
        error: new AtlasError(
          'request_timeout',
          `${url} did not finish answering within ${error.timeoutMs} ms.`,
          {
            details: { url, reason: 'total_timeout', timeoutMs: error.timeoutMs },
          },
        ),
      };
    }
    if (error instanceof BodyCut) {
      return {
        retryable: true,
        error: new AtlasError(
          'source_unreachable',
          `The answer of ${url} broke off before its end (connection cut or shorter than announced).`,
          { cause: error.cause, details: { url, reason: 'truncated', errorCode: errorCode(error.cause) } },
        ),
      };
    }
    if (error instanceof IdleTimeout) {
      return {
        retryable: true,
        error: new AtlasError(
          'request_timeout',
          `${url} went silent for more than ${error.timeoutMs} ms while ${error.phase === 'headers' ? 'we waited for its answer' : 'sending its answer'}.`,
          {
            details: {
              url,
              reason: error.phase === 'headers' ? 'idle_headers' : 'idle_body',
              timeoutMs: error.timeoutMs,
            },
          },
        ),
      };
    }
    if (isAtlasError(error)) {
      const transient = error.code === 'source_unreachable' && error.details?.dnsCode === 'EAI_AGAIN';
      return { error, retryable: transient };
    }
    const code = errorCode(error);
    const unreachable = (reason: string, message: string, retryable = true): Failure => ({
      retryable,
      error: new AtlasError('source_unreachable', message, {
        cause: error,
        details: { url, reason, errorCode: code },
      }),
    });
    switch (code ?? '') {
      case 'UND_ERR_CONNECT_TIMEOUT':
      case 'ETIMEDOUT':
        return {
          retryable: true,
          error: new AtlasError('request_timeout', `${url} did not accept a connection in time.`, {
            cause: error,
            details: { url, reason: 'connect_timeout' },
          }),
        };
      case 'UND_ERR_HEADERS_TIMEOUT':
      case 'UND_ERR_BODY_TIMEOUT':
        return {
          retryable: true,
          error: new AtlasError('request_timeout', `${url} went silent for too long while answering.`, {
            cause: error,
            details: { url, reason: code === 'UND_ERR_HEADERS_TIMEOUT' ? 'idle_headers' : 'idle_body' },
          }),
        };
      case 'ECONNREFUSED':
        return unreachable('refused', `${url} refused the connection.`);
      case 'UND_ERR_SOCKET':
      case 'ECONNRESET':
      case 'EPIPE':
      case 'UND_ERR_CLOSED':
        return unreachable(
          'connection_closed',
          `${url} closed the connection before the answer was complete.`,
        );
      case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      case 'HPE_INVALID_CHUNK_SIZE':
      case 'HPE_UNEXPECTED_CONTENT_LENGTH':
        return unreachable('truncated', `The answer of ${url} is shorter or longer than it announced.`);
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
      case 'EAI_AGAIN':
        return unreachable('network', `${url} cannot be reached over the network.`);
      default:
        if (typeof code === 'string' && code.startsWith('HPE_')) {
          return unreachable('protocol', `${url} answered with malformed HTTP (${code}).`, false);
        }
        return unreachable('network', `Contacting ${url} failed (${code ?? 'unknown error'}).`, false);
    }
  }
}
