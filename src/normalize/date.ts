// Date normalization: one ISO 8601 value (YYYY, YYYY-MM, YYYY-MM-DD, or a UTC date-time ending in Z) from
// the ways metadata writes dates: ISO and W3CDTF forms with or without zone, OAI datestamps, LOM dateTime,
// RFC 2822 dates of feeds and HTTP headers, compact ISO, "06/2010", "2010/06/01", "01.06.2010", month names
// in English, German, French, Spanish, Portuguese, Italian, Dutch and Russian, CJK "2010年6月1日", "c. 2005",
// "[2010]", ranges and periods (their start). A day/month order is decided only when one reading is
// impossible; otherwise the value is "ambiguous". Impossible dates and years outside 1000..next year give
// null. A date-time without zone keeps only its date: its instant is unknown. Pure; never performs I/O.

export type DatePrecision = 'year' | 'month' | 'day' | 'datetime';

export interface DateResult {
  readonly input: string;
  readonly value: string | null;
  readonly precision: DatePrecision | null;
  /** Why: "iso", "iso-datetime", "rfc2822", "dmy", "mdy", "month-name:fr", "range", "ambiguous"... */
  readonly rule: string;
}

const MAX_LENGTH = 200;
export const MIN_YEAR = 1000;
/** The latest year accepted: next year (announced publications), fixed when the module loads. */
export const MAX_YEAR = new Date().getUTCFullYear() + 1;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
const DASHES = /[\u2010-\u2015\u2212\ufe63\uff0d]/g;

const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:(?:T|\s)(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{2,5})?)?)?)?$/i;
const ISO_BASIC =
  /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const YEAR_RANGE = /^(\d{4})\s*(?:-|\/|–|to|bis|à|a|até)\s*(\d{2}|\d{4})$/i;
