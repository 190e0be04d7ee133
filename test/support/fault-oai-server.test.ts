// The fault server itself: correct OAI-PMH when no fault is set (checked against the official schema
// when xmllint is installed), and every fault kind visible on the wire with raw node:http requests.
// Must never send traffic anywhere but the servers it starts on 127.0.0.1 and 127.0.0.2.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { corpusPath } from '../formats/corpus.js';
import { startFaultOaiServer, type FaultOaiServer } from './fault-oai-server.js';

interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Set when the connection broke before the body ended. */
  readonly error?: string;
  /** Arrival time (ms after the request) of every body chunk. */
  readonly chunkTimes: number[];
}

/** One request with node:http, which neither decodes nor retries: what the wire carried, as it was. */
function raw(
  url: string,
  options: { method?: string; body?: string; timeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      const chunkTimes: number[] = [];
      const answer = (error?: string): RawAnswer => ({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: Buffer.concat(chunks),
        chunkTimes,
        ...(error === undefined ? {} : { error }),
      });
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        chunkTimes.push(performance.now() - started);
      });
      res.on('end', () => resolve(answer()));
      res.on('aborted', () => resolve(answer('aborted')));
      res.on('error', (error) => resolve(answer(error.message)));
    });
    req.setTimeout(options.timeoutMs ?? 5_000, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}

async function text(url: string): Promise<string> {
  return (await raw(url)).body.toString('utf8');
}

function tokenOf(xml: string): string | undefined {
  return /<resumptionToken[^>]*>([^<]*)<\/resumptionToken>/.exec(xml)?.[1];
}

function identifiersOf(xml: string): string[] {
  return [...xml.matchAll(/<identifier>([^<]+)<\/identifier>/g)].map((m) => m[1] ?? '');
}

function errorCodeOf(xml: string): string | undefined {
  return /<error code="([^"]+)"/.exec(xml)?.[1];
}

