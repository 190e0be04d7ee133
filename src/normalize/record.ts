// The normalization step of the ingest pipeline: what every mapped record goes through before it is stored.
// The format mappers already asked `Normalizers` for languages and licences; this step makes the rest of the
// record comparable and countable: canonical landing URL (original kept), identifiers, dates, agents' ORCID
// and ROR ids, the language detected when none was declared, ISCED 2011 levels, ISCED-F fields and UNESCO
// Thesaurus concepts, HCRT resource types and the schema.org accessibility terms. Every decision can be
// written to a trace (field, input, output, rule), which is what `oer-atlas explain` shows.
// Pure functions; never performs I/O (the vocabularies are loaded once from the bundled data files).
import type { AgentValue, ConceptValue, LangMapValue, ResourceRecord } from '../domain/profile.js';
import type { Normalizers } from '../formats/mapping.js';
import {
  normalizeAccessibility,
  accessibilityFromText,
  type AccessibilityProperty,
} from './accessibility.js';
import { normalizeAgentName, normalizeOrcid, normalizeRor } from './agent.js';
import { normalizeDate } from './date.js';
import { normalizeIdentifier } from './identifier.js';
import { detectLanguage, normalizeLanguage } from './language.js';
import { levelsFromAgeRange, normalizeLevel } from './level.js';
import { licenseValue, normalizeLicense } from './license.js';
import { normalizeResourceType } from './resource-type.js';
import { normalizeSubjects } from './subject.js';
import { canonicalUrl } from './url.js';
import { hcrtConcept } from '../vocab/hcrt.js';

/** One decision of the pipeline, for `oer-atlas explain`. */
export interface Decision {
  /** The profile field decided ("license", "inLanguage", "iscedLevels"...). */
  readonly field: string;
  /** The value as the source gave it (or as the mapper read it). */
  readonly input: string;
  /** What it became: a value, a list, or null when nothing was decided. */
  readonly output: string | readonly string[] | null;
  readonly rule: string;
}

export type Trace = Decision[];

/** Changes to a record; an undefined value removes the field. */
type Patch = { [K in keyof ResourceRecord]?: ResourceRecord[K] | undefined };

/** The language and licence judgements the format mappers ask for, writing each to `trace` when given. */
export function createNormalizers(trace?: Trace): Normalizers {
  return {
    language(raw) {
      const found = normalizeLanguage(raw);
      trace?.push({ field: 'language', input: raw, output: found.value, rule: found.rule });
      return found.value;
    },
    license(statements) {
      const value = licenseValue(statements);
      if (trace !== undefined) {
        const found = normalizeLicense(statements);
        trace.push({
          field: 'license',
          input: statements.join(' | '),
          output: found.value === null ? found.group : `${found.value} (${found.group})`,
          rule: found.conflicts === undefined ? found.rule : `${found.rule}; conflicting statements kept`,
        });
      }
      return value;
    },
  };
}

/** The pipeline's normalizers without a trace, shared by every record. */
export const pipelineNormalizers: Normalizers = createNormalizers();

const AGE_RANGE_URN = 'urn:oer-atlas:vocab:typicalAgeRange:';
const HCRT_PREFIX = 'https://w3id.org/kim/hcrt/';
/** Too little text says nothing reliable about its language. */
const MIN_DETECTION_LETTERS = 20;

function labelsOf(concept: ConceptValue): string[] {
  return concept.prefLabel === undefined ? [] : Object.values(concept.prefLabel);
}

function textOf(map: LangMapValue | undefined): string {
  return map === undefined ? '' : Object.values(map).join('\n');
}

const LETTER = /\p{L}/gu;

/** Whether `text` holds letters of at least `n` UTF-16 units (counting stops there: descriptions can be long). */
function hasLetters(text: string, n: number): boolean {
  if (text.length < n) return false;
  LETTER.lastIndex = 0;
  let found = 0;
  for (let m = LETTER.exec(text); m !== null; m = LETTER.exec(text)) {
    found += m[0].length;
    if (found >= n) return true;
  }
  return false;
}

function decodeUrn(id: string, prefix: string): string {
  try {
    return decodeURIComponent(id.slice(prefix.length));
  } catch {
    return id.slice(prefix.length);
  }
}