const ISO_INTERVAL = /^([^/]+)\/([^/]*)$/;
const DCMI_PERIOD = /(?:^|;)\s*start\s*=\s*([^;]+)/i;
const EU_REPO = /^info:eu-repo\/date\/([a-z]+)\/(.+)$/i;
const NUMERIC_DMY = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/;
const NUMERIC_YMD = /^(\d{4})([./-])(\d{1,2})\2(\d{1,2})$/;
const NUMERIC_MY = /^(\d{1,2})[./-](\d{4})$/;
const NUMERIC_YM = /^(\d{4})[/.](\d{1,2})$/;
const TWO_DIGIT_YEAR = /^\d{1,2}[./-]\d{1,2}[./-]\d{2}$/;
const CJK = /^(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?$/;
const KOREAN = /^(\d{4})\s*년\s*(?:(\d{1,2})\s*월\s*(?:(\d{1,2})\s*일)?)?$/;
const APPROXIMATE =
  /^(?:circa|cerca de|hacia|ca\.?|c\.|c(?=\d)|approx\.?|um|vers|env\.?|около|ок\.)\s*|\?$|^\[|\]$|^\(|\)$/i;
const COPYRIGHT = /^(?:©|\(c\)|℗|copyright)\s*/i;
const NO_DATE =
  /^(?:s\.\s?d\.?|n\.\s?d\.?|s\.f\.|o\.\s?j\.?|sans date|sin fecha|sem data|ohne jahr|no date|undated|unknown|unbekannt|inconnue?|desconocida|-+|0+)$/i;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
const NUMERIC_ZONE = /^([+-])(\d{2}):?(\d{2})$/;

// Month names and abbreviations, folded (lower case, no diacritics, no final dot).
const MONTH_NAMES: ReadonlyArray<readonly [string, readonly (readonly string[])[]]> = [
  [
    'en',
    [
      ['january', 'jan'],
      ['february', 'feb'],
      ['march', 'mar'],
      ['april', 'apr'],
      ['may'],
      ['june', 'jun'],
      ['july', 'jul'],
      ['august', 'aug'],
      ['september', 'sep', 'sept'],
      ['october', 'oct'],
      ['november', 'nov'],
      ['december', 'dec'],
    ],
  ],
  [
    'de',
    [
      ['januar', 'jänner', 'janner', 'jan'],
      ['februar', 'feber', 'feb'],
      ['märz', 'marz', 'maerz', 'mrz'],
      ['april', 'apr'],
      ['mai'],
      ['juni', 'jun'],
      ['juli', 'jul'],
      ['august', 'aug'],
      ['september', 'sep', 'sept'],
      ['oktober', 'okt'],
      ['november', 'nov'],
      ['dezember', 'dez'],
    ],
  ],
  [
    'fr',
    [
      ['janvier', 'janv'],
      ['février', 'fevrier', 'févr', 'fevr', 'fév', 'fev'],
      ['mars'],
      ['avril', 'avr'],
      ['mai'],
      ['juin'],
      ['juillet', 'juil'],
      ['août', 'aout', 'aoû'],
      ['septembre', 'sept'],
      ['octobre', 'oct'],
      ['novembre', 'nov'],
      ['décembre', 'decembre', 'déc', 'dec'],
    ],
  ],
  [
    'es',
    [
      ['enero', 'ene'],
      ['febrero', 'feb'],
      ['marzo', 'mar'],
      ['abril', 'abr'],
      ['mayo', 'may'],
      ['junio', 'jun'],
      ['julio', 'jul'],
      ['agosto', 'ago'],
      ['septiembre', 'setiembre', 'sep', 'sept', 'set'],
      ['octubre', 'oct'],
      ['noviembre', 'nov'],
      ['diciembre', 'dic'],
    ],
  ],
  [
    'pt',
    [
      ['janeiro', 'jan'],
      ['fevereiro', 'fev'],
      ['março', 'marco', 'mar'],
      ['abril', 'abr'],
      ['maio', 'mai'],
      ['junho', 'jun'],
      ['julho', 'jul'],
      ['agosto', 'ago'],
      ['setembro', 'set'],
      ['outubro', 'out'],
      ['novembro', 'nov'],
      ['dezembro', 'dez'],
    ],
  ],
  [
    'it',
    [
      ['gennaio', 'gen'],
      ['febbraio', 'feb'],
      ['marzo', 'mar'],
      ['aprile', 'apr'],
      ['maggio', 'mag'],
      ['giugno', 'giu'],
      ['luglio', 'lug'],
      ['agosto', 'ago'],
      ['settembre', 'set'],
      ['ottobre', 'ott'],
      ['novembre', 'nov'],
      ['dicembre', 'dic'],
    ],
  ],
  [
    'nl',
    [
      ['januari', 'jan'],
      ['februari', 'feb'],
      ['maart', 'mrt'],
      ['april', 'apr'],
      ['mei'],
      ['juni', 'jun'],
      ['juli', 'jul'],
      ['augustus', 'aug'],
      ['september', 'sep', 'sept'],
      ['oktober', 'okt'],
      ['november', 'nov'],
      ['december', 'dec'],
    ],
  ],
  [
    'ru',
    [
      ['январь', 'января', 'янв'],
      ['февраль', 'февраля', 'фев', 'февр'],
      ['март', 'марта', 'мар'],
      ['апрель', 'апреля', 'апр'],
      ['май', 'мая'],
      ['июнь', 'июня', 'июн'],
      ['июль', 'июля', 'июл'],
      ['август', 'августа', 'авг'],
      ['сентябрь', 'сентября', 'сен', 'сент'],
      ['октябрь', 'октября', 'окт'],
      ['ноябрь', 'ноября', 'ноя', 'нояб'],
      ['декабрь', 'декабря', 'дек'],
    ],
  ],
];

function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\.$/, '');
}

/** Folded month word -> month number and the first language that spells it so. */
const MONTHS = new Map<string, { readonly month: number; readonly lang: string }>();
for (const [lang, months] of MONTH_NAMES) {
  months.forEach((names, index) => {
    for (const name of names) {
      const key = fold(name);
      if (!MONTHS.has(key)) MONTHS.set(key, { month: index + 1, lang });
    }
  });
}

const SEASONS = new Set(
  [
    'spring',
    'summer',
    'autumn',
    'fall',
    'winter',
    'frühling',
    'frühjahr',
    'sommer',
    'herbst',
    'printemps',
    'été',
    'automne',
    'hiver',
    'primavera',
    'verano',
    'verão',
    'otoño',
    'outono',
    'invierno',
    'inverno',
    'estate',
    'autunno',
    'lente',
    'zomer',
    'herfst',
  ].map(fold),
);

