// Subject normalization: what a record's keywords and subject concepts amount to as ISCED-F 2013 fields
// and UNESCO Thesaurus concepts.
// - Subject ids and codes of known schemes (UNESCO, ISCED-F/ESC, Destatis Hochschulfächersystematik,
//   OpenEduHub, arXiv, Dewey, UDC, OER Commons) map through tables (subject-schemes.ts) and weigh most.
// - Free text (keywords, subject labels) is matched against the multilingual label index (src/vocab): the
//   longest UNESCO label or field name at each position; a UNESCO concept brings the ISCED-F field mapped
//   to it at build time (data-bundled/vocab/unesco-isced-f.json).
// - Every keyword votes at most once per field, in proportion to how much of it the labels cover; a label
//   that misses the head word of a phrase ("*Population* biology") counts less. Fields of generic concepts
//   ("Education", "Students", "Science") are weak: they count only when a keyword is exactly their label,
//   and are the record's fields only when no strong field is found, so they never take over a record.
// - fields: the best-scoring fields (at most three, each at least 2/3 of the best score), the most specific
//   that is justified: an ancestor is dropped when one of its descendants is found, and lends it its score.
// - concepts: at most five UNESCO concepts; a concept with a weak field or none is kept only when a keyword
//   is exactly its label (so "Education" appears for a keyword "Education", not for "Chemistry education
//   in schools").
// Pure apart from the one-time loading of the vocabularies; identical keywords are cached (bounded).
import {
  UNESCO_SCHEME,
  findConceptsInTokens,
  isStopToken,
  matchTokens,
  unescoConcept,
  unescoField,
  unescoUri,
} from '../vocab/index.js';
import { arxivList, schemeIdField, schemeText, type SchemeHit } from './subject-schemes.js';

export interface SubjectInput {
  readonly keywords?: readonly string[];
  readonly subjects?: readonly { readonly id?: string; readonly label?: string; readonly scheme?: string }[];
  readonly language?: string;
}

export interface SubjectResult {
  readonly fields: readonly string[];
  readonly concepts: readonly {
    id: string;
    notation?: string;
    inScheme: string;
    prefLabel?: Record<string, string>;
  }[];
  readonly rules: readonly { readonly input: string; readonly output: string; readonly rule: string }[];
}

/** One thing a text said: a field vote and/or a UNESCO concept. */
interface Hit {
  readonly field: string | null;
  readonly weak: boolean;
  /** 0..1: how much of the text the label covered (codes: 1). */
  readonly weight: number;
  readonly concept?: string;
  /** The label is the whole text (or a whole list item). */
  readonly exact: boolean;
  readonly output: string;
  readonly rule: string;
}

const WEIGHT_ID = 3;
const WEIGHT_LABEL = 1.5;
const WEIGHT_KEYWORD = 1;
const OTHER_LANGUAGE = 0.8;
const COVERAGE_FLOOR = 0.3;
const NOT_HEAD = 0.45;
const MAX_FIELDS = 3;
/** A field is kept when its score is at least this share of the best field's. */
const FIELD_SHARE = 0.67;
const MAX_CONCEPTS = 5;
const MAX_RULES = 40;
/**
 * Texts whose hits are kept. Keywords of a multilingual catalog keep coming: with 20,000 the live heap
 * after harvesting 20,000 benchmark records was 83 MB, with 4,096 66 MB, for about 6 % more time in parsing
 * and mapping.
 */
const CACHE_LIMIT = 4_096;
// List items: ";", ",", "|", LCSH subdivisions ("Roads--Design") and the " : " of Brazilian catalogues.
const LIST_SEPARATOR = /\s*(?:[;,|\n]|--| : )\s*/;
const TRAILING_PARENTHESIS = /\s*\([^()]*\)\s*$/;
const THESAURUS_LANGS = new Set(['en', 'fr', 'es', 'ru', 'ar']);
// Lists of arXiv categories or set specs: lower-case archive names with a dot, hyphen or colon.
const ARXIV_LIKE = /^[a-z]+(?:-[a-z]+)?(?:[.:][A-Za-z-]+)?(?:\s+[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z-]+)?)*$/;

