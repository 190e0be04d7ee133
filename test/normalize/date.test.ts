// Tests of date normalization: the labeled set of real dates (datestamps, LOM dateTime, JSON-LD, HTTP headers,
// dates written in several languages), ISO forms and zones, day/month order, ranges, calendar checks, and
// hostile input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_YEAR, normalizeDate, type DatePrecision } from '../../src/normalize/date.js';
import { readLabelTable } from '../support/labels.js';

interface Label {
  readonly line: number;
  readonly input: string;
  readonly value: string | null;
  readonly precision: DatePrecision | null;
}

const PRECISIONS = new Set(['year', 'month', 'day', 'datetime']);

function readLabels(): Label[] {
  const table = readLabelTable(new URL('./date-labels.tsv', import.meta.url), {
    columns: ['input', 'value', 'precision', 'note'],
  });
  return table.rows.map((row) => {
    const value = row.get('value');
    const precision = row.get('precision');
    assert.ok(precision === '' || PRECISIONS.has(precision), `line ${row.line}: precision`);
    assert.equal(value === '', precision === '', `line ${row.line}: value and precision together`);
    return {
      line: row.line,
      input: row.get('input'),
      value: value === '' ? null : value,
      precision: precision === '' ? null : (precision as DatePrecision),
    };
  });
}

function expectDate(
  input: string,
  value: string | null,
  precision?: DatePrecision | null,
  rule?: string,
): void {
  const found = normalizeDate(input);
  assert.equal(found.value, value, `value of ${JSON.stringify(input)} (${found.rule})`);
  if (precision !== undefined)
    assert.equal(found.precision, precision, `precision of ${JSON.stringify(input)}`);
  if (rule !== undefined) assert.equal(found.rule, rule, `rule of ${JSON.stringify(input)}`);
  assert.equal(found.input, input);
}

describe('date labeled set', () => {
  const labels = readLabels();

  it('normalizes at least 99% of the labeled real-world dates exactly (value and precision)', (t) => {
    assert.ok(labels.length >= 120, `${labels.length} rows`);
    const misses = labels.filter((l) => {
      const found = normalizeDate(l.input);
      return found.value !== l.value || found.precision !== l.precision;
    });
    const accuracy = (labels.length - misses.length) / labels.length;
    t.diagnostic(
      `date accuracy ${(accuracy * 100).toFixed(2)}% (${labels.length - misses.length}/${labels.length})`,
    );
    for (const m of misses) {
      const found = normalizeDate(m.input);
      t.diagnostic(`miss line ${m.line}: ${m.input} -> ${found.value ?? '(null)'} [${found.rule}]`);
    }
    assert.ok(accuracy >= 0.99, misses.map((m) => m.input).join('\n'));
  });

  it('gives values that are their own normal form, in the profile shape', () => {
    const shape = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}:\d{2}Z)?)?)?$/;
    for (const label of labels) {
      const found = normalizeDate(label.input);
      if (found.value === null) continue;
      assert.match(found.value, shape, label.input);
      assert.equal(normalizeDate(found.value).value, found.value, label.input);
    }
  });
});