const WEEKDAYS = new Set(
  [
    'mon',
    'tue',
    'tues',
    'wed',
    'thu',
    'thur',
    'thurs',
    'fri',
    'sat',
    'sun',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sunday',
    'montag',
    'dienstag',
    'mittwoch',
    'donnerstag',
    'freitag',
    'samstag',
    'sonntag',
    'mo',
    'di',
    'mi',
    'do',
    'fr',
    'sa',
    'so',
    'lundi',
    'mardi',
    'mercredi',
    'jeudi',
    'vendredi',
    'samedi',
    'dimanche',
    'lunes',
    'martes',
    'miércoles',
    'jueves',
    'viernes',
    'sábado',
    'domingo',
  ].map(fold),
);
// Words that sit between the parts of a written date: "13 de abril de 2011", "le 3 juin", "the 1st of".
const FILLERS = new Set([
  'de',
  'del',
  'do',
  'da',
  'of',
  'the',
  'le',
  'el',
  'den',
  'der',
  'am',
  'on',
  'г',
  'года',
  'год',
]);
const ZONES: Readonly<Record<string, number>> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  bst: 60,
  cet: 60,
  met: 60,
  cest: 120,
  mesz: 120,
  mez: 60,
  eet: 120,
  eest: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function none(input: string, rule: string): DateResult {
  return { input, value: null, precision: null, rule };
}

/** Builds the value after checking the year range and the calendar. */
function calendar(
  input: string,
  year: number,
  month: number | null,
  day: number | null,
  rule: string,
): DateResult {
  if (year < MIN_YEAR || year > MAX_YEAR) return none(input, 'year-out-of-range');
  if (month === null) return { input, value: pad(year, 4), precision: 'year', rule };
  if (month < 1 || month > 12) return none(input, 'impossible-date');
  if (day === null) return { input, value: `${pad(year, 4)}-${pad(month)}`, precision: 'month', rule };
  if (day < 1 || day > daysIn(year, month)) return none(input, 'impossible-date');
  return { input, value: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, precision: 'day', rule };
}

/** Zone offset in minutes east of UTC, or null when the zone is not known. */
function zoneOffset(zone: string): number | null {
  const numeric = NUMERIC_ZONE.exec(zone);
  if (numeric !== null) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3]);
    if (hours > 14 || minutes > 59) return null;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  if (/^[+-]\d{2}$/.test(zone)) return Number(zone) * 60;
  const named = ZONES[zone.toLowerCase()];
  return named === undefined ? null : named;
}

/** A date with a time: UTC date-time when the zone is known, else only the date. */
function dateTime(
  input: string,
  parts: {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    zone: string | undefined;
  },
  rule: string,
): DateResult {
  const { year, month, day, hour, minute, second, zone } = parts;
  const date = calendar(input, year, month, day, rule);
  if (date.value === null) return date;
  const endOfDay = hour === 24 && minute === 0 && second === 0;
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) return none(input, 'impossible-time');
  if (zone === undefined || zone === '') return { ...date, rule: `${rule}:no-zone` };
  const offset = zoneOffset(zone);
  if (offset === null) return { ...date, rule: `${rule}:unknown-zone` };
  const ms = Date.UTC(year, month - 1, day, hour, minute - offset, second);
  const utc = new Date(ms);
  const y = utc.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR) return none(input, 'year-out-of-range');
  const value =
    `${pad(y, 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}` +
    `T${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}Z`;
  return { input, value, precision: 'datetime', rule };
}

function fromIso(input: string, text: string, rule: string): DateResult | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return calendar(input, year, null, null, rule);
  const month = Number(m[2]);
  if (m[3] === undefined) {
    if (month === 0) return calendar(input, year, null, null, `${rule}:zero-parts`);
    return calendar(input, year, month, null, rule);
  }
  const day = Number(m[3]);
  if (m[4] === undefined) {
    // "2010-00-00" and "2010-06-00": unknown parts written as zeros.
    if (month === 0) return calendar(input, year, null, null, `${rule}:zero-parts`);
    if (day === 0) return calendar(input, year, month, null, `${rule}:zero-parts`);
    return calendar(input, year, month, day, rule);
  }
  if (month === 0 || day === 0) return none(input, 'impossible-date');
  return dateTime(
    input,
    {
      year,
      month,
      day,
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: m[6] === undefined ? 0 : Number(m[6]),
      zone: m[7],
    },
    `${rule}-datetime`,
  );
}

function fromBasic(input: string, text: string): DateResult | null {
  const m = ISO_BASIC.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (m[4] === undefined) return calendar(input, year, month, day, 'iso-basic');
  return dateTime(
    input,
    {
      year,
      month,
      day,
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: m[6] === undefined ? 0 : Number(m[6]),
      zone: m[7],
    },
    'iso-basic-datetime',
  );
}

