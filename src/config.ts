// Configuration: environment variables and an optional JSON config file, validated once at start.
// Every problem is collected and reported at once, each naming the variable (or config-file key) to fix.
// Environment variables win over the file. Reads the config file; performs no other I/O.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AtlasError } from './domain/errors.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AtlasConfig {
  /** Folder of the embedded SQLite database and other local data. */
  readonly dataDir: string;
  /** True when dataDir was chosen by the user (then it must exist); the default folder is created. */
  readonly dataDirExplicit: boolean;
  /** postgres://... switches storage to PostgreSQL; null means embedded SQLite. */
  readonly databaseUrl: string | null;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** The public base URL of this installation (links in feeds, OAI-PMH baseURL, HSTS when https). */
  readonly publicUrl: string | null;
  /** Let harvesters reach loopback, private and link-local addresses (off by default). */
  readonly allowPrivateNetworks: boolean;
  /** How long graceful shutdown waits for in-flight work before giving up. */
  readonly shutdownTimeoutMs: number;
  /** Where repository managers can reach the operator; sent in the harvester's User-Agent. */
  readonly harvestContact: string | null;
  /** Minimum gap between two requests to one host while harvesting. */
  readonly harvestDelayMs: number;
  /** Requests in flight to one host while harvesting (1 or 2 is polite). */
  readonly harvestConcurrency: number;
  /** How long a harvest job stays with a worker that stopped renewing it (crashed) before another takes it. */
  readonly harvestLeaseMs: number;
  /** Run the harvest scheduler and a harvest worker inside `serve`. */
  readonly harvestInServer: boolean;
  /**
   * Worker threads that run the full-text part of searches on SQLite in parallel; 0 or 1 searches on the main
   * thread. Null: the cores, at most 4.
   */
  readonly searchWorkers: number | null;
  /** Total time one link check request may take (HEAD or GET with its redirects). */
  readonly linkCheckTimeoutMs: number;
  /** Links `serve` checks per hour in the background (the due ones, oldest first); 0 turns it off. */
  readonly linkChecksPerHour: number;
  /** `serve` fills a catalog without sources with the bundled demo records (default: on with SQLite). */
  readonly demo: boolean;
  /** The config file that was read, if any. */
  readonly configFile: string | null;
}

/** One thing wrong with the configuration, named the way the user sets it. */
export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

interface Setting<T> {
  readonly env: string;
  readonly key: string;
  readonly parse: (raw: unknown) => { ok: true; value: T } | { ok: false; problem: string };
}

const text =
  (maxLength = 4096): Setting<string>['parse'] =>
  (raw) =>
    typeof raw === 'string' && raw.trim().length > 0 && raw.length <= maxLength
      ? { ok: true, value: raw.trim() }
      : { ok: false, problem: `must be a non-empty text of at most ${maxLength} characters` };

const integer =
  (min: number, max: number): Setting<number>['parse'] =>
  (raw) => {
    const value =
      typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
    return Number.isInteger(value) && value >= min && value <= max
      ? { ok: true, value }
      : { ok: false, problem: `must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})` };
  };

const boolean: Setting<boolean>['parse'] = (raw) => {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  if (typeof raw === 'string') {
    const v = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return { ok: true, value: true };
    if (['0', 'false', 'no', 'off', ''].includes(v)) return { ok: true, value: false };
  }
  return { ok: false, problem: `must be true or false (got ${JSON.stringify(raw)})` };
};

const oneOf =
  <T extends string>(values: readonly T[]): Setting<T>['parse'] =>
  (raw) =>
    typeof raw === 'string' && (values as readonly string[]).includes(raw.trim().toLowerCase())
      ? { ok: true, value: raw.trim().toLowerCase() as T }
      : { ok: false, problem: `must be one of ${values.join(', ')} (got ${JSON.stringify(raw)})` };

