// Subject codes and scheme URIs to ISCED-F 2013 fields through the tables of data-bundled/vocab/subject-schemes.json:
// UNESCO Thesaurus and ISCED-F / ESC URIs, the Destatis Hochschulfächersystematik, OpenEduHub disciplines,
// arXiv categories ("cs.LG", "astro-ph.SR", "Computer Science - Learning"), Dewey and UDC class numbers
// ("ddc:510", "УДК 004.8"), Terminologia Anatomica codes (anatomy: medicine) and OER Commons subject slugs
// ("health-medicine-and-nursing"). No I/O of its own
// (the tables load once through src/vocab).
import {
  iscedField,
  subjectSchemes,
  unescoField,
  unescoLocalId,
  type SubjectSchemesFile,
} from '../vocab/index.js';

/** What a code or scheme URI amounts to. `field` null: a known scheme value that names no field. */
export interface SchemeHit {
  readonly field: string | null;
  /** "destatis", "oeh", "arxiv", "ddc", "udc", "ta98", "oer-commons", "isced-f", "unesco". */
  readonly rule: string;
  /** The UNESCO concept (local id) when the value is one. */
  readonly unesco?: string;
  readonly weak?: boolean;
}

const MINTED = /^urn:oer-atlas:vocab:([^:]+(?::[^:]+)?):(.+)$/;
const DESTATIS = /\/hochschulfaechersystematik\/n(\d{1,4})$/;
const ISCED_F_URI = /^https?:\/\/w3id\.org\/(?:kim\/isced-2013|class\/esc)\/n(\d{2,4})(?:-[a-z]+)?\/?$/;
const OEH_URI = /^https?:\/\/w3id\.org\/openeduhub\/vocabs\/discipline\/([A-Za-z0-9_]+?)(?:\.html)?$/;
const ARXIV_CATEGORY = /^(?:arxiv:)?([a-z]+(?:-[a-z]+)?)(?:\.([A-Za-z]+(?:-[a-z]+)?))?$/;
const DDC_TEXT = /^(?:ddc|dewey|cdd)\s*[:/]?\s*(\d{3}(?:\.\d+)?)\b/i;
const DDC_URI = /(?:classification\/ddc\/|dewey\.info\/class\/)(\d{3}(?:\.\d+)?)/i;
const UDC_TEXT = /^(?:udc|udk|удк|cdu|мкд|укд)\s*[:.]?\s*(\d{1,3}(?:\.\d+)*)/iu;
const CODE_DDC = /^\d{3}(?:\.\d+)?$/;
const CODE_UDC = /^\d{1,3}(?:\.\d+)*$/;
const SLUG = /^[a-z]+(?:-[a-z]+)+$/;
const DIGIT = /\d/;
// Terminologia Anatomica (TA98) codes, as AnatomyTool classifies: "A05.6.02.001 Duodenum".
const TA98 = /^A\d{2}\.\d\.\d{2}\.\d{3}\b/;

function schemes(): SubjectSchemesFile {
  return subjectSchemes();
}

