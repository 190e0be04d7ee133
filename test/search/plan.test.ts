// Tests of query planning: how words, phrases, OR groups and exclusions in en, fr, es, ar, zh, ru (and with no
// language) become match expressions; prefixes; the concepts a query names and the cross-language expansions
// they give (labels of the other languages and the concept token that documents carry); and bounds under
// huge, hostile and malformed queries. Expected terms come from the analyzer and labels from the
// vocabularies, never typed in by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEARCH_COLUMNS, type MatchExpr, type SearchColumn } from '../../src/ports/search-index.js';
import { analyze, exactTerms } from '../../src/search/analyzer.js';
import { languageProfile } from '../../src/search/analyzer-lang.js';
import { buildSearchDocument, conceptToken } from '../../src/search/document.js';
import {
  MAX_CONCEPTS,
  MAX_EXCLUDED_ITEMS,
  MAX_PHRASE_TERMS,
  MAX_PLAN_TERMS,
  MAX_PLANNED_ITEMS,
  planQuery,
  relaxPlan,
  STEMMED_LANGUAGES,
  type QueryPlan,
} from '../../src/search/plan.js';
import { parseQuery, type ParsedQuery, type QueryNode } from '../../src/search/query.js';
import { HCRT_CONCEPTS } from '../../src/vocab/hcrt.js';
import {
  glossaryTerms,
  iscedLevel,
  unescoConcept,
  unescoThesaurus,
  unescoUri,
} from '../../src/vocab/index.js';

const TEXT: readonly SearchColumn[] = ['title', 'subjects', 'description'];
const CLIMATE = 'concept4559'; // UNESCO Thesaurus: Climate change
const CHILDREN = 'concept4285'; // UNESCO Thesaurus: Children

function plan(q: string, lang: string | null, crossLanguage = true): QueryPlan {
  return planQuery(parseQuery(q), { lang, crossLanguage });
}

const terms = (text: string, lang: string, stem = true): string[] =>
  analyze(text, lang, { stem }).map((t) => t.term);

type Leaf = Extract<MatchExpr, { kind: 'term' | 'phrase' }>;

function leaves(e: MatchExpr | null): Leaf[] {
  if (e === null) return [];
  if (e.kind === 'term' || e.kind === 'phrase') return [e];
  return e.nodes.flatMap(leaves);
}

function countNodes(e: MatchExpr | null): number {
  if (e === null) return 0;
  if (e.kind === 'term' || e.kind === 'phrase') return 1;
  return 1 + e.nodes.reduce((n, x) => n + countNodes(x), 0);
}

/** A document as the terms of each column, in order. */
type Doc = Partial<Record<SearchColumn, readonly string[]>>;

/** Whether a document matches an expression, by the port's rules (terms or prefixes, phrases in order). */
function matches(e: MatchExpr | null, doc: Doc): boolean {
  if (e === null) return false;
  switch (e.kind) {
    case 'term':
      return e.columns.some((c) =>
        (doc[c] ?? []).some((t) => (e.prefix === true ? t.startsWith(e.term) : t === e.term)),
      );
    case 'phrase':
      return e.columns.some((c) => {
        const list = doc[c] ?? [];
        for (let i = 0; i + e.terms.length <= list.length; i += 1)
          if (e.terms.every((t, k) => list[i + k] === t)) return true;
        return false;
      });
    case 'and':
      return e.nodes.every((n) => matches(n, doc));
    case 'or':
      return e.nodes.some((n) => matches(n, doc));
  }
}

function termCount(e: MatchExpr | null): number {
  if (e === null) return 0;
  if (e.kind === 'term') return 1;
  if (e.kind === 'phrase') return e.terms.length;
  return e.nodes.reduce((n, x) => n + termCount(x), 0);
}

const sameColumns = (a: readonly SearchColumn[], b: readonly SearchColumn[]): boolean =>
  a.length === b.length && a.every((c) => b.includes(c));

/** A term leaf with these columns (and prefix flag when given). */
function hasTerm(
  e: MatchExpr | null,
  term: string,
  columns: readonly SearchColumn[],
  prefix?: boolean,
): boolean {
  return leaves(e).some(
    (l) =>
      l.kind === 'term' &&
      l.term === term &&
      sameColumns(l.columns, columns) &&
      (prefix === undefined || (l.prefix === true) === prefix),
  );
}

/** A term (one word) or phrase (several) leaf of exactly these terms. */
function hasSequence(e: MatchExpr | null, seq: readonly string[], columns: readonly SearchColumn[]): boolean {
  if (seq.length === 1) return hasTerm(e, seq[0] ?? '', columns, false);
  return leaves(e).some(
    (l) =>
      l.kind === 'phrase' &&
      sameColumns(l.columns, columns) &&
      l.terms.length === seq.length &&
      l.terms.every((t, i) => t === seq[i]),
  );
}

