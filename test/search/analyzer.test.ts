// Tests of the search analyzer: every rule of the chain with real words in many languages and scripts,
// query and document forms meeting, positions for phrases, hostile input, determinism and the version.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  ANALYZER_VERSION,
  MAX_TERM_LENGTH,
  MAX_TOKENS,
  analyze,
  exactTerms,
  foldTerm,
  type AnalyzedToken,
} from '../../src/search/analyzer.js';

const terms = (text: string, language: string, stem = true): string[] =>
  analyze(text, language, { stem }).map((t) => t.term);

/** Whether every query term occurs in the document's terms (how an AND query over the index behaves). */
function finds(query: string, queryLanguage: string, doc: string, docLanguage: string, stem = true): boolean {
  const docTerms = new Set(terms(doc, docLanguage, stem));
  const q = terms(query, queryLanguage, stem);
  return q.length > 0 && q.every((t) => docTerms.has(t));
}

/** Whether the query's terms occur in the document at consecutive positions, in order (a phrase query). */
function findsPhrase(query: string, doc: string, language: string): boolean {
  const q = terms(query, language);
  const d = analyze(doc, language);
  return d.some((start) =>
    q.every((term, k) => d.some((t) => t.position === start.position + k && t.term === term)),
  );
}

const VALID_TERM = /^[\p{L}\p{M}\p{N}]+$/u; // ʼ (U+02BC) is a letter
const LONE_SURROGATE = /\p{Cs}/u;

function assertWellFormed(tokens: readonly AnalyzedToken[]): void {
  tokens.forEach((t, i) => {
    assert.equal(t.position, i, 'positions count tokens');
    assert.ok(t.term.length > 0 && t.term.length <= MAX_TERM_LENGTH, `term length ${t.term.length}`);
    assert.match(t.term, VALID_TERM, `term ${JSON.stringify(t.term)} has only letters, marks, digits, ʼ`);
    assert.ok(!LONE_SURROGATE.test(t.term), 'no lone surrogate');
  });
}

describe('ANALYZER_VERSION', () => {
  it('is a non-empty version naming the rules, the Snowball release, Unicode and ICU', () => {
    assert.match(ANALYZER_VERSION, /^\d+\+snowball-[\d.]+\+unicode-[\d.]+\+icu-\S+$/);
  });

  // A fingerprint of the tokens of a fixed multilingual sample. It leaves out Thai (ICU's dictionary) and
  // characters newer than Unicode 15, so a Node.js upgrade does not change it. If this fails, the tokens
  // changed: bump the leading number of ANALYZER_VERSION (the index must be rebuilt), then record the new
  // rules part and hash here.
  const FINGERPRINT = {
    rules: '1+snowball-3.1.1',
    sha256: 'a83b4d616e5d1055e57140ebabfa5136857cdcba000f725b23753c958027be28',
  };
  const SAMPLE: readonly (readonly [string, string])[] = [
    ["L'algèbre linéaire pour l'éducation des élèves, aujourd'hui", 'fr'],
    ["Euler's theorem: the students' guide to 3.14, 1,000 and 7th-grade e-learning; don't", 'en'],
    ['Álgebra lineal y matemáticas para la enseñanza', 'es'],
    ['Mathematische Grundlagen: Straße, Größe, Universitäten', 'de'],
    ['Educação, avaliações e atividades de matemática', 'pt-BR'],
    ['Математическая модель другой ёлки, молоко́', 'ru'],
    ['الرِّيَاضِيَّات والتعليم في المدرسة ١٢٣ ۴۵ كتـــاب أحمد', 'ar'],
    ['线性代数导论 数', 'zh-Hans'],
    ['線形代数の入門 ｶﾀｶﾅ', 'ja'],
    ['선형대수학 입문', 'ko'],
    ['गतिविधियाँ और अभ्यास पुस्तकें', 'hi'],
    ["Elimu ya msingi kwa watoto wa ng'ombe", 'sw'],
    ["Ka ʻōlelo Hawaiʻi 'ohana", 'haw'],
    ["Runa simi: t'ika, q'ara, chꞌaska", 'quz'],
    ['İSTANBUL IŞIK kitapları', 'tr'],
    ['Ωμέγα ΟΔΟΣ Øresund Łódź Đorđe Þingvellir col·lecció', 'und'],
  ];
  it('matches the fingerprint recorded for this rules version', () => {
    const hash = createHash('sha256');
    for (const [text, lang] of SAMPLE) {
      hash.update(`${lang}\t${terms(text, lang).join(' ')}\t${terms(text, lang, false).join(' ')}\t`);
      hash.update(`${exactTerms(text).join(' ')}\n`);
    }
    const rules = ANALYZER_VERSION.split('+unicode-')[0];
    assert.equal(rules, FINGERPRINT.rules, 'ANALYZER_VERSION changed: record the new fingerprint here');
    assert.equal(hash.digest('hex'), FINGERPRINT.sha256, 'tokens changed: bump ANALYZER_VERSION');
  });
});

