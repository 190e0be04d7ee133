// Tests of creator and publisher names: the labeled set of real names (Dublin Core, LOM vCards, JSON-LD),
// ORCID and ROR checksums, inverted and family-first forms, titles, roles, e-mail addresses and ORCIDs in
// names, organisations in several languages, match keys, and hostile input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  agentMatchKey,
  foldName,
  normalizeAgentName,
  normalizeOrcid,
  normalizeRor,
  type AgentKind,
} from '../../src/normalize/agent.js';
import { readLabelTable } from '../support/labels.js';

interface Label {
  readonly line: number;
  readonly input: string;
  readonly name: string;
  readonly sortName: string | undefined;
  readonly kind: AgentKind | null;
  readonly key: string | null;
}

function readLabels(): Label[] {
  const table = readLabelTable(new URL('./agent-labels.tsv', import.meta.url), {
    columns: ['input', 'name', 'sort_name', 'kind', 'match_key', 'note'],
  });
  return table.rows.map((row) => {
    const sortName = row.get('sort_name');
    const kind = row.get('kind');
    const key = row.get('match_key');
    assert.ok(kind === '' || kind === 'Person' || kind === 'Organization', `line ${row.line}: kind`);
    return {
      line: row.line,
      input: row.get('input'),
      name: row.get('name'),
      sortName: sortName === '' ? undefined : sortName,
      kind: kind === '' ? null : kind,
      key: key === '' ? null : key,
    };
  });
}

function expectName(
  input: string,
  name: string,
  kind: AgentKind | null,
  sortName?: string,
  rule?: string,
): ReturnType<typeof normalizeAgentName> {
  const found = normalizeAgentName(input);
  assert.equal(found.name, name, `name of ${JSON.stringify(input)} (${found.rule})`);
  assert.equal(found.kind, kind, `kind of ${JSON.stringify(input)} (${found.rule})`);
  assert.equal(found.sortName, sortName, `sort name of ${JSON.stringify(input)}`);
  if (rule !== undefined) assert.equal(found.rule, rule, `rule of ${JSON.stringify(input)}`);
  assert.equal(found.input, input);
  return found;
}

describe('agent labeled set', () => {
  const labels = readLabels();

  it('gets name, sort name and kind right for at least 98% of the labeled real-world names', (t) => {
    assert.ok(labels.length >= 80, `${labels.length} rows`);
    const misses = labels.filter((l) => {
      const found = normalizeAgentName(l.input);
      return found.name !== l.name || found.sortName !== l.sortName || found.kind !== l.kind;
    });
    const accuracy = (labels.length - misses.length) / labels.length;
    t.diagnostic(
      `agent name accuracy ${(accuracy * 100).toFixed(2)}% (${labels.length - misses.length}/${labels.length})`,
    );
    for (const m of misses) {
      const found = normalizeAgentName(m.input);
      t.diagnostic(
        `miss line ${m.line}: ${m.input} -> ${found.name} | ${found.sortName ?? ''} | ${found.kind ?? 'null'} [${found.rule}]`,
      );
    }
    assert.ok(accuracy >= 0.98, misses.map((m) => m.input).join('\n'));
  });

  it('gives the labeled match key for at least 98% of them', (t) => {
    const misses = labels.filter((l) => agentMatchKey(l.input) !== l.key);
    const accuracy = (labels.length - misses.length) / labels.length;
    t.diagnostic(
      `agent key accuracy ${(accuracy * 100).toFixed(2)}% (${labels.length - misses.length}/${labels.length})`,
    );
    for (const m of misses)
      t.diagnostic(`miss line ${m.line}: ${m.input} -> ${agentMatchKey(m.input) ?? '(null)'}`);
    assert.ok(accuracy >= 0.98, misses.map((m) => m.input).join('\n'));
  });

  it('reads its own display names and sort names back to the same person', () => {
    for (const label of labels) {
      const found = normalizeAgentName(label.input);
      if (found.name === '') continue;
      assert.equal(normalizeAgentName(found.name).name, found.name, label.input);
      if (found.sortName === undefined) continue;
      assert.equal(normalizeAgentName(found.sortName).name, found.name, label.input);
      assert.equal(agentMatchKey(found.sortName), agentMatchKey(label.input), label.input);
    }
  });
});

