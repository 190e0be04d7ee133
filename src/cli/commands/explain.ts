// `oer-atlas explain PATH|RECORD_ID`: field by field, what the catalog holds for a record, what the source
// gave and the rule or vocabulary entry that decided. RECORD_ID is SOURCE_ID:SOURCE_RECORD_ID of a stored
// record; anything else is read as a local file or folder, the way `oer-atlas import` reads it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type { Decision } from '../../normalize/record.js';
import type { RecordExplanation } from '../../services/explain-service.js';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';
import { printJson } from '../output.js';

function short(value: unknown, max = 100): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function decisionLine(d: Decision): string {
  const output =
    d.output === null ? '(nothing)' : Array.isArray(d.output) ? d.output.join(', ') : String(d.output);
  return `      ${short(JSON.stringify(d.input), 80)} -> ${short(output, 80)}  [${d.rule}]`;
}

function describe(explanation: RecordExplanation): string {
  const lines = [`${explanation.sourceRecordId} (${explanation.rawFormat}): ${explanation.status}`];
  if (explanation.error !== undefined) {
    lines.push(`  error [${explanation.error.code}]: ${explanation.error.message}`);
  }
  const width = Math.max(0, ...explanation.fields.map((f) => f.field.length));
  for (const field of explanation.fields) {
    const value = field.value === null ? '(empty)' : short(field.value);
    const how = field.decisions.length === 0 ? `  [copied from the ${explanation.rawFormat} record]` : '';
    lines.push(`  ${field.field.padEnd(width)}  ${value}${how}`);
    for (const d of field.decisions) lines.push(decisionLine(d));
  }
  for (const d of explanation.dropped) lines.push(`  ${d.field}:`, decisionLine(d));
  return lines.join('\n');
}

export function registerExplainCommand(program: Command, ctx: CommandContext): void {
  program
    .command('explain')
    .description(
      'show, field by field, the raw value, the mapped value and the rule that decided it,\n' +
        'for a stored record (SOURCE_ID:SOURCE_RECORD_ID) or the records of a local file',
    )
    .argument('<path-or-record>', 'a local file or folder, or SOURCE_ID:SOURCE_RECORD_ID')
    .option('--limit <n>', 'at most this many records of a file or folder', '20')
    .option('--json', 'print as JSON')
    .action(async (target: string, options: { limit: string; json?: boolean }) => {
      const atlas = await ctx.atlas();
      const absolute = path.resolve(ctx.io.cwd, target);
      const limit = Math.max(1, Number.parseInt(options.limit, 10) || 20);
      const explanations = existsSync(absolute)
        ? await atlas.explain.explainPath(pathToFileURL(absolute).toString(), { limit })
        : [await atlas.explain.explainRecord(target)];
      if (options.json === true) {
        printJson(ctx.io, explanations);
        return;
      }
      if (explanations.length === 0) write(ctx.io.stdout, `${target} holds no metadata records.`);
      write(ctx.io.stdout, explanations.map(describe).join('\n\n'));
    });
}
