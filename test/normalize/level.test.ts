// Tests of the education-level normalizer: the labeled set of real-world statements, and the rules one by one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { levelsFromAgeRange, normalizeLevel, TERM_CONFLICTS } from '../../src/normalize/level.js';
import { readLevelLabels, scoreLevels } from './level-support.js';

function expectLevel(input: string, value: readonly string[] | null, rule?: string): void {
  const found = normalizeLevel(input);
  assert.deepEqual(found.value, value, `value of ${JSON.stringify(input)} [${found.rule}]`);
  if (rule !== undefined) assert.equal(found.rule, rule, `rule of ${JSON.stringify(input)}`);
  assert.equal(found.input, input);
}

function expectAge(input: string, value: readonly string[] | null, rule?: string): void {
  const found = levelsFromAgeRange(input);
  assert.deepEqual(found.value, value, `value of ${JSON.stringify(input)} [${found.rule}]`);
  if (rule !== undefined) assert.equal(found.rule, rule, `rule of ${JSON.stringify(input)}`);
  assert.equal(found.input, input);
}

describe('education-level labeled set', () => {
  it('reads at least 90% of the labeled real-world statements exactly', (t) => {
    const labels = readLevelLabels('./level-labels.tsv');
    assert.ok(labels.length >= 250, `${labels.length} rows`);
    assert.equal(new Set(labels.map((l) => l.input)).size, labels.length, 'no duplicate inputs');
    const score = scoreLevels(labels);
    t.diagnostic(
      `education-level accuracy ${(score.accuracy * 100).toFixed(2)}% (${score.correct}/${score.total})`,
    );
    for (const miss of score.misses) t.diagnostic(`miss ${miss}`);
    assert.ok(score.accuracy >= 0.9, score.misses.join('\n'));
  });

  it('covers the languages the brief names', () => {
    const inputs = readLevelLabels('./level-labels.tsv').map((l) => l.input);
    const scripts: [string, RegExp][] = [
      ['Cyrillic', /\p{Script=Cyrillic}/u],
      ['Arabic', /\p{Script=Arabic}/u],
      ['Han', /\p{Script=Han}/u],
    ];
    for (const [name, pattern] of scripts) {
      assert.ok(inputs.filter((i) => pattern.test(i)).length >= 10, `${name} rows`);
    }
  });
});

describe('term tables', () => {
  it('have no phrase that folds onto another phrase of a different meaning', () => {
    assert.deepEqual(TERM_CONFLICTS, []);
  });
});

describe('normalizeLevel: the examples of the brief', () => {
  it('reads stages, grades and degrees in many languages', () => {
    expectLevel('K-12', ['0', '1', '2', '3']);
    expectLevel('undergraduate', ['6']);
    expectLevel('Sekundarstufe I', ['2']);
    expectLevel('Sekundarstufe II', ['3']);
    expectLevel('1º ESO', ['2']);
    expectLevel('licence', ['6']);
    expectLevel('master', ['7']);
    expectLevel('posgrado', ['7', '8']);
    expectLevel('doctorado', ['8']);
    expectLevel('vocational training', ['3', '4', '5']);
    expectLevel('Grundschule', ['1']);
    expectLevel('primaria', ['1']);
    expectLevel('secundaria', ['2', '3']);
    expectLevel('bachillerato', ['3']);
    expectLevel('ensino médio', ['3']);
    expectLevel('Kindergarten', ['0']);
  });

  it('says nothing for statements without a level', () => {
    expectLevel('all', null, 'no-level');
    expectLevel('general', null, 'no-level');
    expectLevel('xyzzy qwerty', null, 'no-match');
    expectLevel('', null, 'empty');
    expectLevel('   ', null, 'empty');
    expectLevel('Adult education', null, 'not-a-level');
    expectLevel('Förderschule', null, 'not-a-level');
  });
});

