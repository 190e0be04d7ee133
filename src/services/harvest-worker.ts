// The harvest worker loop, run by `oer-atlas worker` and inside `oer-atlas serve`: asks for the harvests
// that are due by schedule, claims queued jobs one at a time (several workers on several machines share the
// queue through the database) and runs them until stopped. Stopping interrupts the current run, which
// keeps its checkpoint and stays queued for the next worker.
import type { HarvestService, HarvestSummary } from './harvest-service.js';
import { pause } from './pause.js';

export interface WorkerLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface WorkerOptions {
  readonly harvests: HarvestService;
  readonly signal: AbortSignal;
  readonly log: WorkerLog;
  /** Wait between polls when the queue is empty. Default 5 s. */
  readonly pollMs?: number;
  /** Ask for due harvests this often; 0 turns the scheduler off. Default 60 s. */
  readonly scheduleEveryMs?: number;
  /** Stop when the queue is empty instead of waiting for more. */
  readonly once?: boolean;
  readonly onRun?: (summary: HarvestSummary) => void;
}

/** Runs until `signal` aborts (or the queue is empty with `once`); returns how many runs it did. */
export async function runHarvestWorker(options: WorkerOptions): Promise<number> {
  const { harvests, signal, log } = options;
  const pollMs = options.pollMs ?? 5_000;
  const scheduleEveryMs = options.scheduleEveryMs ?? 60_000;
  let lastSchedule = 0;
  let runs = 0;
  while (!signal.aborted) {
    if (scheduleEveryMs > 0 && Date.now() - lastSchedule >= scheduleEveryMs) {
      lastSchedule = Date.now();
      try {
        const queued = await harvests.enqueueDue();
        if (queued.length > 0)
          log.info(`Scheduled harvests of ${queued.length} source(s): ${queued.join(', ')}`);
      } catch (error) {
        log.warn(`The scheduler could not look for due harvests: ${(error as Error).message}`);
      }
    }
    let job;
    try {
      job = await harvests.claimNext();
    } catch (error) {
      log.warn(`Could not claim a harvest job: ${(error as Error).message}`);
      job = null;
    }
    if (job === null) {
      if (options.once === true) break;
      await pause(pollMs, signal);
      continue;
    }
    log.info(`Harvesting source ${job.sourceId} (${job.mode}, attempt ${job.attempts})`);
    try {
      const summary = await harvests.runClaimedJob(job, { signal });
      runs += 1;
      const c = summary.run.counts;
      log.info(
        `Source ${job.sourceId}: ${summary.run.status}; ${c.new} new, ${c.updated} updated, ${c.deleted} deleted, ` +
          `${c.unchanged} unchanged, ${c.failed} failed` +
          (summary.error === null ? '' : `; ${summary.error.code}: ${summary.error.message}`),
      );
      options.onRun?.(summary);
    } catch (error) {
      log.warn(`Harvest of ${job.sourceId} could not run: ${(error as Error).message}`);
    }
  }
  return runs;
}