describe('normalizeOrcid', () => {
  const orcid = 'https://orcid.org/0000-0002-1825-0097';

  it('reads every written form and verifies the ISO 7064 11,2 check character', () => {
    for (const form of [
      '0000-0002-1825-0097',
      'https://orcid.org/0000-0002-1825-0097',
      'http://orcid.org/0000-0002-1825-0097/',
      'orcid.org/0000-0002-1825-0097',
      'https://www.orcid.org/0000-0002-1825-0097',
      'ORCID: 0000-0002-1825-0097',
      'orcid iD 0000 0002 1825 0097',
      '0000000218250097',
    ])
      assert.equal(normalizeOrcid(form), orcid, form);
    assert.equal(normalizeOrcid('0000-0002-3064-147x'), 'https://orcid.org/0000-0002-3064-147X');
  });

  it('refuses wrong check characters, sandbox ids and other shapes', () => {
    for (const bad of [
      '0000-0002-1825-0098',
      '0000-0002-3064-1470',
      'https://sandbox.orcid.org/0000-0002-1825-0097',
      '0000-0002-1825-009',
      '0000-0002-1825-00977',
      'orcid',
      '',
      'javascript:alert(1)',
    ])
      assert.equal(normalizeOrcid(bad), null, bad);
  });
});

describe('normalizeRor', () => {
  it('reads ROR ids and verifies their checksum', () => {
    assert.equal(normalizeRor('https://ror.org/03a1kwz48'), 'https://ror.org/03a1kwz48');
    assert.equal(normalizeRor('ror.org/04xfq0f34'), 'https://ror.org/04xfq0f34');
    assert.equal(normalizeRor('02NR0KA47'), 'https://ror.org/02nr0ka47');
    assert.equal(normalizeRor('http://ror.org/05gq02987/'), 'https://ror.org/05gq02987');
  });

  it('refuses wrong checksums and letters Crockford base32 leaves out', () => {
    for (const bad of [
      'https://ror.org/03a1kwz49',
      '03a1kwz4',
      '13a1kwz48',
      '03a1lwz48',
      '03a1uwz48',
      '',
      'ror.org/licenses/afl-2.1.txt',
    ])
      assert.equal(normalizeRor(bad), null, bad);
  });
});

