// parseXml and its helpers: the tree, source offsets, standalone payloads, and the safety rules (no DTD
// processing, no entity expansion, caps).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isAtlasError, type ErrorCode } from '../../../src/domain/errors.js';
import {
  attr,
  childByLocal,
  deepText,
  parseRoot,
  parseXml,
  rememberTree,
  standaloneXml,
  XML_NAMESPACE,
  XSI_NAMESPACE,
} from '../../../src/formats/xml/xml-tree.js';

function failure(fn: () => unknown): { code: ErrorCode | 'none' | 'other'; message: string } {
  try {
    fn();
  } catch (error) {
    return isAtlasError(error)
      ? { code: error.code, message: error.message }
      : { code: 'other', message: String(error) };
  }
  return { code: 'none', message: '' };
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>`;

void describe('parseXml: the tree', () => {
  const xml =
    '<r:root xmlns:r="urn:r" xmlns="urn:d" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<title xml:lang="pt-BR" xsi:type="r:T">Educação &amp; <![CDATA[<b>]]>&#233;</title><empty/></r:root>';

  void it('gives names, namespaces, attributes, children and text', () => {
    const { root } = parseXml(xml);
    assert.equal(root.name, 'r:root');
    assert.equal(root.local, 'root');
    assert.equal(root.uri, 'urn:r');
    assert.deepEqual(root.nsDecls, { r: 'urn:r', '': 'urn:d', xsi: XSI_NAMESPACE });
    const title = childByLocal(root, 'title');
    assert.ok(title !== undefined);
    assert.equal(title.uri, 'urn:d');
    assert.equal(attr(title, 'lang', XML_NAMESPACE), 'pt-BR');
    assert.equal(attr(title, 'type', XSI_NAMESPACE), 'r:T');
    assert.equal(title.text, 'Educação & <b>é');
    assert.equal(title.parent, root);
    assert.equal(root.children.length, 2);
  });

  void it('remembers where each element starts and ends in the source', () => {
    const { root } = parseXml(xml);
    assert.equal(xml.slice(root.start, root.end), xml);
    const empty = childByLocal(root, 'empty');
    assert.equal(empty === undefined ? '' : xml.slice(empty.start, empty.end), '<empty/>');
  });

  void it('reads mixed content with deepText', () => {
    const { root } = parseXml('<p>a <i>b</i></p>');
    assert.equal(deepText(root), 'a b');
  });

  void it('tolerates an undeclared prefix and reports it', () => {
    const doc = parseXml('<a xsi:schemaLocation="x"><b:c/></a>');
    assert.deepEqual(doc.repairs, ['unbound-prefix:xsi', 'unbound-prefix:b']);
    assert.equal(doc.root.attributes[0]?.uri, XSI_NAMESPACE);
  });

  void it('reports where a document stops being well-formed', () => {
    const f = failure(() => parseXml('<a>\n  <b></a>'));
    assert.equal(f.code, 'xml_malformed');
    assert.match(f.message, /line 2/);
    assert.equal(failure(() => parseXml('broken xml')).code, 'xml_malformed');
    assert.equal(failure(() => parseXml('<a></a><b/>')).code, 'xml_malformed');
  });
});

void describe('parseXml: safety', () => {
  void it('honours only the five predefined entities and character references', () => {
    const { root } = parseXml('<a>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;</a>');
    assert.equal(root.text, '&<>"\'AB');
    assert.equal(failure(() => parseXml('<a>&nbsp;</a>')).code, 'xml_malformed');
  });

  void it('ignores a DOCTYPE without entities and says it was there', () => {
    const doc = parseXml(
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/x.dtd"><html/>',
    );
    assert.equal(doc.root.name, 'html');
    assert.match(doc.doctype ?? '', /^html PUBLIC/);
  });

  void it('refuses "billion laughs" at once, without expanding anything', () => {
    const started = Date.now();
    assert.equal(failure(() => parseXml(BILLION_LAUGHS)).code, 'xml_dtd_refused');
    assert.ok(Date.now() - started < 1000);
  });

  void it('never reads a file named by an external entity', () => {
    const passwd = (() => {
      try {
        return readFileSync('/etc/hostname', 'utf8').trim();
      } catch {
        return 'no-such-file-content';
      }
    })();
    const xxe = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/hostname">]><a>&x;</a>';
    const f = failure(() => parseXml(xxe));
    assert.equal(f.code, 'xml_dtd_refused');
    assert.ok(!f.message.includes(passwd));
    // Without a DOCTYPE the reference is simply undefined.
    assert.equal(failure(() => parseXml('<a>&x;</a>')).code, 'xml_malformed');
    // A parameter-entity DTD pulled from outside is never fetched either: the DOCTYPE is refused.
    const remote = '<!DOCTYPE a [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]><a/>';
    assert.equal(failure(() => parseXml(remote)).code, 'xml_dtd_refused');
  });

  void it('caps nesting depth and element count', () => {
    const deep = `${'<a>'.repeat(300)}${'</a>'.repeat(300)}`;
    assert.equal(failure(() => parseXml(deep)).code, 'response_too_large');
    assert.equal(failure(() => parseXml(deep, { maxDepth: 400 })).code, 'none');
    const wide = `<r>${'<a/>'.repeat(1000)}</r>`;
    assert.equal(failure(() => parseXml(wide, { maxElements: 500 })).code, 'response_too_large');
  });

  void it('parses a fragment with namespace bindings from the document it was cut from', () => {
    const { root } = parseXml('<dc:title>x</dc:title>', {
      namespaces: { dc: 'http://purl.org/dc/elements/1.1/' },
    });
    assert.equal(root.uri, 'http://purl.org/dc/elements/1.1/');
  });
});

void describe('standaloneXml', () => {
  const page =
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xmlns:dcterms="http://purl.org/dc/terms/"><metadata>' +
    '<lom:lom xmlns:lom="http://ltsc.ieee.org/xsd/LOM"><general xsi:type="dcterms:URI"><title>T</title></general></lom:lom>' +
    '</metadata></OAI-PMH>';

  void it('adds the declarations the payload uses from outside, and nothing else', () => {
    const { root } = parseXml(page);
    const lom = root.children[0]?.children[0];
    assert.ok(lom !== undefined);
    const text = standaloneXml(page, lom);
    assert.equal(
      text,
      '<lom:lom xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
        ' xmlns:dcterms="http://purl.org/dc/terms/" xmlns:lom="http://ltsc.ieee.org/xsd/LOM">' +
        '<general xsi:type="dcterms:URI"><title>T</title></general></lom:lom>',
    );
    // It parses on its own, with the same namespaces as in the page.
    const again = parseXml(text).root;
    assert.equal(again.children[0]?.uri, 'http://www.openarchives.org/OAI/2.0/');
  });

  void it('returns the exact text when nothing comes from outside', () => {
    const xml = '<a xmlns="urn:a"><b/></a>';
    const { root } = parseXml(`<w>${xml}</w>`);
    const a = root.children[0];
    assert.ok(a !== undefined);
    assert.equal(standaloneXml(`<w>${xml}</w>`, a), xml);
  });
});

void describe('parseRoot', () => {
  void it('hands back a remembered tree once, then parses', () => {
    const xml = '<a><b>remembered</b></a>';
    const tree = parseXml(xml).root;
    rememberTree(xml, tree);
    assert.equal(parseRoot(xml), tree);
    const fresh = parseRoot(xml);
    assert.notEqual(fresh, tree);
    assert.equal(deepText(fresh), 'remembered');
  });
});
