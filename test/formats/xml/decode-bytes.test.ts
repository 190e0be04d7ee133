// decodeXmlBytes: each repair on constructed bodies, then on the real corpus files that need them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync, deflateSync } from 'node:zlib';
import { isAtlasError } from '../../../src/domain/errors.js';
import { decodeXmlBytes } from '../../../src/formats/xml/decode-bytes.js';
import { parseXml } from '../../../src/formats/xml/xml-tree.js';
import { corpusBytes } from '../oai-pmh/support.js';

const PAGE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">' +
  '<responseDate>2024-01-01T00:00:00Z</responseDate><ListRecords><record><header>' +
  '<identifier>oai:x:1</identifier><datestamp>2024-01-01</datestamp></header></record></ListRecords></OAI-PMH>';

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return isAtlasError(error) ? error.code : 'not an AtlasError';
  }
  return 'no error';
}

void describe('decodeXmlBytes: compression', () => {
  void it('inflates a gzip body that came without a Content-Encoding header', () => {
    const result = decodeXmlBytes(gzipSync(Buffer.from(PAGE)));
    assert.equal(result.text, PAGE);
    assert.deepEqual(result.repairs, ['gzip-without-header']);
  });

  void it('inflates a zlib (deflate) body as well', () => {
    const result = decodeXmlBytes(deflateSync(Buffer.from(PAGE)));
    assert.equal(result.text, PAGE);
    assert.deepEqual(result.repairs, ['deflate-without-header']);
  });

  void it('unwraps a body gzipped twice', () => {
    const result = decodeXmlBytes(gzipSync(gzipSync(Buffer.from(PAGE))));
    assert.equal(result.text, PAGE);
    assert.deepEqual(result.repairs, ['gzip-without-header', 'gzip-without-header']);
  });

  void it('refuses a decompression bomb instead of inflating it', () => {
    const bomb = gzipSync(Buffer.alloc(20_000_000, 0x20));
    assert.ok(bomb.length < 100_000);
    assert.equal(
      errorCode(() => decodeXmlBytes(bomb, { maxBytes: 1_000_000 })),
      'decompression_refused',
    );
  });

  void it('keeps what a truncated gzip stream inflates to, and says so', () => {
    const big = PAGE.replace('<ListRecords>', `<ListRecords>${'<!-- padding -->'.repeat(5000)}`);
    const gz = gzipSync(Buffer.from(big));
    const result = decodeXmlBytes(gz.subarray(0, Math.floor(gz.length * 0.6)));
    assert.ok(result.repairs.includes('gzip-truncated'));
    assert.ok(result.text.length > 0 && big.startsWith(result.text));
  });

  void it('refuses a body larger than the cap before reading it', () => {
    assert.equal(
      errorCode(() => decodeXmlBytes(Buffer.from(PAGE), { maxBytes: 100 })),
      'response_too_large',
    );
  });
});

void describe('decodeXmlBytes: character encodings', () => {
  void it('decodes by the encoding the XML declaration names (ISO-8859-1)', () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><a>Téléchargement ação</a>';
    const result = decodeXmlBytes(Buffer.from(xml, 'latin1'));
    assert.equal(result.text, xml);
    assert.deepEqual(result.repairs, ['latin1-declared']);
  });

  void it('reads windows-1252 quotes and dashes in bodies declared ISO-8859-1 or windows-1252', () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1252"?><a>'),
      Buffer.from([0x93, 0x61, 0x94, 0x20, 0x96]),
      Buffer.from('</a>'),
    ]);
    const result = decodeXmlBytes(bytes);
    assert.equal(result.text.slice(result.text.indexOf('<a>')), '<a>\u201Ca\u201D \u2013</a>');
    assert.deepEqual(result.repairs, ['windows-1252-declared']);
  });

  void it('follows a byte order mark (UTF-8, UTF-16LE, UTF-16BE) and drops it', () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><a>Ελληνικά</a>';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    be[0] = 0xfe;
    be[1] = 0xff;
    assert.equal(decodeXmlBytes(le).text, xml);
    assert.equal(decodeXmlBytes(be).text, xml);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>é</a>')]);
    assert.equal(decodeXmlBytes(utf8).text, '<a>é</a>');
  });

  void it('recognizes UTF-16 without a byte order mark', () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><a>x</a>';
    const result = decodeXmlBytes(Buffer.from(xml, 'utf16le'));
    assert.equal(result.text, xml);
    assert.deepEqual(result.repairs, ['utf-16le-without-bom']);
  });

  void it('decodes undeclared Latin-1 bodies that are not valid UTF-8 as windows-1252', () => {
    const result = decodeXmlBytes(Buffer.from('<a>Educação</a>', 'latin1'));
    assert.equal(result.text, '<a>Educação</a>');
    assert.deepEqual(result.repairs, ['utf8-declared-but-windows-1252']);
  });

  void it('keeps UTF-8 with a few broken bytes, marking only those', () => {
    const bytes = Buffer.concat([Buffer.from('<a>ação '), Buffer.from([0xff]), Buffer.from('</a>')]);
    const result = decodeXmlBytes(bytes);
    assert.equal(result.text, '<a>ação \uFFFD</a>');
    assert.deepEqual(result.repairs, ['invalid-utf8-replaced:1']);
  });

  void it('falls back to UTF-8 for an encoding nobody knows', () => {
    const result = decodeXmlBytes(Buffer.from('<?xml version="1.0" encoding="x-klingon"?><a>é</a>'));
    assert.equal(result.text, '<?xml version="1.0" encoding="x-klingon"?><a>é</a>');
    assert.deepEqual(result.repairs, ['unknown-encoding:x-klingon']);
  });
});

