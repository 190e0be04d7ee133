// Maps one AMB / schema.org / LRMI JSON-LD object into our common profile (ResourceRecord).
// Input is untrusted: only own properties are read, every value of the wrong shape is dropped (and noted),
// text is cleaned and cut to the profile's limits, and the result is validated before it is returned.
// Never fetches a remote @context, never normalizes licences itself (that is the `normalizeLicense` hook's
// job) and never returns a record that fails the profile schema: it throws AtlasError `invalid_record`.
import { AtlasError } from '../../domain/errors.js';
import type {
  AgentValue,
  ConceptValue,
  LangMapValue,
  LicenseValue,
  ProvenanceValue,
  ResourceRecord,
} from '../../domain/profile.js';
import { validateRecord } from '../profile/validate-record.js';
import {
  bareUriOf,
  cleanText,
  isObject,
  languageTag,
  listOf,
  nodeId,
  own,
  rawText,
  term,
  textOf,
  typeNames,
  uriOf,
  webUrlOf,
  type JsonObject,
  type TermReader,
} from './jsonld-read.js';

/**
 * Turns what a source said about the licence (URLs, badges, free text, exactly as given) into the canonical
 * licence. Return undefined to keep the default: `{ id: <first statement that is a URI>, group: 'unknown' }`.
 */
export type LicenseNormalizer = (statements: readonly string[]) => LicenseValue | undefined;

export interface AmbToProfileOptions {
  /** The licence normalization step; without it licences are kept as given with group "unknown". */
  readonly normalizeLicense?: LicenseNormalizer;
}

/** Something in the document that was not carried into the record, and why. */
export interface MappingNote {
  readonly path: string;
  readonly message: string;
}

export interface AmbMapping {
  readonly record: ResourceRecord;
  readonly notes: readonly MappingNote[];
}

type Draft = { -readonly [K in keyof ResourceRecord]?: ResourceRecord[K] };

const MAX_NOTES = 100;
const LRMI_VOCABS = 'http://purl.org/dcx/lrmi-vocabs/';
const CONDITIONS_OF_ACCESS = 'http://w3id.org/kim/conditionsOfAccess/';

/** LRMI educationalAudienceRole terms, keyed by the lower-case, space-free spelling found in the wild. */
const AUDIENCE_ROLES: Readonly<Record<string, string>> = {
  administrator: 'administrator',
  generalpublic: 'generalPublic',
  mentor: 'mentor',
  parent: 'parent',
  peertutor: 'peerTutor',
  professional: 'professional',
  student: 'student',
  teacher: 'teacher',
};

const INTERACTIVITY_TYPES = new Set(['active', 'expositive', 'mixed']);

/** Organisation kinds of schema.org that the profile folds into "Organization". */
const ORGANIZATION_TYPES = new Set([
  'Organization',
  'EducationalOrganization',
  'CollegeOrUniversity',
  'School',
  'HighSchool',
  'MiddleSchool',
  'ElementarySchool',
  'Preschool',
  'GovernmentOrganization',
  'NGO',
  'Corporation',
  'Library',
  'ResearchOrganization',
  'Consortium',
  'FundingScheme',
  'FundingAgency',
  'Project',
  'ResearchProject',
]);

/**
 * Types that describe something other than a resource: a document typed only with these (an OER World Map
 * person, event or service, say) is refused rather than turned into a learning resource.
 */
const NOT_RESOURCE_TYPES = new Set([
  ...ORGANIZATION_TYPES,
  'Person',
  'Event',
  'Place',
  'Action',
  'Service',
  'Product',
  'Offer',
  'Country',
  'City',
  'ContactPoint',
  'PostalAddress',
  'ConceptScheme',
  'Concept',
  'DefinedTerm',
  'DefinedTermSet',
]);

interface Reader extends TermReader {
  /** Language of plain strings: the context's @language, else the single inLanguage, else "und". */
  readonly lang: string;
  readonly notes: MappingNote[];
}

function note(reader: Reader, path: string, message: string): void {
  if (reader.notes.length < MAX_NOTES) reader.notes.push({ path, message });
}

// ---- context and languages -------------------------------------------------------------------------------

function readContext(doc: JsonObject): { lang: string | undefined; prefixes: string[] } {
  let lang: string | undefined;
  const prefixes = new Set(['schema', 'sdo']);
  for (const entry of listOf(own(doc, '@context'), 20)) {
    if (!isObject(entry)) continue;
    // Later context entries override earlier ones, as in JSON-LD.
    const declared = languageTag(own(entry, '@language'));
    if (declared !== undefined) lang = declared;
    for (const [key, value] of Object.entries(entry).slice(0, 200)) {
      if (!key.startsWith('@') && typeof value === 'string' && /^https?:\/\/schema\.org\/?$/.test(value)) {
        prefixes.add(key);
      }
    }
  }
  return { lang, prefixes: [...prefixes] };
}

