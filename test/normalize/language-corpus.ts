// Test helper: labeled texts for the language detector, read from the shared corpus at test time (so no
// corpus text is copied into git). Every description or abstract of >= 20 words in the OAI-PMH, LOM and
// JSON-LD files is paired with the language its record declares (or its own xml:lang / LOM language
// attribute), normalized with normalizeLanguage; language-detect-corpus.tsv corrects the pairs whose text is
// not in the declared language (English abstracts of Portuguese theses...) or excludes them, keyed by a hash
// of the text. Reads files; test and benchmark use only.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeLanguage } from '../../src/normalize/language.js';
import { readLabelTable } from '../support/labels.js';
import { SHARED_DIR } from '../support/shared-dir.js';

export interface LabeledText {
  /** Where the text comes from: corpus file, or "own" for the texts written for the test. */
  readonly source: string;
  readonly expected: string;
  readonly text: string;
  /** How the label was obtained. */
  readonly label: 'declared' | 'attribute' | 'corrected' | 'own';
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Decodes character references (twice: some records escape their HTML twice). */
function decode(text: string): string {
  let out = text;
  for (let i = 0; i < 2; i++) {
    out = out.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
      if (ref.startsWith('#x') || ref.startsWith('#X'))
        return String.fromCodePoint(parseInt(ref.slice(2), 16));
      if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
      return ENTITIES[ref.toLowerCase()] ?? whole;
    });
  }
  return out;
}

/** Plain text of an XML/HTML fragment. */
export function plain(fragment: string): string {
  return decode(fragment.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1'))
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Number of words, by Unicode word segmentation (so Chinese and Thai count too). */
export function wordCount(text: string): number {
  let n = 0;
  for (const s of segmenter.segment(text)) if (s.isWordLike === true) n++;
  return n;
}

/** The key a text is corrected by in language-detect-corpus.tsv. */
export function textKey(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.name.endsWith('.xml')) yield full;
  }
}

const RECORD = /<(?:[\w-]+:)?record[\s>][\s\S]*?<\/(?:[\w-]+:)?record>/g;
const DECLARED = /<(?:dc:|dcterms:)?language(?:\s[^>]*)?>\s*([^<]{1,60}?)\s*</g;
const DESCRIPTION = /<(dc:description|dcterms:abstract|description|abstract)(\s[^>]*)?>([\s\S]*?)<\/\1>/g;
const LANG_STRING =
  /<(?:[\w-]+:)?(?:string|langstring)\s[^>]*?(?:xml:)?lang(?:uage)?="([^"]+)"[^>]*>([\s\S]*?)<\//g;
const XML_LANG = /\bxml:lang="([^"]+)"/;

function primary(raw: string): string | undefined {
  const value = normalizeLanguage(raw).value;
  if (value === null || value === 'und' || value === 'mul' || value === 'zxx') return undefined;
  return value.split('-')[0];
}

/** Every (language, text) pair of >= 20 words in the corpus, before corrections. */
function extract(corpus: string): LabeledText[] {
  const out: LabeledText[] = [];
  for (const dir of ['oai-pmh', 'lom', 'jsonld']) {
    for (const file of files(path.join(corpus, dir))) {
      const source = path.relative(corpus, file);
      const xml = readFileSync(file, 'utf8');
      const records = xml.match(RECORD) ?? [xml];
      for (const record of records) {
        const declared = new Set<string>();
        for (const m of record.matchAll(DECLARED)) {
          const language = m[1] === undefined ? undefined : primary(m[1]);
          if (language !== undefined) declared.add(language);
        }
        for (const d of record.matchAll(DESCRIPTION)) {
          const attributes = d[2] ?? '';
          const body = d[3] ?? '';
          const tagged = [...body.matchAll(LANG_STRING)];
          if (tagged.length > 0) {
            for (const t of tagged) {
              const language = t[1] === undefined ? undefined : primary(t[1]);
              const text = plain(t[2] ?? '');
              if (language !== undefined && wordCount(text) >= 20) {
                out.push({ source, expected: language, text, label: 'attribute' });
              }
            }
            continue;
          }
          const text = plain(body);
          if (wordCount(text) < 20) continue;
          const own = XML_LANG.exec(attributes)?.[1];
          const ownLanguage = own === undefined ? undefined : primary(own);
          if (ownLanguage !== undefined)
            out.push({ source, expected: ownLanguage, text, label: 'attribute' });
          else {
            const [language, ...more] = declared;
            if (language !== undefined && more.length === 0) {
              out.push({ source, expected: language, text, label: 'declared' });
            }
          }
        }
      }
    }
  }
  return out;
}

/** Corrections: text key -> the language the text is really in, or "-" to leave it out. */
function corrections(): Map<string, string> {
  const table = readLabelTable(new URL('./language-detect-corpus.tsv', import.meta.url), {
    columns: ['key', 'language', 'note'],
    optional: ['note'],
  });
  return new Map(table.rows.map((row) => [row.get('key'), row.get('language')]));
}

/** The corpus texts with their corrected labels, each text once. */
export function corpusTexts(corpus = path.join(SHARED_DIR, 'corpus')): LabeledText[] {
  const fixes = corrections();
  const seen = new Set<string>();
  const out: LabeledText[] = [];
  for (const item of extract(corpus)) {
    const key = textKey(item.text);
    if (seen.has(key)) continue;
    seen.add(key);
    const fix = fixes.get(key);
    if (fix === '-') continue;
    out.push(fix === undefined ? item : { ...item, expected: fix, label: 'corrected' });
  }
  return out;
}

/** The texts written for this test in languages the corpus lacks (language-detect.tsv). */
export function ownTexts(): LabeledText[] {
  const table = readLabelTable(new URL('./language-detect.tsv', import.meta.url), {
    columns: ['expected', 'text'],
  });
  return table.rows.map((row) => ({
    source: 'own',
    expected: row.get('expected'),
    text: row.get('text'),
    label: 'own',
  }));
}
