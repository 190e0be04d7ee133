// `oer-atlas config`: shows the effective configuration after validation, with secrets hidden.
import type { Command } from 'commander';
import { redactUrl } from '../../config.js';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';
import { printJson } from '../output.js';

export function registerConfigCommand(program: Command, ctx: CommandContext): void {
  program
    .command('config')
    .description('check the configuration (environment and config file) and print the effective values')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      const config = ctx.config();
      const shown = {
        ...config,
        databaseUrl: config.databaseUrl === null ? null : redactUrl(config.databaseUrl),
      };
      if (options.json === true) {
        printJson(ctx.io, shown);
        return;
      }
      write(
        ctx.io.stdout,
        Object.entries(shown)
          .map(([key, value]) => `${key}: ${value === null ? '(not set)' : String(value)}`)
          .join('\n'),
      );
    });
}