/** Hits of texts already seen, per language ("" when unknown); cleared when it grows too large. */
const cache = new Map<string, Map<string, readonly Hit[]>>();
let cached = 0;
const NO_HITS: readonly Hit[] = Object.freeze([]);

function schemeHit(h: SchemeHit): Hit[] {
  if (h.unesco !== undefined) {
    return [
      {
        field: h.field,
        weak: h.weak === true,
        weight: 1,
        concept: h.unesco,
        exact: true,
        output: unescoUri(h.unesco),
        rule: h.rule,
      },
    ];
  }
  return [
    { field: h.field, weak: false, weight: 1, exact: true, output: h.field ?? '', rule: `scheme:${h.rule}` },
  ];
}

/** Languages whose noun phrases put the head first ("biologia populacional"); others put it last. */
const HEAD_FIRST = new Set(['fr', 'es', 'pt', 'it', 'ca', 'ro', 'ar']);

// Words formed with the suffixes of clinical medicine (inflammations, surgical procedures, endoscopies of
// organs, lithiases, -pathies), in the folded forms of English, French, Spanish, Portuguese, German and Russian:
// medicine (0912) when no label covers them ("gingivitis", "cholecystectomy", "endoscopia", "холецистолитиаз").
const MEDICAL_WORD =
  /^[a-z]{4,}(?:itis|ectomy|ectomie|ectomia|otomy|otomie|otomia|ostomy|ostomie|ostomia|plasty|plastie|plastia|iasis|iase|opathy|opathie|opatia|opathia)$|^(?:endo|colono|gastro|broncho|laparo|arthro|cysto|laryngo|hystero)(?:scopy|scopie|scopia|skopie)$|^[а-я]{4,}(?:эктоми|томи|пласти|иаз|опати)$/;

const CONJUNCTIONS = new Set(['and', 'und', 'et', 'y', 'e', 'en', 'i', 'и', 'و', 've']);
const PREPOSITIONS = new Set([
  'of',
  'for',
  'in',
  'de',
  'da',
  'do',
  'das',
  'dos',
  'des',
  'du',
  'del',
  'della',
  'di',
  'von',
  'vom',
  'der',
  'для',
  'по',
]);

/**
 * The head word of a phrase, whose label says what the phrase is about ("Population *biology*", "*History*
 * of mathematics", "*Didática* do ensino"): before the first preposition, the last word (the first in
 * head-first languages). Null when there is none to tell (a coordination: "Physical sciences and mathematics").
 */
function headToken(
  tokens: readonly string[],
  content: readonly number[],
  base: string | undefined,
): number | null {
  if (content.length < 2 || tokens.some((t) => CONJUNCTIONS.has(t))) return null;
  const preposition = tokens.findIndex((t) => PREPOSITIONS.has(t));
  const before = preposition > 0 ? content.filter((k) => k < preposition) : content;
  const phrase = before.length > 0 ? before : content;
  return (base !== undefined && HEAD_FIRST.has(base) ? phrase[0] : phrase[phrase.length - 1]) ?? null;
}

