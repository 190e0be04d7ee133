// `oer-atlas links check [SOURCE_ID] [--all]`: checks the landing pages of catalog records that are due (never
// checked first, then the oldest checks), stores each outcome with the record's quality recomputed from it, and
// prints a summary (outcomes, errors by code, duration). `source show ID` reports the links to fix.
import type { Command } from 'commander';
import { AtlasError } from '../../domain/errors.js';
import type { LinkCheckSummary } from '../../services/link-check-service.js';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';
import { printJson } from '../output.js';
import { createProgress } from '../progress.js';

function wholeNumber(text: string, name: string, min: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new AtlasError('usage_error', `${name} must be a whole number of at least ${min}.`, {
      details: { parameter: name },
    });
  }
  return n;
}

function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 100) / 10;
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function describeSummary(scope: string, summary: LinkCheckSummary): string {
  const o = summary.outcomes;
  const lines = [
    `Checked ${summary.checked} ${summary.checked === 1 ? 'link' : 'links'} of ${scope} in ${duration(summary.durationMs)}: ` +
      `${o.alive} alive, ${o.redirected} redirected, ${o.dead} dead, ${o.inconclusive} inconclusive, ` +
      `${o.not_checked} not checkable`,
  ];
  if (summary.countedDead > 0) lines.push(`  counted dead by quality: ${summary.countedDead}`);
  const errors = Object.entries(summary.errorsByCode).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (errors.length > 0) lines.push(`  errors: ${errors.map(([code, n]) => `${code} ${n}`).join(', ')}`);
  if (summary.stored < summary.checked) {
    lines.push(`  ${summary.checked - summary.stored} not stored: the record changed while it was checked`);
  }
  if (summary.checked === 0) lines.push('  No link was due.');
  return lines.join('\n');
}

export function registerLinksCommand(program: Command, ctx: CommandContext): void {
  const links = program.command('links').description('check the landing pages of catalog records');

  links
    .command('check')
    .description('check the links that are due (never checked, then the oldest) and store the outcomes')
    .argument('[source-id]', 'only the records of this source')
    .option('--all', 'check the records of every source')
    .option('--limit <n>', 'at most this many links')
    .option('--older-than <days>', 'check again links last checked at least this many days ago', '30')
    .option('--json', 'print the summary as JSON')
    .action(
      async (
        sourceId: string | undefined,
        options: { all?: boolean; limit?: string; olderThan: string; json?: boolean },
      ) => {
        if ((sourceId === undefined) === (options.all !== true)) {
          throw new AtlasError('usage_error', 'Give either a source id or --all (every source).', {
            details: { parameter: 'source-id' },
          });
        }
        const olderThanDays = wholeNumber(options.olderThan, '--older-than', 0);
        const limit = options.limit === undefined ? undefined : wholeNumber(options.limit, '--limit', 1);
        const atlas = await ctx.atlas();
        const progress =
          options.json === true ? null : createProgress(ctx.io, { label: 'links check', unit: 'links' });
        let last = 0;
        const summary = await atlas.links.checkDue({
          ...(sourceId === undefined ? {} : { sourceId }),
          ...(limit === undefined ? {} : { limit }),
          olderThanDays,
          onProgress: (done, total) => {
            if (progress === null) return;
            if (done === 0) progress.setTotal(total);
            else progress.tick(done - last);
            last = done;
          },
        });
        progress?.stop();
        // Scores changed: the search index ranks by quality, so it takes the changed records now.
        await atlas.indexer.indexPending();
        if (options.json === true) printJson(ctx.io, summary);
        else write(ctx.io.stdout, describeSummary(sourceId ?? 'every source', summary));
      },
    );

  for (const command of links.commands) command.exitOverride().showHelpAfterError('(add --help for usage)');
  links.exitOverride();
}