describe('normalizeDate: ISO 8601 and W3CDTF', () => {
  it('keeps year, month and day precision', () => {
    expectDate('2010', '2010', 'year', 'year');
    expectDate('2010-06', '2010-06', 'month', 'iso');
    expectDate('2010-06-01', '2010-06-01', 'day', 'iso');
    expectDate('20100601', '2010-06-01', 'day', 'iso-basic');
  });

  it('converts date-times with a zone to UTC, dropping fractions of a second', () => {
    expectDate('2010-06-01T12:30:00Z', '2010-06-01T12:30:00Z', 'datetime', 'iso-datetime');
    expectDate('2020-12-11T11:25:36.00+01:00', '2020-12-11T10:25:36Z', 'datetime');
    expectDate('2021-08-20T18:00:51.238+0000', '2021-08-20T18:00:51Z', 'datetime');
    expectDate('2011-03-11T18:26:26.183874Z', '2011-03-11T18:26:26Z', 'datetime');
    expectDate('2010-06-01 10:00:00+02:00', '2010-06-01T08:00:00Z', 'datetime');
    expectDate('2010-06-01T10:00-05', '2010-06-01T15:00:00Z', 'datetime');
    // Crossing midnight and the year.
    expectDate('2010-01-01T00:30:00+01:00', '2009-12-31T23:30:00Z', 'datetime');
    expectDate('2010-06-01T24:00:00Z', '2010-06-02T00:00:00Z', 'datetime');
    expectDate('20100601T101500Z', '2010-06-01T10:15:00Z', 'datetime', 'iso-basic-datetime');
  });

  it('keeps only the date of a date-time without zone, and says so', () => {
    expectDate('2019-07-03T13:13:13', '2019-07-03', 'day', 'iso-datetime:no-zone');
    expectDate('2018-10-29T08:55:41 ', '2018-10-29', 'day');
    expectDate('2010-06-01T10:00:00 CEST', '2010-06-01T08:00:00Z', 'datetime');
  });

  it('reads zeros written for unknown parts', () => {
    expectDate('2010-00-00', '2010', 'year', 'iso:zero-parts');
    expectDate('2010-06-00', '2010-06', 'month', 'iso:zero-parts');
  });
});

describe('normalizeDate: other written forms', () => {
  it('reads RFC 2822 dates of feeds and HTTP headers', () => {
    expectDate('Thu, 14 Jul 2011 15:21:00 GMT', '2011-07-14T15:21:00Z', 'datetime', 'rfc2822');
    expectDate('Sat, 6 May 1995 12:00:00 +0200', '1995-05-06T10:00:00Z', 'datetime', 'rfc2822');
    expectDate('Wed, 02 Oct 2002 08:00:00 EST', '2002-10-02T13:00:00Z', 'datetime', 'rfc2822');
    expectDate('Wed, 02 Oct 2002 15:00:00 +0200', '2002-10-02T13:00:00Z', 'datetime', 'rfc2822');
  });

  it('reads numeric dates: dots are day.month.year, slashes decide only when one reading is impossible', () => {
    expectDate('01.06.2010', '2010-06-01', 'day', 'dmy');
    expectDate('2010/06/01', '2010-06-01', 'day', 'ymd');
    expectDate('30-04-2012', '2012-04-30', 'day', 'dmy');
    expectDate('12/20/2007', '2007-12-20', 'day', 'mdy');
    expectDate('06/06/2012', '2012-06-06', 'day', 'dmy');
    expectDate('04/10/2020', null, null, 'ambiguous');
    expectDate('04-10-2020', null, null, 'ambiguous');
    expectDate('06/2010', '2010-06', 'month', 'month-year');
    expectDate('2010/06', '2010-06', 'month', 'year-month');
    expectDate('05/06/10', null, null, 'two-digit-year');
    expectDate('2012-3-5', '2012-03-05', 'day', 'ymd');
    expectDate('5-Mar-2012', '2012-03-05', 'day', 'month-name:en');
  });

  it('reads month names in several languages', () => {
    expectDate('1 June 2010', '2010-06-01', 'day', 'month-name:en');
    expectDate('June 1st, 2010', '2010-06-01', 'day', 'month-name:en');
    expectDate('juin 2010', '2010-06', 'month', 'month-name:fr');
    expectDate('1er juin 2010', '2010-06-01', 'day', 'month-name:fr');
    expectDate('19 août 2015', '2015-08-19', 'day', 'month-name:fr');
    expectDate('Juni 2010', '2010-06', 'month', 'month-name:de');
    expectDate('11. März 2022', '2022-03-11', 'day', 'month-name:de');
    expectDate('junio de 2010', '2010-06', 'month', 'month-name:es');
    expectDate('13 de abril de 2011', '2011-04-13', 'day', 'month-name:es');
    expectDate('3 de Outubro de 2013', '2013-10-03', 'day', 'month-name:pt');
    expectDate('12 giugno 2010', '2010-06-12', 'day', 'month-name:it');
    expectDate('12 maart 2010', '2010-03-12', 'day', 'month-name:nl');
    expectDate('1 июня 2010 г.', '2010-06-01', 'day', 'month-name:ru');
    expectDate('Sept. 2010', '2010-09', 'month');
    expectDate('2010年6月1日', '2010-06-01', 'day', 'cjk');
    expectDate('2010년 6월', '2010-06', 'month', 'cjk');
  });

  it('reads approximate and supplied dates, seasons, ranges and periods as a year or their start', () => {
    expectDate('c. 2005', '2005', 'year', 'year+approximate');
    expectDate('ca.1400', '1400', 'year', 'year+approximate');
    expectDate('[2010]', '2010', 'year', 'year+approximate');
    expectDate('[ca. 2010?]', '2010', 'year', 'year+approximate');
    expectDate('circa 1960', '1960', 'year');
    expectDate('©2010', '2010', 'year', 'year+copyright');
    expectDate('Spring 2016', '2016', 'year', 'season');
    expectDate('2010-2012', '2010', 'year', 'year+range');
    expectDate('2010 – 2012', '2010', 'year', 'year+range');
    expectDate('2010/11', '2010', 'year', 'year+range');
    expectDate('2010-05-01/2011-06-01', '2010-05-01', 'day', 'iso+range');
    expectDate('May 2010 - June 2011', '2010-05', 'month', 'month-name:en+range');
    expectDate('1998 out. 20-23', '1998-10-20', 'day', 'month-name:pt+range');
    expectDate('start=2011; end=2012; scheme=W3C-DTF', '2011', 'year', 'year+dcmi-period');
    expectDate('info:eu-repo/date/embargoEnd/2016-05-22', '2016-05-22', 'day', 'iso+eu-repo:embargoEnd');
  });

  it('gives null, with a reason, for values that are no date', () => {
    expectDate('n.d.', null, null, 'no-date');
    expectDate('s.d.', null, null, 'no-date');
    expectDate('May', null, null, 'no-year');
    expectDate('NO_RESTRICTION', null, null, 'not-a-date');
    expectDate('Rio de Janeiro, 2005', null, null);
    expectDate('2012-2010', null, null);
  });
});

