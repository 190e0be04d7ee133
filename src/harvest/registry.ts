// Which harvester serves which protocol.
import type { Protocol } from '../domain/catalog.js';
import { createCsvHarvester } from './csv-harvester.js';
import { createDumpHarvester } from './dump-harvester.js';
import { createFeedHarvester } from './feed-harvester.js';
import { createFileHarvester } from './file-harvester.js';
import type { Harvester } from './harvester.js';
import { createOaiPmhHarvester } from './oai-pmh-harvester.js';
import { createSitemapHarvester } from './sitemap-harvester.js';

export function harvesterFor(protocol: Protocol): Harvester {
  switch (protocol) {
    case 'oai-pmh':
      return createOaiPmhHarvester();
    case 'sitemap':
      return createSitemapHarvester();
    case 'feed':
      return createFeedHarvester();
    case 'jsonl':
    case 'json':
      return createDumpHarvester();
    case 'csv':
      return createCsvHarvester();
    case 'file':
      return createFileHarvester();
  }
}