void describe('fault OAI-PMH server without faults', () => {
  let server: FaultOaiServer;
  before(async () => {
    server = await startFaultOaiServer({ records: 60, pageSize: 20 });
  });
  after(async () => server.close());

  void it('answers Identify with the repository description', async () => {
    const xml = await text(`${server.url}?verb=Identify`);
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
    assert.match(xml, /<responseDate>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z<\/responseDate>/);
    assert.match(xml, new RegExp(`<request verb="Identify">${server.url}</request>`));
    assert.match(xml, /<protocolVersion>2.0<\/protocolVersion>/);
    assert.match(xml, /<deletedRecord>persistent<\/deletedRecord>/);
    assert.match(xml, /<granularity>YYYY-MM-DDThh:mm:ssZ<\/granularity>/);
    assert.match(xml, /<earliestDatestamp>2024-01-03T08:07:00Z<\/earliestDatestamp>/);
  });

  void it('lists metadata formats and sets', async () => {
    assert.match(
      await text(`${server.url}?verb=ListMetadataFormats`),
      /<metadataPrefix>oai_dc<\/metadataPrefix>/,
    );
    const sets = await text(`${server.url}?verb=ListSets`);
    assert.match(sets, /<setSpec>math:geometry<\/setSpec>/);
    assert.equal([...sets.matchAll(/<set>/g)].length, 6);
  });

  void it('walks ListRecords with resumption tokens and returns every record exactly once', async () => {
    const seen: string[] = [];
    const deleted: string[] = [];
    let xml = await text(`${server.url}?verb=ListRecords&metadataPrefix=oai_dc`);
    let pages = 1;
    for (;;) {
      for (const record of xml.matchAll(/<record><header( status="deleted")?><identifier>([^<]+)</g)) {
        seen.push(record[2] ?? '');
        if (record[1] !== undefined) deleted.push(record[2] ?? '');
      }
      const token = tokenOf(xml);
      if (token === undefined) break;
      assert.match(xml, /<resumptionToken expirationDate="[^"]+" completeListSize="60" cursor="\d+">/);
      xml = await text(`${server.url}?verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`);
      pages += 1;
    }
    // The last page ends the list with an empty token that keeps its attributes.
    assert.match(xml, /<resumptionToken completeListSize="60" cursor="40"\/>/);
    assert.equal(pages, 3);
    const truth = server.records;
    assert.deepEqual([...seen].sort(), truth.map((r) => r.identifier).sort());
    assert.equal(new Set(seen).size, seen.length, 'no record twice');
    assert.deepEqual(
      deleted.sort(),
      truth
        .filter((r) => r.deleted)
        .map((r) => r.identifier)
        .sort(),
    );
    assert.ok(deleted.length > 0 && deleted.length < truth.length);
    const live = seen.filter((id) => !deleted.includes(id));
    assert.equal(live.length, truth.filter((r) => !r.deleted).length);
  });

  void it('keeps the ground truth varied: several months, several sets, non-ASCII titles', () => {
    const months = new Set(server.records.map((r) => r.datestamp.slice(0, 7)));
    assert.ok(months.size >= 2, `months ${[...months].join(',')}`);
    const specs = new Set(server.records.flatMap((r) => r.setSpecs));
    assert.ok(specs.size >= 5);
    assert.ok(server.records.some((r) => r.setSpecs.length > 1));
    assert.ok(server.records.some((r) => Buffer.byteLength(r.title, 'utf8') > r.title.length));
    assert.equal(server.records[0]?.identifier, 'oai:fault.test:1');
  });

  void it('applies from, until and set (hierarchically) and echoes the arguments', async () => {
    const from = '2024-01-10';
    const until = '2024-02-10';
    const xml = await text(
      `${server.url}?verb=ListIdentifiers&metadataPrefix=oai_dc&from=${from}&until=${until}&set=math`,
    );
    assert.match(
      xml,
      /<request verb="ListIdentifiers" metadataPrefix="oai_dc" from="2024-01-10" until="2024-02-10" set="math">/,
    );
    const expected = server.records
      .filter((r) => r.datestamp >= `${from}T00:00:00Z` && r.datestamp <= `${until}T23:59:59Z`)
      .filter((r) => r.setSpecs.some((s) => s === 'math' || s.startsWith('math:')))
      .map((r) => r.identifier);
    assert.ok(expected.length > 0);
    assert.deepEqual(identifiersOf(xml), expected);
  });

  void it('answers GetRecord, also over POST', async () => {
    const get = await text(`${server.url}?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:fault.test:3`);
    assert.deepEqual(identifiersOf(get), ['oai:fault.test:3']);
    assert.match(get, /<dc:title xml:lang="[a-z]+">/);
    const post = await raw(server.url, {
      method: 'POST',
      body: 'verb=GetRecord&metadataPrefix=oai_dc&identifier=oai%3Afault.test%3A3',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.deepEqual(identifiersOf(post.body.toString('utf8')), ['oai:fault.test:3']);
    assert.equal(server.requests.at(-1)?.method, 'POST');
  });

  void it('reports OAI errors with HTTP 200 and the right code', async () => {
    const cases: [string, string][] = [
      ['', 'badVerb'],
      ['verb=Dance', 'badVerb'],
      ['verb=Identify&verb=Identify', 'badVerb'],
      ['verb=Identify&extra=1', 'badArgument'],
      ['verb=ListRecords', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-13-40', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2024-02-01T00:00:00Z', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-03-01&until=2024-02-01', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&set=a&set=b', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01', 'noRecordsMatch'],
      ['verb=ListRecords&metadataPrefix=oai_dc&set=nope', 'noRecordsMatch'],
      ['verb=ListRecords&resumptionToken=garbage!', 'badResumptionToken'],
      ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:fault.test:9999', 'idDoesNotExist'],
      ['verb=GetRecord&identifier=oai:fault.test:1', 'badArgument'],
      ['verb=ListMetadataFormats&identifier=oai:nope:1', 'idDoesNotExist'],
    ];
    for (const [query, code] of cases) {
      const answer = await raw(`${server.url}?${query}`);
      assert.equal(answer.status, 200, query);
      assert.equal(errorCodeOf(answer.body.toString('utf8')), code, query);
    }
    // badVerb and badArgument answers echo no arguments.
    assert.match(await text(`${server.url}?verb=Dance`), /<request>http:/);
  });

  void it('produces documents valid against the official OAI-PMH and oai_dc schemas', async (t) => {
    const schemaDir = corpusPath('schema');
    const needed = ['OAI-PMH.xsd', 'oai_dc.xsd', 'simpledc20021212.xsd', 'xml.xsd'];
    if (!needed.every((name) => existsSync(path.join(schemaDir, name)))) {
      return t.skip(`the schemas are not in ${schemaDir}`);
    }
    try {
      execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    } catch {
      return t.skip('xmllint is not installed (Debian: libxml2-utils)');
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'fault-oai-'));
    try {
      // Local copies with the web imports pointed at the neighbouring files, so xmllint never goes online;
      // a wrapper schema loads oai_dc next to OAI-PMH so the strict metadata wildcard is checked too.
      for (const name of ['OAI-PMH.xsd', 'simpledc20021212.xsd', 'xml.xsd']) {
        writeFileSync(path.join(dir, name), readFileSync(path.join(schemaDir, name)));
      }
      writeFileSync(
        path.join(dir, 'oai_dc.xsd'),
        readFileSync(path.join(schemaDir, 'oai_dc.xsd'), 'utf8').replace(
          'http://dublincore.org/schemas/xmls/simpledc20021212.xsd',
          'simpledc20021212.xsd',
        ),
      );
      writeFileSync(
        path.join(dir, 'all.xsd'),
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:fault-test">' +
          '<xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="OAI-PMH.xsd"/>' +
          '<xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="oai_dc.xsd"/>' +
          '</xs:schema>',
      );
      const first = await text(`${server.url}?verb=ListRecords&metadataPrefix=oai_dc`);
      const queries = [
        'verb=Identify',
        'verb=ListMetadataFormats',
        'verb=ListSets',
        'verb=ListIdentifiers&metadataPrefix=oai_dc&set=physics',
        'verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:fault.test:2',
        'verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:fault.test:4',
        `verb=ListRecords&resumptionToken=${tokenOf(first) ?? ''}`,
        'verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01',
        'verb=Dance',
      ];
      const files = [path.join(dir, 'first.xml')];
      writeFileSync(files[0] ?? '', first);
      for (const [i, query] of queries.entries()) {
        const file = path.join(dir, `doc-${i}.xml`);
        writeFileSync(file, await text(`${server.url}?${query}`));
        files.push(file);
      }
      try {
        execFileSync('xmllint', ['--noout', '--nonet', '--schema', path.join(dir, 'all.xsd'), ...files], {
          stdio: 'pipe',
        });
      } catch (error) {
        assert.fail(
          `xmllint rejected the documents:\n${String((error as { stderr?: Buffer | string }).stderr ?? '')}`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void it('mutates the ground truth with datestamps later than everything before', async () => {
    const small = await startFaultOaiServer({ records: 10, clock: () => new Date('2025-06-01T12:00:00Z') });
    try {
      const before =
        small.records
          .map((r) => r.datestamp)
          .sort()
          .at(-1) ?? '';
      const added = small.mutate.add({ title: 'Neu' });
      const changed = small.mutate.update('oai:fault.test:2', { title: 'Geändert' });
      const removed = small.mutate.delete('oai:fault.test:3');
      assert.equal(added.identifier, 'oai:fault.test:11');
      for (const r of [added, changed, removed]) assert.ok(r.datestamp > before, r.datestamp);
      assert.equal(removed.deleted, true);
      const xml = await text(`${small.url}?verb=ListRecords&metadataPrefix=oai_dc&from=2025-06-01T12:00:00Z`);
      assert.deepEqual(
        identifiersOf(xml).sort(),
        [added.identifier, changed.identifier, removed.identifier].sort(),
      );
      assert.match(xml, /Geändert/);
      assert.match(xml, /<header status="deleted"><identifier>oai:fault.test:3</);
      assert.equal(small.records.length, 11);
      assert.throws(() => small.mutate.update('oai:fault.test:999', {}), RangeError);
    } finally {
      await small.close();
    }
  });

  void it('invalidates issued tokens on restart()', async () => {
    const first = await text(`${server.url}?verb=ListRecords&metadataPrefix=oai_dc`);
    const token = tokenOf(first) ?? '';
    assert.equal(
      errorCodeOf(await text(`${server.url}?verb=ListRecords&resumptionToken=${token}`)),
      undefined,
    );
    server.restart();
    assert.equal(
      errorCodeOf(await text(`${server.url}?verb=ListRecords&resumptionToken=${token}`)),
      'badResumptionToken',
    );
  });

  void it('refuses to listen on a non-loopback address', async () => {
    await assert.rejects(startFaultOaiServer({ host: '0.0.0.0' }), RangeError);
  });
});

void describe('fault OAI-PMH server faults on the wire', () => {
  let server: FaultOaiServer;
  let list: string;
  before(async () => {
    server = await startFaultOaiServer({ records: 40, pageSize: 10 });
    list = `${server.url}?verb=ListRecords&metadataPrefix=oai_dc`;
  });
  after(async () => server.close());

  const withFaults = async (
    faults: Parameters<FaultOaiServer['setFaults']>[0],
    body: () => Promise<void>,
  ): Promise<void> => {
    server.setFaults(faults);
    try {
      await body();
    } finally {
      server.setFaults([]);
    }
  };

  void it('status: 503 with Retry-After seconds, only as many times as asked', () =>
    withFaults([{ kind: 'status', status: 503, retryAfter: '2', times: 2 }], async () => {
      for (let i = 0; i < 2; i += 1) {
        const answer = await raw(`${server.url}?verb=Identify`);
        assert.equal(answer.status, 503);
        assert.equal(answer.headers['retry-after'], '2');
      }
      assert.equal((await raw(`${server.url}?verb=Identify`)).status, 200);
      assert.deepEqual(server.requests.at(-1)?.faults, []);
      assert.deepEqual(server.requests.at(-2)?.faults, ['status']);
    }));

  void it('status: 503 with Retry-After as an HTTP date', () => {
    const when = new Date(Date.UTC(2030, 0, 1, 0, 0, 0));
    return withFaults([{ kind: 'status', status: 503, retryAfter: when }], async () => {
      const answer = await raw(`${server.url}?verb=Identify`);
      assert.equal(answer.headers['retry-after'], 'Tue, 01 Jan 2030 00:00:00 GMT');
    });
  });

  void it('status: 500, 502, 504, 429 and 403', async () => {
    for (const status of [500, 502, 504, 429, 403]) {
      await withFaults([{ kind: 'status', status }], async () => {
        assert.equal((await raw(`${server.url}?verb=Identify`)).status, status);
      });
    }
  });

  void it('hang: accepts the request and never answers', () =>
    withFaults([{ kind: 'hang', times: 1 }], async () => {
      await assert.rejects(raw(`${server.url}?verb=Identify`, { timeoutMs: 200 }), /client timeout/);
      assert.equal(server.requests.at(-1)?.faults[0], 'hang');
    }));

  void it('reset: drops the connection without an answer', () =>
    withFaults([{ kind: 'reset' }], async () => {
      await assert.rejects(raw(`${server.url}?verb=Identify`), /ECONNRESET|socket hang up/);
    }));

  void it('delay: answers normally, late', () =>
    withFaults([{ kind: 'delay', ms: 150 }], async () => {
      const started = performance.now();
      const answer = await raw(`${server.url}?verb=Identify`);
      assert.ok(performance.now() - started >= 140);
      assert.match(answer.body.toString(), /<Identify>/);
    }));

  void it('drip: sends the body a few bytes at a time', () =>
    withFaults([{ kind: 'drip', chunkBytes: 200, intervalMs: 20, verb: 'Identify' }], async () => {
      const answer = await raw(`${server.url}?verb=Identify`);
      assert.match(answer.body.toString(), /<\/OAI-PMH>/);
      assert.ok(answer.chunkTimes.length >= 4, `${answer.chunkTimes.length} chunks`);
      const spread = (answer.chunkTimes.at(-1) ?? 0) - (answer.chunkTimes[0] ?? 0);
      assert.ok(spread >= 50, `chunks spread over ${Math.round(spread)} ms`);
    }));

  void it('truncate: Content-Length promises more than arrives, cut inside a record', () =>
    withFaults([{ kind: 'truncate', mode: 'content-length-lie' }], async () => {
      const answer = await raw(list);
      assert.ok(answer.error !== undefined, 'the client sees a broken body');
      assert.ok(answer.body.length < Number(answer.headers['content-length']));
      const body = answer.body.toString('utf8');
      assert.ok(
        body.lastIndexOf('<record>') > body.lastIndexOf('</record>'),
        'the cut falls inside a record',
      );
    }));

  void it('truncate: a chunked body whose connection is cut', () =>
    withFaults([{ kind: 'truncate', mode: 'cut', keepBytes: 500 }], async () => {
      const answer = await raw(list);
      assert.equal(answer.headers['content-length'], undefined);
      assert.equal(answer.headers['transfer-encoding'], 'chunked');
      assert.ok(answer.error !== undefined);
      assert.equal(answer.body.length, 500);
    }));

  void it('html-200: an HTML page with status 200', () =>
    withFaults([{ kind: 'html-200' }], async () => {
      const answer = await raw(list);
      assert.equal(answer.status, 200);
      assert.match(String(answer.headers['content-type']), /text\/html/);
      assert.match(answer.body.toString(), /^<!DOCTYPE html>/);
    }));

  void it('control-chars: XML-illegal characters inside one record', () =>
    withFaults([{ kind: 'control-chars' }], async () => {
      const xml = await text(list);
      const records = xml.split('<record>').slice(1);
      const illegal = ['\u0001', '\u0008', '\u000B', '\u000C', '\u001F'];
      const dirty = records.filter((r) => illegal.some((c) => r.includes(c)));
      assert.equal(dirty.length, 1);
      assert.match(dirty[0] ?? '', /<identifier>oai:fault.test:1</);
    }));

  void it('wrong-encoding: Latin-1 bytes declared UTF-8', () =>
    withFaults([{ kind: 'wrong-encoding', variant: 'latin1-declared-utf8' }], async () => {
      const answer = await raw(list);
      assert.match(String(answer.headers['content-type']), /charset=UTF-8/);
      assert.match(answer.body.subarray(0, 60).toString('latin1'), /encoding="UTF-8"/);
      assert.ok(answer.body.includes(Buffer.from('Übungsblatt', 'latin1')), 'Ü is the single byte 0xDC');
      assert.ok(!answer.body.includes(Buffer.from('Übungsblatt', 'utf8')));
    }));

  void it('wrong-encoding: UTF-8 bytes declared ISO-8859-1', () =>
    withFaults([{ kind: 'wrong-encoding', variant: 'utf8-declared-latin1' }], async () => {
      const answer = await raw(list);
      assert.match(String(answer.headers['content-type']), /charset=ISO-8859-1/);
      assert.match(answer.body.subarray(0, 60).toString('latin1'), /encoding="ISO-8859-1"/);
      assert.ok(answer.body.includes(Buffer.from('Übungsblatt', 'utf8')));
    }));

  void it('double-encoded-utf8: UTF-8 encoded twice', () =>
    withFaults([{ kind: 'double-encoded-utf8' }], async () => {
      const xml = await text(list);
      // Ü is C3 9C in UTF-8; read as Latin-1 and encoded again it becomes C3 83 C2 9C, shown as "Ã\u009c".
      assert.match(xml, /Ã\u009cbungsblatt/);
      assert.doesNotMatch(xml, /Übungsblatt/);
    }));

  void it('gzip-no-header: gzip bytes without Content-Encoding', () =>
    withFaults([{ kind: 'gzip-no-header' }], async () => {
      const answer = await raw(list);
      assert.equal(answer.headers['content-encoding'], undefined);
      assert.equal(answer.body[0], 0x1f);
      assert.equal(answer.body[1], 0x8b);
      assert.match(gunzipSync(answer.body).toString('utf8'), /<ListRecords>/);
    }));

  void it('gzip-bomb: a few KB on the wire that inflate to megabytes of zeros', () =>
    withFaults([{ kind: 'gzip-bomb', inflatedBytes: 5 * 1024 * 1024 }], async () => {
      const answer = await raw(list);
      assert.equal(answer.headers['content-encoding'], 'gzip');
      assert.ok(answer.body.length < 64 * 1024, `${answer.body.length} bytes on the wire`);
      assert.equal(gunzipSync(answer.body).length, 5 * 1024 * 1024);
    }));

  void it('trailing-garbage: text after </OAI-PMH>', () =>
    withFaults([{ kind: 'trailing-garbage' }], async () => {
      const xml = await text(list);
      const tail = xml.slice(xml.indexOf('</OAI-PMH>') + '</OAI-PMH>'.length);
      assert.match(tail, /Notice/);
    }));

  void it('repeated-xml-declaration: the declaration twice', () =>
    withFaults([{ kind: 'repeated-xml-declaration' }], async () => {
      const xml = await text(`${server.url}?verb=Identify`);
      assert.equal([...xml.matchAll(/<\?xml /g)].length, 2);
    }));

  void it('last-page-token: missing, whitespace, or empty with attributes', async () => {
    const lastPage = async (): Promise<string> => {
      let xml = await text(list);
      // A token of blanks ends the list too (that is what the whitespace style tests harvesters for).
      for (let token = tokenOf(xml)?.trim(); token; token = tokenOf(xml)?.trim()) {
        xml = await text(`${server.url}?verb=ListRecords&resumptionToken=${token}`);
      }
      return xml;
    };
    await withFaults([{ kind: 'last-page-token', style: 'missing' }], async () => {
      const xml = await lastPage();
      assert.doesNotMatch(xml, /<resumptionToken/);
      assert.match(xml, /oai:fault.test:40</);
    });
    await withFaults([{ kind: 'last-page-token', style: 'whitespace' }], async () => {
      assert.match(
        await lastPage(),
        /<resumptionToken completeListSize="40" cursor="30">\s+<\/resumptionToken>/,
      );
    });
    await withFaults([{ kind: 'last-page-token', style: 'empty-with-attributes' }], async () => {
      assert.match(
        await lastPage(),
        /<resumptionToken expirationDate="[^"]+" completeListSize="40" cursor="30"\/>/,
      );
    });
  });

  void it('token-loop: the same token comes back forever', () =>
    withFaults([{ kind: 'token-loop' }], async () => {
      const token = tokenOf(await text(list)) ?? '';
      for (let i = 0; i < 4; i += 1) {
        const xml = await text(`${server.url}?verb=ListRecords&resumptionToken=${token}`);
        assert.equal(tokenOf(xml), token);
        assert.equal(identifiersOf(xml)[0], 'oai:fault.test:11');
      }
    }));

  void it('bad-resumption-token: the list breaks on page 3', () =>
    withFaults([{ kind: 'bad-resumption-token', page: 3 }], async () => {
      const second = await text(
        `${server.url}?verb=ListRecords&resumptionToken=${tokenOf(await text(list)) ?? ''}`,
      );
      assert.equal(errorCodeOf(second), undefined);
      const third = await text(`${server.url}?verb=ListRecords&resumptionToken=${tokenOf(second) ?? ''}`);
      assert.equal(errorCodeOf(third), 'badResumptionToken');
      assert.match(third, /<request verb="ListRecords" resumptionToken="[^"]+">/);
    }));

  void it('restart: a token that worked once fails after the provider restarts', async () => {
    const token = tokenOf(await text(list)) ?? '';
    assert.equal(
      errorCodeOf(await text(`${server.url}?verb=ListRecords&resumptionToken=${token}`)),
      undefined,
    );
    await withFaults([{ kind: 'restart', times: 1 }], async () => {
      assert.equal(
        errorCodeOf(await text(`${server.url}?verb=ListRecords&resumptionToken=${token}`)),
        'badResumptionToken',
      );
    });
  });

  void it('ignore-date-range: from and until make no difference', () =>
    withFaults([{ kind: 'ignore-date-range' }], async () => {
      const xml = await text(`${list}&from=2024-02-01&until=2024-02-02`);
      assert.match(xml, /completeListSize="40"/);
      assert.equal(identifiersOf(xml)[0], 'oai:fault.test:1');
    }));

  void it('huge-page: a page of many megabytes', () =>
    withFaults([{ kind: 'huge-page', bytes: 6 * 1024 * 1024 }], async () => {
      const answer = await raw(list);
      assert.ok(answer.body.length >= 6 * 1024 * 1024, `${answer.body.length} bytes`);
      assert.equal(identifiersOf(answer.body.toString('utf8')).length, 10);
    }));

  void it('entity-expansion: a DOCTYPE with nested entities used in a record', () =>
    withFaults([{ kind: 'entity-expansion', depth: 6 }], async () => {
      const xml = await text(list);
      assert.match(xml, /^<\?xml[^>]*\?>\n<!DOCTYPE OAI-PMH \[/);
      assert.match(xml, /<!ENTITY e6 "(&e5;){10}">/);
      assert.equal([...xml.matchAll(/&e6;/g)].length, 1);
    }));

  void it('redirect: points the client at another loopback address', async () => {
    const target = await startFaultOaiServer({ records: 2, host: '127.0.0.2' });
    try {
      await withFaults(
        [{ kind: 'redirect', location: `${target.url}?verb=Identify`, status: 307 }],
        async () => {
          const answer = await raw(`${server.url}?verb=Identify`);
          assert.equal(answer.status, 307);
          assert.equal(answer.headers.location, `${target.url}?verb=Identify`);
        },
      );
      assert.equal(target.requests.length, 0);
    } finally {
      await target.close();
    }
  });

  void it('undefined-entity: &nbsp; inside one record only', () =>
    withFaults([{ kind: 'undefined-entity' }], async () => {
      const records = (await text(list)).split('<record>').slice(1);
      const broken = records.filter((r) => r.includes('&nbsp;'));
      assert.equal(broken.length, 1);
      assert.match(broken[0] ?? '', /<identifier>oai:fault.test:2</);
    }));

  void it('selectors: request number, skip, verb and token', async () => {
    await withFaults([{ kind: 'status', status: 500, request: 2 }], async () => {
      assert.deepEqual(
        [
          await raw(`${server.url}?verb=Identify`),
          await raw(`${server.url}?verb=Identify`),
          await raw(`${server.url}?verb=Identify`),
        ].map((a) => a.status),
        [200, 500, 200],
      );
    });
    await withFaults([{ kind: 'status', status: 502, skip: 1, times: 1, verb: 'ListSets' }], async () => {
      const statuses = [];
      for (const verb of ['Identify', 'ListSets', 'ListSets', 'ListSets']) {
        statuses.push((await raw(`${server.url}?verb=${verb}`)).status);
      }
      assert.deepEqual(statuses, [200, 200, 502, 200]);
    });
    const token = tokenOf(await text(list)) ?? '';
    await withFaults([{ kind: 'status', status: 504, token }], async () => {
      assert.equal((await raw(list)).status, 200);
      assert.equal((await raw(`${server.url}?verb=ListRecords&resumptionToken=${token}`)).status, 504);
    });
  });

  void it('gzip option: compresses honestly when the client accepts it', async () => {
    const zipped = await startFaultOaiServer({ records: 3, gzip: true });
    try {
      const answer = await raw(`${zipped.url}?verb=Identify`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(answer.headers['content-encoding'], 'gzip');
      assert.match(gunzipSync(answer.body).toString(), /<compression>gzip<\/compression>/);
      const plain = await raw(`${zipped.url}?verb=Identify`);
      assert.equal(plain.headers['content-encoding'], undefined);
    } finally {
      await zipped.close();
    }
  });
});