function fromNumeric(input: string, text: string): DateResult | null {
  const dmy = NUMERIC_DMY.exec(text);
  if (dmy !== null) {
    const a = Number(dmy[1]);
    const b = Number(dmy[3]);
    const year = Number(dmy[4]);
    // Dots are the European day.month.year; nobody writes month.day.year with dots.
    if (dmy[2] === '.') return calendar(input, year, b, a, 'dmy');
    if (a === b) return calendar(input, year, a, b, 'dmy');
    const dmyPossible = b >= 1 && b <= 12 && a >= 1 && a <= daysIn(year, b);
    const mdyPossible = a >= 1 && a <= 12 && b >= 1 && b <= daysIn(year, a);
    if (dmyPossible && mdyPossible) return none(input, 'ambiguous');
    if (dmyPossible) return calendar(input, year, b, a, 'dmy');
    if (mdyPossible) return calendar(input, year, a, b, 'mdy');
    return none(input, 'impossible-date');
  }
  const ymd = NUMERIC_YMD.exec(text);
  if (ymd !== null) return calendar(input, Number(ymd[1]), Number(ymd[3]), Number(ymd[4]), 'ymd');
  const my = NUMERIC_MY.exec(text);
  if (my !== null) return calendar(input, Number(my[2]), Number(my[1]), null, 'month-year');
  const ym = NUMERIC_YM.exec(text);
  if (ym !== null) {
    const year = Number(ym[1]);
    const second = Number(ym[2]);
    // "2010/11" is the school or academic year 2010-2011; "2010/06" is June 2010.
    if ((ym[2] ?? '').length === 2 && second === (year + 1) % 100)
      return withRule(calendar(input, year, null, null, 'year'), 'range');
    if (second <= 12) return calendar(input, year, second, null, 'year-month');
  }
  if (TWO_DIGIT_YEAR.test(text)) return none(input, 'two-digit-year');
  return null;
}

const TOKEN =
  /\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?|[+-]\d{2}:?\d{2}(?!\d)|\d{1,2}-\d{1,2}(?!\d)|\d+|[\p{L}]+/gu;
const ORDINAL = /^(\d{1,2})(?:st|nd|rd|th|er|re|e|eme|ème|º|ª|o|a|\.)$/i;

/** Dates written with a month name: "1 June 2010", "June 1st, 2010", "juin 2010", "13 de abril de 2011". */
function fromWords(input: string, text: string): DateResult | null {
  if (!/\p{L}/u.test(text)) return null;
  // Ordinals glued to their number ("1st", "1er", "1º") become plain numbers first.
  const cleaned = text
    .replace(/\b(\d{1,2})(?:st|nd|rd|th|er|re|ème|eme|º|ª)\b/giu, '$1')
    .replace(/(\d)[º°ª]/g, '$1');
  const tokens = cleaned.match(TOKEN) ?? [];
  let year: number | null = null;
  let month: number | null = null;
  let lang = '';
  let day: number | null = null;
  let season = false;
  let time: RegExpExecArray | null = null;
  let zone: string | undefined;
  let dayRange = false;
  for (let token of tokens) {
    // "5-Mar-2012": a hyphen before the year is a separator, not a zone (zones follow a time).
    if (time === null && /^[+-]\d{4}$/.test(token)) token = token.slice(1);
    // "20-23 out. 1998": a span of days; its first day.
    const span = /^(\d{1,2})-(\d{1,2})$/.exec(token);
    if (span !== null) {
      if (day !== null || Number(span[2]) < Number(span[1])) return null;
      day = Number(span[1]);
      dayRange = true;
      continue;
    }
    if (/^\d+$/.test(token)) {
      if (token.length === 4) {
        if (year !== null) return null;
        year = Number(token);
      } else if (token.length <= 2) {
        if (day !== null) return null;
        day = Number(token);
      } else return null;
      continue;
    }
    const clock = TIME.exec(token);
    if (clock !== null) {
      if (time !== null) return null;
      time = clock;
      continue;
    }
    if (/^[+-]\d{2}:?\d{2}$/.test(token)) {
      zone = token;
      continue;
    }
    const word = fold(token);
    if (ORDINAL.test(word)) continue;
    const named = MONTHS.get(word);
    if (named !== undefined) {
      if (month !== null) return null;
      month = named.month;
      lang = named.lang;
      continue;
    }
    if (SEASONS.has(word)) {
      season = true;
      continue;
    }
    if (WEEKDAYS.has(word) || FILLERS.has(word)) continue;
    if (time !== null && ZONES[word] !== undefined) {
      zone = word;
      continue;
    }
    return null;
  }
  if (year === null) return month === null && !season ? null : none(input, 'no-year');
  if (season) {
    if (month !== null || day !== null) return null;
    return calendar(input, year, null, null, 'season');
  }
  if (month === null) return null;
  const rule = `month-name:${lang}`;
  if (time !== null && day !== null) {
    return dateTime(
      input,
      {
        year,
        month,
        day,
        hour: Number(time[1]),
        minute: Number(time[2]),
        second: time[3] === undefined ? 0 : Number(time[3]),
        zone,
      },
      /^\p{L}{3},/u.test(text) || /\d{2}:\d{2}:\d{2}/.test(text) ? 'rfc2822' : rule,
    );
  }
  const found = calendar(input, year, month, day, rule);
  return dayRange ? withRule(found, 'range') : found;
}

