// What every CLI command receives: its IO, the configuration (validated once, with the command's own
// overrides), and the product opened on first use and closed when the command ends.
import { createAtlas, type Atlas } from '../composition.js';
import { loadConfig, type AtlasConfig, type LoadConfigOptions } from '../config.js';
import type { CliIo } from './io.js';

export type ConfigOverrides = NonNullable<LoadConfigOptions['overrides']>;

export interface CommandContext {
  readonly io: CliIo;
  /** The configuration; the first call decides (later overrides are ignored). */
  config(overrides?: ConfigOverrides): AtlasConfig;
  /** The product with its store migrated; opened once, closed by the CLI when the command ends. */
  atlas(overrides?: ConfigOverrides): Promise<Atlas>;
  /** Long-running commands (serve) take over closing the product themselves. */
  keepOpen(): void;
  /** Set by the program's global --config option. */
  configFile: string | undefined;
}

export function createCommandContext(io: CliIo): CommandContext & { closeAll(): Promise<void> } {
  let config: AtlasConfig | undefined;
  let atlas: Promise<Atlas> | undefined;
  let keep = false;
  const ctx = {
    io,
    configFile: undefined as string | undefined,
    config(overrides?: ConfigOverrides) {
      config ??= loadConfig({
        env: io.env,
        cwd: io.cwd,
        ...(ctx.configFile !== undefined ? { configFile: ctx.configFile } : {}),
        ...(overrides ? { overrides } : {}),
      });
      return config;
    },
    atlas(overrides?: ConfigOverrides) {
      atlas ??= Promise.resolve().then(() => createAtlas(ctx.config(overrides)));
      return atlas;
    },
    keepOpen() {
      keep = true;
    },
    async closeAll() {
      if (atlas && !keep) {
        const opened = await atlas.catch(() => undefined);
        await opened?.close();
      }
    },
  };
  return ctx;
}