function readLanguages(value: unknown, reader: TermReader, notes: MappingNote[]): string[] {
  const tags: string[] = [];
  for (const [index, entry] of listOf(value, 50).entries()) {
    // schema.org also allows a Language node; its code is in alternateName or identifier.
    const candidate = isObject(entry)
      ? (rawText(term(entry, 'alternateName', reader)) ?? rawText(term(entry, 'identifier', reader)))
      : rawText(entry);
    const tag = languageTag(candidate);
    if (tag === undefined) {
      if (notes.length < MAX_NOTES) {
        notes.push({
          path: `/inLanguage/${index}`,
          message: 'Not a language tag (such as "en" or "pt-BR"); left out.',
        });
      }
    } else if (!tags.includes(tag)) {
      tags.push(tag);
    }
  }
  return tags;
}

// ---- text ------------------------------------------------------------------------------------------------

/**
 * Text in one or more languages. Accepts a plain string (in the reader's language), a JSON-LD value object
 * with @language, a language map `{ "de": ..., "en": ... }`, or a list of these; the first text per language
 * wins.
 */
function langMap(value: unknown, reader: Reader, max: number, singleLine: boolean): LangMapValue | undefined {
  const found = new Map<string, string>();
  const add = (lang: string | undefined, raw: unknown) => {
    const text = textOf(raw, max, singleLine);
    if (lang !== undefined && text !== undefined && !found.has(lang)) found.set(lang, text);
  };
  for (const entry of listOf(value, 50)) {
    if (typeof entry === 'string') {
      add(reader.lang, entry);
    } else if (isObject(entry) && own(entry, '@value') !== undefined) {
      const tagged = own(entry, '@language');
      add(tagged === undefined ? reader.lang : languageTag(tagged), entry);
    } else if (isObject(entry)) {
      for (const [key, text] of Object.entries(entry).slice(0, 200)) {
        add(languageTag(key), listOf(text, 1)[0]);
      }
    }
  }
  return found.size > 0 ? Object.fromEntries(found) : undefined;
}

/** Keywords per language. A plain string is a comma-separated list, as schema.org describes keywords. */
function keywordMap(value: unknown, reader: Reader): Record<string, string[]> | undefined {
  const found = new Map<string, string[]>();
  const add = (lang: string | undefined, raw: unknown, split: boolean) => {
    const text = rawText(raw);
    if (lang === undefined || text === undefined) return;
    const list = found.get(lang) ?? [];
    for (const piece of split ? text.slice(0, 100_000).split(',') : [text]) {
      const keyword = cleanText(piece, 1000, true);
      if (keyword !== undefined && !list.includes(keyword) && list.length < 200) list.push(keyword);
    }
    if (list.length > 0) found.set(lang, list);
  };
  const entries = listOf(value, 500);
  const splitStrings = !Array.isArray(value);
  for (const entry of entries) {
    if (typeof entry === 'string') {
      add(reader.lang, entry, splitStrings);
    } else if (isObject(entry) && own(entry, '@value') !== undefined) {
      const tagged = own(entry, '@language');
      add(tagged === undefined ? reader.lang : languageTag(tagged), entry, false);
    } else if (isObject(entry)) {
      for (const [key, list] of Object.entries(entry).slice(0, 200)) {
        for (const item of listOf(list, 200)) add(languageTag(key), item, false);
      }
    }
  }
  return found.size > 0 ? Object.fromEntries(found) : undefined;
}

function firstText(value: unknown, reader: Reader, max: number): string | undefined {
  const map = langMap(value, reader, max, true);
  return map === undefined ? undefined : Object.values(map)[0];
}

// ---- concepts --------------------------------------------------------------------------------------------

function concept(value: unknown, reader: Reader): ConceptValue | undefined {
  if (!isObject(value)) {
    const id = bareUriOf(value);
    return id === undefined ? undefined : { id };
  }
  const id = nodeId(value, reader);
  if (id === undefined) return undefined;
  const result: ConceptValue = { id };
  const label = langMap(own(value, 'prefLabel') ?? term(value, 'name', reader), reader, 100_000, true);
  if (label !== undefined) result.prefLabel = label;
  const scheme = nodeId(own(value, 'inScheme') ?? term(value, 'inDefinedTermSet', reader), reader);
  if (scheme !== undefined) result.inScheme = scheme;
  const notation = textOf(own(value, 'notation') ?? term(value, 'termCode', reader), 64);
  if (notation !== undefined) result.notation = notation;
  return result;
}

function concepts(value: unknown, reader: Reader, path: string, max: number): ConceptValue[] {
  const out: ConceptValue[] = [];
  for (const [index, entry] of listOf(value, max * 2).entries()) {
    const found = concept(entry, reader);
    if (found === undefined) {
      note(reader, `${path}/${index}`, 'Not a concept with a URI ("id"); left out.');
    } else if (!out.some((c) => c.id === found.id) && out.length < max) {
      out.push(found);
    }
  }
  return out;
}