describe('normalizeLevel: grades and their numbering systems', () => {
  it('reads generic grades as 1-6 primary, 7-9 lower and 10-12 upper secondary', () => {
    expectLevel('Grade 7', ['2'], 'grade:generic');
    expectLevel('grades 6-8', ['1', '2'], 'grade:generic');
    expectLevel('7th grade', ['2']);
    expectLevel('Grade 3 - Grade 5', ['1']);
    expectLevel('year 9', ['2']);
    expectLevel('preK', ['0']);
    expectLevel('Grades K-5', ['0', '1']);
    expectLevel('K12', ['0', '1', '2', '3']);
  });

  it("lets a country's grade word decide by its own system", () => {
    expectLevel('Klasse 5-6', ['2'], 'grade:de');
    expectLevel('Jahrgangsstufe 9', ['2'], 'grade:de');
    expectLevel('Schulstufe 9', ['3'], 'grade:at');
    expectLevel('5 класс', ['2'], 'grade:ru');
    expectLevel('groep 2', ['0'], 'grade:nlGroep');
    expectLevel('6e', ['2'], 'grade:frInverse');
    expectLevel('2nde', ['3']);
    expectLevel('cycle 3', ['1', '2'], 'grade:frCycle');
    expectLevel('3º ciclo', ['2'], 'grade:ptCiclo');
    expectLevel('KS3', ['2'], 'grade:keyStage');
    expectLevel('bac+3', ['6'], 'grade:bacPlus');
  });

  it('lets a named stage number its own grades', () => {
    expectLevel('6º ano do ensino fundamental', ['2'], 'stage-grade:fundamental');
    expectLevel('5º ano do ensino fundamental', ['1'], 'stage-grade:fundamental');
    expectLevel('havo 4', ['3'], 'stage-grade:nlVo');
    expectLevel('secondaire 3', ['2']);
    expectLevel('Middle School (6-8)', ['2']);
    expectLevel('1º ano do ensino médio', ['3']);
    expectLevel('初中一年级', ['2']);
  });

  it("reads a university's first years as the bachelor's, and classes listed after a French cycle as classes", () => {
    expectLevel('대학교 1학년', ['6'], 'university-year');
    expectLevel('university year 1', ['6'], 'university-year');
    expectLevel('university', ['6', '7', '8'], 'term');
    expectLevel('Cycle 4 (5e, 4e, 3e)', ['2'], 'grade:frInverse');
    expectLevel('cycle 3', ['1', '2'], 'grade:frCycle');
  });

  it('leaves a bare number or range alone', () => {
    expectLevel('7', null, 'bare-number');
    expectLevel('9-12', null, 'bare-number');
    expectLevel('terminale STI2D', ['3']);
  });
});

describe('normalizeLevel: combining terms', () => {
  it('narrows nesting terms and adds up the others', () => {
    expectLevel('WO - Bachelor', ['6']);
    expectLevel('Hochschule, Master', ['7']);
    expectLevel('Primary and secondary', ['1', '2', '3']);
    expectLevel('Sekundarstufe I und II', ['2', '3']);
    expectLevel('Sek I/II', ['2', '3']);
  });

  it('adds up the parts of a list', () => {
    expectLevel('high-school|community-college-lower-division|adult-education', ['3', '5', '6']);
    expectLevel('Primarstufe; Sekundarstufe I', ['1', '2']);
  });
});

describe('normalizeLevel: ISCED codes and concept URIs', () => {
  it('reads ISCED codes of 2011 and 1997', () => {
    expectLevel('ISCED 2011, Level 3', ['3'], 'isced-2011');
    expectLevel('ISCED-1997:5', ['5', '6', '7'], 'isced-1997');
    expectLevel('ISCED 24', ['2']);
    expectLevel('ISCED 0-3', ['0', '1', '2', '3']);
  });

  it('reads the concept URIs of the vocabularies', () => {
    expectLevel('http://w3id.org/kim/educationalLevel/level_3', ['3'], 'uri:kim-educationalLevel');
    expectLevel('https://w3id.org/kim/educationalLevel/level_A', ['6', '7', '8']);
    expectLevel(
      'https://w3id.org/kim/educationalLevel/level_C',
      null,
      'uri:kim-educationalLevel:not-a-level',
    );
    expectLevel('https://w3id.org/kim/isced-2011/level5', ['5'], 'uri:isced-2011');
    expectLevel('https://w3id.org/kim/isced-1997/level6', ['8'], 'uri:isced-1997');
    expectLevel('http://w3id.org/openeduhub/vocabs/educationalContext/grundschule', ['1']);
    expectLevel('http://w3id.org/openeduhub/vocabs/educationalLevel/5', ['2'], 'uri:oeh-educationalLevel');
    expectLevel('http://w3id.org/openeduhub/vocabs/lom_educational-context/training', ['3', '4', '5']);
    expectLevel(
      'http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-022-num-195',
      ['5'],
      'uri:scolomfr',
    );
    expectLevel('https://oerworldmap.org/assets/json/sectors.json#earlyChildhood', ['0']);
  });

  it('reads the last segment of an unknown URI as text', () => {
    expectLevel('http://example.org/levels/HigherEducation', ['5', '6', '7', '8'], 'uri-tail:term');
    expectLevel('https://w3id.org/kim/hcrt/video', null, 'unknown-uri');
  });
});

