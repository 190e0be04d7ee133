// Which harvester serves which protocol.
import type { Protocol } from '../domain/catalog.js';
import { AtlasError } from '../domain/errors.js';
import type { Harvester } from './harvester.js';
import { createOaiPmhHarvester } from './oai-pmh-harvester.js';

export function harvesterFor(protocol: Protocol): Harvester {
  switch (protocol) {
    case 'oai-pmh':
      return createOaiPmhHarvester();
    case 'sitemap':
    case 'feed':
    case 'jsonl':
    case 'json':
    case 'csv':
    case 'file':
      throw new AtlasError('unsupported_format', `Harvesting ${protocol} sources is not available.`);
  }
}
