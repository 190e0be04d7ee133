// `oer-atlas serve`: opens the store (migrating it), starts the web server and keeps it running until
// SIGTERM/SIGINT, then shuts down gracefully (in-flight requests finish, the database closes cleanly).
import type { Command } from 'commander';
import { createDemoCatalog, type DemoCatalog } from '../../services/demo-catalog.js';
import { runHarvestWorker } from '../../services/harvest-worker.js';
import { runLinkCheckSchedule } from '../../services/link-check-service.js';
import { buildApp } from '../../web/app.js';
import { installGracefulShutdown, startServer } from '../../web/server.js';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';

interface ServeOptions {
  readonly port?: string;
  readonly host?: string;
  readonly harvest: boolean;
  /** true: `--demo`, false: `--no-demo`, undefined: as configured (ATLAS_DEMO). */
  readonly demo?: boolean;
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
    .option(
      '--demo',
      'load the bundled demo catalog at start even when the catalog has sources or had it before',
    )
    .option('--no-demo', 'never load the bundled demo catalog (also ATLAS_DEMO=false)')
    .action(async (options: ServeOptions) => {
      const overrides = {
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.host !== undefined ? { host: options.host } : {}),
        ...(options.demo !== undefined ? { demo: options.demo } : {}),
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
      // Background link checks (ATLAS_LINK_CHECKS_PER_HOUR, off by default) run beside the portal; closing the
      // server abandons the checks in flight, storing none of them.
      if (config.linkChecksPerHour > 0) {
        const stopLinks = new AbortController();
        const checks = runLinkCheckSchedule({
          links: atlas.links,
          perHour: config.linkChecksPerHour,
          signal: stopLinks.signal,
          afterRound: () => atlas.indexer.indexPending(),
          log: app.log,
        });
        app.addHook('onClose', async () => {
          stopLinks.abort();
          await checks;
        });
      }
      // The demo catalog (an empty catalog's first start, or --demo) is imported in the background once the
      // server listens; closing the server stops it between two repositories (the next start finishes it).
      const demo = createDemoCatalog({ store, sources: atlas.sources, harvests: atlas.harvests });
      const stopDemo = new AbortController();
      let demoLoad: Promise<void> = Promise.resolve();
      app.addHook('onClose', async () => {
        stopDemo.abort();
        await demoLoad;
      });
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
        demoLoad = loadDemo(demo, stopDemo.signal, {
          enabled: config.demo,
          force: options.demo === true,
          say: (line) => write(ctx.io.stderr, line),
          log: app.log,
        });
      } catch (error) {
        await app.close().catch(() => undefined);
        await atlas.close();
        throw error;
      }
      setExit(await done);
    });
}

/** Loads the demo catalog when the start calls for it; never throws (a failure is logged). */
async function loadDemo(
  demo: DemoCatalog,
  signal: AbortSignal,
  options: {
    readonly enabled: boolean;
    readonly force: boolean;
    readonly say: (line: string) => void;
    readonly log: {
      info(details: object, message: string): void;
      error(details: object, message: string): void;
    };
  },
): Promise<void> {
  try {
    const decision = await demo.decide({ enabled: options.enabled, force: options.force });
    if (decision !== 'load' || signal.aborted) return;
    options.say('Loading the demo catalog in the background (turn it off with ATLAS_DEMO=false)...');
    const report = await demo.load({ signal });
    const failed = report.sources.filter((s) => s.status === 'error' || s.status === 'failed');
    const details = {
      sources: report.sources.length,
      records: report.records,
      failedRecords: report.failed,
      failedSources: failed.map((s) => ({ folder: s.folder, error: s.error })),
      durationMs: report.durationMs,
      interrupted: report.interrupted,
    };
    if (report.interrupted) {
      options.log.info(details, 'demo catalog load stopped; the next start finishes it');
      return;
    }
    options.log.info(details, 'demo catalog loaded');
    options.say(
      `Demo catalog loaded: ${report.records} records from ${report.sources.length} repositories in ` +
        `${(report.durationMs / 1000).toFixed(1)} s, searchable now.`,
    );
  } catch (error) {
    options.log.error({ err: error }, 'the demo catalog could not be loaded');
  }
}