function addConcepts(target: ConceptValue[], more: readonly ConceptValue[], max: number): void {
  for (const c of more) if (!target.some((t) => t.id === c.id) && target.length < max) target.push(c);
}

/** LRMI audience roles written as words ("teacher", "general public") become LRMI vocabulary concepts. */
function audienceRole(value: unknown): ConceptValue | undefined {
  const text = rawText(value);
  const key = text?.toLowerCase().replace(/[\s_-]+/g, '');
  const role = key === undefined ? undefined : AUDIENCE_ROLES[key];
  return role === undefined ? undefined : { id: `${LRMI_VOCABS}educationalAudienceRole/${role}` };
}

function audience(value: unknown, reader: Reader): ConceptValue[] {
  const out: ConceptValue[] = [];
  for (const [index, entry] of listOf(value, 200).entries()) {
    // schema.org style: { "@type": "EducationalAudience", "educationalRole": "teacher" }.
    const role = isObject(entry) ? term(entry, 'educationalRole', reader) : undefined;
    const found =
      concept(entry, reader) ??
      (role !== undefined
        ? listOf(role, 5)
            .map(audienceRole)
            .find((c) => c !== undefined)
        : audienceRole(entry));
    if (found === undefined)
      note(reader, `/audience/${index}`, 'Not an audience concept or known audience role; left out.');
    else addConcepts(out, [found], 100);
  }
  return out;
}

function interactivityType(value: unknown, reader: Reader): ConceptValue | undefined {
  for (const entry of listOf(value, 5)) {
    const found = concept(entry, reader);
    if (found !== undefined) return found;
    // LRMI documents often give the term as a word ("Mixed").
    const word = rawText(entry)?.trim().toLowerCase();
    if (word !== undefined && INTERACTIVITY_TYPES.has(word))
      return { id: `${LRMI_VOCABS}interactivityType/${word}` };
  }
  if (value !== undefined) note(reader, '/interactivityType', 'Not an interactivity type concept; left out.');
  return undefined;
}

/** LRMI educationalAlignment: levels, subjects and teaching targets expressed as AlignmentObjects. */
function alignments(
  value: unknown,
  reader: Reader,
): Record<'educationalLevel' | 'about' | 'teaches', ConceptValue[]> {
  const out = {
    educationalLevel: [] as ConceptValue[],
    about: [] as ConceptValue[],
    teaches: [] as ConceptValue[],
  };
  for (const entry of listOf(value, 200)) {
    if (!isObject(entry)) continue;
    const kind = rawText(term(entry, 'alignmentType', reader))
      ?.toLowerCase()
      .replace(/\s+/g, '');
    const target: keyof typeof out | undefined =
      kind === 'educationallevel'
        ? 'educationalLevel'
        : kind === 'educationalsubject'
          ? 'about'
          : kind === 'teaches'
            ? 'teaches'
            : undefined;
    if (target === undefined) continue;
    const id = listOf(term(entry, 'targetUrl', reader), 5)
      .map((u) => nodeId(u, reader))
      .find((u) => u !== undefined);
    if (id === undefined) continue;
    const found: ConceptValue = { id };
    const label = langMap(term(entry, 'targetName', reader), reader, 100_000, true);
    if (label !== undefined) found.prefLabel = label;
    addConcepts(out[target], [found], 500);
  }
  return out;
}

// ---- agents ----------------------------------------------------------------------------------------------

const ORCID = /^(?:https?:\/\/)?(?:www\.)?orcid\.org\/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\/?$/i;
const ROR = /^(?:https?:\/\/)?ror\.org\/(0[a-z0-9]{6}\d{2})\/?$/i;

/** ISO 7064 MOD 11-2, the ORCID check digit: a mistyped iD is not presented as an ORCID. */
function orcidChecksumOk(orcid: string): boolean {
  const digits = orcid.replace(/-/g, '');
  let total = 0;
  for (const ch of digits.slice(0, -1)) total = (total + Number(ch)) * 2;
  const check = (12 - (total % 11)) % 11;
  return digits.at(-1)?.toUpperCase() === (check === 10 ? 'X' : String(check));
}

function orcidOf(values: readonly unknown[]): string | undefined {
  for (const value of values) {
    const match = ORCID.exec(rawText(value)?.trim() ?? '');
    if (match?.[1] !== undefined && orcidChecksumOk(match[1]))
      return `https://orcid.org/${match[1].toUpperCase()}`;
  }
  return undefined;
}

function rorOf(values: readonly unknown[]): string | undefined {
  for (const value of values) {
    const match = ROR.exec(rawText(value)?.trim() ?? '');
    if (match?.[1] !== undefined) return `https://ror.org/${match[1].toLowerCase()}`;
  }
  return undefined;
}

const EMAIL =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

type Role = 'creator' | 'contributor' | 'publisher' | 'funder';

function organization(value: unknown, reader: Reader): (AgentValue & { type: 'Organization' }) | undefined {
  const agent = agentOf(value, reader, 'Organization');
  return agent?.type === 'Organization' ? agent : undefined;
}