/** The hits of one list item of free text. */
function itemHits(item: string, lang: string | undefined, out: Hit[]): void {
  const code = schemeText(item);
  if (code !== null) {
    out.push(...schemeHit(code));
    return;
  }
  const categories = ARXIV_LIKE.test(item) ? arxivList(item) : null;
  if (categories !== null) {
    for (const c of categories) out.push(...schemeHit(c));
    return;
  }
  const reduced: boolean[] = [];
  const tokens = matchTokens(item.replace(TRAILING_PARENTHESIS, '') || item, reduced);
  const content: number[] = [];
  tokens.forEach((t, k) => {
    if (!isStopToken(t)) content.push(k);
  });
  if (content.length === 0) return;
  const base = lang?.toLowerCase().split(/[-_]/)[0];
  const known = base !== undefined && THESAURUS_LANGS.has(base);
  const matches = findConceptsInTokens(tokens, base, reduced).filter((m) => {
    // A one-word label of another language is a false friend too often ("mode", "formation", "son"):
    // only kept when the record's language is unknown and the word is long enough to be distinctive.
    if (m.end - m.start > 1 || m.langs.includes('mul')) return true;
    if (known) return m.langs.includes(base);
    return (tokens[m.start]?.length ?? 0) >= 5 || m.langs.includes('en');
  });
  // How much of the item the labels explain, counted once over all matches.
  const covered = new Set<number>();
  for (const m of matches) for (const k of content) if (k >= m.start && k < m.end) covered.add(k);
  const coverage = COVERAGE_FLOOR + ((1 - COVERAGE_FLOOR) * covered.size) / content.length;
  const head = headToken(tokens, content, base);
  for (const k of content) {
    const token = tokens[k] ?? '';
    if (!covered.has(k) && MEDICAL_WORD.test(token)) {
      const weight = coverage * (head === null || head === k ? 1 : NOT_HEAD) * 0.8;
      out.push({
        field: '0912',
        weak: false,
        weight,
        exact: content.length === 1,
        output: '0912',
        rule: 'medical-term',
      });
    }
  }
  // Where a field name and a UNESCO label cover the same words, the field name says the field.
  const namedSpans = new Set(matches.filter((m) => m.scheme === 'isced-f').map((m) => `${m.start}:${m.end}`));
  for (const m of matches) {
    const inLanguage = !known || m.langs.includes('mul') || m.langs.includes(base);
    const isHead = head === null || (head >= m.start && head < m.end);
    const weight = coverage * (inLanguage ? 1 : OTHER_LANGUAGE) * (isHead ? 1 : NOT_HEAD);
    const exact = content.every((k) => k >= m.start && k < m.end);
    if (m.scheme === 'unesco') {
      const f = namedSpans.has(`${m.start}:${m.end}`) ? undefined : unescoField(m.id);
      out.push({
        field: f?.field ?? null,
        weak: f?.weak ?? true,
        weight,
        concept: m.id,
        exact,
        output: unescoUri(m.id),
        rule: `label:unesco:${m.langs.join('+')}`,
      });
    } else {
      out.push({ field: m.id, weak: m.weak, weight, exact, output: m.id, rule: 'label:isced-f' });
    }
  }
}

/** The hits of a free text (a keyword or a subject label), cached. */
function textHits(text: string, lang: string | undefined): readonly Hit[] {
  const hit = cache.get(lang ?? '')?.get(text);
  if (hit !== undefined) return hit;
  const out: Hit[] = [];
  const items = text.split(LIST_SEPARATOR).filter((s) => s !== '');
  for (const item of items.length > 0 ? items : [text]) itemHits(item, lang, out);
  if (cached >= CACHE_LIMIT) {
    cache.clear();
    cached = 0;
  }
  let byText = cache.get(lang ?? '');
  if (byText === undefined) cache.set(lang ?? '', (byText = new Map<string, readonly Hit[]>()));
  // Kept at their length (an array grown by push reserves room for more), most of them empty.
  const kept = out.length === 0 ? NO_HITS : out.slice();
  byText.set(text, kept);
  cached += 1;
  return kept;
}

interface FieldScore {
  strong: number;
  weak: number;
}

function isAncestor(a: string, b: string): boolean {
  return a.length < b.length && b.startsWith(a);
}

function chooseFields(scores: ReadonlyMap<string, FieldScore>): string[] {
  let anyStrong = false;
  for (const s of scores.values()) if (s.strong > 0) anyStrong = true;
  const codes: string[] = [];
  const values: number[] = [];
  for (const [field, s] of scores) {
    const v = anyStrong ? s.strong : s.weak;
    if (v > 0) {
      codes.push(field);
      values.push(v);
    }
  }
  // The most specific justified field: an ancestor gives way to its descendants and lends them its score.
  const dropped = codes.map(() => false);
  for (let a = 0; a < codes.length; a += 1) {
    const field = codes[a] ?? '';
    for (let b = 0; b < codes.length; b += 1) {
      if (!isAncestor(field, codes[b] ?? '')) continue;
      values[b] = (values[b] ?? 0) + (values[a] ?? 0);
      dropped[a] = true;
    }
  }
  let best = 0;
  for (let k = 0; k < codes.length; k += 1) if (dropped[k] !== true) best = Math.max(best, values[k] ?? 0);
  const kept: { field: string; score: number }[] = [];
  for (let k = 0; k < codes.length; k += 1) {
    const score = values[k] ?? 0;
    if (dropped[k] !== true && score >= best * FIELD_SHARE) kept.push({ field: codes[k] ?? '', score });
  }
  kept.sort((x, y) => y.score - x.score || (x.field < y.field ? -1 : 1));
  return kept
    .slice(0, MAX_FIELDS)
    .map((k) => k.field)
    .sort();
}

