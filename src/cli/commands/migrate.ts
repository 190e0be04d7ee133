// `oer-atlas migrate`: brings the database schema up to date (the server also does this at start).
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { write } from '../io.js';
import { printJson } from '../output.js';

export function registerMigrateCommand(program: Command, ctx: CommandContext): void {
  program
    .command('migrate')
    .description('apply pending database migrations (SQLite or PostgreSQL) and report the schema version')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const { migration, store } = await ctx.atlas();
      if (options.json === true) {
        printJson(ctx.io, { backend: store.backend, location: store.location, ...migration });
        return;
      }
      const where = `${store.backend} ${store.location}`;
      write(
        ctx.io.stdout,
        migration.applied.length === 0
          ? `Schema is up to date at version ${migration.to} (${where}).`
          : `Schema upgraded from version ${migration.from} to ${migration.to} (${where}):\n` +
              migration.applied.map((name) => `  applied ${name}`).join('\n'),
      );
    });
}
