// A tiny node:http server for the HTTP client tests: runs a handler on a loopback address, counts the
// requests it receives and how many are in flight at once.
// Must never listen on anything but 127.0.0.x, so a test can never make the client leave this machine.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** performance-style ms since the server started. */
  readonly at: number;
}

export interface LoopbackServer {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly requests: readonly SeenRequest[];
  /** The highest number of requests that were being handled at the same moment. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** May return anything (a ServerResponse from `res.end()`, a promise); only a rejected promise matters. */
export type Handler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => unknown;

export async function startLoopbackServer(
  handler: Handler,
  options: { host?: string; port?: number } = {},
): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  if (!/^127\.\d+\.\d+\.\d+$/.test(host)) throw new RangeError(`loopback only (got ${host})`);
  const started = performance.now();
  const requests: SeenRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const done = (): void => {
      if (counted) inFlight -= 1;
      counted = false;
    };
    res.on('close', done);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now() - started,
      };
      requests.push(seen);
      const result = handler(req, res, seen);
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          res.destroy(error instanceof Error ? error : new Error(String(error)));
        });
      }
    });
  });
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    host,
    get requests() {
      return requests;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** A port that was just free on 127.0.0.1 and is now closed, so connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Records the waits the client asks for instead of waiting. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}
