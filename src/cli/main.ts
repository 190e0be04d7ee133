// The `oer-atlas` command line: builds the command tree (one file per command under commands/), runs it,
// and turns every outcome into an exit code: 0 success, 1 failure, 2 bad usage.
import { Command, CommanderError } from 'commander';
import { createCommandContext } from './context.js';
import { processIo, type CliIo } from './io.js';
import { renderError } from './output.js';
import { registerConfigCommand } from './commands/config.js';
import { registerExportCommand } from './commands/export.js';
import { registerExplainCommand } from './commands/explain.js';
import { registerHarvestCommands } from './commands/harvest.js';
import { registerImportCommand } from './commands/import.js';
import { registerLinksCommand } from './commands/links.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerNormalizeCommand } from './commands/normalize.js';
import { registerSearchCommands } from './commands/search.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSourceCommand } from './commands/source.js';
import { registerWorksCommand } from './commands/works.js';
import { PRODUCT_VERSION } from '../version.js';

/** Runs the CLI with `argv` (the words after the program name) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const ctx = createCommandContext(io);
  let exitCode = 0;
  const program = new Command('oer-atlas')
    .description(
      'OER Atlas: harvest, normalize, search and share Open Educational Resources metadata.\n' +
        'Storage is embedded SQLite under ATLAS_DATA_DIR (default ./data) unless DATABASE_URL points at PostgreSQL.',
    )
    .version(PRODUCT_VERSION, '-V, --version', 'print the version')
    .option('-c, --config <file>', 'read settings from this JSON file (also ATLAS_CONFIG)')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .hook('preAction', (thisCommand) => {
      const file = thisCommand.opts<{ config?: string }>().config;
      if (file !== undefined) ctx.configFile = file;
    });

  const setExit = (code: number) => {
    exitCode = code;
  };
  registerServeCommand(program, ctx, setExit);
  registerMigrateCommand(program, ctx);
  registerSourceCommand(program, ctx);
  registerHarvestCommands(program, ctx, setExit);
  registerImportCommand(program, ctx, setExit);
  registerExportCommand(program, ctx);
  registerNormalizeCommand(program, ctx);
  registerExplainCommand(program, ctx);
  registerWorksCommand(program, ctx);
  registerLinksCommand(program, ctx);
  registerSearchCommands(program, ctx);
  registerConfigCommand(program, ctx);

  // Commander's own exit for sub-commands follows the parent's settings.
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(add --help for usage)');

  const wantsJson = argv.includes('--json');
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const okCodes = ['commander.helpDisplayed', 'commander.help', 'commander.version'];
      exitCode = okCodes.includes(error.code) ? 0 : 2;
    } else {
      exitCode = renderError(io, error, wantsJson);
    }
  } finally {
    await ctx.closeAll();
  }
  return exitCode;
}