describe('normalizeLevel: ages written in a level statement', () => {
  it('reads ages by typical entry ages', () => {
    expectLevel('ages 8-10', ['1'], 'age');
    expectLevel('10 à 12 ans', ['1', '2'], 'age');
    expectLevel('ab 10 Jahren', ['1', '2', '3']);
    expectLevel('13+', ['2', '3']);
    expectLevel('18+', null, 'age-adult');
  });
});

describe('levelsFromAgeRange', () => {
  it('reads LOM and LRMI age ranges as half-open ranges', () => {
    expectAge('10-14', ['1', '2'], 'age');
    expectAge('7-9', ['1']);
    expectAge('6-11 ans', ['1']);
    expectAge('11-15 ans', ['2']);
    expectAge('3-6 ans', ['0']);
    expectAge('7', ['1']);
  });

  it('reads open ranges', () => {
    expectAge('8+', ['1', '2', '3']);
    expectAge('10-', ['1', '2', '3']);
    expectAge('U18', ['0', '1', '2', '3']);
    expectAge('a partir de 12 anos', ['2', '3']);
    expectAge('>15', ['3']);
  });

  it('says nothing for adults', () => {
    expectAge('adults', null, 'age-adult');
    expectAge('18-', null, 'age-adult');
    expectAge('18-80', null, 'age-adult');
    expectAge('', null, 'empty');
  });

  it('reads a stage written in the age field as a stage', () => {
    expectAge('Ensino Fundamental', ['1', '2']);
    expectAge('1 ano ensino médio', ['3']);
    expectAge('estudante universitário', ['6', '7', '8']);
  });
});

describe('results', () => {
  it('are frozen, sorted lists of single-digit levels, and the same for the same input', () => {
    const first = normalizeLevel('Grades 6-12');
    const again = normalizeLevel('Grades 6-12');
    assert.deepEqual(first, again);
    assert.ok(Object.isFrozen(first));
    assert.ok(first.value !== null && Object.isFrozen(first.value));
    assert.deepEqual(first.value, ['1', '2', '3']);
  });

  it('stay right after the cache has been filled past its bound', () => {
    for (let i = 0; i < 5000; i += 1) normalizeLevel(`grade ${i % 13} #${i}`);
    expectLevel('Grade 7', ['2']);
    expectLevel('grade 12 #4999', ['3']);
  });
});

describe('robustness', () => {
  it('never throws and always returns valid levels, whatever the input', () => {
    // A deterministic generator of odd strings: digits, separators, markers, scripts, marks and junk.
    const pieces = [
      'grade',
      'Klasse',
      '-',
      '+',
      '/',
      '|',
      ';',
      '1',
      '12',
      '2011',
      'º',
      'e',
      ' ',
      'K',
      'U',
      'ISCED',
    ];
    pieces.push(
      'ans',
      'años',
      'école',
      'ثانوي',
      '年级',
      '十',
      'класс',
      '\u0301',
      '\uFFFD',
      '\u0000',
      '<b>',
      '&amp;',
    );
    pieces.push('http://', 'level_', '#', '.', '3.5', 'ab', 'bis', 'from', 'до', '𝟙', '\uD83D\uDE00', 'ⅱ');
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let i = 0; i < 3000; i += 1) {
      let text = '';
      const length = next() % 12;
      for (let k = 0; k < length; k += 1) text += pieces[next() % pieces.length] ?? '';
      for (const found of [normalizeLevel(text), levelsFromAgeRange(text)]) {
        assert.equal(found.input, text);
        assert.ok(found.rule.length > 0);
        if (found.value !== null) {
          assert.ok(found.value.length > 0);
          for (const level of found.value) assert.match(level, /^[0-8]$/);
        }
      }
    }
  });

  it('reads only the start of an overlong statement', () => {
    const found = normalizeLevel(`Grade 7 ${'xyzzy '.repeat(20000)} university`);
    assert.deepEqual(found.value, ['2']);
  });
});
