// Process entry point of the `oer-atlas` command: runs the CLI and sets the exit code. Nothing else.
import { runCli } from '../cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
