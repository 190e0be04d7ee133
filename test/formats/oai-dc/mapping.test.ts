// The mapping seam: the shared helpers both XML mappers rely on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classifyIdentifier,
  httpUrl,
  isoDuration,
  mapperFor,
  paragraphs,
  splitKeywordList,
} from '../../../src/formats/mapping.js';

void describe('shared mapping helpers', () => {
  void it('encodes what RFC 3986 forbids in URLs, and refuses what is no web address', () => {
    assert.equal(
      httpUrl(' http://authors.library.caltech.edu/22240/2/Ch08Pg_119-179[1].pdf '),
      'http://authors.library.caltech.edu/22240/2/Ch08Pg_119-179%5B1%5D.pdf',
    );
    assert.equal(httpUrl('http://localhost/x'), null);
    assert.equal(httpUrl('ftp://example.org/x'), null);
    assert.equal(httpUrl('http://example.org/a b'), null);
  });

  void it('classifies identifiers', () => {
    assert.deepEqual(classifyIdentifier('https://doi.org/10.1590/S0074-02762007000700018'), {
      kind: 'doi',
      value: '10.1590/S0074-02762007000700018',
    });
    assert.deepEqual(classifyIdentifier('http://hdl.handle.net/10183/394'), {
      kind: 'handle',
      value: '10183/394',
    });
    assert.deepEqual(classifyIdentifier('10900.3/OER_ZZxWvFJV', 'HDL'), {
      kind: 'handle',
      value: '10900.3/OER_ZZxWvFJV',
    });
    assert.deepEqual(classifyIdentifier('URN:ISBN:2-07-064309-3'), { kind: 'isbn', value: '2070643093' });
    assert.deepEqual(classifyIdentifier('0959-9673'), { kind: 'other', value: '0959-9673' });
    assert.equal(classifyIdentifier('GONZÁLEZ, A. et al. Expression of collagen.'), null);
  });

  void it('reads ISO 8601 and clock durations, ignoring zero', () => {
    assert.equal(isoDuration('PT1H30M'), 'PT1H30M');
    assert.equal(isoDuration('00:31:33'), 'PT0H31M33S');
    assert.equal(isoDuration('PT0H0M0S'), null);
    assert.equal(isoDuration('15 min'), null);
  });

  void it('splits keyword lists and folds layout white space', () => {
    assert.deepEqual(splitKeywordList('a; b;c'), ['a', 'b', 'c']);
    assert.deepEqual(splitKeywordList('no list here'), ['no list here']);
    assert.equal(paragraphs('\n\t\tline one\n\t\tcontinues\n\n\t\tsecond\n'), 'line one continues\n\nsecond');
  });

  void it('tells which mapper reads a payload', () => {
    assert.equal(mapperFor('http://www.openarchives.org/OAI/2.0/oai_dc/', 'dc'), 'oai_dc');
    assert.equal(mapperFor('http://purl.org/dc/elements/1.1/', 'title'), 'oai_dc');
    assert.equal(mapperFor('http://ns.nsdl.org/nsdl_dc_v1.02/', 'nsdl_dc'), 'oai_dc');
    assert.equal(mapperFor('http://ltsc.ieee.org/xsd/lom', 'lom'), 'lom');
    assert.equal(mapperFor('http://www.imsglobal.org/xsd/imsmd_v1p2', 'lom'), 'lom');
    assert.equal(mapperFor('https://www.oerbw.de/hsoerlom', 'metadata'), 'lom');
    assert.equal(mapperFor('', 'lom'), 'lom');
    assert.equal(mapperFor('http://www.loc.gov/MARC21/slim', 'record'), null);
    assert.equal(mapperFor('http://arxiv.org/OAI/arXiv/', 'arXiv'), null);
  });
});
