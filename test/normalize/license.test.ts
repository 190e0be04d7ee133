import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LICENSE_GROUPS } from '../../src/domain/profile.js';
import { licenseValue, normalizeLicense, normalizeLicenseText } from '../../src/normalize/license.js';
import { readLabelTable } from '../support/labels.js';

const CC = 'https://creativecommons.org/licenses/';
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const PDM = 'https://creativecommons.org/publicdomain/mark/1.0/';
const ASSUMED = ' (no version: 4.0 assumed)';

interface Label {
  readonly line: number;
  readonly input: string;
  readonly value: string | null;
  readonly group: string;
}

function readLabels(): Label[] {
  const table = readLabelTable(new URL('./license-labels.tsv', import.meta.url), {
    columns: ['input', 'expected_value', 'expected_group'],
  });
  return table.rows.map((row) => {
    const value = row.get('expected_value');
    return {
      line: row.line,
      input: row.get('input'),
      value: value === '' ? null : value,
      group: row.get('expected_group'),
    };
  });
}

function expectText(input: string, value: string | null, group: string, rule?: string): void {
  const found = normalizeLicenseText(input);
  assert.equal(found.value, value, `value of ${JSON.stringify(input)}`);
  assert.equal(found.group, group, `group of ${JSON.stringify(input)}`);
  if (rule !== undefined) assert.equal(found.rule, rule, `rule of ${JSON.stringify(input)}`);
  assert.equal(found.input, input);
}

describe('licence labeled set', () => {
  it('normalizes at least 99% of the labeled real-world statements exactly', (t) => {
    const labels = readLabels();
    assert.ok(labels.length >= 300, `${labels.length} rows`);
    const misses: string[] = [];
    for (const label of labels) {
      assert.ok((LICENSE_GROUPS as readonly string[]).includes(label.group), `line ${label.line}: group`);
      const found = normalizeLicenseText(label.input);
      if (found.value !== label.value || found.group !== label.group) {
        misses.push(
          `line ${label.line}: ${JSON.stringify(label.input)} -> ${found.value ?? '(none)'} ${found.group} [${found.rule}]`,
        );
      }
    }
    const accuracy = (labels.length - misses.length) / labels.length;
    t.diagnostic(
      `licence accuracy ${(accuracy * 100).toFixed(2)}% (${labels.length - misses.length}/${labels.length})`,
    );
    for (const miss of misses) t.diagnostic(`miss ${miss}`);
    assert.ok(accuracy >= 0.99, misses.join('\n'));
  });
});

describe('normalizeLicenseText: Creative Commons addresses', () => {
  it('reads deed, legal code and ported addresses in every shape', () => {
    expectText('http://creativecommons.org/licenses/by-nc/3.0/de/', `${CC}by-nc/3.0/de/`, 'by-nc', 'cc-url');
    expectText(
      'https://www.creativecommons.org/licenses/by-sa/4.0/deed.fr',
      `${CC}by-sa/4.0/`,
      'by-sa',
      'cc-url',
    );
    expectText('https://creativecommons.org/licenses/by/4.0/legalcode.de', `${CC}by/4.0/`, 'by', 'cc-url');
    expectText(
      'creativecommons.org/licenses/by-nd/3.0/igo/deed.es',
      `${CC}by-nd/3.0/igo/`,
      'by-nd',
      'cc-url',
    );
    expectText('https://creativecommons.org/licenses/by/4.0/).', `${CC}by/4.0/`, 'by', 'cc-url');
    expectText('licenses/by/4.0', `${CC}by/4.0/`, 'by', 'cc-url');
  });

  it('keeps no port on 4.0, which has none', () => {
    expectText('https://creativecommons.org/licenses/by/4.0/de/', `${CC}by/4.0/`, 'by', 'cc-url');
  });

  it('reads CC0 and the Public Domain Mark', () => {
    expectText('https://creativecommons.org/publicdomain/zero/1.0/legalcode', CC0, 'public-domain', 'cc-url');
    expectText('http://creativecommons.org/publicdomain/mark/1.0/', PDM, 'public-domain', 'cc-url');
  });

  it('reads badge images', () => {
    expectText('i.creativecommons.org/l/by-sa/4.0/88x31.png', `${CC}by-sa/4.0/`, 'by-sa', 'cc-badge-image');
    expectText(
      'https://licensebuttons.net/l/by-nc-nd/3.0/de/88x31.png',
      `${CC}by-nc-nd/3.0/de/`,
      'by-nc-nd',
      'cc-badge-image',
    );
    expectText('https://i.creativecommons.org/p/zero/1.0/88x31.png', CC0, 'public-domain', 'cc-badge-image');
  });

  it('finds the link inside HTML', () => {
    expectText(
      '<a rel="license" href="https://creativecommons.org/licenses/by-nc-sa/4.0/">Lizenz</a>',
      `${CC}by-nc-sa/4.0/`,
      'by-nc-sa',
      'cc-url',
    );
  });

  it('assumes 4.0 for an address without version and says so', () => {
    expectText('https://creativecommons.org/licenses/by-sa/', `${CC}by-sa/4.0/`, 'by-sa', `cc-url${ASSUMED}`);
  });

  it('does not take a licence CC never published', () => {
    expectText('https://creativecommons.org/licenses/by-sa-nd/4.0/', null, 'unknown', 'no-match');
    expectText('https://creativecommons.org/licenses/by/5.0/', null, 'unknown', 'no-match');
  });
});