interface ConceptScore {
  score: number;
  exact: boolean;
  strong: boolean;
}

/** The fields and UNESCO concepts a record's keywords and subjects amount to, with the rules that decided. */
export function normalizeSubjects(input: SubjectInput): SubjectResult {
  const lang = input.language === undefined || input.language === 'und' ? undefined : input.language;
  const fieldScores = new Map<string, FieldScore>();
  const conceptScores = new Map<string, ConceptScore>();
  const rules: { input: string; output: string; rule: string }[] = [];

  const take = (source: string, hits: readonly Hit[], weight: number): void => {
    // A field counts once per text: its strongest hit, strong over weak.
    const perField: { field: string; w: number; weak: boolean }[] = [];
    for (const h of hits) {
      if (rules.length < MAX_RULES && h.output !== '')
        rules.push({ input: source, output: h.output, rule: h.rule });
      // A weak field counts only when the text is exactly its label ("Education", not "… of education").
      if (h.field !== null && (!h.weak || h.exact)) {
        const w = h.weight * weight;
        const prev = perField.find((f) => f.field === h.field);
        if (prev === undefined) perField.push({ field: h.field, w, weak: h.weak });
        else if ((prev.weak && !h.weak) || (prev.weak === h.weak && w > prev.w)) {
          prev.w = w;
          prev.weak = h.weak;
        }
      }
      if (h.concept !== undefined) {
        const c = conceptScores.get(h.concept) ?? { score: 0, exact: false, strong: false };
        c.score += h.weight * weight;
        c.exact ||= h.exact;
        c.strong ||= h.field !== null ? !h.weak : unescoField(h.concept)?.weak === false;
        conceptScores.set(h.concept, c);
      }
    }
    for (const { field, w, weak } of perField) {
      const s = fieldScores.get(field) ?? { strong: 0, weak: 0 };
      if (weak) s.weak += w;
      else s.strong += w;
      fieldScores.set(field, s);
    }
  };

  for (const subject of input.subjects ?? []) {
    const id = subject.id?.trim();
    const byId = id === undefined || id === '' ? null : schemeIdField(id, subject.scheme);
    if (byId !== null && id !== undefined) {
      take(id, schemeHit(byId), WEIGHT_ID);
      continue;
    }
    const label = subject.label?.trim();
    if (label !== undefined && label !== '') take(label, textHits(label, lang), WEIGHT_LABEL);
  }
  for (const keyword of input.keywords ?? []) {
    const text = keyword.trim();
    if (text !== '') take(text, textHits(text, lang), WEIGHT_KEYWORD);
  }

  const fields = chooseFields(fieldScores);
  const concepts = [...conceptScores]
    .filter(([, c]) => c.strong || c.exact)
    .sort(([a, x], [b, y]) => Number(y.exact) - Number(x.exact) || y.score - x.score || (a < b ? -1 : 1))
    .slice(0, MAX_CONCEPTS)
    .flatMap(([id]) => {
      const concept = unescoConcept(id);
      if (concept === undefined) return [];
      return [{ id: unescoUri(id), inScheme: UNESCO_SCHEME, prefLabel: { ...concept.prefLabel } }];
    });
  if (fields.length > 0)
    rules.push({ input: 'fields', output: fields.join(' '), rule: 'fields:best-scores' });
  return { fields, concepts, rules };
}
