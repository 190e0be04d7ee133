// Test helpers shared by the harvesting-format suites (xml, oai-pmh, oai-dc, lom): reading corpus files as
// bytes and text, and a mapping context. Test helper only; reads files, never writes.
import { readFileSync } from 'node:fs';
import type { MappingContext } from '../../../src/formats/mapping.js';
import { basicNormalizers } from '../../support/basic-normalizers.js';
import { decodeXmlBytes } from '../../../src/formats/xml/decode-bytes.js';
import { corpusPath } from '../corpus.js';

export function corpusBytes(...parts: string[]): Buffer {
  return readFileSync(corpusPath(...parts));
}

/** A corpus file decoded the way the harvester decodes a response body. */
export function corpusXml(...parts: string[]): string {
  return decodeXmlBytes(corpusBytes(...parts)).text;
}

export function mappingContext(sourceRecordId: string, sourceId = 'test-source'): MappingContext {
  return {
    sourceId,
    sourceRecordId,
    harvestedAt: '2024-05-01T12:00:00Z',
    normalize: basicNormalizers,
  };
}
