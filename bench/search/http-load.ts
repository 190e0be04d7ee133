// The HTTP part of the search benchmark: starts the real server (`oer-atlas serve --no-harvest`, the CLI's own
// code, on 127.0.0.1 and a free port) on a built catalog, then runs N concurrent clients (keep-alive
// connections, Node's http module) that each send the next query of the mix to GET /api/v1/resources and read
// the whole answer, for a fixed time after a warm-up. Counts requests per second, errors (any status other
// than 200, or a failed connection) and the latency each client saw.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LAUNCHER_NODE_FLAGS } from '../launcher-flags.js';
import { backendEnv, percentiles, type Backend, type Percentiles } from './backend.js';
import type { QuerySpec } from './queries.js';

export interface HttpFigures {
  readonly clients: number;
  readonly seconds: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly errors: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly latencyMs: Percentiles;
  /** The first request, sent alone before the clients start (it loads what the server keeps in memory). */
  readonly firstRequestMs: number;
  /** CPU seconds the server process used during the measured window (user + system). */
  readonly serverCpuSeconds: number | null;
  /** Requests answered per CPU second of the server: what one core given wholly to it would serve. */
  readonly requestsPerServerCpuSecond: number | null;
}

export interface RunningServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Starts `oer-atlas serve` on the catalog and resolves with its URL once it listens. */
export async function startServer(backend: Backend, location: string): Promise<RunningServer> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('ATLAS_') && key !== 'DATABASE_URL') env[key] = value;
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...LAUNCHER_NODE_FLAGS,
      '--import',
      'tsx',
      path.join(ROOT, 'src', 'bin', 'cli.ts'),
      'serve',
      '--no-harvest',
    ],
    {
      cwd: ROOT,
      env: { ...env, ...backendEnv(backend, location), ATLAS_HOST: '127.0.0.1', ATLAS_PORT: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const stderr = child.stderr;
  if (stderr === null) throw new Error('no stderr');
  const lines = createInterface({ input: stderr });
  const url = await new Promise<string>((resolve, reject) => {
    const seen: string[] = [];
    lines.on('line', (line) => {
      seen.push(line);
      const found = /serving (http:\/\/[^\s]+) /.exec(line)?.[1];
      if (found !== undefined) resolve(found);
    });
    child.once('exit', (code) =>
      reject(new Error(`the server exited with ${code}: ${seen.slice(-10).join('\n')}`)),
    );
  });
  lines.on('line', (line) => process.stderr.write(`  [server] ${line}\n`));
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CPU time (user + system) of a process, in seconds, from /proc; null where there is no /proc. */
async function cpuSecondsOf(pid: number): Promise<number | null> {
  try {
    const { readFile } = await import('node:fs/promises');
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100;
  } catch {
    return null;
  }
}

function get(agent: http.Agent, base: URL, pathAndQuery: string): Promise<{ status: number }> {
  return new Promise((resolve) => {
    const request = http.get(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: pathAndQuery,
        headers: { accept: 'application/json' },
      },
      (response) => {
        response.on('data', () => undefined);
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
        response.on('error', () => resolve({ status: 0 }));
      },
    );
    request.on('error', () => resolve({ status: 0 }));
  });
}

/** Runs the clients against a started server: `warmupSeconds` unmeasured, then `seconds` measured. */
export async function runHttpLoad(
  server: RunningServer,
  specs: readonly QuerySpec[],
  options: { readonly clients: number; readonly seconds: number; readonly warmupSeconds: number },
): Promise<HttpFigures> {
  const base = new URL(server.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const paths = specs.map((s) => `/api/v1/resources?${new URLSearchParams(s.params).toString()}`);
  let next = 0;
  let measuring = false;
  let stopAt = Number.POSITIVE_INFINITY;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  async function client(): Promise<void> {
    while (performance.now() < stopAt) {
      const at = paths[next % paths.length] ?? '/api/v1/resources';
      next += 1;
      const started = performance.now();
      const { status } = await get(agent, base, at);
      if (!measuring || performance.now() > stopAt) continue;
      latencies.push(performance.now() - started);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      if (status !== 200) errors += 1;
    }
  }
  // The first request pays for what the server loads on first use (the index's facet data): apart.
  const firstStarted = performance.now();
  const first = await get(agent, base, paths[0] ?? '/api/v1/resources');
  const firstRequestMs = performance.now() - firstStarted;
  if (first.status !== 200) throw new Error(`the first search answered HTTP ${first.status}`);
  const clients = Array.from({ length: options.clients }, () => client());
  await new Promise((resolve) => setTimeout(resolve, options.warmupSeconds * 1000));
  const cpuBefore = await cpuSecondsOf(server.pid);
  measuring = true;
  const started = performance.now();
  stopAt = started + options.seconds * 1000;
  await Promise.all(clients);
  const seconds = options.seconds;
  const cpuAfter = await cpuSecondsOf(server.pid);
  agent.destroy();
  const serverCpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  return {
    clients: options.clients,
    seconds,
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    errors,
    statuses,
    latencyMs: percentiles(latencies),
    firstRequestMs,
    serverCpuSeconds: serverCpu,
    requestsPerServerCpuSecond: serverCpu === null || serverCpu === 0 ? null : latencies.length / serverCpu,
  };
}