describe('normalizeLicenseText: short codes and names', () => {
  it('reads badge texts and SPDX-style CC identifiers', () => {
    expectText('CC BY-SA 4.0', `${CC}by-sa/4.0/`, 'by-sa', 'cc-badge-text');
    expectText('CC-BY 3.0 IGO', `${CC}by/3.0/igo/`, 'by', 'cc-badge-text');
    expectText('CC-BY-NC-SA-3.0-DE', `${CC}by-nc-sa/3.0/de/`, 'by-nc-sa', 'cc-badge-text');
    expectText('cc-by-nc-nd', `${CC}by-nc-nd/4.0/`, 'by-nc-nd', `cc-badge-text${ASSUMED}`);
    expectText('cc-by-40', `${CC}by/4.0/`, 'by', 'cc-badge-text');
    expectText('Licensed under CC BY', `${CC}by/4.0/`, 'by', `cc-badge-text${ASSUMED}`);
  });

  it('reads CC0 in its written forms', () => {
    expectText('CC0', CC0, 'public-domain', 'cc0');
    expectText('CC0 1.0 Universal', CC0, 'public-domain', 'cc0');
  });

  it('reads licence names in many languages and names the language', () => {
    const cases: [string, string, string, string][] = [
      ['Namensnennung - Weitergabe unter gleichen Bedingungen', 'by-sa', 'de', '4.0'],
      ['Namensnennung - Keine kommerzielle Nutzung 3.0 Deutschland', 'by-nc', 'de', '3.0/de'],
      ['Paternité - Pas de Modification 2.0 France', 'by-nd', 'fr', '2.0/fr'],
      [
        "Attribution - Pas d'Utilisation Commerciale - Partage dans les Mêmes Conditions",
        'by-nc-sa',
        'fr',
        '4.0',
      ],
      ['Reconocimiento-NoComercial', 'by-nc', 'es', '4.0'],
      ['Atribuição-NãoComercial-CompartilhaIgual 4.0 Internacional', 'by-nc-sa', 'pt', '4.0'],
      ['Attribuzione - Non opere derivate 4.0 Internazionale', 'by-nd', 'it', '4.0'],
      ['Naamsvermelding-NietCommercieel-GeenAfgeleideWerken', 'by-nc-nd', 'nl', '4.0'],
      ['Reconeixement-NoComercial-CompartirIgual', 'by-nc-sa', 'ca', '4.0'],
      ['Uznanie autorstwa-Na tych samych warunkach 3.0 Polska', 'by-sa', 'pl', '3.0/pl'],
      ['Атрибуция-Некоммерческое-БезПроизводных', 'by-nc-nd', 'ru', '4.0'],
      ['نسب المُصنَّف - الترخيص بالمثل', 'by-sa', 'ar', '4.0'],
      ['署名-非商业性使用 4.0 国际', 'by-nc', 'zh', '4.0'],
      ['creative commons: attribution - share alike', 'by-sa', 'en', '4.0'],
    ];
    for (const [input, group, language, path] of cases) {
      const found = normalizeLicenseText(input);
      assert.equal(found.value, `${CC}${group}/${path}/`, input);
      assert.equal(found.group, group, input);
      const versioned = /\d[.,]\d/.test(input);
      assert.equal(found.rule, `cc-name:${language}${versioned ? '' : ASSUMED}`, input);
    }
  });

  it('accepts a name in a sentence only when the sentence names Creative Commons', () => {
    expectText(
      'Dieses Werk ist lizenziert unter einer Creative Commons Namensnennung 4.0 International Lizenz.',
      `${CC}by/4.0/`,
      'by',
      'cc-name:de',
    );
    expectText('Attribution required for every use', null, 'unknown', 'no-match');
  });
});

