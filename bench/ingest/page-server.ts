// A static OAI-PMH provider for the ingest benchmark, run in its own process so that its work and memory do
// not count against the harvester's. Every page is generated before the server listens (about 80 µs a record;
// 1,000,000 records hold about 2 GB here), so that serving a page costs the harvest's machine next to nothing.
// Prints its base URL on the first line of stdout.
//   node --import tsx bench/ingest/page-server.ts FORMAT TOTAL PAGE_SIZE
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchEarliest, benchPages, identifyPage, type BenchFormat } from './pages.js';

const [formatArg = 'oai_dc', totalArg = '100000', pageSizeArg = '100'] = process.argv.slice(2);
const format = formatArg as BenchFormat;
const total = Number(totalArg);
const pageSize = Number(pageSizeArg);
const generated = await benchPages(format, total, pageSize);
// Pages name the server's base URL in <request>: they are made once it listens, before the URL is printed.
const pages: Buffer[] = [];

function noRecordsMatch(base: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">' +
    `<responseDate>${new Date().toISOString().slice(0, 19)}Z</responseDate>` +
    `<request verb="ListRecords">${base}</request><error code="noRecordsMatch">No records in this window.</error></OAI-PMH>`
  );
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oai`;
  const verb = url.searchParams.get('verb');
  let body: string | Buffer;
  if (verb === 'Identify') body = identifyPage(base);
  else if (verb === 'ListRecords') {
    const token = url.searchParams.get('resumptionToken');
    // Every record carries the same datestamp; a date window without it matches nothing.
    const stamp = benchEarliest();
    const from = url.searchParams.get('from');
    const until = url.searchParams.get('until');
    if (token === null && ((from !== null && from > stamp) || (until !== null && until < stamp))) {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(noRecordsMatch(base));
      return;
    }
    const page = pages[token === null ? 0 : Number(token.slice(1))];
    if (page === undefined) {
      res.writeHead(400).end();
      return;
    }
    body = page;
  } else {
    res.writeHead(400).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(body);
});
server.listen(0, '127.0.0.1', () => {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oai`;
  for (let p = 0; p < generated.pageCount; p++) pages.push(Buffer.from(generated.page(p, base)));
  process.stdout.write(`${base}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