/**
 * One agent. The kind comes from its type (organisation subtypes fold into "Organization"), else from an
 * ORCID (person) or ROR (organisation) identifier, else from `fallback` (the usual kind for the role).
 */
function agentOf(
  value: unknown,
  reader: Reader,
  fallback: 'Person' | 'Organization',
): AgentValue | undefined {
  if (typeof value === 'string' || (isObject(value) && own(value, '@value') !== undefined)) {
    // A bare URI says who, but not the name the profile needs; such entries are left out.
    if (bareUriOf(value) !== undefined) return undefined;
    const name = textOf(value, 1000);
    return name === undefined ? undefined : { type: fallback, name };
  }
  if (!isObject(value)) return undefined;
  const name = firstText(term(value, 'name', reader), reader, 1000);
  if (name === undefined) return undefined;
  const idValue = term(value, 'id', reader);
  const idCandidates = [
    idValue,
    ...listOf(term(value, 'sameAs', reader), 10),
    ...listOf(term(value, 'identifier', reader), 10),
  ];
  const orcid = orcidOf(idCandidates);
  const ror = rorOf(idCandidates);
  const types = typeNames(value, reader);
  const kind: 'Person' | 'Organization' = types.includes('Person')
    ? 'Person'
    : types.some((t) => ORGANIZATION_TYPES.has(t))
      ? 'Organization'
      : orcid !== undefined
        ? 'Person'
        : ror !== undefined
          ? 'Organization'
          : fallback;
  // The node's own id, or the recognised ORCID/ROR in https form when the id was written without scheme.
  const id =
    uriOf(idValue) ??
    (orcid !== undefined && ORCID.test(rawText(idValue)?.trim() ?? '') ? orcid : undefined) ??
    (ror !== undefined && ROR.test(rawText(idValue)?.trim() ?? '') ? ror : undefined);
  const email = rawText(term(value, 'email', reader))
    ?.trim()
    .replace(/^mailto:/i, '');
  const base = {
    name,
    ...(id !== undefined ? { id } : {}),
    ...(orcid !== undefined && kind === 'Person' ? { orcid } : {}),
    ...(ror !== undefined && kind === 'Organization' ? { ror } : {}),
    ...(email !== undefined && email.length <= 320 && EMAIL.test(email) ? { email } : {}),
  };
  if (kind === 'Organization') return { type: 'Organization', ...base };
  const honorificPrefix = textOf(term(value, 'honorificPrefix', reader), 64);
  const affiliation = listOf(term(value, 'affiliation', reader), 5)
    .map((a) => organization(a, reader))
    .find((a) => a !== undefined);
  return {
    type: 'Person',
    ...base,
    ...(honorificPrefix !== undefined ? { honorificPrefix } : {}),
    ...(affiliation !== undefined ? { affiliation } : {}),
  };
}

function agents(value: unknown, reader: Reader, role: Role, max: number): AgentValue[] {
  const fallback = role === 'publisher' || role === 'funder' ? 'Organization' : 'Person';
  const out: AgentValue[] = [];
  for (const [index, entry] of listOf(value, max * 2).entries()) {
    const agent = agentOf(entry, reader, fallback);
    if (agent === undefined)
      note(reader, `/${role}/${index}`, 'Not a person or organisation with a name; left out.');
    else if (out.length < max) out.push(agent);
  }
  return out;
}

// ---- links, media, identifiers ---------------------------------------------------------------------------

type Link = NonNullable<ResourceRecord['isBasedOn']>[number];

