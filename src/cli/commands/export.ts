// `oer-atlas export`: writes the catalog as newline-delimited JSON (our profile or AMB JSON-LD) to stdout
// or a file, with progress on stderr.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { AtlasError } from '../../domain/errors.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../services/export-service.js';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';
import { createProgress } from '../progress.js';

async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

export function registerExportCommand(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description('write every searchable record as newline-delimited JSON')
    .option(
      '--format <format>',
      `document shape: ${EXPORT_FORMATS.join(' (OER Atlas profile), ')} (AMB JSON-LD)`,
      'profile',
    )
    .option('--source <id>', 'only the records of this source')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (options: { format: string; source?: string; output?: string }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) {
        throw new AtlasError('usage_error', `--format must be one of ${EXPORT_FORMATS.join(', ')}`, {
          details: { parameter: 'format' },
        });
      }
      const format = options.format as ExportFormat;
      const atlas = await ctx.atlas();
      const total = await atlas.exports.count(options.source);
      const out: Writable = options.output
        ? createWriteStream(path.resolve(ctx.io.cwd, options.output), { flags: 'w' })
        : ctx.io.stdout;
      const progress = createProgress(ctx.io, { label: 'export', unit: 'records', total });
      let written = 0;
      for await (const doc of atlas.exports.documents({ format, sourceId: options.source })) {
        await writeLine(out, JSON.stringify(doc));
        written += 1;
        progress.tick();
      }
      if (options.output) {
        (out as NodeJS.WritableStream).end();
        await once(out, 'finish');
      }
      progress.stop(`Exported ${written} records (${format}).`);
      if (written === 0) write(ctx.io.stderr, 'The catalog has no searchable records yet.');
    });
}