describe('normalizeLicenseText: other statements', () => {
  it('maps public-domain phrases to the Public Domain Mark', () => {
    for (const input of [
      'Public domain',
      'Domaine public',
      'Dominio público',
      'Gemeinfrei',
      'Domínio público',
    ]) {
      expectText(input, PDM, 'public-domain', 'public-domain-phrase');
    }
  });

  it('maps a dedication to the public domain to CC0, not to the Mark', () => {
    const cc0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
    expectText('Universal Public Domain Dedication', cc0, 'public-domain', 'public-domain-dedication');
    expectText('Dédié au domaine public', cc0, 'public-domain', 'public-domain-dedication');
    expectText('Public domain', PDM, 'public-domain', 'public-domain-phrase');
    // The Open Data Commons dedication has its own SPDX identifier.
    expectText(
      'Public Domain Dedication and License',
      'https://spdx.org/licenses/PDDL-1.0.html',
      'public-domain',
      'spdx-name',
    );
  });

  it('reads RightsStatements.org statements by address and by name, none of them as a licence', () => {
    expectText('http://rightsstatements.org/vocab/InC/1.0/', null, 'restricted', 'rightsstatements:InC');
    expectText('In Copyright - Non-Commercial Use Permitted', null, 'restricted', 'rightsstatements:InC-NC');
    // Free of copyright but bound by a contract: not free to reuse.
    expectText('No Copyright - Contractual Restrictions', null, 'restricted', 'rightsstatements:NoC-CR');
    expectText(
      'https://rightsstatements.org/page/NoC-US/1.0/',
      null,
      'public-domain',
      'rightsstatements:NoC-US',
    );
    expectText('Copyright Undetermined', null, 'unknown', 'rightsstatements:UND');
    // A sentence that only mentions copyright is no rights statement.
    expectText('In copyright until 2040', null, 'restricted', 'copyright-notice');
  });

  it('maps reserved rights to restricted without a URI', () => {
    for (const input of [
      'All rights reserved',
      'Alle Rechte vorbehalten',
      'Tous droits réservés',
      'Todos los derechos reservados',
    ]) {
      expectText(input, null, 'restricted', 'all-rights-reserved');
    }
    expectText('©', null, 'restricted', 'copyright-notice');
    expectText('Copyright (c) 2015 Motricidade', null, 'restricted', 'copyright-notice');
  });

  it('reads reserved rights in scripts written without spaces and in upper-case Turkish', () => {
    // Inside a sentence with no spaces, and with the dotless ı that upper case loses.
    expectText('本サイトの記事の無断転載を禁じます', null, 'restricted', 'all-rights-reserved');
    expectText('TÜM HAKLARI SAKLIDIR', null, 'restricted', 'all-rights-reserved');
    expectText('Tüm hakları saklıdır', null, 'restricted', 'all-rights-reserved');
    // Whole words in Latin script: a longer word holding the phrase is no such statement.
    expectText('Standard YouTube Licensed', null, 'unknown', 'no-match');
  });

  it('reads platform keys, misspelt element words and a version stated after the code', () => {
    expectText('cc-nc-sa', `${CC}by-nc-sa/4.0/`, 'by-nc-sa', 'cc-platform-key (no version: 4.0 assumed)');
    expectText('cc-nd-4.0', `${CC}by-nd/4.0/`, 'by-nd', 'cc-platform-key');
    expectText('ccbysa', `${CC}by-sa/4.0/`, 'by-sa', 'cc-platform-key (no version: 4.0 assumed)');
    expectText('cc', null, 'unknown', 'no-match');
    // One letter off, beside "Creative Commons"; a word of another language's names is never "corrected".
    expectText('Creative Commons Attribuion 4.0 International', `${CC}by/4.0/`, 'by', 'cc-name:en');
    expectText(
      'Creative Commons Attribution-Non-Commerical-Share-alike 4.0',
      `${CC}by-nc-sa/4.0/`,
      'by-nc-sa',
      'cc-name:en',
    );
    expectText(
      "Licence Creative Commons Attribution - Pas d'Utilisation Commerciale 4.0 International",
      `${CC}by-nc/4.0/`,
      'by-nc',
      'cc-name:fr',
    );
    expectText('Licence: CC-BY-NC (version 3.0)', `${CC}by-nc/3.0/`, 'by-nc', 'cc-badge-text');
    expectText('CC BY-SA (version 3.0 Germany)', `${CC}by-sa/3.0/de/`, 'by-sa', 'cc-badge-text');
    // A version before the code belongs to something else.
    expectText('Web 2.0 tools, CC BY', `${CC}by/4.0/`, 'by', 'cc-badge-text (no version: 4.0 assumed)');
  });

  it('reads statements that grant one kind of use only as restricted, in several languages', () => {
    for (const input of [
      'Free for educational use',
      'Licensed for classroom use',
      'Used with permission',
      'Uso exclusivamente educativo',
      'Apenas para fins educacionais',
      'Usage pédagogique uniquement',
      'Nur zur Verwendung im Unterricht.',
      'Alleen voor educatief gebruik',
      'Uso exclusivo con fines educativos',
      'Только для некоммерческого использования в учебных целях',
      'للاستخدام التعليمي فقط',
      '仅供教学使用，不得用于商业用途',
    ]) {
      expectText(input, null, 'restricted', 'use-restricted');
    }
    expectText('Free to use', null, 'unknown', 'no-match');
    expectText('Uso libre', null, 'unknown', 'no-match');
  });

  it('reads a JSON-LD licence object, a meta element and Persian digits', () => {
    expectText(
      '{"@type": "CreativeWork", "name": "Attribution-NonCommercial-ShareAlike 4.0 International"}',
      `${CC}by-nc-sa/4.0/`,
      'by-nc-sa',
      'cc-name:en',
    );
    expectText(
      '<meta name="DC.rights" content="https://creativecommons.org/licenses/by-nc-nd/2.0/uk/">',
      `${CC}by-nc-nd/2.0/uk/`,
      'by-nc-nd',
      'cc-url',
    );
    expectText('انتساب-غیرتجاری-اشتراک همسان ۴٫۰ بین‌المللی', `${CC}by-nc-sa/4.0/`, 'by-nc-sa', 'cc-name:fa');
    expectText(
      'Priodoliad-AnFasnachol-RhannuYnGyfartal 2.0 Cymru a Lloegr',
      `${CC}by-nc-sa/2.0/uk/`,
      'by-nc-sa',
      'cc-name:cy',
    );
    expectText('נחלת הכלל', PDM, 'public-domain', 'public-domain-phrase');
    expectText(
      'Attribution-NonCommercial 2.0 UK: England & Wales',
      `${CC}by-nc/2.0/uk/`,
      'by-nc',
      'cc-name:en',
    );
  });

  it('finds a port named in Chinese inside the licence name', () => {
    expectText('知识共享署名 3.0 中国大陆许可协议', `${CC}by/3.0/cn/`, 'by', 'cc-name:zh');
    expectText('クリエイティブ・コモンズ 表示 2.1 日本 ライセンス', `${CC}by/2.1/jp/`, 'by', 'cc-name:ja');
  });

  it('prefers a licence over a copyright notice in the same statement', () => {
    expectText('© 2020 Universität Hamburg, CC BY-SA 4.0', `${CC}by-sa/4.0/`, 'by-sa', 'cc-badge-text');
  });

  it('maps other open licences to SPDX URIs', () => {
    expectText('MIT', 'https://spdx.org/licenses/MIT.html', 'other-open', 'spdx-id');
    expectText('GPL-3.0', 'https://spdx.org/licenses/GPL-3.0-only.html', 'other-open', 'spdx-id');
    expectText('Licence Ouverte 2.0', 'https://spdx.org/licenses/etalab-2.0.html', 'other-open', 'spdx-name');
    expectText(
      'https://www.govdata.de/dl-de/by-2-0',
      'https://spdx.org/licenses/DL-DE-BY-2.0.html',
      'other-open',
      'spdx-url',
    );
    expectText('OGL-UK-3.0', 'https://spdx.org/licenses/OGL-UK-3.0.html', 'other-open', 'spdx-id');
  });

  it('never guesses', () => {
    expectText('', null, 'unknown', 'empty');
    expectText('   ', null, 'unknown', 'empty');
    expectText('unknown', null, 'unknown', 'unknown-phrase');
    expectText('Open Access', null, 'unknown', 'no-match');
    expectText('Creative Commons', null, 'unknown', 'no-match');
    expectText('info:eu-repo/semantics/openAccess', null, 'unknown', 'no-match');
  });
});