/** Structural rules of the port: non-empty terms without spaces, known columns, and/or of 2+ nodes. */
function assertValid(e: MatchExpr | null, allowConcepts: boolean): void {
  if (e === null) return;
  if (e.kind === 'and' || e.kind === 'or') {
    assert.ok(e.nodes.length >= 2, `${e.kind} of ${e.nodes.length}`);
    for (const n of e.nodes) assertValid(n, allowConcepts);
    return;
  }
  assert.ok(e.columns.length > 0);
  for (const c of e.columns) {
    assert.ok((SEARCH_COLUMNS as readonly string[]).includes(c));
    if (!allowConcepts) assert.notEqual(c, 'concepts');
  }
  const list = e.kind === 'term' ? [e.term] : e.terms;
  if (e.kind === 'phrase') assert.ok(e.terms.length >= 2 && e.terms.length <= MAX_PHRASE_TERMS);
  for (const t of list) assert.ok(t.length > 0 && !/\s/u.test(t), JSON.stringify(t));
}

function assertValidPlan(p: QueryPlan): void {
  assertValid(p.match, false);
  assertValid(p.exclude, false);
  for (const x of p.expansions) assertValid(x.expr, true);
  // Concepts of one place share the expansion named by the first of them.
  const keys = p.concepts.map((c) => c.key);
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(p.expansions.length <= p.concepts.length);
  for (const x of p.expansions) assert.ok(keys.includes(x.key), x.key);
  assert.equal(new Set(p.expansions.map((x) => x.key)).size, p.expansions.length);
  assert.ok(p.concepts.length <= MAX_CONCEPTS);
  if (p.match === null) assert.equal(p.expansions.length, 0);
}

void describe('planQuery: words', () => {
  void it('matches an English word stemmed, folded and exact', () => {
    const word = 'Universities';
    const p = plan(word, 'en');
    assertValidPlan(p);
    const [stem] = terms(word, 'en');
    const [folded] = terms(word, 'en', false);
    assert.ok(stem !== undefined && folded !== undefined && stem !== folded, 'the word has a stem');
    assert.ok(hasTerm(p.match, stem, TEXT, false), 'stem');
    assert.ok(hasTerm(p.match, folded, TEXT, false), 'folded');
    assert.ok(hasTerm(p.match, exactTerms(word)[0] ?? '', ['exact']), 'exact');
    // With a language that has a stemmer, other languages' stems stay out.
    const [fr] = terms(word, 'fr');
    assert.ok(fr !== undefined && fr !== stem && fr !== folded, 'French stems it otherwise');
    assert.ok(!hasTerm(p.match, fr, TEXT), 'no French stem');
    assert.ok(hasTerm(plan(word, null).match, fr, TEXT), 'the French stem without a language');
    assert.deepEqual(p.words, exactTerms(word));
  });

  void it('meets the stems of the languages of the script when no language is given', () => {
    const es = plan('matemáticas', null);
    assertValidPlan(es);
    for (const lang of ['es', 'pt', 'en', 'fr']) {
      assert.ok(hasSequence(es.match, terms('matemáticas', lang), TEXT), lang);
    }
    assert.ok(hasTerm(es.match, exactTerms('matemáticas')[0] ?? '', ['exact']));
    const ru = plan('учителей', null);
    assert.ok(hasSequence(ru.match, terms('учителей', 'ru'), TEXT));
    const ar = plan('المعلمين', null);
    assert.ok(hasSequence(ar.match, terms('المعلمين', 'ar'), TEXT));
    assert.notDeepEqual(terms('المعلمين', 'ar'), terms('المعلمين', 'und'));
  });

  void it('analyzes French and Arabic queries in their language', () => {
    const fr = plan("l'activité des élèves", 'fr');
    assertValidPlan(fr);
    assert.equal(fr.match?.kind, 'and');
    for (const t of terms("l'activité des élèves", 'fr')) assert.ok(hasTerm(fr.match, t, TEXT), t);
    const ar = plan('التعليم', 'ar');
    assert.ok(hasSequence(ar.match, terms('التعليم', 'ar'), TEXT));
    assert.ok(hasSequence(ar.match, terms('التعليم', 'ar', false), TEXT));
  });

  void it('gives prefixes to the last word, and to every word of a language without a stemmer', () => {
    const en = plan('green photosynth', 'en');
    assert.ok(hasTerm(en.match, 'photosynth', TEXT, true));
    assert.ok(!leaves(en.match).some((l) => l.kind === 'term' && l.term === 'green' && l.prefix === true));
    for (const short of ['art', 'ab', 'x']) {
      assert.ok(!leaves(plan(short, 'en').match).some((l) => l.kind === 'term' && l.prefix === true), short);
    }
    const sw = plan('elimu ya msingi', 'sw');
    assert.ok(hasTerm(sw.match, 'elimu', TEXT, true));
    assert.ok(hasTerm(sw.match, 'msingi', TEXT, true));
    assert.ok(!hasTerm(sw.match, 'ya', TEXT, true));
    const zh = plan('数', 'zh');
    assert.ok(hasTerm(zh.match, '数', TEXT, true));
    assert.ok(!leaves(plan('"photosynth"', 'en').match).some((l) => l.kind === 'term' && l.prefix === true));
  });

  void it('turns a word of several terms into a phrase', () => {
    const zh = plan('线性代数', 'zh');
    assertValidPlan(zh);
    assert.ok(hasSequence(zh.match, terms('线性代数', 'zh'), TEXT));
    assert.ok(terms('线性代数', 'zh').length >= 3);
    const hyphen = plan('e-learning', 'en');
    assert.ok(hasSequence(hyphen.match, terms('e-learning', 'en'), TEXT));
    assert.ok(hasSequence(hyphen.match, exactTerms('e-learning'), ['exact']));
  });

  void it('plans quoted phrases as phrases in each analysis', () => {
    const p = plan('"линейная алгебра" учебник', 'ru');
    assertValidPlan(p);
    assert.ok(hasSequence(p.match, terms('линейная алгебра', 'ru'), TEXT));
    assert.ok(hasSequence(p.match, terms('линейная алгебра', 'ru', false), TEXT));
    assert.ok(hasSequence(p.match, exactTerms('линейная алгебра'), ['exact']));
    assert.equal(p.match?.kind, 'and');
  });

  void it('keeps OR groups and sends exclusions to exclude', () => {
    const p = plan('video OR audio -lecture', 'en');
    assertValidPlan(p);
    assert.equal(p.match?.kind, 'or');
    assert.ok(hasSequence(p.match, terms('video', 'en'), TEXT));
    assert.ok(hasSequence(p.match, terms('audio', 'en'), TEXT));
    assert.ok(hasSequence(p.exclude, terms('lecture', 'en'), TEXT));
    assert.ok(!hasSequence(p.match, terms('lecture', 'en'), TEXT));
    assert.ok(!leaves(p.exclude).some((l) => l.kind === 'term' && l.prefix === true));
    assert.ok(!p.words.includes('lecture'));
    const both = plan('energy -"nuclear power" -coal', 'en');
    assert.equal(both.exclude?.kind, 'or');
    assert.ok(hasSequence(both.exclude, terms('nuclear power', 'en'), TEXT));
  });

  void it('gives no match for an empty query or one with nothing to analyze', () => {
    assert.deepEqual(planQuery(parseQuery(''), { lang: 'en', crossLanguage: true }), {
      match: null,
      exclude: null,
      expansions: [],
      concepts: [],
      words: [],
    });
    const symbols = plan('€ ©', 'en');
    assert.equal(symbols.match, null);
    assert.deepEqual(symbols.expansions, []);
  });
});

