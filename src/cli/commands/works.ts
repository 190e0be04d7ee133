// `oer-atlas works`: the groups of records that describe the same resource (works), with each member's source
// record id and the reasons that joined them; `works group` runs the grouping of changed records now;
// `works join|split A B` records a curator's decision, which survives re-harvests; `works undo ID` takes one back.
import type { Command } from 'commander';
import { AtlasError } from '../../domain/errors.js';
import { parseRecordRef, refKey, type WorkListing } from '../../services/works-service.js';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';
import { printJson } from '../output.js';

function describeWork(work: WorkListing): string {
  const count = work.members.length;
  const lines = [`${work.workId}  (${count} ${count === 1 ? 'record' : 'records'})`];
  for (const m of work.members) {
    const languages = m.inLanguage.length === 0 ? '' : ` [${m.inLanguage.join(', ')}]`;
    lines.push(`  ${refKey(m.ref)}  ${m.name ?? '(no title)'}${languages}`);
  }
  for (const link of work.links) {
    lines.push(
      `  ${link.relation}: ${refKey(link.a)} ~ ${refKey(link.b)}  ${link.score.toFixed(2)}  ${link.reason}`,
    );
  }
  for (const d of work.decisions) {
    lines.push(
      `  curator ${d.action} (${d.id}): ${refKey(d.a)} / ${refKey(d.b)}${d.note ? `  "${d.note}"` : ''}`,
    );
  }
  return lines.join('\n');
}

function positiveInt(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new AtlasError('usage_error', `${name} must be a whole number of at least 1.`, {
      details: { parameter: name },
    });
  }
  return n;
}

export function registerWorksCommand(program: Command, ctx: CommandContext): void {
  const works = program
    .command('works')
    .description('list the groups of records that describe the same resource, and correct them');

  works
    .command('list', { isDefault: true })
    .description('list works with two or more records, their members and the reasons (the default)')
    .option('--source <id>', 'only works with a record from this source')
    .option('--linked', 'also works of one record that a translation or adaptation links to another work')
    .option('--limit <n>', 'at most this many works', '100')
    .option('--after <work-id>', 'start after this work id (paging)')
    .option('--json', 'print as JSON')
    .action(
      async (options: {
        source?: string;
        linked?: boolean;
        limit: string;
        after?: string;
        json?: boolean;
      }) => {
        const limit = positiveInt(options.limit, '--limit');
        const atlas = await ctx.atlas();
        const listed = await atlas.works.list({
          limit,
          ...(options.linked === true ? { linked: true } : {}),
          ...(options.source === undefined ? {} : { sourceId: options.source }),
          ...(options.after === undefined ? {} : { after: options.after }),
        });
        if (options.json === true) {
          // A full page may have a next one; a shorter page is the last.
          const next = listed.length === limit ? (listed.at(-1)?.workId ?? null) : null;
          printJson(ctx.io, { works: listed, next });
          return;
        }
        const none =
          options.linked === true
            ? 'No works with more than one record or a link.'
            : 'No works with more than one record.';
        write(ctx.io.stdout, listed.length === 0 ? none : listed.map(describeWork).join('\n\n'));
      },
    );

  works
    .command('group')
    .description('group the records that changed since the last grouping (harvests do this at their end)')
    .option('--all', 'group every record again, e.g. after the rules changed')
    .option('--source <id>', 'with --all: only the records of this source')
    .option('--json', 'print the report as JSON')
    .action(async (options: { all?: boolean; source?: string; json?: boolean }) => {
      if (options.source !== undefined && options.all !== true) {
        throw new AtlasError(
          'usage_error',
          '--source only goes with --all: `works group --all --source ID`.',
          {
            details: { parameter: 'source' },
          },
        );
      }
      const atlas = await ctx.atlas();
      const report =
        options.all === true
          ? await atlas.works.regroupAll(options.source)
          : await atlas.works.groupPending();
      if (options.json === true) printJson(ctx.io, report);
      else
        write(
          ctx.io.stdout,
          `${report.processed} records grouped: ${report.compared} pairs compared, ${report.linked} linked, ${report.regrouped} records changed work.`,
        );
    });

  for (const action of ['join', 'split'] as const) {
    works
      .command(action)
      .description(
        action === 'join'
          ? 'decide that two records describe the same resource (kept across re-harvests)'
          : 'decide that two records must never be grouped (kept across re-harvests)',
      )
      .argument('<record-a>', 'SOURCE_ID:SOURCE_RECORD_ID')
      .argument('<record-b>', 'SOURCE_ID:SOURCE_RECORD_ID')
      .option('--note <text>', 'why, for the other curators')
      .option('--json', 'print the decision as JSON')
      .action(async (a: string, b: string, options: { note?: string; json?: boolean }) => {
        const refA = parseRecordRef(a);
        const refB = parseRecordRef(b);
        const atlas = await ctx.atlas();
        const outcome = await atlas.works[action](refA, refB, options.note);
        if (options.json === true) {
          printJson(ctx.io, outcome);
        } else {
          const [workA, workB] = outcome.workIds;
          const where =
            workA !== null && workA === workB
              ? `both are in work ${workA}`
              : `works ${workA ?? '(none: not active)'} and ${workB ?? '(none: not active)'}`;
          write(ctx.io.stdout, `Decision ${outcome.decision.id}: ${action} ${a} and ${b}; ${where}.`);
        }
        if (!outcome.effective) {
          write(
            ctx.io.stderr,
            action === 'join'
              ? 'Note: the records are not in one work yet: one is not active, or a split decision keeps them apart.'
              : 'Note: one of the records is not active; the split applies when it is.',
          );
        }
      });
  }

  works
    .command('undo')
    .description("take back a curator's join or split decision")
    .argument('<decision-id>')
    .action(async (id: string) => {
      const atlas = await ctx.atlas();
      if (!(await atlas.works.undo(id))) {
        throw new AtlasError('not_found', `There is no decision ${id}.`, { details: { decision: id } });
      }
      write(ctx.io.stdout, `Decision ${id} taken back.`);
    });
}