describe('normalizeLicense: one record', () => {
  it('picks the most specific of agreeing statements', () => {
    const found = normalizeLicense(['CC BY-SA', 'https://creativecommons.org/licenses/by-sa/3.0/de/']);
    assert.deepEqual(found, { value: `${CC}by-sa/3.0/de/`, group: 'by-sa', rule: 'cc-url' });
  });

  it('ignores statements that say nothing', () => {
    const found = normalizeLicense(['Open Access', 'CC BY 4.0']);
    assert.deepEqual(found, { value: `${CC}by/4.0/`, group: 'by', rule: 'cc-badge-text' });
  });

  it('lets a licence stand beside a copyright notice', () => {
    const found = normalizeLicense([
      'Copyright (c) 2015 Motricidade',
      'http://creativecommons.org/licenses/by/4.0/',
    ]);
    assert.deepEqual(found, { value: `${CC}by/4.0/`, group: 'by', rule: 'cc-url' });
    assert.equal(normalizeLicense(['© 2019 Someone']).group, 'restricted');
  });

  it('keeps the stricter of disagreeing statements and reports every one', () => {
    const found = normalizeLicense(['https://creativecommons.org/licenses/by/4.0/', 'CC BY-NC-SA 4.0']);
    assert.equal(found.value, `${CC}by-nc-sa/4.0/`);
    assert.equal(found.group, 'by-nc-sa');
    assert.deepEqual(
      found.conflicts?.map((c) => [c.statement, c.group]),
      [
        ['https://creativecommons.org/licenses/by/4.0/', 'by'],
        ['CC BY-NC-SA 4.0', 'by-nc-sa'],
      ],
    );
    const reserved = normalizeLicense(['CC0', 'Alle Rechte vorbehalten']);
    assert.equal(reserved.group, 'restricted');
    assert.equal(reserved.value, null);
    assert.equal(reserved.conflicts?.length, 2);
  });

  it('is unknown when no statement is recognised', () => {
    assert.deepEqual(normalizeLicense([]), { value: null, group: 'unknown', rule: 'empty' });
    assert.deepEqual(normalizeLicense(['', ' ']), { value: null, group: 'unknown', rule: 'empty' });
    assert.deepEqual(normalizeLicense(['Open Access']), { value: null, group: 'unknown', rule: 'no-match' });
  });
});

describe('licenseValue: the profile shape', () => {
  it('gives id, group, the statements as given and the conflict flag', () => {
    assert.deepEqual(licenseValue([' CC BY 4.0 ', 'CC BY-ND 4.0']), {
      id: `${CC}by-nd/4.0/`,
      group: 'by-nd',
      original: [' CC BY 4.0 ', 'CC BY-ND 4.0'],
      conflict: true,
    });
    assert.deepEqual(licenseValue(['']), { group: 'unknown' });
  });
});