describe('normalizeAgentName: people', () => {
  it('turns "Family, Given" round and keeps the inverted form as sort name', () => {
    expectName('Müller, Anna', 'Anna Müller', 'Person', 'Müller, Anna', 'person-inverted');
    expectName('Chico, RM', 'R. M. Chico', 'Person', 'Chico, R. M.');
    expectName('Koppens, P.F.J.', 'P. F. J. Koppens', 'Person', 'Koppens, P. F. J.');
    expectName('Dulk, L. den', 'L. den Dulk', 'Person', 'Dulk, L. den');
    expectName('Smith, John, Jr.', 'John Smith Jr.', 'Person', 'Smith, John, Jr.');
    expectName('ARAGAO, WILSON HONORATO', 'WILSON HONORATO ARAGAO', 'Person', 'ARAGAO, WILSON HONORATO');
    expectName('ALMEIDA, MARIA DE FATIMA', 'MARIA DE FATIMA ALMEIDA', 'Person', 'ALMEIDA, MARIA DE FATIMA');
    expectName('FILHO, PIO PENNA', 'PIO PENNA FILHO', 'Person', 'PENNA FILHO, PIO');
  });

  it('reads family-first forms with initials or a patronymic', () => {
    expectName('Glover RE', 'R. E. Glover', 'Person', 'Glover, R. E.', 'person-family-initials');
    expectName('ШЕЙМАН Б.С.', 'Б. С. ШЕЙМАН', 'Person', 'ШЕЙМАН, Б. С.', 'person-family-initials');
    expectName('МАКИЕНКО Н. В.', 'Н. В. МАКИЕНКО', 'Person', 'МАКИЕНКО, Н. В.');
    expectName(
      'Иванов Иван Иванович',
      'Иван Иванович Иванов',
      'Person',
      'Иванов, Иван Иванович',
      'person-family-patronymic',
    );
  });

  it('keeps display-order names, with a sort name only when the family name is clear', () => {
    expectName('Anna Mair', 'Anna Mair', 'Person', 'Mair, Anna', 'person-name');
    expectName('Alice         E. Smith', 'Alice E. Smith', 'Person', 'Smith, Alice E.', 'person-initials');
    expectName('Ludwig van Beethoven', 'Ludwig van Beethoven', 'Person', 'Beethoven, Ludwig van');
    expectName('Juan E. De Castro', 'Juan E. De Castro', 'Person', 'De Castro, Juan E.');
    // Three plain names: a middle name or a double family name? No sort name.
    expectName('Gabriel García Márquez', 'Gabriel García Márquez', 'Person', undefined);
  });

  it('takes titles, degrees and roles out of the name', () => {
    const prof = expectName('Prof. Dr. Anna Müller', 'Anna Müller', 'Person', 'Müller, Anna');
    assert.equal(prof.honorificPrefix, 'Prof. Dr.');
    assert.equal(normalizeAgentName('Dr. rer. nat. Jan Schmidt').honorificPrefix, 'Dr. rer. nat.');
    assert.equal(normalizeAgentName('Dr.-Ing. Jan Schmidt').honorificPrefix, 'Dr.-Ing.');
    assert.equal(normalizeAgentName('Kolb, Dr. Annika').honorificPrefix, 'Dr.');
    const degrees = expectName('Andreas Herrler, DVM, PhD', 'Andreas Herrler', 'Person', 'Herrler, Andreas');
    assert.equal(degrees.honorificSuffix, 'DVM, PhD');
    const role = expectName(
      'Berlin, Irving (Composer, Lyricist)',
      'Irving Berlin',
      'Person',
      'Berlin, Irving',
    );
    assert.deepEqual(role.roles, ['Composer', 'Lyricist']);
    assert.deepEqual(normalizeAgentName('Breternitz, Cory D., EDITOR').roles, ['EDITOR']);
    assert.deepEqual(normalizeAgentName('Müller, Anna (Hrsg.)').roles, ['Hrsg.']);
    // Given names that look like titles are names.
    expectName('Don Smith', 'Don Smith', 'Person', 'Smith, Don');
    expectName('Saalfeld, M. H.', 'M. H. Saalfeld', 'Person', 'Saalfeld, M. H.');
  });

  it('takes e-mail addresses, ORCIDs, author pages and affiliations out and returns them', () => {
    const mail = expectName('Anna Mair <anna.mair@example.org>', 'Anna Mair', 'Person', 'Mair, Anna');
    assert.equal(mail.email, 'anna.mair@example.org');
    const orcid = expectName(
      'Josiah Carberry (ORCID: 0000-0002-1825-0097)',
      'Josiah Carberry',
      'Person',
      'Carberry, Josiah',
    );
    assert.equal(orcid.orcid, 'https://orcid.org/0000-0002-1825-0097');
    const url = expectName(
      'Carberry, Josiah https://orcid.org/0000-0002-1825-0097',
      'Josiah Carberry',
      'Person',
      'Carberry, Josiah',
    );
    assert.equal(url.orcid, 'https://orcid.org/0000-0002-1825-0097');
    const page = normalizeAgentName(
      'Chico, RM <http://researchonline.lshtm.ac.uk/view/creators/105455.html>',
    );
    assert.equal(page.name, 'R. M. Chico');
    assert.equal(page.id, 'http://researchonline.lshtm.ac.uk/view/creators/105455.html');
    const affiliation = expectName(
      'Lauth, Jakob Günter (SciFox)',
      'Jakob Günter Lauth',
      'Person',
      'Lauth, Jakob Günter',
    );
    assert.equal(affiliation.affiliation, 'SciFox');
    const ror = normalizeAgentName('Hochschulbibliothekszentrum (https://ror.org/03a1kwz48)');
    assert.equal(ror.ror, 'https://ror.org/03a1kwz48');
    // A wrong ORCID check character is not an ORCID.
    assert.equal(normalizeAgentName('Josiah Carberry (ORCID: 0000-0002-1825-0098)').orcid, undefined);
  });

  it('drops "et al." and leaves lists of several people whole', () => {
    expectName(
      'Michelle Spence et al.',
      'Michelle Spence',
      'Person',
      'Spence, Michelle',
      'person-name+et-al',
    );
    expectName(
      'Mani, G and Annadurai, K and Danasekaran, R',
      'Mani, G and Annadurai, K and Danasekaran, R',
      null,
      undefined,
      'several-names',
    );
    expectName(
      'Daniel W. Cranston, Douglas B. West',
      'Daniel W. Cranston, Douglas B. West',
      null,
      undefined,
      'several-names',
    );
    expectName('Chico, RM; Drasbek, C', 'Chico, RM; Drasbek, C', null, undefined, 'several-names');
  });
});