void describe('planQuery: cross-language expansion', () => {
  void it('expands "cambio climático" to the other labels of Climate change and its token', () => {
    const p = plan('cambio climático', 'es');
    assertValidPlan(p);
    const labels = unescoConcept(CLIMATE)?.prefLabel ?? {};
    const at = p.concepts.findIndex((c) => c.id === CLIMATE);
    assert.ok(at >= 0, JSON.stringify(p.concepts));
    const concept = p.concepts[at];
    assert.deepEqual(concept, {
      key: `unesco:${CLIMATE}`,
      scheme: 'unesco',
      id: CLIMATE,
      label: labels['es'],
    });
    const expr = p.expansions[at]?.expr ?? null;
    assert.ok(hasTerm(expr, conceptToken('unesco', CLIMATE), ['concepts']));
    // Every language of the thesaurus, our curated zh, pt and de labels included.
    for (const lang of ['en', 'fr', 'ru', 'ar', 'zh', 'pt', 'de']) {
      assert.ok(hasSequence(expr, terms(labels[lang] ?? '', lang), TEXT), lang);
    }
    // The whole query is the concept: nothing else is required.
    assert.equal(expr?.kind, 'or');
  });

  void it('matches a label of several words as the AND of its stems and by its exact words', () => {
    const p = plan('cambio climático', 'es');
    const expr = p.expansions.find((x) => x.key === `unesco:${CLIMATE}`)?.expr ?? null;
    const english = unescoConcept(CLIMATE)?.prefLabel['en'] ?? '';
    const stems = terms(english, 'en');
    assert.ok(stems.length >= 2, english);
    // The words in any order and anywhere in the text columns ("changes in the climate").
    assert.ok(matches(expr, { description: [...stems].reverse() }), 'the AND of the stems');
    assert.ok(!matches(expr, { description: stems.slice(0, 1) }), 'every word is needed');
    // A title filed under another language keeps its exact words: they meet the label's exact words.
    assert.ok(matches(expr, { exact: [...exactTerms(english)].reverse() }), 'the exact words');
    // Function words of a label are left out of its AND: "Violence fondée sur le genre".
    const gbv = unescoConcept('concept17151')?.prefLabel['fr'] ?? '';
    const gp = plan(unescoConcept('concept17151')?.prefLabel['es'] ?? '', 'es');
    const gexpr = gp.expansions.find((x) => x.key === 'unesco:concept17151')?.expr ?? null;
    const content = terms(gbv, 'fr').filter((t) => !terms('sur le', 'fr').includes(t));
    assert.ok(content.length >= 2, gbv);
    assert.ok(matches(gexpr, { description: content }), `${gbv}: ${content.join(' ')}`);
  });

  void it('also reaches records tagged with a related concept of the thesaurus, by its token', () => {
    const id = 'concept17151'; // Gender-based violence: related Sexual abuse, Domestic violence...
    const related = unescoConcept(id)?.related ?? [];
    assert.ok(related.length > 0);
    const p = plan(unescoConcept(id)?.prefLabel['en'] ?? '', 'en');
    const expr = p.expansions.find((x) => x.key === `unesco:${id}`)?.expr ?? null;
    for (const r of related) assert.ok(hasTerm(expr, conceptToken('unesco', r), ['concepts']), r);
  });

  void it('finds the same concept from Russian, Arabic and French', () => {
    for (const [q, lang] of [
      ['изменение климата', 'ru'],
      ['تغير المناخ', 'ar'],
      ['changement climatique', 'fr'],
    ] as const) {
      const p = plan(q, lang);
      assertValidPlan(p);
      assert.ok(
        p.concepts.some((c) => c.id === CLIMATE),
        `${q}: ${JSON.stringify(p.concepts)}`,
      );
      assert.equal(p.concepts.find((c) => c.id === CLIMATE)?.label, unescoConcept(CLIMATE)?.prefLabel[lang]);
    }
  });

  void it('ANDs each concept with the rest of the query, dropping function words', () => {
    const p = plan('climate change for children', 'en');
    assertValidPlan(p);
    const keys = p.concepts.map((c) => c.key);
    assert.ok(keys.includes(`unesco:${CLIMATE}`) && keys.includes(`unesco:${CHILDREN}`), keys.join(' '));
    const climate = p.expansions.find((x) => x.key === `unesco:${CLIMATE}`)?.expr ?? null;
    assert.equal(climate?.kind, 'and');
    assert.ok(hasTerm(climate, conceptToken('unesco', CHILDREN), ['concepts']));
    const frChildren = unescoConcept(CHILDREN)?.prefLabel['fr'] ?? '';
    assert.ok(hasSequence(climate, terms(frChildren, 'fr'), TEXT));
    assert.ok(!hasSequence(climate, terms('for', 'en'), TEXT), '"for" is not required');
    // A content word that names no concept is not required in other languages (it has no translation), but
    // it is in the expansion, so that records holding it (or a cognate) rank higher.
    const rare = plan('climate change zorblaxian', 'en');
    const expr = rare.expansions.find((x) => x.key === `unesco:${CLIMATE}`)?.expr ?? null;
    assert.ok(expr !== null);
    const token = conceptToken('unesco', CLIMATE);
    assert.ok(hasTerm(expr, token, ['concepts']));
    assert.ok(matches(expr, { concepts: [token] }), 'an untranslatable word is not required');
    assert.ok(hasSequence(expr, terms('zorblaxian', 'en'), TEXT), 'but it counts when present');
  });

  void it('does not let learning itself narrow a query that names a subject', () => {
    const spanish = 'concept10219'; // UNESCO Thesaurus: Spanish (language)
    const learning = 'concept5'; // UNESCO Thesaurus: Learning
    const label = (id: string, lang: string): string => unescoConcept(id)?.prefLabel[lang] ?? '';
    const p = plan(`${label(learning, 'zh')}${label(spanish, 'zh')}`, 'zh');
    assertValidPlan(p);
    assert.ok(
      p.concepts.some((c) => c.id === spanish),
      JSON.stringify(p.concepts),
    );
    assert.ok(!p.concepts.some((c) => c.id === learning), JSON.stringify(p.concepts));
    const expr = p.expansions.find((x) => x.key === `unesco:${spanish}`)?.expr ?? null;
    assert.ok(matches(expr, { concepts: [conceptToken('unesco', spanish)] }), 'Learning is not required');
    // Alone, it is the subject.
    assert.ok(plan(label(learning, 'fr'), 'fr').concepts.some((c) => c.id === learning));
  });

  void it('prefers a concept named by its preferred label to one named by an alternative', () => {
    const refugees = unescoThesaurus().concepts.find((c) => c.prefLabel['en'] === 'Refugees');
    assert.ok(refugees !== undefined);
    const p = plan('réfugiés', 'fr');
    const unesco = p.concepts.filter((c) => c.scheme === 'unesco').map((c) => c.id);
    assert.deepEqual(unesco, [refugees.id]);
  });

  void it('prefers the concept whose label the query says as written to one it meets only once stemmed', () => {
    // One-word Arabic preferred labels that differ as written but share a stem (رياضيات Mathematics and رياضيون
    // Athletes): each names its own concept only.
    const byStem = new Map<string, { id: string; folded: string; label: string }[]>();
    for (const c of unescoThesaurus().concepts) {
      const label = c.prefLabel['ar'];
      if (label === undefined || /\s/.test(label.trim())) continue;
      const stem = terms(label, 'ar').join(' ');
      if (stem === '') continue;
      const group = byStem.get(stem) ?? [];
      group.push({ id: c.id, folded: terms(label, 'ar', false).join(' '), label });
      byStem.set(stem, group);
    }
    let pairs = 0;
    for (const group of byStem.values()) {
      for (const a of group) {
        const others = group.filter((b) => b.folded !== a.folded);
        if (others.length === 0) continue;
        const ids = plan(a.label, 'ar')
          .concepts.filter((c) => c.scheme === 'unesco')
          .map((c) => c.id);
        assert.ok(ids.includes(a.id), `${a.label}: ${ids.join(' ')}`);
        for (const b of others) assert.ok(!ids.includes(b.id), `${a.label} also named ${b.label}`);
        pairs += 1;
      }
    }
    assert.ok(pairs >= 2, `${pairs} labels checked`);
  });

  void it('relates the two numbers of Arabic nouns whose plural is broken, through curated labels', () => {
    const science = unescoThesaurus().concepts.find((c) => c.prefLabel['en'] === 'Science');
    assert.ok(science !== undefined);
    assert.equal(science.prefLabel['ar'], 'علم', 'the thesaurus keeps its own preferred label');
    assert.ok(science.altLabel?.['ar']?.includes('علوم'));
    for (const q of ['علوم', 'العلوم']) {
      assert.ok(
        plan(q, 'ar').concepts.some((c) => c.id === science.id),
        q,
      );
    }
  });

  void it('reads Arabic nouns of two letters as labels, but not Arabic function words', () => {
    const arts = unescoThesaurus().concepts.find((c) => c.prefLabel['en'] === 'Arts');
    const medical = unescoThesaurus().concepts.find((c) => c.prefLabel['en'] === 'Medical sciences');
    assert.ok(arts !== undefined && medical !== undefined);
    assert.ok(plan('فن', 'ar').concepts.some((c) => c.id === arts.id));
    assert.ok(medical.altLabel?.['ar']?.includes('طب'), 'a two-letter label of the thesaurus itself');
    assert.ok(plan('طب', 'ar').concepts.some((c) => c.id === medical.id));
    for (const word of ['في', 'من', 'عن']) assert.deepEqual(plan(word, 'ar').concepts, [], word);
    // Two letters in Latin script stay too short to name a concept on their own.
    assert.deepEqual(
      plan('ai', 'en').concepts.filter((c) => c.scheme === 'unesco'),
      [],
    );
  });

  void it('meets French plurals in -x and Arabic plurals in -ات', () => {
    const games = unescoThesaurus().concepts.find((c) => c.prefLabel['en'] === 'Video games');
    assert.ok(games !== undefined);
    assert.ok(plan('jeux vidéo', 'fr').concepts.some((c) => c.id === games.id));
    const vaccine = glossaryTerms().find((t) => t.labels.en?.[0] === 'vaccine');
    const arabic = vaccine?.labels.ar?.[0] ?? '';
    assert.ok(arabic !== '' && !arabic.endsWith('ات'), arabic);
    assert.ok(plan(`${arabic}ات`, 'ar').concepts.some((c) => c.key === `term:${vaccine?.id ?? ''}`));
  });

  void it('reads a one-character Chinese label only where the character is a word of its own', () => {
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    // One-character topic terms, each inside a transliterated name where it is only a syllable (波 in 哈利波特,
    // Harry Potter) when the segmenter does not make it a word there.
    const cases = glossaryTerms().flatMap((t) =>
      (t.labels.zh ?? [])
        .filter((l) => Array.from(l).length === 1)
        .map((char) => ({ key: `term:${t.id}`, char, inside: `哈利${char}特` }))
        .filter((c) => ![...segmenter.segment(c.inside)].some((s) => s.segment === c.char)),
    );
    assert.ok(cases.length > 0, 'one-character Chinese topic terms');
    for (const { key, char, inside } of cases) {
      assert.ok(
        plan(char, 'zh').concepts.some((c) => c.key === key),
        `${char} alone`,
      );
      assert.ok(!plan(inside, 'zh').concepts.some((c) => c.key === key), inside);
    }
  });

  void it('names the organisms of infectious diseases in every language', () => {
    const malaria = glossaryTerms().find((t) => t.labels.en?.[0] === 'malaria');
    const names = malaria?.labels['mul'] ?? [];
    assert.ok(names.length > 0, 'malaria has language-neutral names');
    for (const lang of ['en', 'fr', 'ru', 'zh']) {
      assert.ok(
        plan(names[0] ?? '', lang).concepts.some((c) => c.key === `term:${malaria?.id ?? ''}`),
        lang,
      );
    }
    // A one-word name is also a prefix of its stem: Schistosoma, schistosome, schistosomal.
    const schisto = glossaryTerms().find((t) => t.labels.en?.[0] === 'schistosomiasis');
    const genus = schisto?.labels['mul']?.find((n) => !n.includes(' ')) ?? '';
    const p = plan(schisto?.labels.fr?.[0] ?? '', 'fr');
    assert.ok(p.concepts.some((c) => c.key === `term:${schisto?.id ?? ''}`));
    const stem = terms(genus, 'es')[0] ?? '';
    assert.ok(stem.length >= 6, genus);
    assert.ok(
      p.expansions.some((x) => matches(x.expr, { description: [`${stem}al`] })),
      `${stem}*`,
    );
    assert.ok(!p.expansions.some((x) => matches(x.expr, { description: [stem.slice(0, -1)] })));
  });

  void it('gives the concepts of one place one expansion', () => {
    // The thesaurus's Malaria and the glossary's malaria name one place of the query.
    const p = plan('paludisme', 'fr');
    assertValidPlan(p);
    const keys = p.concepts.map((c) => c.key);
    assert.ok(
      keys.some((k) => k.startsWith('unesco:')) && keys.some((k) => k.startsWith('term:')),
      keys.join(),
    );
    assert.equal(p.expansions.length, 1);
    const malaria = glossaryTerms().find((t) => t.labels.en?.[0] === 'malaria');
    const russian = malaria?.labels.ru?.[0] ?? '';
    assert.ok(matches(p.expansions[0]?.expr ?? null, { title: terms(russian, 'ru') }), russian);
  });

  void it('keeps the whole plan within the index limit on terms', () => {
    const q = 'climate change malaria pregnancy children women violence mathematics education water forests';
    const p = plan(q, 'en');
    assertValidPlan(p);
    const total =
      termCount(p.match) + termCount(p.exclude) + p.expansions.reduce((n, x) => n + termCount(x.expr), 0);
    assert.ok(total <= MAX_PLAN_TERMS, `${total}`);
    assert.ok(p.expansions.length >= 2);
  });

  void it('prefers a glossary topic to a curated field term that would widen the query', () => {
    const p = plan('linear algebra', 'en');
    assertValidPlan(p);
    assert.ok(!p.concepts.some((c) => c.scheme === 'isced-f'), JSON.stringify(p.concepts));
    const topic = p.concepts.find((c) => c.scheme === 'term');
    assert.ok(topic !== undefined, JSON.stringify(p.concepts));
    const expr = p.expansions.find((x) => x.key === topic.key)?.expr ?? null;
    const french = glossaryTerms().find((t) => `term:${t.id}` === topic.key)?.labels.fr?.[0] ?? '';
    assert.ok(hasSequence(expr, terms(french, 'fr'), TEXT), `the French term ${french}`);
  });

  void it('crosses languages through the glossary of topics, inflected forms included', () => {
    const dengue = glossaryTerms().find((t) => t.labels.zh?.includes('登革热'));
    assert.ok(dengue !== undefined, 'the glossary names dengue in Chinese');
    const p = plan('登革热', 'zh');
    assertValidPlan(p);
    const planned = p.concepts.find((c) => c.key === `term:${dengue.id}`);
    assert.ok(planned !== undefined, JSON.stringify(p.concepts));
    assert.equal(planned.label, '登革热');
    const expr = p.expansions.find((x) => x.key === planned.key)?.expr ?? null;
    for (const lang of ['en', 'es', 'ru']) {
      const label = dengue.labels[lang]?.[0] ?? '';
      assert.ok(hasSequence(expr, terms(label, lang), TEXT), `the ${lang} term ${label}`);
    }
    assert.ok(
      !leaves(expr).some((l) => l.columns.includes('concepts')),
      'glossary topics have no concept token',
    );
    // A Russian query in another case still meets the Russian term.
    const tb = glossaryTerms().find((t) => t.labels.ru?.[0] === 'туберкулёз');
    assert.ok(tb !== undefined);
    assert.ok(plan('туберкулёза', 'ru').concepts.some((c) => c.key === `term:${tb.id}`));
  });

  void it('also reaches a glossary topic through the concepts inside it, all of them', () => {
    const topic = glossaryTerms().find((t) => t.labels.en?.[0] === 'art therapy');
    assert.ok(topic !== undefined, 'the glossary names art therapy');
    const ART = 'concept336'; // UNESCO Thesaurus: Arts
    const THERAPY = 'concept245'; // UNESCO Thesaurus: Therapy
    for (const [q, lang] of [
      ['art therapy', 'en'],
      ['art therapy for children', 'en'],
    ] as const) {
      const p = plan(q, lang);
      assertValidPlan(p);
      const expr = p.expansions.find((x) => x.key === `term:${topic.id}`)?.expr ?? null;
      assert.ok(expr !== null, q);
      const both = [conceptToken('unesco', ART), conceptToken('unesco', THERAPY)];
      const children = q.includes('children') ? [conceptToken('unesco', CHILDREN)] : [];
      assert.ok(
        matches(expr, { concepts: [...both, ...children] }),
        `${q}: a record tagged Arts and Therapy`,
      );
      assert.ok(
        !matches(expr, { concepts: [both[0] ?? '', ...children] }),
        `${q}: a record tagged Arts alone`,
      );
    }
    // A topic of one word has no parts to be reached by.
    const dengue = plan('dengue', 'en').expansions.find((x) => x.key.startsWith('term:'))?.expr ?? null;
    assert.ok(dengue !== null, 'dengue is a glossary topic');
    assert.ok(!leaves(dengue).some((l) => l.columns.includes('concepts')));
  });

  void it('reaches Chinese queries through curated thesaurus labels, Swahili ones through fields', () => {
    const p = plan('数学 教案', 'zh');
    assertValidPlan(p);
    const maths = p.concepts.find((c) => c.scheme === 'unesco' && c.label === '数学');
    assert.ok(maths !== undefined, JSON.stringify(p.concepts));
    assert.equal(unescoConcept(maths.id)?.prefLabel['zh'], '数学');
    const type = p.concepts.find((c) => c.scheme === 'type');
    const lessonPlan = HCRT_CONCEPTS.find((c) => c.notation === 'lesson_plan');
    assert.equal(type?.id, lessonPlan?.id);
    assert.equal(type?.key, 'type:lesson_plan');
    assert.equal(type?.label, lessonPlan?.curatedLabel.zh);
    const expr = p.expansions.find((x) => x.key === maths.key)?.expr ?? null;
    assert.ok(hasTerm(expr, conceptToken('type', lessonPlan?.id ?? ''), ['concepts']));
    // The thesaurus has no Swahili labels: the field is the bridge.
    const sw = plan('hisabati', 'sw');
    const field = sw.concepts.find((c) => c.scheme === 'isced-f');
    assert.ok(field !== undefined, JSON.stringify(sw.concepts));
    const fexpr = sw.expansions.find((x) => x.key === field.key)?.expr ?? null;
    assert.ok(hasTerm(fexpr, conceptToken('isced-f', field.id), ['concepts']));
  });

  void it('recognizes ISCED levels and resource types by their labels in any language', () => {
    const level = plan('educación primaria', 'es');
    const primary = level.concepts.find((c) => c.scheme === 'level');
    assert.equal(primary?.id, '1');
    assert.equal(primary?.label, iscedLevel('1')?.prefLabel['es']);
    const expr = level.expansions.find((x) => x.key === primary?.key)?.expr ?? null;
    assert.ok(hasTerm(expr, conceptToken('level', '1'), ['concepts']));
    assert.ok(hasSequence(expr, terms(iscedLevel('1')?.prefLabel['en'] ?? '', 'en'), TEXT));
    const video = plan('vidéo', 'fr').concepts.find((c) => c.scheme === 'type');
    assert.equal(video?.id, 'https://w3id.org/kim/hcrt/video');
  });

  void it("does not read a word of the query language as another language's label", () => {
    // "lecture" is the French label of Reading; in an English query it is a talk.
    const en = plan('lecture', 'en');
    assert.ok(
      !en.concepts.some((c) => c.scheme === 'unesco' && unescoConcept(c.id)?.prefLabel['fr'] === 'Lecture'),
    );
    const fr = plan('lecture', 'fr');
    assert.ok(
      fr.concepts.some((c) => c.scheme === 'unesco' && unescoConcept(c.id)?.prefLabel['fr'] === 'Lecture'),
    );
  });

  void it('expands nothing when cross-language search is off', () => {
    const p = plan('cambio climático', 'es', false);
    assert.deepEqual(p.expansions, []);
    assert.deepEqual(p.concepts, []);
    assert.notEqual(p.match, null);
  });

  void it('uses the token that documents carry', () => {
    const doc = buildSearchDocument({
      ref: { sourceId: 'src_abcdefabcdef', sourceRecordId: '1' },
      record: {
        id: 'https://example.org/1',
        type: ['LearningResource'],
        name: { fr: 'Le climat change' },
        inLanguage: ['fr'],
        about: [{ id: unescoUri(CLIMATE) }],
        iscedLevels: ['1'],
        provenance: [{ sourceId: 's', sourceRecordId: '1', harvestedAt: '2024-05-01T12:00:00Z', fields: [] }],
      },
      workId: null,
      qualityScore: null,
      harvestedAt: '2024-05-01T12:00:00Z',
      sourceCountry: null,
    });
    for (const [q, lang] of [
      ['climate change', 'en'],
      ['primary education', 'en'],
    ] as const) {
      const tokens = plan(q, lang)
        .expansions.flatMap((x) => leaves(x.expr))
        .filter((l) => l.columns.includes('concepts'))
        .map((l) => (l.kind === 'term' ? l.term : ''));
      assert.ok(
        tokens.some((t) => doc.text.concepts.includes(t)),
        `${q}: ${tokens.join(' ')} / ${doc.text.concepts.join(' ')}`,
      );
    }
  });
});

