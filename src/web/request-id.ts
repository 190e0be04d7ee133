// Request ids: every request gets one, taken from a trustworthy `X-Request-Id` header or freshly generated,
// so a log line, an error page and a proxy's access log can be matched up.
// Never trusts an incoming id that could smuggle control characters or markup into logs or pages.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

// Letters, digits and `._-` cover UUIDs, ULIDs and the ids common proxies emit, while keeping out spaces,
// quotes, angle brackets and newlines that would let a client forge log lines or inject markup.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function isSafeRequestId(value: unknown): value is string {
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value);
}

/** Fastify's `genReqId`: keeps a safe incoming id (set by a proxy upstream) and replaces anything else. */
export function requestIdFor(raw: IncomingMessage): string {
  // A repeated header arrives joined with ", ", which fails the check on purpose: there is no right answer.
  const incoming = raw.headers[REQUEST_ID_HEADER];
  return isSafeRequestId(incoming) ? incoming : randomUUID();
}

/** Echoes the id on every response that goes through the normal lifecycle (the error mapper covers the rest). */
export function registerRequestIdEcho(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