function fromCjk(input: string, text: string): DateResult | null {
  const m = CJK.exec(text) ?? KOREAN.exec(text);
  if (m === null) return null;
  return calendar(
    input,
    Number(m[1]),
    m[2] === undefined ? null : Number(m[2]),
    m[3] === undefined ? null : Number(m[3]),
    'cjk',
  );
}

/** One written date, without approximation marks, ranges or periods. */
function single(input: string, text: string): DateResult | null {
  if (/^\d{4}$/.test(text)) return calendar(input, Number(text), null, null, 'year');
  return (
    fromIso(input, text, 'iso') ??
    fromBasic(input, text) ??
    fromNumeric(input, text) ??
    fromCjk(input, text) ??
    fromWords(input, text)
  );
}

function withRule(found: DateResult, rule: string): DateResult {
  return found.value === null ? found : { ...found, rule: `${found.rule}+${rule}` };
}

function parse(input: string, raw: string): DateResult {
  let text = raw;
  const euRepo = EU_REPO.exec(text);
  if (euRepo !== null) {
    const found = single(input, (euRepo[2] ?? '').trim());
    return found === null ? none(input, 'not-a-date') : withRule(found, `eu-repo:${euRepo[1] ?? ''}`);
  }
  const period = DCMI_PERIOD.exec(text);
  if (period !== null) {
    const found = single(input, (period[1] ?? '').trim());
    return found === null ? none(input, 'not-a-date') : withRule(found, 'dcmi-period');
  }
  if (NO_DATE.test(text)) return none(input, 'no-date');

  let marks = '';
  if (COPYRIGHT.test(text)) {
    text = text.replace(COPYRIGHT, '');
    marks = 'copyright';
  }
  // "c. 2005", "[2010]", "[ca. 2010?]", "2010?": the cataloguer's uncertain or supplied dates.
  for (let i = 0; i < 4 && APPROXIMATE.test(text); i++) {
    const before = text;
    text = text.replace(APPROXIMATE, '').trim();
    if (text === before) break;
    marks = 'approximate';
  }
  if (text === '') return none(input, 'empty');

  const direct = single(input, text);
  if (direct !== null) return marks === '' ? direct : withRule(direct, marks);

  const years = YEAR_RANGE.exec(text);
  if (years !== null) {
    const first = Number(years[1]);
    const second = years[2] ?? '';
    const last = second.length === 2 ? Math.floor(first / 100) * 100 + Number(second) : Number(second);
    // "2010-12" is a month (handled above); "2010-2012" and "2010/11" are spans.
    if (last >= first) return withRule(calendar(input, first, null, null, 'year'), 'range');
  }
  const interval = ISO_INTERVAL.exec(text);
  if (interval !== null) {
    const found = single(input, (interval[1] ?? '').trim());
    if (found !== null) return withRule(found, 'range');
  }
  const spaced = /^(.+?)\s+(?:-|–|to|bis|au|à|a|al|até)\s+(.+)$/i.exec(text);
  if (spaced !== null) {
    const found = single(input, (spaced[1] ?? '').trim());
    if (found !== null && found.value !== null) return withRule(found, 'range');
  }
  if (/^\d{1,3}$|^\d{5,}$/.test(text)) return none(input, 'not-a-date');
  return none(input, /\d/.test(text) ? 'unrecognised' : 'not-a-date');
}

/**
 * ISO 8601 value of a written date, with its precision and the rule that decided. Date-times with a zone
 * become UTC ("2020-12-11T11:25:36+01:00" -> "2020-12-11T10:25:36Z"); without a zone only their date is kept.
 * Ranges and periods give their start with "range" in the rule.
 */
export function normalizeDate(raw: string): DateResult {
  const input = raw;
  if (typeof raw !== 'string') return none(String(raw), 'empty');
  if (raw.length > MAX_LENGTH) return none(input, 'too-long');
  const text = raw.replace(CONTROL, ' ').replace(DASHES, '-').replace(SPACES, ' ').trim();
  if (text === '') return none(input, 'empty');
  return parse(input, text);
}
