// `oer-atlas serve`: opens the store (migrating it), starts the web server and keeps it running until
// SIGTERM/SIGINT, then shuts down gracefully (in-flight requests finish, the database closes cleanly).
import type { Command } from 'commander';
import { runHarvestWorker } from '../../services/harvest-worker.js';
import { buildApp } from '../../web/app.js';
import { installGracefulShutdown, startServer } from '../../web/server.js';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';

interface ServeOptions {
  readonly port?: string;
  readonly host?: string;
  readonly harvest: boolean;
}

export function registerServeCommand(
  program: Command,
  ctx: CommandContext,
  setExit: (code: number) => void,
): void {
  program
    .command('serve')
    .description('run the web portal, the JSON API and the scheduler (until stopped with Ctrl-C or SIGTERM)')
    .option('-p, --port <port>', 'TCP port to listen on (also ATLAS_PORT; default 8080)')
    .option('--host <address>', 'address to listen on (also ATLAS_HOST; default 127.0.0.1, 0.0.0.0 for all)')
    .option(
      '--no-harvest',
      'do not run scheduled harvests in this process (also ATLAS_HARVEST_IN_SERVER=false)',
    )
    .action(async (options: ServeOptions) => {
      const overrides = {
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.host !== undefined ? { host: options.host } : {}),
      };
      const atlas = await ctx.atlas(overrides);
      ctx.keepOpen();
      const { config, store } = atlas;
      const app = await buildApp({
        store,
        sources: atlas.sources,
        search: atlas.search,
        logLevel: config.logLevel,
        ...(config.publicUrl !== null ? { publicUrl: config.publicUrl } : {}),
      });
      // Records changed while no server ran (or an index made by another analyzer) are indexed in the
      // background; searches answer from the index as it is meanwhile.
      void atlas.indexer.ensureCurrent().then(
        ({ rebuilt, report }) => {
          if (rebuilt || report.indexed + report.removed > 0) {
            app.log.info({ ...report, rebuilt }, 'search index brought up to date');
          }
        },
        (error: unknown) => app.log.error({ err: error }, 'the search index could not be updated'),
      );
      // Scheduled harvests run beside the portal; closing the server stops the current run at a page
      // boundary (it keeps its checkpoint) before the database closes.
      if (options.harvest && config.harvestInServer) {
        const stopHarvests = new AbortController();
        const worker = runHarvestWorker({
          harvests: atlas.harvests,
          signal: stopHarvests.signal,
          log: { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m) },
        }).catch((error: unknown) => {
          app.log.error({ err: error }, 'the harvest worker stopped');
          return 0;
        });
        app.addHook('onClose', async () => {
          stopHarvests.abort();
          await worker;
        });
      }
      let finished!: (code: number) => void;
      const done = new Promise<number>((resolve) => (finished = resolve));
      installGracefulShutdown(app, {
        store,
        timeoutMs: config.shutdownTimeoutMs,
        log: app.log,
        exit: (code: number) => finished(code),
      });
      try {
        const { url } = await startServer(app, { host: config.host, port: config.port });
        const where =
          store.backend === 'sqlite' ? `SQLite ${store.location}` : `PostgreSQL ${store.location}`;
        write(ctx.io.stderr, `OER Atlas is serving ${url} (${where}). Stop with Ctrl-C.`);
      } catch (error) {
        await app.close().catch(() => undefined);
        await atlas.close();
        throw error;
      }
      setExit(await done);
    });
}