describe('analyze: normalization and case', () => {
  it('applies NFKC: full-width, ligatures, circled and superscript digits, half-width katakana', () => {
    assert.deepEqual(terms('ＡＢＣ１２３ ﬁnance x² H₂O', 'und'), ['abc123', 'finance', 'x2', 'h2o']);
    assert.deepEqual(terms('ｶﾀｶﾅ', 'ja'), terms('カタカナ', 'ja'));
  });

  it('lower-cases without a locale, and maps dotted İ to i in every language', () => {
    assert.deepEqual(terms('İSTANBUL Istanbul', 'en'), ['istanbul', 'istanbul']);
    assert.deepEqual(exactTerms('İstanbul'), ['istanbul']);
  });

  it('reads I as dotless ı in Turkish, so the stemmer sees real words, and folds ı to i afterwards', () => {
    const upper = terms('IŞIK KİTAPLARI', 'tr');
    assert.deepEqual(upper, terms('ışık kitapları', 'tr'));
    assert.deepEqual(upper, ['isik', 'kitap']);
    assert.ok(finds('Işık', 'tr', 'ışık', 'tr'));
    assert.ok(finds('isik', 'und', 'IŞIK', 'tr', false));
  });

  it('writes Greek final sigma and sigma alike and drops the tonos', () => {
    assert.deepEqual(terms('ΟΔΟΣ οδός', 'und'), ['οδοσ', 'οδοσ']);
    assert.deepEqual(terms('Μαθηματικά', 'und'), terms('ΜΑΘΗΜΑΤΙΚΑ', 'und'));
  });
});

describe('analyze: script-aware folding', () => {
  it('strips diacritics from Latin letters (the query "Álgebra" finds "algebra")', () => {
    assert.ok(finds('Álgebra', 'und', 'algebra', 'und'));
    assert.ok(finds('Álgebra', 'es', 'Introducción al algebra', 'es'));
    assert.ok(finds('naïve café', 'en', 'Naive cafe', 'en'));
    assert.deepEqual(terms('Ñandú crème brûlée Tiếng Việt', 'und'), [
      'nandu',
      'creme',
      'brulee',
      'tieng',
      'viet',
    ]);
  });

  it('spells out letters that do not decompose: ß æ œ ø ł đ ð þ ħ', () => {
    assert.deepEqual(terms('Straße Æsop Œuvre Øresund Łódź Đorđe Þingvellir ħobż', 'und'), [
      'strasse',
      'aesop',
      'oeuvre',
      'oresund',
      'lodz',
      'dorde',
      'thingvellir',
      'hobz',
    ]);
    assert.ok(finds('Strasse', 'de', 'Die Straße', 'de'));
  });

  it('keeps the marks of Devanagari and Thai: they are parts of letters', () => {
    assert.deepEqual(terms('गतिविधियाँ', 'hi', false), ['गतिविधियाँ']);
    assert.equal(foldTerm('गतिविधियाँ'), 'गतिविधियाँ');
    assert.notEqual(foldTerm('गतिविधियाँ'), 'गतवधय');
    assert.ok(terms('การเรียนรู้', 'th').includes('รู้'));
  });

  it('keeps Cyrillic й, ї, ў as letters, folds ё to е and drops stress marks', () => {
    assert.equal(foldTerm('Ёлка'), 'елка');
    assert.equal(foldTerm('другой'), 'другой');
    assert.equal(foldTerm('Їжак'), 'їжак');
    assert.equal(foldTerm('ўсё'), 'ўсе');
    assert.equal(foldTerm('молоко́'), 'молоко');
    assert.ok(finds('елка', 'ru', 'Новогодняя ёлка', 'ru'));
    // й kept: the Russian stemmer recognises the adjective ending (другой and другая share a stem).
    assert.equal(terms('другой', 'ru')[0], terms('другая', 'ru')[0]);
  });

  it('normalizes Arabic: harakat, tatweel, alef forms, ى/ي, ة/ه, Arabic-Indic and Persian digits', () => {
    assert.deepEqual(terms('الرِّيَاضِيَّات', 'ar'), terms('الرياضيات', 'ar'));
    assert.ok(finds('الرياضيات', 'ar', 'كتاب الرِّيَاضِيَّات', 'ar'));
    assert.deepEqual(terms('كتـــاب', 'ar'), terms('كتاب', 'ar'));
    assert.deepEqual(terms('أحمد إحمد آحمد ٱحمد', 'und'), ['احمد', 'احمد', 'احمد', 'احمد']);
    assert.deepEqual(terms('مستشفى مدرسة', 'und'), terms('مستشفي مدرسه', 'und'));
    assert.deepEqual(terms('١٢٣ ۴۵ 2019', 'ar'), ['123', '45', '2019']);
  });

  it('turns the decimal digits of every script into ASCII digits', () => {
    assert.deepEqual(terms('२०१९ ๒๕๖๗ ২০২৪', 'und'), ['2019', '2567', '2024']);
  });
});

