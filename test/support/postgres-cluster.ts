// A throwaway PostgreSQL cluster for tests: initdb into a fresh temp folder, a server on a free port of
// 127.0.0.1 only, one database per caller, and everything removed on stop().
// Must never listen beyond loopback, never touch a cluster it did not create, and never outlive the test
// process: a watchdog stops the server and removes the folder if this process dies without calling stop().
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findPostgresBin } from './system-parts.js';

export interface PostgresCluster {
  /** A connection URL for `dbName` (default "postgres"); no password, trust authentication on loopback. */
  url(dbName?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Drops a database made by createDatabase, closing its remaining connections. */
  dropDatabase(url: string): Promise<void>;
  /** Stops the server and removes its folder. Calling it twice is harmless. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

/** initdb and postgres refuse to run as root; as root we run them as the postgres system user instead. */
function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

function systemUserIds(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Runs a PostgreSQL binary, as the postgres user when we are root, and fails with its output. */
function runPg(bin: string, tool: string, args: readonly string[], cwd: string): void {
  const exe = path.join(bin, tool);
  const [command, commandArgs] = runningAsRoot()
    ? ['runuser', ['-u', SUPERUSER, '--', exe, ...args]]
    : [exe, [...args]];
  try {
    execFileSync(command, commandArgs, { cwd, stdio: 'pipe', encoding: 'utf8', timeout: 60_000 });
  } catch (err) {
    const out = err as { stdout?: string; stderr?: string; message?: string };
    throw new Error(`${tool} failed: ${out.message ?? ''}\n${out.stdout ?? ''}\n${out.stderr ?? ''}`, {
      cause: err,
    });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * A detached shell that waits for this process to end and then stops the server and removes the folder. It
 * exits by itself once stop() has removed the folder, so it never lingers after a normal run.
 */
function startWatchdog(bin: string, folder: string, dataDir: string): void {
  const pgCtl = path.join(bin, 'pg_ctl');
  const stop = runningAsRoot()
    ? `runuser -u ${SUPERUSER} -- "${pgCtl}" stop -D "${dataDir}" -m immediate`
    : `"${pgCtl}" stop -D "${dataDir}" -m immediate`;
  const script = `
while kill -0 ${process.pid} 2>/dev/null && [ -d "${dataDir}" ]; do sleep 1; done
if [ -d "${dataDir}" ]; then ${stop} >/dev/null 2>&1; rm -rf "${folder}"; fi`;
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore', cwd: tmpdir() });
  child.unref();
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (bin === null) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) were not found.');

  const folder = mkdtempSync(path.join(tmpdir(), 'oer-atlas-pg-'));
  const dataDir = path.join(folder, 'data');
  if (runningAsRoot()) {
    const { uid, gid } = systemUserIds(SUPERUSER);
    chownSync(folder, uid, gid);
  }

  let port = 0;
  let stopped = false;
  const stopNow = (): void => {
    if (stopped) return;
    stopped = true;
    try {
      runPg(bin, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w'], folder);
    } catch {
      // The server may never have started; removing the folder is what matters now.
    }
    rmSync(folder, { recursive: true, force: true });
  };
  // The safety net for a test run that ends without reaching its `after` hook.
  process.once('exit', stopNow);

  try {
    runPg(
      bin,
      'initdb',
      ['-D', dataDir, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      folder,
    );
    startWatchdog(bin, folder, dataDir);
    // A port found free can be taken before the server binds it; try a few.
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      const serverOptions = [
        '-c listen_addresses=127.0.0.1',
        `-c port=${port}`,
        `-c unix_socket_directories='${folder}'`,
        '-c fsync=off',
        '-c full_page_writes=off',
        '-c synchronous_commit=off',
        '-c max_connections=200',
      ].join(' ');
      try {
        runPg(
          bin,
          'pg_ctl',
          [
            'start',
            '-D',
            dataDir,
            '-w',
            '-t',
            '60',
            '-l',
            path.join(folder, 'server.log'),
            '-o',
            serverOptions,
          ],
          folder,
        );
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  } catch (err) {
    stopNow();
    process.removeListener('exit', stopNow);
    throw err;
  }

  const url = (dbName = 'postgres'): string => `postgresql://${SUPERUSER}@127.0.0.1:${port}/${dbName}`;

  async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  return {
    url,
    async createDatabase() {
      const name = `atlas_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      return url(name);
    },
    async dropDatabase(databaseUrl: string) {
      const name = new URL(databaseUrl).pathname.slice(1);
      if (!/^atlas_[0-9a-f]{12}$/.test(name)) throw new Error(`Not a database made by this cluster: ${name}`);
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
    stop() {
      stopNow();
      process.removeListener('exit', stopNow);
      return Promise.resolve();
    },
  };
}
