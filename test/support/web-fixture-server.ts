// A small web server for the sitemap, feed, dump and CSV harvester tests: serves a table of resources that
// tests may change while a harvest runs, with what real servers do around them: ETag / Last-Modified and
// 304 answers to conditional GETs, byte ranges (206, 416, If-Range), gzip Content-Encoding, fixed error
// statuses, redirects (also in loops). Records every request.
// Must never listen on anything but 127.0.0.1, and never reach out to any other server itself.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface FixtureResource {
  readonly body?: string | Buffer;
  readonly contentType?: string;
  /** Answer with this status and no validators (500, 404, 403...). */
  readonly status?: number;
  readonly etag?: string;
  readonly lastModified?: string;
  /** Compress the body on the wire (Content-Encoding: gzip) when the client accepts it. */
  readonly gzip?: boolean;
  /** Honour Range requests with 206 answers. */
  readonly ranges?: boolean;
  /** Redirect (302) to this path or URL. */
  readonly redirectTo?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SeenWebRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly status: number;
}

export interface WebFixtureServer {
  readonly url: string;
  readonly requests: readonly SeenWebRequest[];
  set(path: string, resource: FixtureResource): void;
  remove(path: string): void;
  /** Requests for this path (query included) so far. */
  hits(path: string): number;
  close(): Promise<void>;
}

function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^bytes=(\d+)-(\d*)$/.exec(header.trim());
  if (m === null) return null;
  const start = Number(m[1]);
  const end = m[2] === '' || m[2] === undefined ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export async function startWebFixtureServer(
  initial: Readonly<Record<string, FixtureResource>> = {},
): Promise<WebFixtureServer> {
  const resources = new Map<string, FixtureResource>(Object.entries(initial));
  const requests: SeenWebRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const send = (status: number, headers: Record<string, string>, body?: Buffer | string): void => {
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, status });
      res.writeHead(status, headers);
      res.end(body);
    };
    const resource = resources.get(path);
    if (resource === undefined) {
      send(404, { 'content-type': 'text/plain' }, 'not found');
      return;
    }
    if (resource.redirectTo !== undefined) {
      send(302, { location: resource.redirectTo }, '');
      return;
    }
    if (resource.status !== undefined) {
      send(
        resource.status,
        { 'content-type': 'text/plain', ...(resource.headers ?? {}) },
        `status ${resource.status}`,
      );
      return;
    }
    const body =
      typeof resource.body === 'string'
        ? Buffer.from(resource.body, 'utf8')
        : (resource.body ?? Buffer.alloc(0));
    const headers: Record<string, string> = {
      'content-type': resource.contentType ?? 'text/html; charset=utf-8',
      ...(resource.headers ?? {}),
    };
    if (resource.etag !== undefined) headers['etag'] = resource.etag;
    if (resource.lastModified !== undefined) headers['last-modified'] = resource.lastModified;
    const noneMatch = req.headers['if-none-match'];
    const modifiedSince = req.headers['if-modified-since'];
    const unchanged =
      (noneMatch !== undefined && resource.etag !== undefined && noneMatch === resource.etag) ||
      (noneMatch === undefined &&
        modifiedSince !== undefined &&
        resource.lastModified !== undefined &&
        Date.parse(modifiedSince) >= Date.parse(resource.lastModified));
    if (unchanged) {
      send(304, headers);
      return;
    }
    const rangeHeader = req.headers['range'];
    const ifRange = req.headers['if-range'];
    const rangeValid =
      ifRange === undefined || ifRange === resource.etag || ifRange === resource.lastModified;
    if (resource.ranges === true && typeof rangeHeader === 'string' && rangeValid) {
      const range = parseRange(rangeHeader, body.length);
      if (range === 'unsatisfiable') {
        send(416, { ...headers, 'content-range': `bytes */${body.length}` });
        return;
      }
      if (range !== null) {
        send(
          206,
          {
            ...headers,
            'accept-ranges': 'bytes',
            'content-range': `bytes ${range.start}-${range.end}/${body.length}`,
          },
          body.subarray(range.start, range.end + 1),
        );
        return;
      }
    }
    if (resource.gzip === true && /gzip/.test(req.headers['accept-encoding'] ?? '')) {
      send(200, { ...headers, 'content-encoding': 'gzip' }, gzipSync(body));
      return;
    }
    send(200, headers, body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    set(path, resource) {
      resources.set(path, resource);
    },
    remove(path) {
      resources.delete(path);
    },
    hits(path) {
      return requests.filter((r) => r.path === path).length;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