describe('normalizeDate: calendar and range checks', () => {
  it('refuses impossible dates and times', () => {
    expectDate('2010-02-30', null, null, 'impossible-date');
    expectDate('2010-02-29', null, null, 'impossible-date');
    expectDate('2012-02-29', '2012-02-29', 'day');
    expectDate('2000-02-29', '2000-02-29', 'day');
    expectDate('1900-02-29', null, null, 'impossible-date');
    expectDate('2010-13', null, null, 'impossible-date');
    expectDate('31.04.2010', null, null, 'impossible-date');
    expectDate('2010-06-01T25:00:00Z', null, null, 'impossible-time');
    expectDate('2010-06-01T12:60:00Z', null, null, 'impossible-time');
  });

  it('refuses years before 1000 and after next year', () => {
    expectDate('0999', null, null, 'year-out-of-range');
    expectDate('1000', '1000', 'year');
    expectDate(String(MAX_YEAR), String(MAX_YEAR), 'year');
    expectDate(String(MAX_YEAR + 1), null, null, 'year-out-of-range');
    expectDate('9999-12-31T23:59:59Z', null, null, 'year-out-of-range');
    assert.equal(MAX_YEAR, new Date().getUTCFullYear() + 1);
  });
});

describe('normalizeDate: hostile input', () => {
  it('ignores control characters and refuses very long or non-date values quickly', () => {
    expectDate('2010-06-01\u0000', '2010-06-01', 'day');
    expectDate('\u202e2010-06-01', '2010-06-01', 'day');
    expectDate('', null, null, 'empty');
    expectDate('javascript:alert(1)', null, null);
    expectDate(`2010-06-01${' '.repeat(300)}x`, null, null, 'too-long');
    const start = process.hrtime.bigint();
    for (const value of [
      '1'.repeat(199),
      `${'June '.repeat(39)}2010`,
      `${'2010-'.repeat(39)}01`,
      '-'.repeat(199),
    ])
      assert.equal(normalizeDate(value).value, null, value.slice(0, 20));
    assert.ok(process.hrtime.bigint() - start < 100_000_000n, 'pathological values stay fast');
  });
});
