// The demo catalog: real metadata records of open repositories shipped in data-bundled/demo/ (provenance and
// licences in its README.md), one folder per repository. Loading it is exactly what `oer-atlas import FOLDER`
// does for each folder (a `file` source, then a full harvest with grouping and indexing after the run), so a
// newcomer's first `serve` shows a working, searchable catalog built by the real pipeline.
//
// It loads once: when `serve` starts on a catalog without any source and the demo is enabled (ATLAS_DEMO,
// default on for the embedded SQLite database). The meta key `demo.loaded` then remembers it, so removing the
// demo sources later does not bring them back; `serve --demo` loads it again on purpose. A load stopped half
// way (the server was stopped) is finished at the next start. Never performs network requests: `file` sources
// read local files only.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HarvestCounts, Source } from '../domain/catalog.js';
import { isAtlasError } from '../domain/errors.js';
import type { Store } from '../ports/store.js';
import type { HarvestService } from './harvest-service.js';
import type { SourceService } from './source-service.js';

/**
 * One repository of the demo: the folder of its records under data-bundled/demo/ and the source it becomes.
 * Sources carry the repository's own name (it is what attributions cite); `settings.demo` marks them as demo
 * copies with the home page, the endpoint and the year the records were recorded.
 */
export interface DemoSource {
  /** Folder under data-bundled/demo/ holding the repository's original files, byte for byte. */
  readonly folder: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2 country of the repository, when it has one. */
  readonly country: string | null;
  /** The repository's home page. */
  readonly homepage: string;
  /** The OAI-PMH base URL the records were answered by when they were recorded. */
  readonly endpoint: string;
  /** Year the answers were recorded. */
  readonly recorded: string;
}

/** The repositories of the demo, in load order. Their files and licences: data-bundled/demo/README.md. */
export const DEMO_SOURCES: readonly DemoSource[] = [
  {
    folder: 'anatomytool',
    name: 'AnatomyTOOL',
    country: 'NL',
    homepage: 'https://anatomytool.org/',
    endpoint: 'https://anatomytool.org/oai-pmh',
    recorded: '2021',
  },
  {
    folder: 'edurep-surfsharekit',
    name: 'SURFsharekit (via Edurep)',
    country: 'NL',
    homepage: 'https://www.surfsharekit.nl/',
    endpoint: 'https://surfsharekit.nl/oai/surf/',
    recorded: '2019–2020',
  },
  {
    folder: 'mit-dspace',
    name: 'DSpace@MIT',
    country: 'US',
    homepage: 'https://dspace.mit.edu/',
    endpoint: 'http://dspace.mit.edu/oai/request',
    recorded: '2015',
  },
  {
    folder: 'rcaap',
    name: 'RCAAP – Repositórios Científicos de Acesso Aberto de Portugal',
    country: 'PT',
    homepage: 'https://www.rcaap.pt/',
    endpoint: 'http://www.rcaap.pt/oai',
    recorded: '2015',
  },
  {
    folder: 'cyberleninka',
    name: 'CyberLeninka (КиберЛенинка)',
    country: 'RU',
    homepage: 'https://cyberleninka.ru/',
    endpoint: 'http://cyberleninka.ru/oai',
    recorded: '2015',
  },
  {
    folder: 'papyrus-umontreal',
    name: 'Papyrus – Université de Montréal',
    country: 'CA',
    homepage: 'https://papyrus.bib.umontreal.ca/',
    endpoint: 'http://papyrus.bib.umontreal.ca/oai/request',
    recorded: '2016',
  },
  {
    folder: 'erudit',
    name: 'Érudit',
    country: 'CA',
    homepage: 'https://www.erudit.org/',
    endpoint: 'http://oai.erudit.org/oaiproviderpublic/request',
    recorded: '2015',
  },
  {
    folder: 'hacettepe',
    name: 'Hacettepe Üniversitesi Bilgi ve Belge Yönetimi Tez Arşivi',
    country: 'TR',
    homepage: 'http://bbytezarsivi.hacettepe.edu.tr/',
    endpoint: 'http://bbytezarsivi.hacettepe.edu.tr/oai/request',
    recorded: '2015',
  },
  {
    folder: 'datacite',
    name: 'DataCite',
    country: null,
    homepage: 'https://datacite.org/',
    endpoint: 'http://oai.datacite.org/oai',
    recorded: '2015',
  },
  {
    folder: 'zenodo',
    name: 'Zenodo',
    country: 'CH',
    homepage: 'https://zenodo.org/',
    endpoint: 'http://zenodo.org/oai2d',
    recorded: '2015',
  },
  {
    folder: 'erasmus-repub',
    name: 'Erasmus University Rotterdam repository',
    country: 'NL',
    homepage: 'https://repub.eur.nl/',
    endpoint: 'http://dspace.ubib.eur.nl/oai/',
    recorded: '2003–2004',
  },
];