/** Longest listed prefix of a class number (digits only) in a Dewey or UDC table. */
function byPrefix(table: Readonly<Record<string, string | null>>, number: string): string | null | undefined {
  const digits = number.replace(/\D+/g, '');
  for (let len = Math.min(digits.length, 6); len >= 1; len -= 1) {
    const hit = table[digits.slice(0, len)];
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function knownField(code: string | null | undefined): string | null | undefined {
  if (code === null || code === undefined) return code;
  return iscedField(code) === undefined ? undefined : code;
}

export function destatisField(code: string): string | null | undefined {
  const t = schemes().destatis;
  // "n0128" is written with a stray leading zero: Studienfach 128.
  const c = code.length === 4 && code.startsWith('0') ? code.slice(1) : code;
  if (c.length === 3) return t.studienfach[c];
  if (c.length === 2) return t.studienbereich[c];
  if (c.length === 1) return t.faechergruppe[c];
  return undefined;
}

export function arxivField(category: string): string | undefined {
  const m = ARXIV_CATEGORY.exec(category.trim());
  if (m === null) return undefined;
  const [, archive, sub] = m;
  if (archive === undefined) return undefined;
  const table = schemes().arxiv;
  if (sub !== undefined) return table[`${archive}.${sub}`] ?? table[archive];
  return table[archive];
}

/** "Computer Science - Learning", "High Energy Physics - Theory": arXiv's subject names in oai_dc. */
function arxivNamedField(text: string): string | undefined {
  const names = schemes().arxivNames;
  const lower = text.toLowerCase();
  let best: string | undefined;
  for (const name of Object.keys(names)) {
    if (
      (lower === name || lower.startsWith(`${name} - `)) &&
      (best === undefined || name.length > best.length)
    ) {
      best = name;
    }
  }
  // A bare archive name ("Physics") is an ordinary word, not arXiv's subject.
  if (best === undefined || (lower === best && !best.includes(' - '))) return undefined;
  const archive = names[best];
  return archive === undefined ? undefined : schemes().arxiv[archive];
}

function hit(field: string | null | undefined, rule: string): SchemeHit | null {
  const known = knownField(field);
  return known === undefined ? null : { field: known, rule };
}

/** A scheme named by a scheme URI or name ("DDC", "https://w3id.org/kim/hochschulfaechersystematik/scheme"). */
function schemeKind(scheme: string): string | null {
  const s = scheme.toLowerCase();
  if (s.includes('hochschulfaechersystematik') || s.includes('destatis')) return 'destatis';
  if (s.includes('openeduhub') && s.includes('discipline')) return 'oeh';
  if (s.includes('arxiv')) return 'arxiv';
  if (/\b(?:ddc|dewey)\b/.test(s)) return 'ddc';
  if (/\b(?:udc|udk|cdu)\b|удк/.test(s)) return 'udc';
  if (s.includes('oercommons') || s.includes('oer commons')) return 'oer-commons';
  if (s.includes('isced-2013') || s.includes('isced-f') || s.includes('class/esc')) return 'isced-f';
  return null;
}

function byKind(kind: string, value: string): SchemeHit | null {
  const v = value.trim();
  switch (kind) {
    case 'destatis': {
      const code = /^n?(\d{1,4})$/.exec(v)?.[1] ?? DESTATIS.exec(v)?.[1];
      return code === undefined ? null : hit(destatisField(code), 'destatis');
    }
    case 'oeh': {
      const id = OEH_URI.exec(v)?.[1] ?? v;
      return hit(schemes().oeh.codes[id], 'oeh');
    }
    case 'arxiv':
      return hit(arxivField(v), 'arxiv');
    case 'ddc':
      return CODE_DDC.test(v) ? hit(byPrefix(schemes().ddc, v), 'ddc') : null;
    case 'udc':
      return CODE_UDC.test(v) ? hit(byPrefix(schemes().udc, v), 'udc') : null;
    case 'oer-commons':
      return hit(schemes().oerCommons[v.toLowerCase()], 'oer-commons');
    case 'isced-f':
      return /^\d{2,4}$/.test(v) ? hit(v, 'isced-f') : null;
    default:
      return null;
  }
}

/**
 * The field of a subject given by id (a URI or a code) within an optional scheme, or null when the id is
 * not one our tables know. Minted ids of the mappers (`urn:oer-atlas:vocab:taxon:ddc:510`) are read too.
 */
export function schemeIdField(id: string, scheme?: string): SchemeHit | null {
  const text = id.trim();
  const unesco = unescoLocalId(text);
  if (unesco !== null) {
    const f = unescoField(unesco);
    return { field: f?.field ?? null, rule: 'unesco', unesco, ...(f?.weak === true ? { weak: true } : {}) };
  }
  const isced = ISCED_F_URI.exec(text)?.[1];
  if (isced !== undefined) return hit(isced, 'isced-f');
  const destatis = DESTATIS.exec(text)?.[1];
  if (destatis !== undefined) return hit(destatisField(destatis), 'destatis');
  const oeh = OEH_URI.exec(text)?.[1];
  if (oeh !== undefined) return hit(schemes().oeh.codes[oeh], 'oeh');
  const ddc = DDC_URI.exec(text)?.[1];
  if (ddc !== undefined) return hit(byPrefix(schemes().ddc, ddc), 'ddc');
  const minted = MINTED.exec(text);
  if (minted?.[1] !== undefined && minted[2] !== undefined) {
    let value = minted[2];
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw value
    }
    const property = decodeURIComponent(minted[1]);
    const kind = schemeKind(property);
    if (kind !== null) return byKind(kind, value);
    return schemeText(value);
  }
  if (scheme !== undefined) {
    const kind = schemeKind(scheme);
    if (kind !== null) return byKind(kind, text);
  }
  return null;
}

/**
 * A code written as text: arXiv categories and subject names, Dewey and UDC numbers with their prefix,
 * OER Commons slugs. Null when the text is not such a code (then it is matched as words).
 */
/**
 * Several arXiv categories in one text, as arXiv's own format lists them ("cs.IT math.IT"), or a set spec
 * ("physics:astro-ph"): the hit of each, or null when the text is not such a list.
 */
export function arxivList(text: string): SchemeHit[] | null {
  const parts = text.trim().split(/[\s:]+/);
  if (parts.length < 2 || parts.length > 12) return null;
  const hits: SchemeHit[] = [];
  for (const part of parts) {
    const field = arxivField(part);
    if (field === undefined) return null;
    const h = hit(field, 'arxiv');
    if (h !== null) hits.push(h);
  }
  return hits;
}

export function schemeText(text: string): SchemeHit | null {
  const v = text.trim();
  if (v === '' || v.length > 200) return null;
  if (DIGIT.test(v)) {
    const ddc = DDC_TEXT.exec(v)?.[1] ?? DDC_URI.exec(v)?.[1];
    if (ddc !== undefined) return hit(byPrefix(schemes().ddc, ddc), 'ddc');
    if (TA98.test(v)) return hit('0912', 'ta98');
    const udc = UDC_TEXT.exec(v)?.[1];
    if (udc !== undefined) return hit(byPrefix(schemes().udc, udc), 'udc');
  }
  const spaced = v.includes(' ');
  if (!spaced && (v.includes('.') || v.includes('-'))) {
    // "cs.LG", "astro-ph.SR", "hep-th": only forms that cannot be ordinary words.
    const m = ARXIV_CATEGORY.exec(v);
    if (m !== null && (m[2] !== undefined || m[1]?.includes('-') === true)) {
      const field = arxivField(v);
      if (field !== undefined) return hit(field, 'arxiv');
    }
    if (SLUG.test(v)) {
      const slug = schemes().oerCommons[v];
      if (slug !== undefined) return hit(slug, 'oer-commons');
    }
  }
  if (spaced && v.includes(' - ')) {
    const named = arxivNamedField(v);
    if (named !== undefined) return hit(named, 'arxiv');
  }
  return null;
}
