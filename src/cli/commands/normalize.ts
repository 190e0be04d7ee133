// `oer-atlas normalize licence|language|level VALUE [--json]`: runs one value through the normalizer the
// ingest pipeline uses and prints what it became and the rule that decided. With `-` as VALUE it reads one
// value per line from standard input and writes one JSON object per line, in the same order (an empty line
// gives an object too, so the output lines up with a spreadsheet column).
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { AtlasError } from '../../domain/errors.js';
import { normalizeValue, valueKind, VALUE_KINDS, type ValueResult } from '../../normalize/values.js';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';
import { printJson } from '../output.js';

function describe(result: ValueResult): string {
  const value =
    result.value === null
      ? '(none)'
      : typeof result.value === 'string'
        ? result.value
        : result.value.join(', ');
  const lines = [`value: ${value}`];
  if (result.group !== undefined) lines.push(`group: ${result.group}`);
  lines.push(`rule:  ${result.rule}`);
  return lines.join('\n');
}

export function registerNormalizeCommand(program: Command, ctx: CommandContext): void {
  program
    .command('normalize')
    .description(
      'show what a licence, language or education-level value becomes, and the rule that decided\n' +
        '("-" as VALUE reads one value per line from standard input and prints one JSON object per line)',
    )
    .argument('<kind>', `what the value is: ${VALUE_KINDS.join(', ')}`)
    .argument('<value>', 'the value as a source wrote it, or - for standard input')
    .option('--json', 'print as JSON: {"input","value","group","rule"}')
    .action(async (kindName: string, value: string, options: { json?: boolean }) => {
      const kind = valueKind(kindName);
      if (kind === null) {
        throw new AtlasError(
          'usage_error',
          `"${kindName}" is not something OER Atlas normalizes; use one of: ${VALUE_KINDS.join(', ')}.`,
          { details: { kind: kindName } },
        );
      }
      if (value !== '-') {
        const result = normalizeValue(kind, value);
        if (options.json === true) printJson(ctx.io, result);
        else write(ctx.io.stdout, describe(result));
        return;
      }
      const lines = createInterface({ input: ctx.io.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        const ok = ctx.io.stdout.write(`${JSON.stringify(normalizeValue(kind, line))}\n`);
        if (!ok) await new Promise((resolve) => ctx.io.stdout.once('drain', resolve));
      }
    });
}