describe('analyze: apostrophes, elisions, possessives', () => {
  it('keeps an apostrophe letter inside the word as one canonical ʼ, whatever variant was typed', () => {
    const hawaii = ['Hawaiʻi', 'Hawai‘i', 'Hawai’i', "Hawai'i", 'Hawaiʼi', 'Hawaiꞌi'].map((w) =>
      terms(w, 'haw'),
    );
    for (const t of hawaii) assert.deepEqual(t, ['hawaiʼi']);
    assert.deepEqual(terms("t'ika tꞌika t’ika", 'qu'), ['tʼika', 'tʼika', 'tʼika']);
    assert.deepEqual(terms("ng'ombe", 'sw'), ['ngʼombe']);
    assert.deepEqual(terms('п’ять', 'uk'), ['пʼять']);
    assert.deepEqual(terms("Kanien'kéha", 'moh'), ['kanienʼkeha']);
  });

  it('keeps a word-initial ʻokina in Hawaiian, and a typed one in glottal-stop orthographies only', () => {
    assert.deepEqual(terms('ʻŌlelo', 'und'), ['ʼolelo']);
    assert.deepEqual(terms("'ōlelo ‘ōlelo", 'haw'), ['ʼolelo', 'ʼolelo']);
    assert.ok(finds('ʻōlelo', 'haw', "Ka 'Ōlelo Hawai'i", 'haw'));
    // Elsewhere a leading or trailing ' ‘ ’ is a quotation mark.
    assert.deepEqual(terms("'quoted' ‘word’", 'en', false), ['quoted', 'word']);
  });

  it('splits French, Italian and Catalan elisions off the word (l’algèbre, dell’arte)', () => {
    assert.deepEqual(terms("l'homme d’État qu'il jusqu'à", 'fr', false), ['homme', 'etat', 'il', 'a']);
    assert.ok(finds('algèbre', 'fr', "L'Algèbre linéaire", 'fr'));
    assert.ok(finds('arte', 'it', "Storia dell'arte", 'it'));
    assert.ok(finds('università', 'it', "all'università", 'it'));
    assert.deepEqual(terms("l'algèbre", 'und'), ['algebre']);
    // aujourd'hui is one word: "aujourd" is not an article.
    assert.deepEqual(terms("aujourd'hui", 'fr'), ['aujourdʼhui']);
    // A Quechua ejective is not an elision, even in a text of unknown language.
    assert.deepEqual(terms("t'ika", 'und'), ['tʼika']);
  });

  it("drops the English possessive 's and keeps contractions whole", () => {
    assert.deepEqual(terms("Euler's students' don't", 'en', false), ['euler', 'students', 'donʼt']);
    assert.ok(finds('Euler', 'en', "Euler's formula", 'en'));
  });
});

