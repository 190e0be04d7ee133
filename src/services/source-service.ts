// Use cases around sources (the harvestable endpoints of repositories): register, list, show, change, remove.
// Validates what users type at the edge and reports each wrong field by name; never touches SQL directly.
import {
  PROTOCOLS,
  SCHEDULES,
  type HarvestRun,
  type Protocol,
  type Schedule,
  type Source,
  type SourceRecordStatus,
} from '../domain/catalog.js';
import { AtlasError } from '../domain/errors.js';
import type { Store } from '../ports/store.js';
import { sourceLinkReport, type SourceLinkReport } from '../quality/link-report.js';
import { sourceQualityReport, type SourceQualityReport } from '../quality/source-report.js';

export interface SourceInput {
  readonly name: string;
  readonly url: string;
  readonly protocol: string;
  readonly format?: string | undefined;
  readonly sets?: readonly string[] | undefined;
  readonly excludeSets?: readonly string[] | undefined;
  readonly schedule?: string | undefined;
  readonly country?: string | undefined;
  readonly allowPrivateNetwork?: boolean | undefined;
  /** Protocol settings, e.g. a CSV column mapping: { "columns": { "name": "Title" } }. */
  readonly settings?: Readonly<Record<string, unknown>> | undefined;
}

/** Checks a candidate source against its endpoint before it is stored; throws to refuse it. */
export type SourceCheck = (candidate: Source) => Promise<unknown>;

export interface SourceOverview {
  readonly source: Source;
  readonly records: Readonly<Record<SourceRecordStatus, number>>;
  readonly lastRuns: readonly HarvestRun[];
  /** Metadata quality over the active records: mean score and the fixes a repository manager can act on. */
  readonly quality: SourceQualityReport;
  /** The last checks of the landing pages: outcome counts and the links to act on, with their fixes. */
  readonly links: SourceLinkReport;
}

export interface SourceService {
  /** Registers a source; with `check`, only after the check accepted it. Returns the check's report too. */
  add(input: SourceInput, check?: SourceCheck): Promise<{ readonly source: Source; readonly check: unknown }>;
  list(): Promise<readonly Source[]>;
  show(id: string): Promise<SourceOverview>;
  remove(id: string): Promise<void>;
}

interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(?::[A-Za-z0-9\-_.!~*'()]+)*$/;

/** Checks a new source's fields; every wrong field is reported at once. */
export function validateSourceInput(input: SourceInput): {
  name: string;
  url: string;
  protocol: Protocol;
  format: string | null;
  sets: string[];
  excludeSets: string[];
  schedule: Schedule;
  country: string | null;
} {
  const problems: FieldProblem[] = [];
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200)
    problems.push({ field: 'name', problem: 'must be 1 to 200 characters' });

  let url = input.url.trim();
  const protocolRaw = input.protocol.trim().toLowerCase();
  try {
    const parsed = new URL(url);
    if (protocolRaw === 'file') {
      if (parsed.protocol !== 'file:')
        problems.push({ field: 'url', problem: 'must be a file: URL for the file protocol' });
    } else if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      problems.push({ field: 'url', problem: 'must be an http:// or https:// address' });
    } else if (parsed.username || parsed.password) {
      problems.push({ field: 'url', problem: 'must not contain a user name or password' });
    }
    url = parsed.toString();
  } catch {
    problems.push({ field: 'url', problem: `is not a valid address: ${JSON.stringify(input.url)}` });
  }

  const protocol = protocolRaw;
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    problems.push({ field: 'protocol', problem: `must be one of ${PROTOCOLS.join(', ')}` });
  }
  const format = input.format?.trim() || null;
  if (format !== null && !/^[A-Za-z0-9_.-]{1,64}$/.test(format)) {
    problems.push({ field: 'format', problem: 'must be a metadata format name such as oai_dc or lom' });
  }
  const sets = [...new Set((input.sets ?? []).map((s) => s.trim()).filter(Boolean))];
  const excludeSets = [...new Set((input.excludeSets ?? []).map((s) => s.trim()).filter(Boolean))];
  for (const [field, list] of [
    ['set', sets],
    ['exclude-set', excludeSets],
  ] as const) {
    const bad = list.filter((s) => !SET_SPEC.test(s));
    if (bad.length > 0) problems.push({ field, problem: `not a valid OAI-PMH setSpec: ${bad.join(', ')}` });
  }
  const overlap = sets.filter((s) => excludeSets.includes(s));
  if (overlap.length > 0)
    problems.push({ field: 'exclude-set', problem: `also listed as included: ${overlap.join(', ')}` });

  const schedule = (input.schedule ?? 'daily').trim().toLowerCase();
  if (!(SCHEDULES as readonly string[]).includes(schedule)) {
    problems.push({ field: 'schedule', problem: `must be one of ${SCHEDULES.join(', ')}` });
  }
  const country = input.country?.trim().toUpperCase() || null;
  if (country !== null && !/^[A-Z]{2}$/.test(country)) {
    problems.push({ field: 'country', problem: 'must be a two-letter ISO 3166-1 country code such as FR' });
  }

  if (problems.length > 0) {
    throw new AtlasError('invalid_parameter', problems.map((p) => `${p.field} ${p.problem}`).join('; '), {
      details: { parameter: problems[0]?.field, problems },
    });
  }
  return {
    name,
    url,
    protocol: protocol as Protocol,
    format,
    sets,
    excludeSets,
    schedule: schedule as Schedule,
    country,
  };
}

export function createSourceService(deps: { readonly store: Store }): SourceService {
  const { store } = deps;

  async function getOrFail(id: string): Promise<Source> {
    const source = await store.getSource(id);
    if (!source) throw new AtlasError('not_found', `There is no source with id ${id}.`, { details: { id } });
    return source;
  }

  return {
    async add(input, check) {
      const valid = validateSourceInput(input);
      const fields = {
        ...valid,
        allowPrivateNetwork: input.allowPrivateNetwork ?? false,
        settings: { ...(input.settings ?? {}) },
      };
      let report: unknown = null;
      if (check !== undefined) {
        const at = new Date().toISOString();
        report = await check({ ...fields, id: '(new)', createdAt: at, updatedAt: at });
      }
      return { source: await store.createSource(fields), check: report };
    },
    list: () => store.listSources(),
    async show(id) {
      const source = await getOrFail(id);
      const [records, lastRuns, stats, links] = await Promise.all([
        store.countSourceRecords(id),
        store.listRuns(id, 10),
        store.qualityStats(id, 5),
        store.linkStats(id, 5),
      ]);
      return {
        source,
        records,
        lastRuns,
        quality: sourceQualityReport(stats, source),
        links: sourceLinkReport(links, source),
      };
    },
    async remove(id) {
      if (!(await store.removeSource(id))) {
        throw new AtlasError('not_found', `There is no source with id ${id}.`, { details: { id } });
      }
    },
  };
}