describe('normalizeAgentName: organisations', () => {
  it('recognises organisations by words in many languages and by legal forms', () => {
    for (const name of [
      'Universität Tübingen',
      'University of Cape Town',
      'Université de Montréal',
      'Universidade Federal do Rio Grande do Sul',
      'Ministerio de Educación',
      'Bundesministerium für Bildung und Forschung',
      'Landesmedienzentrum Baden-Württemberg',
      'Stichting Kennisnet',
      'Open Universiteit Nederland',
      'Wikimedia Deutschland e.V.',
      'Cornelsen Verlag GmbH',
      'HotChalk, Inc.',
      'MDPI AG',
      'Jerome H. Remick & Co.',
      'Shodor Education Foundation, Inc.',
      'Гродненский государственный медицинский университет',
      'Харьковское областное отделение Национального олимпийского комитета Украины',
      'جامعة القاهرة',
      '北京大学',
      'Wizara ya Elimu',
    ])
      assert.equal(normalizeAgentName(name).kind, 'Organization', name);
  });

  it('keeps an organisation name whole, with its acronym and place qualifier', () => {
    expectName('Oxford University Press (OUP)', 'Oxford University Press (OUP)', 'Organization');
    expectName('Public Broadcasting Service (U.S.)', 'Public Broadcasting Service (U.S.)', 'Organization');
    const role = expectName(
      'Arizona. Department of Water Resources (Author)',
      'Arizona. Department of Water Resources',
      'Organization',
    );
    assert.deepEqual(role.roles, ['Author']);
    expectName(
      'International Business School\\, Hanze University',
      'International Business School, Hanze University',
      'Organization',
    );
    expectName(
      'Simposio de Plantas Medicinais do Brasil (8. : 1984 : Manaus)',
      'Simposio de Plantas Medicinais do Brasil (8. : 1984 : Manaus)',
      'Organization',
      undefined,
      'meeting',
    );
  });

  it('does not make a person an organisation because of the affiliation in brackets', () => {
    const found = expectName(
      'Puseman, Kathryn, AUTHOR (PaleoResearch Institute)',
      'Kathryn Puseman',
      'Person',
      'Puseman, Kathryn',
    );
    assert.equal(found.affiliation, 'PaleoResearch Institute');
  });

  it('is conservative: null when a name could be either', () => {
    for (const name of ['Brill', 'SURFnet', 'OpenStax', 'Taylor and Francis', 'PH Freiburg', 'HDR MILANO'])
      assert.equal(normalizeAgentName(name).kind, null, name);
  });
});

describe('normalizeAgentName: placeholders and hostile input', () => {
  it('gives an empty name for values that name nobody', () => {
    for (const value of ['', '   ', '-', 'n.a.', 'N/A', 'unknown', 'Anonymous', 'admin Admin', '.', '???'])
      assert.equal(normalizeAgentName(value).name, '', value);
    const mail = normalizeAgentName('julie.martini@education.gouv.fr');
    assert.equal(mail.name, '');
    assert.equal(mail.email, 'julie.martini@education.gouv.fr');
    assert.equal(mail.rule, 'identifier-only');
  });

  it('removes control characters and collapses whitespace', () => {
    expectName('Müller,\u0000 Anna\u202e', 'Anna Müller', 'Person', 'Müller, Anna');
    expectName('  Mann,\n\t   KD  ', 'K. D. Mann', 'Person', 'Mann, K. D.');
  });

  it('keeps markup as text, never as structure', () => {
    const found = normalizeAgentName('<script>alert(1)</script> Smith, John');
    assert.ok(!found.name.includes('<script>') || found.kind === null, found.name);
    assert.equal(normalizeAgentName('javascript:alert(1)').kind, null);
  });

  it('refuses very long values quickly', () => {
    assert.equal(normalizeAgentName('A'.repeat(5000)).rule, 'too-long');
    const start = process.hrtime.bigint();
    for (const value of [
      '(('.repeat(900),
      `${'Smith, '.repeat(280)}John`,
      `${'a.'.repeat(900)}@b`,
      'Dr. '.repeat(450),
    ])
      normalizeAgentName(value);
    assert.ok(process.hrtime.bigint() - start < 200_000_000n, 'pathological values stay fast');
  });
});

describe('agentMatchKey', () => {
  it('gives "family given-initial" for people, whatever the written form', () => {
    for (const form of [
      'Müller, Anna',
      'Anna Müller',
      'Prof. Dr. Anna Müller',
      'MÜLLER, ANNA',
      'A. Müller',
      'Muller, A.',
      'Müller, Anna (Hrsg.)',
    ])
      assert.equal(agentMatchKey(form), 'muller a', form);
    assert.equal(agentMatchKey('Ludwig van Beethoven'), agentMatchKey('Beethoven, Ludwig van'));
    assert.equal(agentMatchKey('Dimitri Van Ryckeghem'), agentMatchKey('van Ryckeghem, Dimitri'));
    assert.equal(agentMatchKey('Glover RE'), agentMatchKey('Glover, R. E.'));
    assert.equal(agentMatchKey('ШЕЙМАН Б.С.'), 'шеиман б');
    assert.notEqual(agentMatchKey('Müller, Anna'), agentMatchKey('Müller, Bernd'));
  });

  it('folds organisations to their words and is null when nothing is left', () => {
    assert.equal(agentMatchKey('Universität  Tübingen'), 'universitat tubingen');
    assert.equal(agentMatchKey(''), null);
    assert.equal(agentMatchKey('n.a.'), null);
  });

  it('folds diacritics only on Latin, Greek and Cyrillic letters', () => {
    assert.equal(foldName('Ærø Łódź Straße ё'), 'aero lodz strasse е');
    assert.equal(foldName('गतिविधियाँ'), 'गतिविधियाँ');
  });
});