describe('analyze: segmentation', () => {
  it('splits on punctuation, hyphens, slashes and symbols, and joins a Catalan middle dot', () => {
    assert.deepEqual(terms('e-learning/blended_learning (OER)', 'und'), [
      'e',
      'learning',
      'blended',
      'learning',
      'oer',
    ]);
    assert.deepEqual(terms('col·lecció', 'ca', false), ['colleccio']);
  });

  it('indexes Han runs as overlapping bigrams: 代数 finds 线性代数导论', () => {
    assert.deepEqual(terms('线性代数导论', 'zh'), ['线性', '性代', '代数', '数导', '导论']);
    assert.ok(finds('代数', 'zh', '线性代数导论', 'zh'));
    assert.ok(finds('代数', 'und', '线性代数导论', 'zh'));
    assert.ok(findsPhrase('代数导论', '线性代数导论', 'zh'));
    assert.ok(!findsPhrase('导论代数', '线性代数导论', 'zh'));
  });

  it('keeps a one-character run as one token and separates runs at punctuation and other scripts', () => {
    assert.deepEqual(terms('数', 'zh'), ['数']);
    assert.deepEqual(terms('数学，物理', 'zh'), ['数学', '物理']);
    assert.deepEqual(terms('Python编程2024', 'zh'), ['python', '编程', '2024']);
  });

  it('bigrams Japanese kana and kanji, and Korean Hangul', () => {
    assert.ok(finds('代数', 'ja', '線形代数の入門', 'ja'));
    assert.ok(finds('入門', 'ja', '線形代数の入門', 'ja'));
    assert.ok(finds('대수', 'ko', '선형대수학 입문', 'ko'));
    assert.ok(findsPhrase('대수학', '선형대수학을 배우다', 'ko'));
  });

  it('splits Thai with the ICU dictionary inside the Thai runs only', () => {
    const t = terms('การเรียนรู้คณิตศาสตร์สำหรับนักเรียน (Mathematics)', 'th');
    assert.ok(t.includes('คณิตศาสตร์'), t.join('|'));
    assert.ok(t.includes('นักเรียน'));
    assert.equal(t.at(-1), 'mathematics');
    assert.ok(finds('คณิตศาสตร์', 'th', 'การเรียนรู้คณิตศาสตร์สำหรับนักเรียน', 'th'));
    // Sara am typed as one letter or as nikhahit + sara aa is the same word.
    assert.deepEqual(terms('สำหรับ', 'th'), terms('ส\u0e4d\u0e32หรับ', 'th'));
  });

  it('keeps numbers as tokens', () => {
    assert.deepEqual(terms('2019 7th 1st COVID-19 3D', 'en'), ['2019', '7th', '1st', 'covid', '19', '3d']);
    assert.deepEqual(terms('3.14 1,000', 'und'), ['3', '14', '1', '000']);
    assert.ok(findsPhrase('3.14', 'pi is 3.14 or so', 'en'));
  });

  it('keeps stop words, so phrases with function words work in every language', () => {
    assert.deepEqual(terms('the theory of everything', 'en', false), ['the', 'theory', 'of', 'everything']);
    assert.ok(findsPhrase('theory of everything', 'The Theory of Everything', 'en'));
  });

  it('counts positions so that phrases match across words and bigrams', () => {
    const tokens = analyze('Introducción al álgebra lineal', 'es');
    assertWellFormed(tokens);
    assert.ok(findsPhrase('álgebra lineal', 'Introducción al Álgebra Lineal', 'es'));
    assert.ok(!findsPhrase('lineal álgebra', 'Introducción al Álgebra Lineal', 'es'));
  });
});