/** The meta key that remembers the demo was loaded (or is being loaded). */
export const DEMO_META_KEY = 'demo.loaded';

/** Why the demo is (or is not) loaded at a start. */
export type DemoDecision =
  /** Load it: an empty catalog that never had the demo, a load that was stopped half way, or `--demo`. */
  | 'load'
  /** ATLAS_DEMO=false or `serve --no-demo`. */
  | 'disabled'
  /** It was loaded before (its sources may have been removed since, on purpose). */
  | 'already-loaded'
  /** The catalog has sources of its own. */
  | 'catalog-not-empty'
  /** This installation has no data-bundled/demo/ folder. */
  | 'missing';

export interface DemoSourceReport {
  readonly folder: string;
  readonly name: string;
  readonly sourceId: string | null;
  /** The run's status (succeeded, partial...) or "error" when the source could not be harvested. */
  readonly status: string;
  readonly counts: HarvestCounts | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface DemoLoadReport {
  readonly sources: readonly DemoSourceReport[];
  /** Active (searchable) records of the demo sources after the load. */
  readonly records: number;
  /** Records that could not be mapped (kept raw with the reason, as any harvest does). */
  readonly failed: number;
  readonly durationMs: number;
  /** True when the load was stopped before its end (the server was stopped); the next start finishes it. */
  readonly interrupted: boolean;
}

export interface DemoCatalogDeps {
  readonly store: Pick<Store, 'getMeta' | 'setMeta' | 'listSources' | 'countSourceRecords'>;
  readonly sources: Pick<SourceService, 'add' | 'list'>;
  readonly harvests: Pick<HarvestService, 'harvest'>;
  /** The folder holding the repositories' folders; default: data-bundled/demo of this installation. */
  readonly directory?: string | null;
  /** Which repositories to load; default DEMO_SOURCES. */
  readonly demoSources?: readonly DemoSource[];
  readonly now?: () => Date;
}

export interface DemoStartOptions {
  /** The configuration's ATLAS_DEMO. */
  readonly enabled: boolean;
  /** `serve --demo`: load even when the catalog has sources or had the demo before. */
  readonly force?: boolean;
}

export interface DemoLoadOptions {
  readonly signal?: AbortSignal;
  /** Called after each repository. */
  readonly onSource?: (report: DemoSourceReport) => void;
}

export interface DemoCatalog {
  /** The folder the demo is read from, or null when this installation has none. */
  readonly directory: string | null;
  /** Whether a start should load the demo. */
  decide(options: DemoStartOptions): Promise<DemoDecision>;
  /** Imports every demo repository (sources already registered for a folder are imported again). */
  load(options?: DemoLoadOptions): Promise<DemoLoadReport>;
}

interface DemoMeta {
  readonly state: 'loading' | 'loaded';
  readonly at: string;
}

/** data-bundled/demo of this installation (found by walking up to the package root), or null. */
export function bundledDemoDirectory(): string | null {
  let current = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(current, 'data-bundled', 'demo');
    if (existsSync(path.join(current, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** The `file:` URL a demo folder is registered with (the same one `oer-atlas import FOLDER` would use). */
export function demoFolderUrl(directory: string, folder: string): string {
  return pathToFileURL(path.join(directory, folder)).toString();
}

function readMeta(raw: string | null): DemoMeta | null {
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<DemoMeta>;
    if (parsed.state === 'loading' || parsed.state === 'loaded') {
      return { state: parsed.state, at: typeof parsed.at === 'string' ? parsed.at : '' };
    }
  } catch {
    // An unreadable value counts as loaded: never bring the demo back by accident.
  }
  return { state: 'loaded', at: '' };
}

function sum(counts: Readonly<Record<string, number>>, key: string): number {
  return counts[key] ?? 0;
}

export function createDemoCatalog(deps: DemoCatalogDeps): DemoCatalog {
  const directory = deps.directory === undefined ? bundledDemoDirectory() : deps.directory;
  const demoSources = deps.demoSources ?? DEMO_SOURCES;
  const now = deps.now ?? (() => new Date());

  async function setState(state: DemoMeta['state']): Promise<void> {
    const meta: DemoMeta = { state, at: now().toISOString() };
    await deps.store.setMeta(DEMO_META_KEY, JSON.stringify(meta));
  }

  return {
    directory,

    async decide(options) {
      if (!options.enabled && options.force !== true) return 'disabled';
      if (directory === null) return 'missing';
      if (options.force === true) return 'load';
      const meta = readMeta(await deps.store.getMeta(DEMO_META_KEY));
      if (meta?.state === 'loading') return 'load';
      if (meta?.state === 'loaded') return 'already-loaded';
      if ((await deps.store.listSources()).length > 0) return 'catalog-not-empty';
      return 'load';
    },

    async load(options = {}) {
      if (directory === null) {
        throw new Error('This installation has no data-bundled/demo folder.');
      }
      const started = performance.now();
      const aborted = (): boolean => options.signal?.aborted === true;
      await setState('loading');
      const reports: DemoSourceReport[] = [];
      const ids: string[] = [];
      let interrupted = false;
      const registered: readonly Source[] = await deps.sources.list();
      for (const demo of demoSources) {
        if (aborted()) {
          interrupted = true;
          break;
        }
        const url = demoFolderUrl(directory, demo.folder);
        let sourceId: string | null = null;
        let report: DemoSourceReport;
        try {
          // Like `oer-atlas import`: a folder already registered as a file source is imported again.
          const existing = registered.find((s) => s.protocol === 'file' && s.url === url);
          sourceId =
            existing?.id ??
            (
              await deps.sources.add({
                name: demo.name,
                url,
                protocol: 'file',
                schedule: 'manual',
                country: demo.country ?? undefined,
                settings: {
                  demo: {
                    homepage: demo.homepage,
                    endpoint: demo.endpoint,
                    recorded: demo.recorded,
                    provenance: `data-bundled/demo/README.md#${demo.folder}`,
                  },
                },
              })
            ).source.id;
          ids.push(sourceId);
          const summary = await deps.harvests.harvest(sourceId, {
            requestedBy: 'demo',
            ...(options.signal !== undefined ? { signal: options.signal } : {}),
          });
          report = {
            folder: demo.folder,
            name: demo.name,
            sourceId,
            status: summary.run.status,
            counts: summary.run.counts,
            error: summary.error,
          };
          if (summary.run.status === 'interrupted') interrupted = true;
        } catch (error) {
          if (!isAtlasError(error)) throw error;
          if (aborted()) interrupted = true;
          report = {
            folder: demo.folder,
            name: demo.name,
            sourceId,
            status: 'error',
            counts: null,
            error: { code: error.code, message: error.message },
          };
        }
        reports.push(report);
        options.onSource?.(report);
        if (interrupted) break;
      }
      let records = 0;
      let failed = 0;
      for (const id of ids) {
        const counts = await deps.store.countSourceRecords(id);
        records += sum(counts, 'active');
        failed += sum(counts, 'failed');
      }
      if (!interrupted) await setState('loaded');
      return {
        sources: reports,
        records,
        failed,
        durationMs: Math.round(performance.now() - started),
        interrupted,
      };
    },
  };
}
