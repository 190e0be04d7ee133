// Starts the web app on a port and stops it gracefully: on SIGTERM/SIGINT (or a direct call) readiness fails,
// in-flight requests finish, then the store closes and the process exits. Never exits with 0 unless both
// the server and the store closed cleanly, and never waits longer than the configured timeout.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../ports/store.js';
import type {} from './health.js'; // brings in the `lifecycle` decoration's type

export interface ListenOptions {
  readonly host: string;
  readonly port: number;
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Listens on host:port (port 0 picks a free one) and resolves with the URL actually bound. */
export async function startServer(app: FastifyInstance, options: ListenOptions): Promise<{ url: string }> {
  const fallback = await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  return { url: address !== null && typeof address === 'object' ? urlOf(address) : fallback };
}

/** The part of a logger shutdown needs; Fastify's `app.log` fits. */
export interface ShutdownLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface GracefulShutdownOptions {
  readonly store: Pick<Store, 'close'>;
  /** Longest wait for in-flight requests and the store before giving up and exiting with 1. */
  readonly timeoutMs: number;
  readonly log: ShutdownLog;
  /** Ends the process; injectable so tests and the CLI decide what exiting means. */
  readonly exit?: (code: number) => void;
}

export interface GracefulShutdown {
  /** Starts the shutdown (once; later calls return the same promise) and resolves after `exit` was called. */
  readonly shutdown: (reason?: string) => Promise<void>;
}

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export function installGracefulShutdown(
  app: FastifyInstance,
  options: GracefulShutdownOptions,
): GracefulShutdown {
  const { store, timeoutMs, log } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let running: Promise<void> | undefined;

  const onSignal = (signal: NodeJS.Signals): void => {
    void shutdown(signal);
  };

  async function closeEverything(): Promise<'closed'> {
    // Stops accepting connections, closes idle ones and waits for in-flight requests to finish.
    await app.close();
    log.info({}, 'web server closed');
    await store.close();
    log.info({}, 'store closed');
    return 'closed';
  }

  async function run(reason: string): Promise<void> {
    // The handlers go now: a second Ctrl-C then gets Node's default behaviour and ends the process at once,
    // the usual way out when a drain takes too long for the person waiting.
    for (const signal of SHUTDOWN_SIGNALS) process.removeListener(signal, onSignal);
    app.lifecycle.beginDraining();
    log.info({ reason, timeoutMs }, 'shutting down: finishing in-flight requests');

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, 'timed-out');
    });
    let code: number;
    try {
      const outcome = await Promise.race([closeEverything(), deadline]);
      if (outcome === 'timed-out') {
        log.error({ timeoutMs }, 'shutdown did not finish in time; exiting anyway');
        code = 1;
      } else {
        log.info({}, 'shutdown complete');
        code = 0;
      }
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      code = 1;
    } finally {
      clearTimeout(timer);
    }
    exit(code);
  }

  function shutdown(reason = 'requested'): Promise<void> {
    running ??= run(reason);
    return running;
  }

  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);
  return { shutdown };
}