const url =
  (protocols: readonly string[]): Setting<string>['parse'] =>
  (raw) => {
    if (typeof raw !== 'string') return { ok: false, problem: 'must be a URL' };
    try {
      const parsed = new URL(raw.trim());
      if (!protocols.includes(parsed.protocol)) {
        return { ok: false, problem: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}` };
      }
      return { ok: true, value: raw.trim() };
    } catch {
      // Never echo the value: a database URL may hold a password.
      return { ok: false, problem: 'is not a valid URL' };
    }
  };

const SETTINGS = {
  dataDir: { env: 'ATLAS_DATA_DIR', key: 'dataDir', parse: text() },
  databaseUrl: { env: 'DATABASE_URL', key: 'databaseUrl', parse: url(['postgres:', 'postgresql:']) },
  host: { env: 'ATLAS_HOST', key: 'host', parse: text(255) },
  port: { env: 'ATLAS_PORT', key: 'port', parse: integer(0, 65535) },
  logLevel: { env: 'ATLAS_LOG_LEVEL', key: 'logLevel', parse: oneOf(LOG_LEVELS) },
  publicUrl: { env: 'ATLAS_PUBLIC_URL', key: 'publicUrl', parse: url(['http:', 'https:']) },
  allowPrivateNetworks: { env: 'ATLAS_ALLOW_PRIVATE_NETWORKS', key: 'allowPrivateNetworks', parse: boolean },
  shutdownTimeoutMs: {
    env: 'ATLAS_SHUTDOWN_TIMEOUT_MS',
    key: 'shutdownTimeoutMs',
    parse: integer(100, 600_000),
  },
  harvestContact: { env: 'ATLAS_HARVEST_CONTACT', key: 'harvestContact', parse: text(300) },
  harvestDelayMs: { env: 'ATLAS_HARVEST_DELAY_MS', key: 'harvestDelayMs', parse: integer(0, 60_000) },
  harvestConcurrency: { env: 'ATLAS_HARVEST_CONCURRENCY', key: 'harvestConcurrency', parse: integer(1, 4) },
  harvestLeaseMs: { env: 'ATLAS_HARVEST_LEASE_MS', key: 'harvestLeaseMs', parse: integer(3_000, 3_600_000) },
  harvestInServer: { env: 'ATLAS_HARVEST_IN_SERVER', key: 'harvestInServer', parse: boolean },
  searchWorkers: { env: 'ATLAS_SEARCH_WORKERS', key: 'searchWorkers', parse: integer(0, 16) },
  linkCheckTimeoutMs: {
    env: 'ATLAS_LINK_CHECK_TIMEOUT_MS',
    key: 'linkCheckTimeoutMs',
    parse: integer(100, 120_000),
  },
  linkChecksPerHour: {
    env: 'ATLAS_LINK_CHECKS_PER_HOUR',
    key: 'linkChecksPerHour',
    parse: integer(0, 100_000),
  },
  demo: { env: 'ATLAS_DEMO', key: 'demo', parse: boolean },
} as const satisfies Record<string, Setting<unknown>>;

type SettingName = keyof typeof SETTINGS;
type SettingValue<K extends SettingName> = (typeof SETTINGS)[K] extends Setting<infer T> ? T : never;

export interface LoadConfigOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** A config file given on the command line; otherwise ATLAS_CONFIG. */
  readonly configFile?: string;
  /** Values from command-line options, which win over everything (e.g. `serve --port`). */
  readonly overrides?: Partial<Record<SettingName, unknown>>;
  readonly cwd?: string;
}

function readConfigFile(file: string, problems: ConfigProblem[]): Record<string, unknown> {
  const variable = 'ATLAS_CONFIG';
  if (!existsSync(file) || !statSync(file).isFile()) {
    problems.push({ variable, problem: `config file ${file} does not exist` });
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push({
      variable,
      problem: `config file ${file} is not valid JSON (${(error as Error).message})`,
    });
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push({ variable, problem: `config file ${file} must hold a JSON object` });
    return {};
  }
  const known = new Set<string>(Object.values(SETTINGS).map((s) => s.key));
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) {
      problems.push({
        variable: `${path.basename(file)}: ${key}`,
        problem: `unknown setting; known settings are ${[...known].join(', ')}`,
      });
    }
  }
  return parsed as Record<string, unknown>;
}

/** Reads and validates the configuration. Throws one `config_invalid` AtlasError listing every problem. */
export function loadConfig(options: LoadConfigOptions = {}): AtlasConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const problems: ConfigProblem[] = [];
  const configFileRaw = options.configFile ?? env.ATLAS_CONFIG;
  const configFile = configFileRaw ? path.resolve(cwd, configFileRaw) : null;
  const fromFile = configFile ? readConfigFile(configFile, problems) : {};

  function read<K extends SettingName>(name: K): SettingValue<K> | undefined {
    const setting: Setting<SettingValue<K>> = SETTINGS[name] as unknown as Setting<SettingValue<K>>;
    const candidates: [string, unknown][] = [
      [`--${name}`, options.overrides?.[name]],
      [setting.env, env[setting.env]],
      [configFile ? `${path.basename(configFile)}: ${setting.key}` : setting.key, fromFile[setting.key]],
    ];
    for (const [variable, raw] of candidates) {
      if (raw === undefined || (typeof raw === 'string' && raw === '' && variable === setting.env)) continue;
      const result = setting.parse(raw);
      if (result.ok) return result.value;
      problems.push({ variable, problem: result.problem });
      return undefined;
    }
    return undefined;
  }

  const dataDirRaw = read('dataDir');
  const databaseUrl = read('databaseUrl') ?? null;
  const port = read('port') ?? Number(env.PORT && /^\d+$/.test(env.PORT) ? env.PORT : 8080);
  const config: AtlasConfig = {
    dataDir: path.resolve(cwd, dataDirRaw ?? 'data'),
    dataDirExplicit: dataDirRaw !== undefined,
    databaseUrl,
    host: read('host') ?? '127.0.0.1',
    port,
    logLevel: read('logLevel') ?? 'info',
    publicUrl: read('publicUrl') ?? null,
    allowPrivateNetworks: read('allowPrivateNetworks') ?? false,
    shutdownTimeoutMs: read('shutdownTimeoutMs') ?? 10_000,
    harvestContact: read('harvestContact') ?? null,
    harvestDelayMs: read('harvestDelayMs') ?? 1000,
    harvestConcurrency: read('harvestConcurrency') ?? 1,
    harvestLeaseMs: read('harvestLeaseMs') ?? 120_000,
    harvestInServer: read('harvestInServer') ?? true,
    searchWorkers: read('searchWorkers') ?? null,
    linkCheckTimeoutMs: read('linkCheckTimeoutMs') ?? 15_000,
    linkChecksPerHour: read('linkChecksPerHour') ?? 0,
    demo: read('demo') ?? databaseUrl === null,
    configFile,
  };

  if (problems.length > 0) {
    const lines = problems.map((p) => `  - ${p.variable} ${p.problem}`);
    throw new AtlasError(
      'config_invalid',
      `The configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`,
      { details: { problems } },
    );
  }
  return config;
}

/** A database URL safe to print: the password is replaced. */
export function redactUrl(raw: string): string {
  try {
    const parsed = new URL(raw);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
