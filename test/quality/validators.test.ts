// The single-value validity tests behind the quality checks, on values of the kinds repositories publish.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dateProblem,
  datesOutOfOrder,
  identifierValid,
  isbnValid,
  latestPlausibleMs,
  orcidValid,
  urlProblem,
} from '../../src/quality/validators.js';

void describe('urlProblem', () => {
  void it('accepts public http(s) addresses, IDN and public IPs included', () => {
    for (const url of [
      'https://www.oercommons.org/courses/algebra-1',
      'http://hdl.handle.net/10183/394',
      'https://lume.ufrgs.br/bitstream/handle/10183/394/000515125.pdf?sequence=1',
      'https://例え.jp/教材',
      'https://141.2.10.5/oer/',
      'https://[2a00:1450:4001::200e]/',
    ]) {
      assert.equal(urlProblem(url), null, url);
    }
  });

  void it('refuses what is not a well-formed http(s) URL', () => {
    for (const url of [
      'ftp://ftp.example.net/a',
      'htp:/www.x.org',
      'https://exa mple.org',
      'https://-bad-.org/',
      'www.oerbw.de',
      'http://999.1.1.1/',
    ]) {
      assert.equal(urlProblem(url), 'invalid', url);
    }
  });

  void it('flags hosts nobody outside can reach', () => {
    for (const url of [
      'http://localhost:8080/moodle',
      'http://192.168.1.10/moodle/course/view.php?id=3',
      'https://10.0.0.4/',
      'https://intranet/lernmaterial',
      'https://www.example.org/oer',
      'https://oer.test/',
      'https://[::1]/x',
      'https://203.0.113.9/doc',
    ]) {
      assert.equal(urlProblem(url), 'not_public', url);
    }
  });
});

void describe('dateProblem', () => {
  const latest = latestPlausibleMs(['2024-05-01T12:00:00Z', 'not a date', '2023-01-01T00:00:00Z']);

  void it('takes the latest harvest plus a day, and NaN when there is none', () => {
    assert.equal(latest, Date.parse('2024-05-02T12:00:00Z'));
    assert.ok(Number.isNaN(latestPlausibleMs([])));
  });

  void it('accepts calendar dates of any ISO precision up to the harvest', () => {
    for (const d of [
      '2021',
      '2021-03',
      '2021-03-15',
      '2020-02-29',
      '2021-03-15T10:20:30Z',
      '2021-03-15T10:20:30.123+02:00',
      '2024',
      '2024-05-02',
      '1970',
      '1970-01-01T14:32:00Z',
      '1854',
    ]) {
      assert.equal(dateProblem(d, latest), null, d);
    }
  });

  void it('names what is wrong', () => {
    const cases: [string, string][] = [
      ['2021-02-29', 'invalid'],
      ['2021-13-01', 'invalid'],
      ['15/03/2021', 'invalid'],
      ['0000', 'invalid'],
      ['2021-03-15T25:00:00Z', 'invalid'],
      ['0201', 'too_early'],
      ['1970-01-01', 'placeholder'],
      ['1900-01-01T00:00:00Z', 'placeholder'],
      ['2024-05-04', 'future'],
      ['2025', 'future'],
    ];
    for (const [d, problem] of cases) assert.equal(dateProblem(d, latest), problem, d);
    assert.equal(dateProblem('2099-01-01', Number.NaN), null, 'no harvest time, no future test');
  });

  void it('compares dates of different precision at the precision they share', () => {
    assert.equal(datesOutOfOrder('2021-02-01', '2020-12-31'), true);
    assert.equal(datesOutOfOrder('2021-02-01', '2021'), false);
    assert.equal(datesOutOfOrder('2021', '2021-01-10T00:00:00Z'), false);
  });
});

void describe('identifiers', () => {
  void it('checks ISBN-10 and ISBN-13 check digits', () => {
    for (const isbn of [
      '978-3-16-148410-0',
      '9783161484100',
      '0-306-40615-2',
      '080442957X',
      'ISBN 978-85-7600-123-2',
    ]) {
      assert.equal(isbnValid(isbn), true, isbn);
    }
    for (const isbn of ['978-3-16-148410-1', '0-306-40615-3', '977-3-16-148410-0', '12345']) {
      assert.equal(isbnValid(isbn), false, isbn);
    }
  });

  void it('checks ORCID check digits (ISO 7064 MOD 11-2)', () => {
    for (const id of [
      '0000-0002-1825-0097',
      'https://orcid.org/0000-0001-5109-3700',
      '0000-0002-1694-233X',
    ]) {
      assert.equal(orcidValid(id), true, id);
    }
    for (const id of ['0000-0002-1825-0098', '0000-0002-1694-2330', '0000-0002-1825'])
      assert.equal(orcidValid(id), false, id);
  });

  void it('checks the form of each kind', () => {
    const cases: [string, string, boolean][] = [
      ['doi', '10.1137/S0036144500378302', true],
      ['doi', '10.12/abc', false],
      ['handle', '10183/394', true],
      ['handle', '20.500.12345/abc-1', true],
      ['handle', 'lume/394', false],
      ['urn', 'urn:nbn:de:0111-pedocs-123456', true],
      ['urn', 'urn:urn:x', false],
      ['urn', 'urn:isbn:9783161484100', true],
      ['urn', 'urn:isbn:9783161484101', false],
      ['url', 'https://www.oerbw.de/x', true],
      ['url', 'http://localhost/x', false],
      ['other', 'c0a478bd-b5f0-4d67-89c5-4a49dfefddcf', true],
    ];
    for (const [kind, value, ok] of cases) assert.equal(identifierValid(kind, value), ok, `${kind} ${value}`);
  });
});