void describe('decodeXmlBytes: text repairs', () => {
  void it('repairs UTF-8 that was encoded twice', () => {
    const result = decodeXmlBytes(Buffer.from('<a>TÃ©lÃ©chargement â€“ Ã§a</a>'));
    assert.equal(result.text, '<a>Téléchargement – ça</a>');
    assert.deepEqual(result.repairs, ['double-encoded-utf8']);
  });

  void it('leaves a lone look-alike pair alone: the evidence is not clear', () => {
    const result = decodeXmlBytes(Buffer.from('<a>Ã©</a>'));
    assert.equal(result.text, '<a>Ã©</a>');
    assert.deepEqual(result.repairs, []);
  });

  void it('strips characters XML 1.0 forbids, and references to them, keeping tab, LF and CR', () => {
    const result = decodeXmlBytes(Buffer.from('<a>x\u0001y\u000Bz\t\n\r&#11;&#x1F;\uFFFEw</a>'));
    assert.equal(result.text, '<a>xyz\t\n\rw</a>');
    assert.deepEqual(result.repairs, ['control-characters:5']);
    parseXml(result.text);
  });

  void it('never lets a surrogate without its partner through (the decoder marks it U+FFFD)', () => {
    const bytes = Buffer.from('\uFEFF<a>x\uD800y\uD83D\uDE00</a>', 'utf16le');
    const result = decodeXmlBytes(bytes);
    assert.equal(result.text, '<a>x\uFFFDy\uD83D\uDE00</a>');
    parseXml(result.text);
  });

  void it('drops XML declarations repeated inside the body', () => {
    const body = PAGE.replace('<ListRecords>', '<ListRecords><?xml version="1.0" encoding="UTF-8"?>');
    const result = decodeXmlBytes(Buffer.from(body));
    assert.equal(result.text, PAGE);
    assert.deepEqual(result.repairs, ['repeated-xml-declaration']);
  });

  void it('drops white space before the XML declaration', () => {
    const result = decodeXmlBytes(Buffer.from(`\n  ${PAGE}`));
    assert.equal(result.text, PAGE);
    assert.deepEqual(result.repairs, ['whitespace-before-xml-declaration']);
  });

  void it('cuts garbage after the root element but keeps legal trailing comments', () => {
    const garbage = decodeXmlBytes(Buffer.from(`${PAGE}\n<br />\n<b>Warning</b>: mysql_close() 0\r\n`));
    assert.equal(garbage.text, PAGE);
    assert.deepEqual(garbage.repairs, ['trailing-garbage']);
    const comment = decodeXmlBytes(Buffer.from(`${PAGE}\n<!-- served in 3 ms -->\n`));
    assert.equal(comment.text, `${PAGE}\n<!-- served in 3 ms -->\n`);
    assert.deepEqual(comment.repairs, []);
  });

  void it('judges a long hostile tail in linear time', () => {
    const started = Date.now();
    const result = decodeXmlBytes(Buffer.from(`${PAGE}${'<!--'.repeat(500_000)}`));
    assert.equal(result.text, PAGE);
    assert.ok(Date.now() - started < 2000);
  });

  void it('leaves a truncated body to the salvage step (nothing to cut)', () => {
    const truncated = PAGE.slice(0, PAGE.indexOf('</ListRecords>'));
    const result = decodeXmlBytes(Buffer.from(truncated));
    assert.equal(result.text, truncated);
    assert.deepEqual(result.repairs, []);
  });
});

void describe('decodeXmlBytes on real bodies', () => {
  void it('strips the vertical tab that made PUC-Rio Maxwell unparseable', () => {
    const result = decodeXmlBytes(
      corpusBytes('oai-pmh', 'http-recordings', 'scrapi-vcr', 'bodies', 'pcurio.01.http200.xml'),
    );
    assert.deepEqual(result.repairs, ['control-characters:1']);
    parseXml(result.text);
  });

  void it('repairs the double-encoded German of CiteSeerX', () => {
    const result = decodeXmlBytes(
      corpusBytes('oai-pmh', 'http-recordings', 'scrapi-vcr', 'bodies', 'citeseerx.01.http200.xml'),
    );
    assert.ok(result.repairs.includes('double-encoded-utf8'));
    assert.ok(result.text.includes('Lösungstechniken'));
    assert.ok(!result.text.includes('LÃ¶sungstechniken'));
  });

  void it('drops the newline COPAC sent before its XML declaration', () => {
    const result = decodeXmlBytes(
      corpusBytes(
        'oai-pmh',
        'omeka-harvester-fixtures',
        'broken_copac_ListRecords_newline-before-xml-decl.xml',
      ),
    );
    assert.deepEqual(result.repairs, ['whitespace-before-xml-declaration']);
    parseXml(result.text);
  });

  void it('decodes a clean UTF-8 page without any repair', () => {
    const result = decodeXmlBytes(corpusBytes('oai-pmh', 'dspace-lume-ufrgs_ListRecords_oai_dc_100.xml'));
    assert.deepEqual(result.repairs, []);
    assert.equal(result.encoding, 'utf-8');
  });
});