void describe('planQuery: bounds and robustness', () => {
  void it('bounds the plan of a query of a thousand words', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i} climate`).join(' ');
    const p = planQuery(parseQuery(words, { maxTerms: 1000, maxLength: 100_000 }), {
      lang: null,
      crossLanguage: true,
    });
    assertValidPlan(p);
    const conjuncts = p.match?.kind === 'and' ? p.match.nodes.length : 1;
    assert.ok(conjuncts <= MAX_PLANNED_ITEMS, `${conjuncts}`);
    assert.ok(countNodes(p.match) < MAX_PLANNED_ITEMS * 20);
    for (const x of p.expansions) assert.ok(countNodes(x.expr) < MAX_PLANNED_ITEMS * 40);
    const negated = Array.from({ length: 500 }, (_, i) => `-x${i}`).join(' ');
    const q = planQuery(parseQuery(`a ${negated}`, { maxTerms: 1000, maxLength: 100_000 }), {
      lang: 'en',
      crossLanguage: true,
    });
    assert.ok(leaves(q.exclude).length <= MAX_EXCLUDED_ITEMS * 4);
  });

  void it('survives hand-made trees: deep, wide, malformed, with control characters and lone surrogates', () => {
    let deep: QueryNode = { kind: 'term', text: 'bottom' };
    for (let i = 0; i < 5000; i += 1)
      deep = { kind: i % 2 === 0 ? 'and' : 'or', nodes: [deep, { kind: 'term', text: `w${i}` }] };
    const wide: QueryNode = {
      kind: 'and',
      nodes: Array.from({ length: 100_000 }, (_, i) => ({ kind: 'term' as const, text: `t${i}` })),
    };
    const odd = [
      deep,
      wide,
      { kind: 'term', text: '\u0000\u0007\uD800x\uDFFF\u200B\u202E' },
      { kind: 'phrase', text: '\uD83D' },
      { kind: 'not', node: { kind: 'not', node: { kind: 'term', text: 'a' } } },
      {
        kind: 'or',
        nodes: [
          { kind: 'not', node: { kind: 'term', text: 'a' } },
          { kind: 'term', text: 'b' },
        ],
      },
      { kind: 'and', nodes: [null, 3, { kind: 'term' }, { kind: 'term', text: 42 }, { kind: 'bogus' }] },
      { kind: 'phrase', text: 'x'.repeat(1_000_000) },
      { kind: 'term', text: '数'.repeat(10_000) },
      { kind: 'or', nodes: 'not an array' },
    ] as unknown as QueryNode[];
    for (const root of odd) {
      for (const lang of [null, 'en', 'zh', 'sw', 'xx-Bogus', '', 'und']) {
        const p = planQuery({ root, notes: [], truncated: false }, { lang, crossLanguage: true });
        assertValidPlan(p);
        assert.ok(countNodes(p.match) < 2000);
      }
    }
    for (const bad of [null, undefined, {}, { root: 'x' }] as unknown as ParsedQuery[]) {
      assert.equal(planQuery(bad, { lang: 'en', crossLanguage: true }).match, null);
    }
  });

  void it('plans random queries in many scripts without throwing', () => {
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const ranges = [
      [0x20, 0x7e],
      [0xa0, 0x24f],
      [0x400, 0x4ff],
      [0x600, 0x6ff],
      [0x900, 0x97f],
      [0xe00, 0xe7f],
      [0x3040, 0x30ff],
      [0x4e00, 0x9fff],
      [0xac00, 0xd7a3],
      [0xd800, 0xdfff],
      [0x0, 0x1f],
      [0x1f300, 0x1f6ff],
    ] as const;
    const langs = [null, 'en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt-BR', 'sw', 'th', 'haw'];
    for (let i = 0; i < 300; i += 1) {
      let q = '';
      const length = next() % 60;
      for (let k = 0; k < length; k += 1) {
        const [lo, hi] = ranges[next() % ranges.length] ?? [0x61, 0x7a];
        q += next() % 5 === 0 ? ' ' : String.fromCodePoint(lo + (next() % (hi - lo + 1)));
        if (next() % 17 === 0) q += ['"', '-', ' OR ', '|', '«'][next() % 5] ?? '';
      }
      const p = planQuery(parseQuery(q), { lang: langs[i % langs.length] ?? null, crossLanguage: true });
      assertValidPlan(p);
    }
  });
});

void describe('relaxPlan', () => {
  const doc = (text: string, lang: string): Doc => ({ title: terms(text, lang) });

  void it('matches documents holding any of the words, and no document holding none', () => {
    const p = plan('photosynthesis oceanography -plants', 'en', false);
    const relaxed = relaxPlan(p);
    assert.ok(relaxed !== null);
    assertValidPlan(relaxed);
    assert.ok(termCount(relaxed.match) <= termCount(p.match));
    const one = doc('Photosynthesis explained', 'en');
    const other = doc('Oceanography for beginners', 'en');
    const both = doc('Photosynthesis and oceanography', 'en');
    for (const d of [one, other]) {
      assert.ok(!matches(p.match, d));
      assert.ok(matches(relaxed.match, d));
    }
    assert.ok(matches(p.match, both) && matches(relaxed.match, both));
    assert.ok(!matches(relaxed.match, doc('Linear algebra', 'en')));
    assert.deepEqual(relaxed.exclude, p.exclude, 'exclusions stay as they are');
    assert.deepEqual(relaxed.words, p.words);
  });

  void it('keeps quoted phrases whole and relaxes the concepts a query joins', () => {
    const p = plan('"climate change" children', 'en');
    const relaxed = relaxPlan(p);
    assert.ok(relaxed !== null);
    assert.ok(!matches(relaxed.match, doc('A changing climate', 'en')), 'the phrase is still a phrase');
    assert.ok(matches(relaxed.match, doc('Climate change today', 'en')));
    // A record tagged only with Children meets the relaxed expansion, not the expansion itself.
    const tagged: Doc = { concepts: [conceptToken('unesco', CHILDREN)] };
    const expansion = p.expansions.find((x) => x.key === `unesco:${CLIMATE}`);
    const relaxedExpansion = relaxed.expansions.find((x) => x.key === `unesco:${CLIMATE}`);
    assert.ok(expansion !== undefined && relaxedExpansion !== undefined);
    assert.ok(!matches(expansion.expr, tagged));
    assert.ok(matches(relaxedExpansion.expr, tagged));
    assert.deepEqual(relaxed.concepts, p.concepts);
  });

  void it('gives null when nothing is required jointly', () => {
    assert.equal(relaxPlan(plan('oceanography', 'en', false)), null);
    assert.equal(relaxPlan(plan('photosynthesis OR oceanography', 'en', false)), null);
    assert.equal(relaxPlan(plan('"climate change"', 'en', false)), null);
    assert.equal(relaxPlan(plan('', 'en')), null);
  });
});

void describe('STEMMED_LANGUAGES', () => {
  void it('names exactly the languages the analyzer stems', () => {
    const identity = (w: string): string => w;
    for (let a = 0; a < 26; a += 1) {
      for (let b = 0; b < 26; b += 1) {
        const code = String.fromCharCode(97 + a, 97 + b);
        analyze('a', code); // creates the analyzer's own profile first, so the lookup below reads it
        const stems = languageProfile(code, identity).stem !== undefined;
        assert.equal(STEMMED_LANGUAGES.has(code), stems, code);
      }
    }
  });
});
