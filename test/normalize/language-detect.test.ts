import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_DETECTION_CANDIDATES, detectLanguage } from '../../src/normalize/language.js';
import { readDetectionCorpus } from '../support/labels.js';
import { ownTexts, wordCount, type LabeledText } from './language-corpus.js';

function check(text: string, value: string | null, rule?: string, candidates?: readonly string[]): void {
  const found = detectLanguage(text, candidates === undefined ? undefined : { candidates });
  assert.equal(found.value, value, `${JSON.stringify(text.slice(0, 60))} [${found.rule}]`);
  if (rule !== undefined) assert.equal(found.rule, rule, JSON.stringify(text.slice(0, 60)));
}

describe('language detection labeled set', () => {
  it('detects at least 95% of the labeled texts of 20 words or more, in 15 languages or more', async (t) => {
    const set = await readDetectionCorpus();
    if (set.status === 'missing') assert.fail(set.reason);
    const corpus = set.items;
    const own = ownTexts();
    const texts: LabeledText[] = [...corpus, ...own];
    const languages = new Set(texts.map((x) => x.expected));
    assert.ok(texts.length >= 200, `${texts.length} texts`);
    assert.ok(corpus.length >= 100, `${corpus.length} corpus texts`);
    assert.ok(languages.size >= 15, `${languages.size} languages`);
    for (const un of ['ar', 'en', 'es', 'fr', 'ru', 'zh']) assert.ok(languages.has(un), `has ${un}`);
    for (const x of texts)
      assert.ok(wordCount(x.text) >= 20, `${x.source}: 20 words in ${x.text.slice(0, 40)}`);

    const perLanguage = new Map<string, { ok: number; all: number }>();
    const misses: string[] = [];
    for (const x of texts) {
      const found = detectLanguage(x.text);
      const tally = perLanguage.get(x.expected) ?? { ok: 0, all: 0 };
      tally.all++;
      if (found.value === x.expected) tally.ok++;
      else
        misses.push(`${x.source} (${x.label}) ${x.expected} -> ${found.value ?? '(null)'} [${found.rule}]`);
      perLanguage.set(x.expected, tally);
    }
    const accuracy = (texts.length - misses.length) / texts.length;
    const ownOk = own.filter((x) => detectLanguage(x.text).value === x.expected).length;
    t.diagnostic(
      `detection accuracy ${(accuracy * 100).toFixed(2)}% (${texts.length - misses.length}/${texts.length} texts, ` +
        `${languages.size} languages; corpus ${corpus.length}, own ${own.length} of which ${ownOk} right)`,
    );
    t.diagnostic(
      [...perLanguage]
        .sort((a, b) => b[1].all - a[1].all)
        .map(([language, { ok, all }]) => `${language} ${ok}/${all}`)
        .join(', '),
    );
    for (const miss of misses) t.diagnostic(`miss ${miss}`);
    assert.ok(accuracy >= 0.95, misses.join('\n'));
  });
});

describe('detectLanguage: too little text', () => {
  it('never guesses on fewer than 3 words or 20 letters', () => {
    check('', null, 'too-short');
    check('Algebra', null, 'too-short');
    check('Hello world', null, 'too-short');
    check('Estadística descriptiva', null, 'too-short');
    check('统计学', null, 'too-short');
    check('2021-05-03 12:00 1234 5678', null, 'too-short');
    check('线性代数导论', null, 'too-short');
    check('https://example.org/a/very/long/address/with/many/words/in/it', null, 'too-short');
  });

  it('decides once there is enough text', () => {
    check('Introduction to linear algebra for engineering students', 'en', 'detector');
    check('Introducción al álgebra lineal para estudiantes de ingeniería', 'es', 'detector');
  });
});

describe('detectLanguage: by script', () => {
  it('settles scripts used by one language, and Han with or without kana', () => {
    check('本课程介绍描述统计学的基本概念，包括集中趋势和离散程度。', 'zh', 'script:Hani');
    check('このコースでは記述統計の基本的な考え方を学びます。', 'ja', 'script:Kana');
    check('이 강좌는 기술 통계의 기본 개념을 소개합니다.', 'ko', 'script:Hang');
    check('รายวิชานี้แนะนำแนวคิดพื้นฐานของสถิติเชิงพรรณนา', 'th', 'script:Thai');
    check('ეს კურსი წარმოგიდგენთ აღწერითი სტატისტიკის საფუძვლებს', 'ka', 'script:Geor');
    check('Այս դասընթացը ներկայացնում է նկարագրական վիճակագրության հիմունքները', 'hy', 'script:Armn');
    check('Αυτό το μάθημα παρουσιάζει τις βασικές έννοιες της στατιστικής', 'el', 'script:Grek');
  });

  it('lets the detector choose among the candidates written in a shared script', () => {
    check('يقدم هذا المقرر مدخلا إلى علم الإحصاء الوصفي ويشرح مقاييس النزعة المركزية', 'ar', 'detector');
    check('این دوره دانشجویان را با مفاهیم پایه آمار توصیفی آشنا می‌کند', 'fa', 'detector');
    check('یہ کورس طلبہ کو وضاحتی شماریات کے بنیادی تصورات سے متعارف کراتا ہے', 'ur', 'detector');
    check('Этот курс знакомит студентов с основами описательной статистики', 'ru', 'detector');
    check('Цей курс знайомить студентів з основами описової статистики', 'uk', 'detector');
  });

  it('reads text with a few words of another script by its main script', () => {
    check('本视频课程演示如何用Python编写简单的程序，内容涵盖变量、循环、函数和列表。', 'zh');
    check('This lesson introduces the Japanese word 学校 and other everyday school vocabulary.', 'en');
  });
});

describe('detectLanguage: candidates', () => {
  const portuguese = 'Este curso apresenta aos estudantes os conceitos básicos da estatística descritiva.';

  it('only answers with a candidate, under the code the caller uses', () => {
    check(portuguese, 'pt', 'detector', ['pt', 'gl', 'es']);
    check(
      'Dette kurset gir en innføring i grunnleggende begreper i beskrivende statistikk.',
      'nb',
      undefined,
      ['nb', 'sv', 'da'],
    );
    check('Этот курс знакомит студентов с основами описательной статистики', null, 'no-candidate', [
      'en',
      'fr',
    ]);
    check(portuguese, 'en', 'script:Latn', ['en', 'ru']);
  });

  it('defaults to a broad set of languages common in OER', () => {
    assert.ok(DEFAULT_DETECTION_CANDIDATES.length >= 40);
    for (const un of ['ar', 'en', 'es', 'fr', 'ru', 'zh'])
      assert.ok(DEFAULT_DETECTION_CANDIDATES.includes(un));
  });
});

describe('detectLanguage: no clear winner', () => {
  it('says uncertain for text that is no language', () => {
    check('function foo(bar) { return bar + 1; } const x = foo(2); console.log(x);', null, 'uncertain');
    check(
      'Mathematik Mathematics Matemáticas Mathématiques Matematica Математика Wiskunde',
      null,
      'uncertain',
    );
    check('asdf qwer zxcv uiop hjkl bnm tyu ghj vbn rty fgh cvb', null, 'uncertain');
  });

  it('is deterministic and reports its confidence', () => {
    const text =
      'Ce cours présente les notions de base de la statistique descriptive et de nombreux exemples.';
    const first = detectLanguage(text);
    assert.equal(first.value, 'fr');
    assert.ok(first.confidence !== undefined && first.confidence > 0.4 && first.confidence <= 1);
    for (let i = 0; i < 5; i++) assert.deepEqual(detectLanguage(text), first);
  });
});