function link(value: unknown, reader: Reader): Link | undefined {
  if (!isObject(value)) {
    const id = bareUriOf(value);
    if (id !== undefined) return { id };
    const name = textOf(value, 2000);
    return name === undefined ? undefined : { name };
  }
  const id = nodeId(value, reader) ?? uriOf(term(value, 'url', reader));
  const name = firstText(term(value, 'name', reader), reader, 2000);
  if (id === undefined && name === undefined) return undefined;
  const lang = listOf(term(value, 'inLanguage', reader), 1).map((l) => languageTag(rawText(l)))[0];
  return {
    ...(id !== undefined ? { id } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(lang !== undefined ? { inLanguage: lang } : {}),
  };
}

function links(value: unknown, reader: Reader, path: string, max: number): Link[] {
  const out: Link[] = [];
  for (const [index, entry] of listOf(value, max * 2).entries()) {
    const found = link(entry, reader);
    if (found === undefined)
      note(reader, `${path}/${index}`, 'Neither a URI nor a name of a resource; left out.');
    else if (out.length < max) out.push(found);
  }
  return out;
}

/** Sizes and bitrates: digits as AMB wants them, or the text as given (e.g. "568MB") up to 64 characters. */
function measure(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return String(Math.round(value));
  return textOf(value, 64);
}

type Media = NonNullable<ResourceRecord['encoding']>[number];

function media(value: unknown, reader: Reader): Media | undefined {
  if (!isObject(value)) return undefined;
  const contentUrl = webUrlOf(term(value, 'contentUrl', reader));
  const embedUrl = webUrlOf(term(value, 'embedUrl', reader));
  const encodingFormat = textOf(term(value, 'encodingFormat', reader), 255);
  const contentSize = measure(term(value, 'contentSize', reader));
  const bitrate = measure(term(value, 'bitrate', reader));
  const sha256 = rawText(term(value, 'sha256', reader))?.trim();
  const found: Media = {
    ...(contentUrl !== undefined ? { contentUrl } : {}),
    ...(embedUrl !== undefined ? { embedUrl } : {}),
    ...(encodingFormat !== undefined ? { encodingFormat } : {}),
    ...(contentSize !== undefined ? { contentSize } : {}),
    ...(bitrate !== undefined ? { bitrate } : {}),
    ...(sha256 !== undefined && /^[A-Fa-f0-9]{64}$/.test(sha256) ? { sha256 } : {}),
  };
  // A media object without any way to reach the file says nothing useful.
  return contentUrl !== undefined || embedUrl !== undefined ? found : undefined;
}

function trailer(value: unknown, reader: Reader): ResourceRecord['trailer'] {
  const first = listOf(value, 1)[0];
  const found = media(first, reader);
  if (found === undefined || !isObject(first)) {
    if (value !== undefined)
      note(reader, '/trailer', 'Not a media object with a contentUrl or embedUrl; left out.');
    return undefined;
  }
  const types = typeNames(first, reader);
  const type =
    types.includes('AudioObject') ||
    (!types.includes('VideoObject') && found.encodingFormat?.startsWith('audio/'))
      ? 'AudioObject'
      : 'VideoObject';
  const { sha256: _sha256, ...rest } = found;
  return { type, ...rest };
}

type CaptionValue = NonNullable<ResourceRecord['caption']>[number];

function captions(value: unknown, reader: Reader): CaptionValue[] {
  const out: CaptionValue[] = [];
  for (const [index, entry] of listOf(value, 200).entries()) {
    const id = isObject(entry)
      ? (nodeId(entry, reader) ??
        webUrlOf(term(entry, 'contentUrl', reader)) ??
        webUrlOf(term(entry, 'url', reader)))
      : webUrlOf(entry);
    if (id === undefined) {
      note(reader, `/caption/${index}`, 'A caption file needs a URI; left out.');
      continue;
    }
    const encodingFormat = isObject(entry) ? textOf(term(entry, 'encodingFormat', reader), 255) : undefined;
    const lang = isObject(entry)
      ? languageTag(rawText(listOf(term(entry, 'inLanguage', reader), 1)[0]))
      : undefined;
    if (out.length < 100) {
      out.push({
        id,
        ...(encodingFormat !== undefined ? { encodingFormat } : {}),
        ...(lang !== undefined ? { inLanguage: lang } : {}),
      });
    }
  }
  return out;
}

type IdentifierValue = NonNullable<ResourceRecord['identifiers']>[number];

function classifyIdentifier(raw: string): IdentifierValue | undefined {
  const text = raw.trim();
  if (text.length === 0 || text.length > 2048) return undefined;
  const doi = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?(10\.\d{4,9}\/\S+)$/i.exec(text);
  if (doi?.[1] !== undefined) return { kind: 'doi', value: doi[1] };
  const handle = /^(?:https?:\/\/hdl\.handle\.net\/|hdl:)(\S+)$/i.exec(text);
  if (handle?.[1] !== undefined) return { kind: 'handle', value: handle[1] };
  const isbn = /^(?:urn:isbn:|isbn:?\s*)([0-9Xx][0-9Xx -]{8,20})$/i.exec(text);
  if (isbn?.[1] !== undefined) {
    const digits = isbn[1].replace(/[\s-]/g, '').toUpperCase();
    if (digits.length === 10 || digits.length === 13) return { kind: 'isbn', value: digits };
  }
  if (/^urn:/i.test(text)) return { kind: 'urn', value: text };
  if (/^https?:\/\//i.test(text) && webUrlOf(text) !== undefined) return { kind: 'url', value: text };
  const cleaned = cleanText(text, 2048, true);
  return cleaned === undefined ? undefined : { kind: 'other', value: cleaned };
}

function identifiers(doc: JsonObject, reader: Reader, extra: readonly string[]): IdentifierValue[] {
  const out: IdentifierValue[] = [];
  const add = (raw: string | undefined) => {
    const found = raw === undefined ? undefined : classifyIdentifier(raw);
    if (
      found !== undefined &&
      out.length < 100 &&
      !out.some((i) => i.kind === found.kind && i.value === found.value)
    ) {
      out.push(found);
    }
  };
  for (const raw of extra) add(raw);
  for (const entry of listOf(term(doc, 'identifier', reader), 100)) {
    // schema.org PropertyValue: { "propertyID": "DOI", "value": "10.1234/x" }.
    add(isObject(entry) ? rawText(term(entry, 'value', reader)) : rawText(entry));
  }
  for (const entry of listOf(term(doc, 'sameAs', reader), 100)) add(rawText(entry));
  return out;
}

// ---- licence, access, accessibility ----------------------------------------------------------------------

function licenseStatements(value: unknown, reader: Reader): string[] {
  const statements: string[] = [];
  for (const entry of listOf(value, 50)) {
    const candidates = isObject(entry)
      ? [term(entry, 'id', reader), term(entry, 'url', reader), term(entry, 'name', reader)]
      : [entry];
    for (const candidate of candidates) {
      const text = textOf(candidate, 4096);
      if (text !== undefined && !statements.includes(text) && statements.length < 50) statements.push(text);
    }
  }
  return statements;
}

function license(
  value: unknown,
  reader: Reader,
  normalize: LicenseNormalizer | undefined,
): LicenseValue | undefined {
  const statements = licenseStatements(value, reader);
  if (statements.length === 0) {
    if (value !== undefined) note(reader, '/license', 'No licence URI or text found; left out.');
    return undefined;
  }
  const normalized = normalize?.(statements);
  if (normalized !== undefined) return normalized;
  // The seam for the licence normalization step: until it runs, the first URI is kept as given.
  const id = statements.map((s) => uriOf(s)).find((s) => s !== undefined);
  return { ...(id !== undefined ? { id } : {}), group: 'unknown', original: statements };
}

function booleanOf(value: unknown): boolean | undefined {
  const first = listOf(value, 1)[0];
  if (typeof first === 'boolean') return first;
  const text = rawText(first)?.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** AMB conditionsOfAccess: the KIM vocabulary has exactly "login" and "no_login". */
function requiresLogin(value: unknown, reader: Reader): boolean | undefined {
  for (const entry of listOf(value, 5)) {
    const id = nodeId(entry, reader);
    if (id === `${CONDITIONS_OF_ACCESS}login`) return true;
    if (id === `${CONDITIONS_OF_ACCESS}no_login`) return false;
  }
  if (value !== undefined)
    note(reader, '/conditionsOfAccess', 'Not a KIM conditionsOfAccess concept (login / no_login); left out.');
  return undefined;
}

/** Accessibility terms (schema.org values such as "textual" or "alternativeText"), deduplicated. */
function terms(value: unknown, max = 200): string[] {
  const out: string[] = [];
  for (const entry of listOf(value, max * 2)) {
    const text = textOf(entry, 64);
    if (text !== undefined && !out.includes(text) && out.length < max) out.push(text);
  }
  return out;
}

/**
 * accessModeSufficient: each entry is one sufficient combination. schema.org writes it as an ItemList, older
 * data as a comma-separated string ("textual,visual") or as a list of lists.
 */
function accessModeSufficient(value: unknown, reader: Reader): string[][] {
  const out: string[][] = [];
  for (const entry of listOf(value, 100)) {
    let modes: string[];
    if (Array.isArray(entry)) modes = terms(entry, 20);
    else if (isObject(entry)) modes = terms(term(entry, 'itemListElement', reader), 20);
    else modes = terms((rawText(entry) ?? '').slice(0, 2000).split(','), 20);
    if (modes.length > 0 && out.length < 50 && !out.some((m) => m.join(',') === modes.join(',')))
      out.push(modes);
  }
  return out;
}

// ---- the record ------------------------------------------------------------------------------------------

function mintId(provenance: ProvenanceValue): string {
  return `urn:oer-atlas:${encodeURIComponent(provenance.sourceId)}:${encodeURIComponent(provenance.sourceRecordId)}`;
}

/**
 * Maps `doc` and reports what was left out. Throws AtlasError `invalid_record` when the document is not an
 * object or has no usable name, or when the result would not fit the profile.
 */
export function mapAmbToProfile(
  doc: unknown,
  provenance: ProvenanceValue,
  options: AmbToProfileOptions = {},
): AmbMapping {
  try {
    if (!isObject(doc)) {
      const what = Array.isArray(doc) ? 'a list' : doc === null ? 'null' : typeof doc;
      throw new AtlasError('invalid_record', `The document must be one JSON-LD object; found ${what}.`, {
        details: { field: '' },
      });
    }
    return mapObject(doc, provenance, options);
  } catch (error) {
    if (error instanceof AtlasError) throw error;
    // A throwing getter or a revoked proxy: not JSON data.
    throw new AtlasError('invalid_record', 'The document could not be read as JSON data.', { cause: error });
  }
}

/** Maps `doc` into the profile; see mapAmbToProfile for the rules and for the notes on what was left out. */
export function ambToProfile(
  doc: unknown,
  provenance: ProvenanceValue,
  options: AmbToProfileOptions = {},
): ResourceRecord {
  return mapAmbToProfile(doc, provenance, options).record;
}

function mapObject(doc: JsonObject, provenance: ProvenanceValue, options: AmbToProfileOptions): AmbMapping {
  const notes: MappingNote[] = [];
  const context = readContext(doc);
  const base: TermReader = { schemaPrefixes: context.prefixes };
  const inLanguage = readLanguages(term(doc, 'inLanguage', base), base, notes);
  const reader: Reader = {
    schemaPrefixes: context.prefixes,
    lang: context.lang ?? (inLanguage.length === 1 && inLanguage[0] !== undefined ? inLanguage[0] : 'und'),
    notes,
  };
  const draft: Draft = {};
  const put = <K extends keyof ResourceRecord>(key: K, value: ResourceRecord[K] | undefined): void => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    draft[key] = value;
  };

  const name = langMap(term(doc, 'name', reader), reader, 100_000, true);
  if (name === undefined) {
    throw new AtlasError(
      'invalid_record',
      'The record has no usable "name" (title): it is missing, empty or not text.',
      {
        details: { field: 'name' },
      },
    );
  }

  const types = typeNames(doc, reader);
  const notResource = types.length > 0 && types.every((t) => NOT_RESOURCE_TYPES.has(t));
  if (notResource) {
    throw new AtlasError(
      'invalid_record',
      `The document describes something of type ${types.map((t) => `"${t}"`).join(', ')}, not a learning resource.`,
      { details: { field: 'type' } },
    );
  }

  // id: the resource's own URI, else its landing page, else a URN minted from where the record came from.
  const givenId = term(doc, 'id', reader);
  // url may be a plain string or a node reference ({"@id": ...}).
  const givenUrl = listOf(term(doc, 'url', reader), 1)[0];
  const url = webUrlOf(givenUrl) ?? (isObject(givenUrl) ? webUrlOf(term(givenUrl, 'id', reader)) : undefined);
  const id = uriOf(givenId) ?? url ?? mintId(provenance);
  if (givenId !== undefined && uriOf(givenId) === undefined) {
    note(reader, '/id', `Not an absolute URI; the record got the id ${id} instead.`);
  }
  put('id', id);
  put(
    'type',
    ['LearningResource', ...types.filter((t) => t !== 'LearningResource')]
      .filter((t, i, all) => all.indexOf(t) === i)
      .slice(0, 20),
  );
  put('name', name);
  put('description', langMap(term(doc, 'description', reader), reader, 100_000, false));
  const keywords = keywordMap(term(doc, 'keywords', reader), reader) ?? {};

  const landing = url ?? webUrlOf(givenId);
  put('url', landing);
  // urlOriginal keeps a landing page as the source wrote it when it differs from `url` (URL normalization
  // is a later step; until then they only differ when the given url was unusable).
  const urlText = textOf(givenUrl, 4096);
  if (urlText !== landing) put('urlOriginal', urlText);
  const unusableId = rawText(givenId);
  put(
    'identifiers',
    identifiers(
      doc,
      reader,
      unusableId !== undefined && uriOf(givenId) === undefined
        ? [unusableId]
        : id.includes('doi.org/10.')
          ? [id]
          : [],
    ),
  );
  if (inLanguage.length > 0) {
    put('inLanguage', inLanguage);
    put('inLanguageOrigin', 'declared');
  }
  put('license', license(term(doc, 'license', reader), reader, options.normalizeLicense));

  // Subjects: concepts go to `about`; subjects given as plain words are keywords in all but name.
  const about: ConceptValue[] = [];
  for (const [index, entry] of listOf(term(doc, 'about', reader), 1000).entries()) {
    const found = concept(entry, reader);
    if (found !== undefined) {
      addConcepts(about, [found], 500);
      continue;
    }
    const word = textOf(entry, 1000);
    if (word !== undefined) {
      const list = keywords[reader.lang] ?? [];
      if (!list.includes(word) && list.length < 200) keywords[reader.lang] = [...list, word];
    } else {
      note(reader, `/about/${index}`, 'Not a subject concept or word; left out.');
    }
  }
  const aligned = alignments(term(doc, 'educationalAlignment', reader), reader);
  addConcepts(about, aligned.about, 500);
  const levels = concepts(term(doc, 'educationalLevel', reader), reader, '/educationalLevel', 100);
  addConcepts(levels, aligned.educationalLevel, 100);
  const teaches = concepts(term(doc, 'teaches', reader), reader, '/teaches', 500);
  addConcepts(teaches, aligned.teaches, 500);
  const audiences = audience(term(doc, 'audience', reader), reader);
  // LRMI 1.1 put educationalRole on the resource itself.
  const role = listOf(term(doc, 'educationalRole', reader), 5)
    .map(audienceRole)
    .filter((c) => c !== undefined);
  addConcepts(audiences, role, 100);

  if (Object.keys(keywords).length > 0) put('keywords', keywords);
  put('about', about);
  put('educationalLevel', levels);
  put(
    'learningResourceType',
    concepts(term(doc, 'learningResourceType', reader), reader, '/learningResourceType', 100),
  );
  put('audience', audiences);
  put('teaches', teaches);
  put('assesses', concepts(term(doc, 'assesses', reader), reader, '/assesses', 500));
  put(
    'competencyRequired',
    concepts(term(doc, 'competencyRequired', reader), reader, '/competencyRequired', 500),
  );
  put('interactivityType', interactivityType(term(doc, 'interactivityType', reader), reader));

  put('creator', agents(term(doc, 'creator', reader) ?? term(doc, 'author', reader), reader, 'creator', 500));
  put('contributor', agents(term(doc, 'contributor', reader), reader, 'contributor', 500));
  put('publisher', agents(term(doc, 'publisher', reader), reader, 'publisher', 100));
  put('funder', agents(term(doc, 'funder', reader), reader, 'funder', 100));

  put('dateCreated', textOf(term(doc, 'dateCreated', reader), 64));
  put('datePublished', textOf(term(doc, 'datePublished', reader), 64));
  put('dateModified', textOf(term(doc, 'dateModified', reader), 64));
  const duration = textOf(term(doc, 'duration', reader), 64);
  if (
    duration !== undefined &&
    /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(duration)
  ) {
    put('duration', duration);
  } else if (duration !== undefined) {
    note(reader, '/duration', 'Not an ISO 8601 duration such as "PT47M58S"; left out.');
  }
  const image = listOf(term(doc, 'image', reader), 1)[0];
  put(
    'image',
    isObject(image)
      ? (webUrlOf(term(image, 'contentUrl', reader)) ??
          webUrlOf(term(image, 'url', reader)) ??
          webUrlOf(term(image, 'id', reader)))
      : webUrlOf(image),
  );

  put(
    'encoding',
    listOf(term(doc, 'encoding', reader), 200)
      .map((m) => media(m, reader))
      .filter((m) => m !== undefined)
      .slice(0, 100),
  );
  put('trailer', trailer(term(doc, 'trailer', reader), reader));
  put('caption', captions(term(doc, 'caption', reader), reader));
  const basedOn = links(term(doc, 'isBasedOn', reader), reader, '/isBasedOn', 100);
  // LRMI's older isBasedOnUrl.
  for (const extra of links(term(doc, 'isBasedOnUrl', reader), reader, '/isBasedOnUrl', 100)) {
    if (basedOn.length < 100 && !basedOn.some((b) => b.id !== undefined && b.id === extra.id))
      basedOn.push(extra);
  }
  put('isBasedOn', basedOn);
  put('translationOfWork', links(term(doc, 'translationOfWork', reader), reader, '/translationOfWork', 1)[0]);
  put('workTranslation', links(term(doc, 'workTranslation', reader), reader, '/workTranslation', 200));
  put('isPartOf', links(term(doc, 'isPartOf', reader), reader, '/isPartOf', 100));
  put('hasPart', links(term(doc, 'hasPart', reader), reader, '/hasPart', 1000));
  put('isAccessibleForFree', booleanOf(term(doc, 'isAccessibleForFree', reader)));
  put('requiresLogin', requiresLogin(term(doc, 'conditionsOfAccess', reader), reader));

  put('accessMode', terms(term(doc, 'accessMode', reader)));
  put('accessModeSufficient', accessModeSufficient(term(doc, 'accessModeSufficient', reader), reader));
  put('accessibilityFeature', terms(term(doc, 'accessibilityFeature', reader)));
  put('accessibilityHazard', terms(term(doc, 'accessibilityHazard', reader)));
  put('accessibilityControl', terms(term(doc, 'accessibilityControl', reader)));
  put('accessibilityAPI', terms(term(doc, 'accessibilityAPI', reader)));
  put('accessibilitySummary', langMap(term(doc, 'accessibilitySummary', reader), reader, 100_000, false));

  // mainEntityOfPage describes the metadata page, not the resource. Its dates can stand in for a datestamp
  // the harvester did not get; its provider is a platform we cannot match to our source ids, so it is left.
  const page = listOf(term(doc, 'mainEntityOfPage', reader), 1)[0];
  const pageDate = isObject(page)
    ? (textOf(term(page, 'dateModified', reader), 64) ?? textOf(term(page, 'dateCreated', reader), 64))
    : undefined;
  const datestamp = provenance.sourceDatestamp ?? pageDate;
  put('provenance', [
    {
      sourceId: provenance.sourceId,
      sourceRecordId: provenance.sourceRecordId,
      harvestedAt: provenance.harvestedAt,
      ...(datestamp !== undefined ? { sourceDatestamp: datestamp } : {}),
      // The profile fields this source supplied: everything mapped here.
      fields: Object.keys(draft).sort(),
    },
  ]);

  const checked = validateRecord(draft);
  if (!checked.valid) {
    const first = checked.problems[0];
    throw new AtlasError(
      'invalid_record',
      `The mapped record does not fit the profile${first === undefined ? '' : ` at ${first.path || '/'}: ${first.message}`}`,
      { details: { problems: checked.problems } },
    );
  }
  return { record: checked.record, notes };
}
