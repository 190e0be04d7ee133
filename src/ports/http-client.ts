// The HttpClient port: every outgoing request of the product (harvesting, link checks) goes through it.
// The real adapter (adapters/http) enforces the address guard, size caps, timeouts, retries and politeness;
// tests use the same adapter against servers on 127.0.0.1.

export interface RetryPolicy {
  /** Attempts in all, including the first (1 = no retry). */
  readonly maxAttempts: number;
  /** Base of the exponential backoff, before jitter. */
  readonly baseDelayMs: number;
  /** Upper bound for one wait, including a server's Retry-After. */
  readonly maxDelayMs: number;
}

export interface HttpRequest {
  readonly url: string;
  readonly method?: 'GET' | 'POST' | 'HEAD';
  readonly headers?: Readonly<Record<string, string>>;
  /** Form-encoded or other request body (POST). */
  readonly body?: string;
  /** This request may reach loopback/private/link-local addresses (per-source operator setting). */
  readonly allowPrivateNetwork?: boolean;
  /** Cap on the body after decompression; larger answers fail with `response_too_large`. */
  readonly maxBytes?: number;
  /** Total time for one attempt, from connect to the last body byte. */
  readonly timeoutMs?: number;
  /** Longest silence while waiting for headers or body bytes before the attempt is abandoned. */
  readonly idleTimeoutMs?: number;
  readonly retry?: RetryPolicy;
  readonly signal?: AbortSignal;
  /**
   * Only the status and headers are wanted (a link check): the final answer's body is never read, its
   * connection is dropped once the headers arrived, and `body` comes back empty.
   */
  readonly headersOnly?: boolean;
}

export interface HttpResponse {
  /** The final URL after redirects. */
  readonly url: string;
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body bytes, with Content-Encoding (gzip, deflate, br) already undone within the size cap. */
  readonly body: Buffer;
  /** How many attempts it took (1 when the first succeeded). */
  readonly attempts: number;
  /** Each redirect followed, in order. */
  readonly redirects: readonly string[];
  /**
   * The HTTP status of each redirect followed, in the order of `redirects` (301 and 308 are permanent). Optional
   * so that hand-made responses need not give it; the guarded client always does.
   */
  readonly redirectStatuses?: readonly number[];
}

export interface HttpClient {
  /**
   * Performs the request with retries. Resolves with any final HTTP status (callers decide what a 404 means)
   * except those that exhaust retries (429, 5xx), which reject with `http_error`; rejects with AtlasError
   * `address_forbidden`, `source_unreachable`, `request_timeout`, `response_too_large`,
   * `decompression_refused` otherwise.
   */
  fetch(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}
