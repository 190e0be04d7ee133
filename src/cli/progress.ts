// Progress for long CLI work: a live bar on a terminal, plain occasional lines otherwise (logs, CI, pipes).
// Always written to stderr so that stdout stays clean for data and JSON.
import cliProgress from 'cli-progress';
import { write, type CliIo } from './io.js';

export interface Progress {
  /** Adds `n` done items (default 1). */
  tick(n?: number): void;
  setTotal(total: number): void;
  /** Ends the bar and prints a closing line. */
  stop(summary?: string): void;
}

export interface ProgressOptions {
  readonly label: string;
  readonly unit: string;
  readonly total?: number;
  /** Minimum time between plain lines when not on a terminal. */
  readonly plainIntervalMs?: number;
}

export function createProgress(io: CliIo, options: ProgressOptions): Progress {
  let done = 0;
  let total = options.total ?? 0;
  if (io.stderr.isTTY === true && io.env.CI !== 'true') {
    const bar = new cliProgress.SingleBar(
      {
        stream: io.stderr,
        format: `${options.label} [{bar}] {percentage}% | {value}/{total} ${options.unit} | {duration_formatted}`,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return {
      tick(n = 1) {
        done += n;
        if (done > total) bar.setTotal((total = done));
        bar.update(done);
      },
      setTotal(t) {
        total = t;
        bar.setTotal(t);
      },
      stop(summary) {
        bar.stop();
        if (summary) write(io.stderr, summary);
      },
    };
  }
  const interval = options.plainIntervalMs ?? 2000;
  let lastLine = Date.now();
  const line = () =>
    write(io.stderr, `${options.label}: ${done}${total > 0 ? `/${total}` : ''} ${options.unit}`);
  return {
    tick(n = 1) {
      done += n;
      const now = Date.now();
      if (now - lastLine >= interval) {
        lastLine = now;
        line();
      }
    },
    setTotal(t) {
      total = t;
    },
    stop(summary) {
      line();
      if (summary) write(io.stderr, summary);
    },
  };
}
