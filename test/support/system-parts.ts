// Detects the system parts some suites need (PostgreSQL server binaries, Chromium, the Perl OAI-PMH peer).
// On a developer laptop a missing part skips its suites with the reason; when ATLAS_REQUIRE_ALL_SUITES=1
// (set by CI and by `.ci/run`), a missing part fails instead of skipping.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SHARED_DIR } from './shared-dir.js';

export type SystemPartName = 'postgresql' | 'chromium' | 'oai-peer';

export interface SystemPart {
  readonly name: SystemPartName;
  readonly available: boolean;
  /** Why it is missing, with the fix. */
  readonly reason: string;
  /** Where it was found (binary folder or executable). */
  readonly location: string | null;
}

function which(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Folder holding initdb and pg_ctl: PG_BIN, Debian's /usr/lib/postgresql/<v>/bin, or PATH. */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => existsSync(path.join(debianRoot, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return path.join(debianRoot, versions[0], 'bin');
  }
  const initdb = which('initdb');
  return initdb && which('pg_ctl') ? path.dirname(initdb) : null;
}

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return which('chromium') ?? which('chromium-browser');
}

function hasPerlOaiPeer(): boolean {
  try {
    execFileSync('perl', ['-MDancer::Plugin::Catmandu::OAI', '-MCQL::Parser', '-e1'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const probes: Record<SystemPartName, () => SystemPart> = {
  postgresql: () => {
    const bin = findPostgresBin();
    return {
      name: 'postgresql',
      available: bin !== null,
      location: bin,
      reason: bin ? '' : 'PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql',
    };
  },
  chromium: () => {
    const exe = findChromium();
    return {
      name: 'chromium',
      available: exe !== null,
      location: exe,
      reason: exe ? '' : 'Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)',
    };
  },
  'oai-peer': () => {
    const runner = path.join(SHARED_DIR, 'peers', 'oai-catmandu', 'run.sh');
    if (!existsSync(runner)) {
      return {
        name: 'oai-peer',
        available: false,
        location: null,
        reason: `the OAI-PMH peer ${runner} is missing: set ATLAS_SHARED_DIR to the shared folder`,
      };
    }
    const ok = hasPerlOaiPeer();
    return {
      name: 'oai-peer',
      available: ok,
      location: ok ? runner : null,
      reason: ok
        ? ''
        : 'Perl OAI-PMH peer modules missing: apt-get install libcatmandu-oai-perl libdancer-plugin-catmandu-oai-perl libcql-parser-perl libhttp-oai-perl',
    };
  },
};

const cache = new Map<SystemPartName, SystemPart>();

export function probeSystemPart(name: SystemPartName): SystemPart {
  let part = cache.get(name);
  if (!part) {
    part = probes[name]();
    cache.set(name, part);
  }
  return part;
}

export function allSuitesRequired(): boolean {
  return process.env.ATLAS_REQUIRE_ALL_SUITES === '1';
}

/**
 * For `describe(name, { skip: skipUnless('postgresql') }, ...)`: false when the part is present, the reason
 * when it is missing on a developer machine; throws when every suite is required.
 */
export function skipUnless(name: SystemPartName): string | false {
  const part = probeSystemPart(name);
  if (part.available) return false;
  if (allSuitesRequired()) {
    throw new Error(`Required system part missing (ATLAS_REQUIRE_ALL_SUITES=1): ${part.reason}`);
  }
  return `skipped: ${part.reason}`;
}

export const ALL_SYSTEM_PARTS: readonly SystemPartName[] = ['postgresql', 'chromium', 'oai-peer'];
