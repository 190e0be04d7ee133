// Takes the learning resources out of a web page's `<script type="application/ld+json">` blocks: every
// block of the page (any letter case, with parameters after the media type), each read leniently
// (comments, CDATA, HTML entities, trailing commas, control characters: see jsonld/lenient-json.ts), the
// resources selected from each (jsonld/resource-nodes.ts) and given the id they are stored under:
// their own http(s) `@id` or `url`, else the page (with "#n" when the page holds several resources).
// A block that is not JSON becomes a problem with the id "<page>#block-<n>"; the other blocks are kept.
// Pure; never fetches the @context or anything else a page refers to.
import { Parser } from 'htmlparser2';
import { AtlasError, isAtlasError } from '../../domain/errors.js';
import { parseLenientJson } from '../jsonld/lenient-json.js';
import { selectResourceNodes } from '../jsonld/resource-nodes.js';

export interface JsonLdBlock {
  /** 1-based position among the page's JSON-LD blocks. */
  readonly index: number;
  readonly text: string;
}

export interface PageResource {
  readonly sourceRecordId: string;
  /** The JSON text of the one node, with its @context. */
  readonly raw: string;
  /** True when the id is the resource's own URL rather than the page's. */
  readonly ownId: boolean;
}

export interface PageProblem {
  readonly sourceRecordId: string;
  readonly code: string;
  readonly message: string;
  readonly raw: string;
}

export interface JsonLdPage {
  readonly resources: PageResource[];
  readonly problems: PageProblem[];
  /** JSON-LD blocks found. */
  readonly blocks: number;
  /** Repairs applied to any block, e.g. "html-comment-wrapper". */
  readonly repairs: string[];
  /** Resources given twice on the page (same id), kept once. */
  readonly duplicates: number;
}

export interface JsonLdPageOptions {
  /** The page's URL, against which relative references are resolved; absent for local files. */
  readonly url?: string;
  /** The id resources without their own URL get ("#n" is added when there are several); default `url`. */
  readonly pageId?: string;
  /** Cap on one resource's JSON text. Default 4 Mi characters. */
  readonly maxRecordChars?: number;
  /** Blocks read at most. Default 200. */
  readonly maxBlocks?: number;
  /** Resources taken at most. Default 1000. */
  readonly maxResources?: number;
}

function isJsonLdType(type: string | undefined): boolean {
  if (type === undefined) return false;
  const media = type.split(';')[0]?.trim().toLowerCase();
  return media === 'application/ld+json';
}

/** The JSON-LD script blocks of `html`, in page order, and the page's `<base href>` if it has one. */
export function jsonLdScriptBlocks(html: string, maxBlocks = 200): { blocks: JsonLdBlock[]; base?: string } {
  const blocks: JsonLdBlock[] = [];
  let base: string | undefined;
  let current: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && base === undefined && attributes.href !== undefined) base = attributes.href;
        if (name === 'script' && isJsonLdType(attributes.type) && blocks.length < maxBlocks) current = '';
      },
      ontext(text) {
        if (current !== null) current += text;
      },
      onclosetag(name) {
        if (name === 'script' && current !== null) {
          blocks.push({ index: blocks.length + 1, text: current });
          current = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return base === undefined ? { blocks } : { blocks, base };
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

function resolveBase(url: string | undefined, base: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (base === undefined) return url;
  try {
    return new URL(base, url).href;
  } catch {
    return url;
  }
}

/** Reads every JSON-LD block of `html` and returns its learning resources and its broken blocks. */
export function readJsonLdPage(html: string, options: JsonLdPageOptions = {}): JsonLdPage {
  const maxRecordChars = options.maxRecordChars ?? 4 * 1024 * 1024;
  const pageId = withoutFragment(options.pageId ?? options.url ?? '');
  if (pageId === '') {
    throw new AtlasError('invalid_parameter', 'A page id or URL is needed to name the resources of a page.');
  }
  const { blocks, base } = jsonLdScriptBlocks(html, options.maxBlocks ?? 200);
  const docBase = resolveBase(options.url, base);
  const problems: PageProblem[] = [];
  const repairs: string[] = [];
  const found: { node: unknown; ownId: string | null }[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const maxResources = options.maxResources ?? 1000;

  for (const block of blocks) {
    let value: unknown;
    try {
      const parsed = parseLenientJson(block.text);
      value = parsed.value;
      for (const r of parsed.repairs) if (!repairs.includes(r)) repairs.push(r);
    } catch (error) {
      problems.push({
        sourceRecordId: `${pageId}#block-${block.index}`,
        code: isAtlasError(error) ? error.code : 'json_malformed',
        message: `JSON-LD block ${block.index} of ${pageId}: ${error instanceof Error ? error.message : 'unreadable'}`,
        raw: block.text.slice(0, maxRecordChars),
      });
      continue;
    }
    const selection = selectResourceNodes(value, {
      ...(docBase === undefined ? {} : { base: docBase }),
      maxResources: Math.max(0, maxResources - found.length),
    });
    duplicates += selection.duplicates;
    for (const resource of selection.resources) {
      if (resource.ownId !== null) {
        if (seen.has(resource.ownId)) {
          duplicates++;
          continue;
        }
        seen.add(resource.ownId);
      }
      found.push(resource);
    }
  }

  const several = found.length > 1;
  const resources: PageResource[] = [];
  found.forEach((entry, i) => {
    const sourceRecordId = entry.ownId ?? (several ? `${pageId}#${i + 1}` : pageId);
    const raw = JSON.stringify(entry.node);
    if (raw.length > maxRecordChars) {
      problems.push({
        sourceRecordId,
        code: 'response_too_large',
        message: `The JSON-LD of ${sourceRecordId} has ${raw.length} characters; at most ${maxRecordChars} are kept.`,
        raw: raw.slice(0, 10_000),
      });
      return;
    }
    resources.push({ sourceRecordId, raw, ownId: entry.ownId !== null });
  });
  return { resources, problems, blocks: blocks.length, repairs, duplicates };
}