function isHttpUri(value: string): boolean {
  return value.startsWith('http://') || value.startsWith('https://');
}

function union(into: Set<string>, values: readonly string[] | null): void {
  if (values !== null) for (const v of values) into.add(v);
}

function normalizeUrl(record: ResourceRecord, trace: Trace | undefined): Patch {
  if (record.url === undefined) return {};
  const found = canonicalUrl(record.url);
  trace?.push({ field: 'url', input: record.url, output: found.value, rule: found.rule });
  // The mapper already judged the address usable; one without a canonical form (an intranet host) stays as is.
  if (found.value === null || found.value === record.url) return {};
  return { url: found.value, urlOriginal: record.urlOriginal ?? record.url };
}

/** How a value of a kind is written so that its kind shows. */
const KIND_PREFIXES: Readonly<Partial<Record<string, string>>> = {
  isbn: 'ISBN ',
  doi: 'doi:',
  handle: 'hdl:',
};

function normalizeIdentifiers(record: ResourceRecord, trace: Trace | undefined): Patch {
  if (record.identifiers === undefined) return {};
  const out: { kind: NonNullable<ResourceRecord['identifiers']>[number]['kind']; value: string }[] = [];
  const seen = new Set<string>();
  for (const identifier of record.identifiers) {
    let found = normalizeIdentifier(identifier.value);
    // A bare value the mapper knew the kind of ("3946212417" from "ISBN 3-946212-41-7"): read it as that kind.
    const prefix = KIND_PREFIXES[identifier.kind];
    if (prefix !== undefined && found.kind !== identifier.kind) {
      const hinted = normalizeIdentifier(prefix + identifier.value);
      if (hinted.kind === identifier.kind) found = hinted;
    }
    trace?.push({
      field: 'identifiers',
      input: identifier.value,
      output: found.kind === null || found.value === null ? null : `${found.kind}:${found.value}`,
      rule: found.rule,
    });
    const kind = found.kind ?? identifier.kind;
    const value = found.value ?? identifier.value;
    const key = `${kind}\u0000${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind, value });
  }
  return { identifiers: out };
}

function normalizeDates(record: ResourceRecord, trace: Trace | undefined): Patch {
  const patch: Patch = {};
  for (const field of ['dateCreated', 'datePublished', 'dateModified'] as const) {
    const raw = record[field];
    if (raw === undefined) continue;
    const found = normalizeDate(raw);
    trace?.push({ field, input: raw, output: found.value, rule: found.rule });
    if (found.value !== raw) patch[field] = found.value ?? undefined;
  }
  return patch;
}

function normalizeAgent(agent: AgentValue, field: string, trace: Trace | undefined): AgentValue {
  const named = normalizeAgentName(agent.name);
  const next: AgentValue = { ...agent, name: named.name === '' ? agent.name : named.name };
  if (named.name !== agent.name) {
    trace?.push({ field, input: agent.name, output: named.name, rule: named.rule });
  }
  const orcidSource = agent.orcid ?? named.orcid ?? (agent.id !== undefined ? agent.id : undefined);
  const orcid = orcidSource === undefined ? null : normalizeOrcid(orcidSource);
  const rorSource = next.type === 'Organization' ? (next.ror ?? next.id) : undefined;
  const ror = rorSource === undefined ? null : normalizeRor(rorSource);
  if (orcid !== null && next.type === 'Person') {
    if (orcid !== agent.orcid) trace?.push({ field, input: orcidSource ?? '', output: orcid, rule: 'orcid' });
    next.orcid = orcid;
  }
  if (ror !== null && next.type === 'Organization') {
    if (ror !== agent.ror) trace?.push({ field, input: rorSource ?? '', output: ror, rule: 'ror' });
    next.ror = ror;
  }
  if (next.type === 'Person' && named.honorificPrefix !== undefined && next.honorificPrefix === undefined) {
    next.honorificPrefix = named.honorificPrefix;
  }
  if (agent.email === undefined && named.email !== undefined) next.email = named.email;
  return next;
}

function normalizeAgents(record: ResourceRecord, trace: Trace | undefined): Patch {
  const patch: Patch = {};
  for (const field of ['creator', 'contributor', 'publisher', 'funder'] as const) {
    const list = record[field];
    if (list !== undefined) patch[field] = list.map((agent) => normalizeAgent(agent, field, trace));
  }
  return patch;
}

/** The text a record's language is detected on when it declares none: its names, then its descriptions. */
export function detectionText(record: ResourceRecord): string {
  return `${textOf(record.name)}\n${textOf(record.description)}`.trim();
}

function normalizeInLanguage(record: ResourceRecord, trace: Trace | undefined): Patch {
  if (record.inLanguage !== undefined && record.inLanguage.length > 0) {
    return record.inLanguageOrigin === undefined ? { inLanguageOrigin: 'declared' } : {};
  }
  const text = detectionText(record);
  const found = hasLetters(text, MIN_DETECTION_LETTERS)
    ? detectLanguage(text)
    : { value: null, rule: 'too-short' };
  trace?.push({ field: 'inLanguage', input: text.slice(0, 200), output: found.value, rule: found.rule });
  if (found.value === null || found.value === 'und') return {};
  const patch: Patch = { inLanguage: [found.value], inLanguageOrigin: 'detected' };
  // Text the source left without a language now has one.
  for (const field of ['name', 'description'] as const) {
    const map = record[field];
    if (map?.und !== undefined && map[found.value] === undefined) {
      const { und, ...rest } = map;
      patch[field] = { ...rest, [found.value]: und };
    }
  }
  return patch;
}

function normalizeLevels(record: ResourceRecord, trace: Trace | undefined): Patch {
  const concepts = [...(record.educationalLevel ?? []), ...(record.audience ?? [])];
  if (concepts.length === 0) return {};
  const levels = new Set<string>(record.iscedLevels ?? []);
  for (const concept of concepts) {
    if (concept.id.startsWith(AGE_RANGE_URN)) {
      const raw = decodeUrn(concept.id, AGE_RANGE_URN);
      const found = levelsFromAgeRange(raw);
      trace?.push({ field: 'iscedLevels', input: raw, output: found.value, rule: found.rule });
      union(levels, found.value);
      continue;
    }
    const inputs = isHttpUri(concept.id) ? [concept.id, ...labelsOf(concept)] : labelsOf(concept);
    for (const input of inputs) {
      const found = normalizeLevel(input);
      if (found.value === null && isHttpUri(input)) continue;
      trace?.push({ field: 'iscedLevels', input, output: found.value, rule: found.rule });
      if (found.value !== null) {
        union(levels, found.value);
        break;
      }
    }
  }
  return levels.size === 0 ? {} : { iscedLevels: [...levels].sort() };
}

function normalizeSubjectFields(record: ResourceRecord, trace: Trace | undefined): Patch {
  const keywords = record.keywords === undefined ? [] : Object.values(record.keywords).flat();
  const subjects = (record.about ?? []).map((c) => ({
    id: c.id,
    ...(labelsOf(c)[0] === undefined ? {} : { label: labelsOf(c)[0] }),
    ...(c.inScheme === undefined ? {} : { scheme: c.inScheme }),
  }));
  if (keywords.length === 0 && subjects.length === 0) return {};
  const language = record.inLanguage?.[0];
  const found = normalizeSubjects({
    keywords,
    subjects,
    ...(language === undefined ? {} : { language }),
  });
  if (trace !== undefined) {
    const kept = new Set<string>([...found.fields, ...found.concepts.map((c) => c.id)]);
    for (const rule of found.rules) {
      const used = kept.has(rule.output) || found.fields.some((f) => rule.output.endsWith(f));
      trace.push({ field: 'about', ...rule, ...(used ? {} : { rule: `${rule.rule} (not kept: too weak)` }) });
    }
  }
  const patch: Patch = {};
  const fields = new Set([...(record.iscedFields ?? []), ...found.fields]);
  if (fields.size > 0) patch.iscedFields = [...fields].sort();
  if (found.concepts.length > 0) {
    const about = [...(record.about ?? [])];
    for (const concept of found.concepts) {
      if (about.length >= 500) break;
      if (!about.some((c) => c.id === concept.id)) about.push({ ...concept });
    }
    patch.about = about;
  }
  return patch;
}

function normalizeTypes(record: ResourceRecord, trace: Trace | undefined): Patch {
  const concepts = record.learningResourceType ?? [];
  if (concepts.length === 0) return {};
  const hcrt = new Set<string>();
  for (const concept of concepts) {
    if (concept.id.startsWith(HCRT_PREFIX)) continue;
    const inputs = isHttpUri(concept.id) ? [concept.id, ...labelsOf(concept)] : labelsOf(concept);
    for (const input of inputs) {
      const found = normalizeResourceType(input);
      if (found.value === null && isHttpUri(input)) continue;
      trace?.push({ field: 'learningResourceType', input, output: found.value, rule: found.rule });
      if (found.value !== null) {
        union(hcrt, found.value);
        break;
      }
    }
  }
  const list = [...concepts];
  for (const id of hcrt) {
    if (list.length >= 100) break;
    if (list.some((c) => c.id === id)) continue;
    list.push(hcrtConcept(id) ?? { id, inScheme: 'https://w3id.org/kim/hcrt/scheme' });
  }
  return list.length === concepts.length ? {} : { learningResourceType: list };
}

const ACCESSIBILITY_LISTS = [
  'accessMode',
  'accessibilityFeature',
  'accessibilityHazard',
  'accessibilityControl',
  'accessibilityAPI',
] as const satisfies readonly AccessibilityProperty[];

function normalizeAccessibilityFields(record: ResourceRecord, trace: Trace | undefined): Patch {
  const patch: Patch = {};
  for (const property of ACCESSIBILITY_LISTS) {
    const list = record[property];
    if (list === undefined) continue;
    const out = new Set<string>();
    for (const raw of list) {
      const found = normalizeAccessibility(property, raw);
      if (found.value !== raw)
        trace?.push({ field: property, input: raw, output: found.value, rule: found.rule });
      if (found.value !== null) out.add(found.value);
    }
    patch[property] = out.size === 0 ? undefined : [...out];
  }
  if (record.accessModeSufficient !== undefined) {
    const sets = record.accessModeSufficient
      .map((set) => [
        ...new Set(
          set.flatMap((raw) => {
            const found = normalizeAccessibility('accessModeSufficient', raw);
            return found.value === null ? [] : found.value.split(',');
          }),
        ),
      ])
      .filter((set) => set.length > 0);
    patch.accessModeSufficient = sets.length === 0 ? undefined : sets;
  }
  const summary = textOf(record.accessibilitySummary);
  if (summary !== '') {
    const stated = accessibilityFromText(summary);
    const features = new Set(patch.accessibilityFeature ?? record.accessibilityFeature ?? []);
    const hazards = new Set(patch.accessibilityHazard ?? record.accessibilityHazard ?? []);
    for (const f of stated.feature) features.add(f);
    for (const h of stated.hazard) hazards.add(h);
    if (stated.feature.length + stated.hazard.length > 0) {
      trace?.push({
        field: 'accessibilitySummary',
        input: summary.slice(0, 200),
        output: [...stated.feature, ...stated.hazard],
        rule: stated.rules.join(', '),
      });
    }
    if (features.size > 0) patch.accessibilityFeature = [...features];
    if (hazards.size > 0) patch.accessibilityHazard = [...hazards];
  }
  return patch;
}

/** Drops keys whose value is undefined, so that the record keeps to the profile (no explicit undefined). */
function compact(record: Patch): ResourceRecord {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const value = record[key as keyof Patch];
    if (value !== undefined) out[key] = value;
  }
  return out as ResourceRecord;
}

/** The record with every normalizable field in canonical form; `trace` collects the decisions. */
export function normalizeRecord(record: ResourceRecord, trace?: Trace): ResourceRecord {
  const language = normalizeInLanguage(record, trace);
  const withLanguage: ResourceRecord = compact({ ...record, ...language });
  return compact({
    ...withLanguage,
    ...normalizeUrl(withLanguage, trace),
    ...normalizeIdentifiers(withLanguage, trace),
    ...normalizeDates(withLanguage, trace),
    ...normalizeAgents(withLanguage, trace),
    ...normalizeLevels(withLanguage, trace),
    ...normalizeSubjectFields(withLanguage, trace),
    ...normalizeTypes(withLanguage, trace),
    ...normalizeAccessibilityFields(withLanguage, trace),
  });
}