describe('analyze: stemming', () => {
  it('stems with Snowball where the language has an algorithm', () => {
    assert.ok(finds('learning', 'en', 'She learned and learns', 'en'));
    assert.ok(finds('éducation', 'fr', 'les sciences de l’éducation', 'fr'));
    assert.ok(finds('matemáticas', 'es', 'Matemática básica', 'es'));
    assert.ok(finds('Universität', 'de', 'Universitäten in Europa', 'de'));
    assert.ok(finds('avaliação', 'pt-BR', 'Avaliações de matemática', 'pt-BR'));
    assert.ok(finds('обучение', 'ru', 'обучения и образование', 'ru'));
    assert.ok(finds('مدرسة', 'ar', 'المدرسة', 'ar'));
    assert.ok(finds('पुस्तक', 'hi', 'पुस्तकें', 'hi'));
    assert.ok(finds('pembelajaran', 'id', 'belajar dan mengajar', 'id'));
    assert.ok(finds('kitap', 'tr', 'kitapları', 'tr'));
    assert.ok(finds('bøker', 'nb', 'bøkene', 'nb'));
  });

  it('uses the primary subtag of the tag, in any case', () => {
    assert.deepEqual(terms('Avaliações', 'pt-BR'), terms('Avaliações', 'PT'));
    assert.deepEqual(terms('learning', 'en-GB'), ['learn']);
  });

  it('folds only, without stemming, where no stemmer exists or when asked', () => {
    assert.deepEqual(terms('watoto vitabu walimu', 'sw'), ['watoto', 'vitabu', 'walimu']);
    assert.deepEqual(terms('Te reo Māori, whānau', 'mi'), ['te', 'reo', 'maori', 'whanau']);
    assert.deepEqual(terms('learning', 'und'), ['learning']);
    assert.deepEqual(terms('learning', 'en', false), ['learning']);
    assert.deepEqual(terms('线性代数', 'zh'), terms('线性代数', 'zh', false));
  });

  it('stems the accented word and folds the stem (the stemmer needs the accents)', () => {
    assert.deepEqual(terms('activités activité', 'fr'), ['activ', 'activ']);
    assert.ok(finds('activites', 'fr', 'Activités', 'fr', false)); // the unstemmed, folded forms meet
  });
});

describe('exactTerms and foldTerm', () => {
  it('gives the exact forms, one per term of analyze(text, "und", { stem: false })', () => {
    const text = "L'Algèbre Linéaire: Straße, Hawaiʻi, 线性代数, ﬁn, Œuvres, Euler's";
    const exact = exactTerms(text);
    assert.deepEqual(exact, [
      'algèbre',
      'linéaire',
      'straße',
      'hawaiʼi',
      '线性',
      '性代',
      '代数',
      'fin',
      'œuvres',
      'euler',
    ]);
    assert.deepEqual(exact.map(foldTerm), terms(text, 'und', false));
  });

  it('folds one term for prefixes and suggestions', () => {
    assert.equal(foldTerm('Algè'), 'alge');
    assert.equal(foldTerm("DON'T"), 'donʼt');
    assert.equal(foldTerm('ΐ'), 'ι');
    assert.equal(foldTerm(''), '');
  });

  it('is idempotent and agrees with analyze on single words', () => {
    for (const w of ['Straße', 'Œuvre', 'Ёлка', 'الرِّيَاضِيَّات', 'Hawaiʻi', 'ǅemal', 'ΟΔΟΣ', 'İzmir', 'ｶﾀｶﾅ']) {
      const once = foldTerm(w);
      assert.equal(foldTerm(once), once, w);
    }
    for (const w of ['Straße', 'Œuvre', 'Ёлка', 'Hawaiʻi', 'Álgebra'])
      assert.deepEqual(terms(w, 'und', false), [foldTerm(w)]);
  });
});

