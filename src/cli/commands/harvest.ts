// `oer-atlas harvest`, `remap`, `runs` and `worker`: harvesting from the command line, with a progress bar
// on a terminal, a summary at the end, and the stored run reports for inspection.
import type { Command } from 'commander';
import type { HarvestRun, RecordIssue } from '../../domain/catalog.js';
import { AtlasError, isAtlasError } from '../../domain/errors.js';
import type { HarvestSummary } from '../../services/harvest-service.js';
import { runHarvestWorker } from '../../services/harvest-worker.js';
import type { Atlas } from '../../composition.js';
import type { CommandContext } from '../context.js';
import { write, type CliIo } from '../io.js';
import { formatTable, printJson } from '../output.js';
import { createProgress } from '../progress.js';

function processed(run: HarvestRun): number {
  const c = run.counts;
  return c.new + c.updated + c.unchanged + c.deleted + c.failed;
}

function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 100) / 10;
  if (s < 120) return `${s} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

const SKIPPED_CLASSES: ReadonlySet<string> = new Set(['excluded_by_set']);

/** The end-of-run summary a repository manager reads. */
export function describeRun(run: HarvestRun): string {
  const c = run.counts;
  const lines = [
    `Run ${run.id} (${run.mode}) ${run.status}`,
    `  records:  ${c.new} new, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged, ${c.failed} failed`,
    `  pages:    ${c.pages}, requests: ${c.requests}` +
      (typeof run.report.durationMs === 'number' ? `, duration: ${duration(run.report.durationMs)}` : ''),
  ];
  // Skipped on purpose (the source's set filter) is not an error; everything else is.
  const classes = Object.entries(run.errorsByClass).sort(([a], [b]) => a.localeCompare(b));
  const skipped = classes.filter(([code]) => SKIPPED_CLASSES.has(code));
  const errors = classes.filter(([code]) => !SKIPPED_CLASSES.has(code));
  if (errors.length > 0) lines.push(`  errors:   ${errors.map(([code, n]) => `${code} ${n}`).join(', ')}`);
  if (skipped.length > 0) lines.push(`  skipped:  ${skipped.map(([code, n]) => `${code} ${n}`).join(', ')}`);
  const notes = Array.isArray(run.report.notes)
    ? (run.report.notes as { code: string; message: string; count: number }[])
    : [];
  for (const note of notes.slice(0, 20)) {
    lines.push(`  note:     ${note.message}${note.count > 1 ? ` (${note.count} times)` : ''}`);
  }
  const error = run.report.error as { code: string; message: string } | undefined;
  if (error !== undefined && run.status !== 'succeeded' && run.status !== 'partial') {
    lines.push(`  stopped:  [${error.code}] ${error.message}`);
  }
  return lines.join('\n');
}

/** Aborts on Ctrl-C / SIGTERM while `fn` runs. */
async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = (): void => controller.abort(new AtlasError('harvest_interrupted', 'Stopped by a signal.'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

export async function harvestWithProgress(
  io: CliIo,
  atlas: Atlas,
  sourceId: string,
  options: { full?: boolean; json?: boolean; requestedBy?: string },
): Promise<HarvestSummary> {
  const progress =
    options.json === true ? null : createProgress(io, { label: `harvest ${sourceId}`, unit: 'records' });
  let seen = 0;
  const summary = await withInterrupt((signal) =>
    atlas.harvests.harvest(sourceId, {
      ...(options.full === true ? { mode: 'full' as const } : {}),
      signal,
      requestedBy: options.requestedBy ?? 'cli',
      onProgress: ({ run, expectedTotal }) => {
        if (progress === null) return;
        if (expectedTotal !== undefined) progress.setTotal(expectedTotal);
        const now = processed(run);
        if (now > seen) progress.tick(now - seen);
        seen = now;
      },
    }),
  );
  progress?.stop();
  return summary;
}

export function registerHarvestCommands(
  program: Command,
  ctx: CommandContext,
  setExit: (code: number) => void,
): void {
  program
    .command('harvest')
    .description('harvest one source (or all) now; an interrupted run resumes where it stopped')
    .argument('[source-id]', 'the source to harvest')
    .option('--all', 'harvest every registered source, one after the other')
    .option('--full', 'list every record again instead of only the changes since the last run')
    .option('--json', 'print the run reports as JSON')
    .action(
      async (sourceId: string | undefined, options: { all?: boolean; full?: boolean; json?: boolean }) => {
        if ((sourceId === undefined) === (options.all !== true)) {
          throw new AtlasError('usage_error', 'Give one source id, or --all (not both).', {
            details: { parameter: 'source-id' },
          });
        }
        const atlas = await ctx.atlas();
        const ids = sourceId !== undefined ? [sourceId] : (await atlas.sources.list()).map((s) => s.id);
        if (ids.length === 0) write(ctx.io.stderr, 'No sources are registered yet.');
        const summaries: HarvestSummary[] = [];
        // With --all, a source that cannot be harvested now (busy, removed meanwhile) does not stop the rest.
        const skipped: { sourceId: string; error: { code: string; message: string } }[] = [];
        for (const id of ids) {
          let summary: HarvestSummary;
          try {
            summary = await harvestWithProgress(ctx.io, atlas, id, options);
          } catch (error) {
            if (sourceId !== undefined || !isAtlasError(error)) throw error;
            skipped.push({ sourceId: id, error: { code: error.code, message: error.message } });
            if (options.json !== true) write(ctx.io.stderr, `error [${error.code}]: ${error.message}`);
            setExit(1);
            continue;
          }
          summaries.push(summary);
          if (options.json !== true) write(ctx.io.stdout, describeRun(summary.run));
          if (summary.error !== null) setExit(1);
        }
        if (options.json === true)
          printJson(
            ctx.io,
            sourceId !== undefined ? summaries[0]?.run : [...summaries.map((s) => s.run), ...skipped],
          );
      },
    );

  program
    .command('remap')
    .description('rebuild the mapped records of a source from its stored raw payloads (no new harvest)')
    .argument('<source-id>', 'the source')
    .option('--json', 'print the outcome counts as JSON')
    .action(async (sourceId: string, options: { json?: boolean }) => {
      const atlas = await ctx.atlas();
      const counts = await atlas.store.countSourceRecords(sourceId);
      const progress =
        options.json === true
          ? null
          : createProgress(ctx.io, {
              label: `remap ${sourceId}`,
              unit: 'records',
              total: counts.active + counts.failed + counts.deleted,
            });
      let last = 0;
      const summary = await atlas.harvests.remap(sourceId, {
        onProgress: (done) => {
          progress?.tick(done - last);
          last = done;
        },
      });
      progress?.stop();
      if (options.json === true) {
        printJson(ctx.io, summary);
        return;
      }
      const c = summary.counts;
      write(
        ctx.io.stdout,
        `Remapped ${sourceId}: ${c.updated} changed, ${c.unchanged} unchanged, ${c.failed} failed`,
      );
      const errors = Object.entries(summary.errorsByClass);
      if (errors.length > 0)
        write(ctx.io.stdout, `  errors: ${errors.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    });

  const runs = program.command('runs').description('harvest run reports and the problems they recorded');
  runs
    .command('list')
    .description('the latest harvest runs of a source, newest first')
    .argument('<source-id>', 'the source')
    .option('--limit <n>', 'how many runs', '20')
    .option('--json', 'print as JSON')
    .action(async (sourceId: string, options: { limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new AtlasError('usage_error', '--limit must be a whole number from 1 to 1000', {
          details: { parameter: 'limit' },
        });
      }
      const atlas = await ctx.atlas();
      await atlas.sources.show(sourceId);
      const list = await atlas.store.listRuns(sourceId, limit);
      if (options.json === true) {
        printJson(ctx.io, list);
        return;
      }
      if (list.length === 0) {
        write(ctx.io.stdout, 'No harvest runs yet.');
        return;
      }
      const row = (r: HarvestRun) => {
        const c = r.counts;
        return [
          r.id,
          r.startedAt,
          r.mode,
          r.status,
          `${c.new}/${c.updated}/${c.deleted}/${c.unchanged}/${c.failed}`,
        ];
      };
      write(
        ctx.io.stdout,
        formatTable(['RUN', 'STARTED', 'MODE', 'STATUS', 'NEW/UPD/DEL/SAME/FAILED'], list.map(row)),
      );
    });
  runs
    .command('show')
    .description('one run report with the records that failed (id, error code, message)')
    .argument('<run-id>', 'the run')
    .option('--raw', 'also print the raw payload of each failed record')
    .option('--limit <n>', 'how many problems to list', '50')
    .option('--json', 'print as JSON (raw payloads included)')
    .action(async (runId: string, options: { raw?: boolean; limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
        throw new AtlasError('usage_error', '--limit must be a whole number from 1 to 10000', {
          details: { parameter: 'limit' },
        });
      }
      const atlas = await ctx.atlas();
      const run = await atlas.store.getRun(runId);
      if (run === null) throw new AtlasError('not_found', `There is no harvest run with the id ${runId}.`);
      const issues = await atlas.store.listRecordIssues(runId, limit);
      if (options.json === true) {
        printJson(ctx.io, { run, issues });
        return;
      }
      write(ctx.io.stdout, describeRun(run));
      if (issues.length > 0) write(ctx.io.stdout, `  problems (${issues.length} shown):`);
      const line = (i: RecordIssue) => `    ${i.sourceRecordId}: [${i.code}] ${i.message}`;
      for (const issue of issues) {
        write(ctx.io.stdout, line(issue));
        if (options.raw === true && issue.raw !== null) write(ctx.io.stdout, issue.raw);
      }
    });

  for (const command of runs.commands) command.exitOverride().showHelpAfterError('(add --help for usage)');

  program
    .command('worker')
    .description(
      'run harvest jobs from the shared queue until stopped (several workers may share one PostgreSQL database)',
    )
    .option('--once', 'stop when the queue is empty')
    .option('--no-schedule', 'only run queued jobs; do not queue scheduled harvests')
    .option('--poll-ms <ms>', 'wait between looks at an empty queue', '5000')
    .action(async (options: { once?: boolean; schedule: boolean; pollMs: string }) => {
      const pollMs = Number(options.pollMs);
      if (!Number.isInteger(pollMs) || pollMs < 10 || pollMs > 3_600_000) {
        throw new AtlasError('usage_error', '--poll-ms must be a whole number from 10 to 3600000', {
          details: { parameter: 'poll-ms' },
        });
      }
      const atlas = await ctx.atlas();
      write(ctx.io.stderr, `Harvest worker ${atlas.harvests.owner} started on ${atlas.store.location}.`);
      let failures = 0;
      const runsDone = await withInterrupt((signal) =>
        runHarvestWorker({
          harvests: atlas.harvests,
          signal,
          pollMs,
          scheduleEveryMs: options.schedule ? 60_000 : 0,
          ...(options.once === true ? { once: true } : {}),
          log: {
            info: (m) => write(ctx.io.stderr, m),
            warn: (m) => write(ctx.io.stderr, `warning: ${m}`),
          },
          onRun: (s) => {
            if (s.error !== null && s.error.code !== 'harvest_interrupted') failures += 1;
          },
        }),
      );
      write(ctx.io.stderr, `Harvest worker stopped after ${runsDone} run(s).`);
      if (failures > 0) setExit(1);
    });
}