describe('hostile input', () => {
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const randomText = (length: number): string => {
    const pools = [
      [0x0000, 0x007f],
      [0x0080, 0x07ff],
      [0x0600, 0x06ff],
      [0x0900, 0x097f],
      [0x0e00, 0x0e7f],
      [0x3040, 0x30ff],
      [0x4e00, 0x9fff],
      [0xac00, 0xd7a3],
      [0xd800, 0xdfff], // lone surrogates
      [0xfe00, 0xfe0f],
      [0x200b, 0x206f],
      [0x1f300, 0x1faff], // emoji
      [0x0300, 0x036f], // orphan combining marks
    ] as const;
    let s = '';
    while (s.length < length) {
      const [lo, hi] = pools[Math.floor(random() * pools.length)] ?? [0x20, 0x7e];
      s += String.fromCodePoint(lo + Math.floor(random() * (hi - lo + 1)));
      if (random() < 0.15) s += ' ';
    }
    return s;
  };

  it('never throws on 10 kB of random text in any language, and every term is well formed', () => {
    for (const lang of ['en', 'fr', 'ar', 'zh', 'th', 'tr', 'haw', 'und', '', 'xx-invalid_TAG', 'qu']) {
      for (let k = 0; k < 5; k += 1) {
        const text = randomText(10_000);
        assertWellFormed(analyze(text, lang));
        assertWellFormed(analyze(text, lang, { stem: false }));
        for (const t of exactTerms(text)) assert.ok(t.length > 0 && !LONE_SURROGATE.test(t));
        assert.ok(!LONE_SURROGATE.test(foldTerm(text)));
      }
    }
  });

  it('gives no tokens for control characters, punctuation only, emoji or lone surrogates', () => {
    for (const text of [
      '\u0000\u0001\u0007\u001b\u007f',
      "...!!! ¿?¡ — «» “” ‘’ ''",
      '😀👍🏽🇫🇷 ❤️',
      '\ud800\udfff\udc00',
      '  ',
      '',
    ]) {
      assert.deepEqual(analyze(text, 'en'), []);
      assert.deepEqual(exactTerms(text), []);
    }
    assert.deepEqual(terms('a\u0000b\u0007c x\ud800y a😀b', 'en'), ['a', 'b', 'c', 'x', 'y', 'a', 'b']);
  });

  it('drops invisible characters inside words (soft hyphen, ZWNJ, BOM, variation selectors)', () => {
    assert.deepEqual(terms('edu\u00adcation', 'en', false), ['education']);
    assert.deepEqual(terms('می\u200cخواهم', 'fa', false), terms('میخواهم', 'fa', false));
    assert.deepEqual(terms('\ufeffalgebra', 'en', false), ['algebra']);
    assert.deepEqual(terms('代\ufe00数', 'zh'), ['代数']);
  });

  it('bounds term length and token count', () => {
    const long = analyze('a'.repeat(10_000), 'en');
    assert.equal(long.length, 1);
    assert.equal(long[0]?.term.length, MAX_TERM_LENGTH);
    assertWellFormed(analyze('𠀀'.repeat(200), 'zh')); // astral Han: cuts keep surrogate pairs whole
    assertWellFormed(analyze('ß'.repeat(100), 'de'));
    assert.equal(analyze('字'.repeat(MAX_TOKENS + 500), 'zh').length, MAX_TOKENS);
    assert.equal(analyze('a '.repeat(MAX_TOKENS + 10), 'und').length, MAX_TOKENS);
  });

  it('tolerates values that are not strings from untyped callers', () => {
    assert.deepEqual(analyze(undefined as unknown as string, 'en'), []);
    assert.deepEqual(analyze('algebra', undefined as unknown as string), [{ term: 'algebra', position: 0 }]);
    assert.deepEqual(exactTerms(null as unknown as string), []);
    assert.equal(foldTerm(42 as unknown as string), '');
  });
});

describe('determinism', () => {
  it('gives the same tokens for the same input, whatever was analyzed before and however full the caches', () => {
    const samples: [string, string][] = [
      ["L'éducation des élèves et l'algèbre", 'fr'],
      ['Learning mathematics with universities', 'en'],
      ['线性代数导论 การเรียนรู้คณิตศาสตร์', 'und'],
      ['الرياضيات والتعليم', 'ar'],
    ];
    const first = samples.map(([t, l]) => analyze(t, l));
    // Fill the English stem cache past both generations with distinct words.
    for (let i = 0; i < 70_000; i += 1) analyze(`word${i.toString(36)}ing`, 'en');
    const again = samples.map(([t, l]) => analyze(t, l));
    assert.deepEqual(again, first);
    assert.deepEqual(exactTerms(samples[0]?.[0] ?? ''), exactTerms(samples[0]?.[0] ?? ''));
  });
});
