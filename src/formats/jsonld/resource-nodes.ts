// Finds the learning resources in a parsed JSON-LD document as web pages and dumps publish them: single
// nodes, top-level lists, `@graph` wrappers, a page's `mainEntity`, the items of an `ItemList` (course
// carousels). A node counts as a learning resource when it is typed LearningResource / Course / Quiz /
// Syllabus, when it is an AMB record (AMB or LRMI-profile context), or when it is any other creative work
// that carries educational properties (learningResourceType, educationalLevel, educationalAlignment...).
// Site furniture (WebSite, BreadcrumbList, Organization, Person...) is never selected. Each selected node
// is given the @context of its surroundings so it can be read, stored and re-mapped on its own.
// Pure; bounded in the nodes it visits, never recursive on the input beyond a small fixed depth.
import {
  isObject,
  listOf,
  own,
  rawText,
  term,
  typeNames,
  type JsonObject,
  type TermReader,
} from '../amb/jsonld-read.js';

/** Types that make a node a learning resource by themselves. */
const EDUCATIONAL_TYPES = new Set(['LearningResource', 'Course', 'Quiz', 'Syllabus']);

/** Types of things that are not resources, and of the structure of web pages. */
const NOT_RESOURCE_TYPES = new Set([
  'Organization',
  'EducationalOrganization',
  'CollegeOrUniversity',
  'School',
  'HighSchool',
  'MiddleSchool',
  'ElementarySchool',
  'Preschool',
  'GovernmentOrganization',
  'NGO',
  'Corporation',
  'LocalBusiness',
  'Library',
  'ResearchOrganization',
  'Consortium',
  'Person',
  'Event',
  'CourseInstance',
  'EducationalOccupationalProgram',
  'Place',
  'Country',
  'City',
  'PostalAddress',
  'ContactPoint',
  'Brand',
  'Product',
  'Service',
  'Offer',
  'AggregateOffer',
  'Rating',
  'AggregateRating',
  'Review',
  'Action',
  'SearchAction',
  'ReadAction',
  'WebSite',
  'BreadcrumbList',
  'ItemList',
  'ListItem',
  'SiteNavigationElement',
  'WPHeader',
  'WPFooter',
  'WPSideBar',
  'WPAdBlock',
  'Comment',
  'Question',
  'Answer',
  'DefinedTerm',
  'DefinedTermSet',
  'Concept',
  'ConceptScheme',
  'JobPosting',
  'Language',
]);

/** Properties only a description of an educational resource has. */
const EDUCATIONAL_PROPERTIES = [
  'learningResourceType',
  'educationalLevel',
  'educationalAlignment',
  'educationalUse',
  'educationalRole',
  'teaches',
  'assesses',
  'competencyRequired',
  'typicalAgeRange',
  'interactivityType',
] as const;

const AMB_CONTEXT = /^https?:\/\/w3id\.org\/kim\/(?:amb|lrmi-profile)\//i;

export interface ResourceNode {
  /** The node, carrying the @context it needs to be read on its own (relative references resolved). */
  readonly node: JsonObject;
  /** The node's own id (`@id`/`id`, else `url`) when that is an http(s) URL; null otherwise. */
  readonly ownId: string | null;
}

export interface NodeSelection {
  readonly resources: ResourceNode[];
  /** Objects looked at. */
  readonly visited: number;
  /** Resources left out because an earlier one on the same document had the same id. */
  readonly duplicates: number;
  /** Resources left out because the document had more than `maxResources`. */
  readonly overflow: number;
}

export interface SelectOptions {
  /** The document's URL: relative `@id`, `url` and `image` values are resolved against it. */
  readonly base?: string;
  readonly maxResources?: number;
  readonly maxVisited?: number;
}

/** The prefixes a @context binds to schema.org, besides the usual "schema" and "sdo". */
export function schemaReader(context: unknown): TermReader {
  const prefixes = new Set(['schema', 'sdo']);
  for (const entry of listOf(context, 20)) {
    if (!isObject(entry)) continue;
    for (const [key, value] of Object.entries(entry).slice(0, 200)) {
      if (!key.startsWith('@') && typeof value === 'string' && /^https?:\/\/schema\.org\/?$/.test(value)) {
        prefixes.add(key);
      }
    }
  }
  return { schemaPrefixes: [...prefixes] };
}

function isAmbContext(context: unknown): boolean {
  return listOf(context, 20).some((entry) => typeof entry === 'string' && AMB_CONTEXT.test(entry.trim()));
}

function hasEducationalProperty(node: JsonObject, reader: TermReader): boolean {
  if (EDUCATIONAL_PROPERTIES.some((p) => term(node, p, reader) !== undefined)) return true;
  return listOf(term(node, 'audience', reader), 20).some(
    (a) =>
      isObject(a) &&
      (typeNames(a, reader).includes('EducationalAudience') ||
        term(a, 'educationalRole', reader) !== undefined),
  );
}

/** Whether `node`, read with `context`, describes a learning resource (see the file comment). */
export function isLearningResource(node: JsonObject, context: unknown): boolean {
  const reader = schemaReader(context);
  const types = typeNames(node, reader);
  if (types.some((t) => EDUCATIONAL_TYPES.has(t))) return true;
  if (types.length > 0 && types.every((t) => NOT_RESOURCE_TYPES.has(t))) return false;
  if (isAmbContext(context) && term(node, 'name', reader) !== undefined) return true;
  return types.length > 0 && hasEducationalProperty(node, reader);
}

function httpUrlOrNull(value: string, base: string | undefined): string | null {
  const text = value.trim();
  if (text === '' || text.length > 4096) return null;
  try {
    const url = base === undefined ? new URL(text) : new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** `@id`/`id`, else `url` (a string or a node reference), as an absolute http(s) URL. */
export function ownIdOf(node: JsonObject, reader: TermReader, base?: string): string | null {
  const id = rawText(own(node, '@id') ?? own(node, 'id'));
  const fromId = id === undefined ? null : httpUrlOrNull(id, base);
  if (fromId !== null) return fromId;
  const url = listOf(term(node, 'url', reader), 1)[0];
  const text = rawText(url) ?? (isObject(url) ? rawText(own(url, '@id') ?? own(url, 'id')) : undefined);
  return text === undefined ? null : httpUrlOrNull(text, base);
}

/** Relative references of the node itself resolved against `base`, as a JSON-LD processor would. */
function resolveReferences(node: JsonObject, base: string | undefined): JsonObject {
  if (base === undefined) return node;
  let copy: Record<string, unknown> | null = null;
  for (const key of ['@id', 'id', 'url', 'image']) {
    const value = own(node, key);
    if (typeof value !== 'string' || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value.trim())) continue;
    const resolved = httpUrlOrNull(value, base);
    if (resolved === null) continue;
    copy ??= { ...node };
    copy[key] = resolved;
  }
  return copy ?? node;
}

/** The node with `context` as its own @context (first key), unless it already has one. */
export function withContext(node: JsonObject, context: unknown): JsonObject {
  if (own(node, '@context') !== undefined || context === undefined) return node;
  return { '@context': context, ...node };
}

/** The learning resources of `doc` (see the file comment), in document order. */
export function selectResourceNodes(doc: unknown, options: SelectOptions = {}): NodeSelection {
  const maxResources = options.maxResources ?? 500;
  const maxVisited = options.maxVisited ?? 5000;
  const resources: ResourceNode[] = [];
  const seen = new Set<string>();
  let visited = 0;
  let duplicates = 0;
  let overflow = 0;

  const add = (node: JsonObject, context: unknown): void => {
    const reader = schemaReader(context);
    const ownId = ownIdOf(node, reader, options.base);
    if (ownId !== null) {
      if (seen.has(ownId)) {
        duplicates++;
        return;
      }
      seen.add(ownId);
    }
    if (resources.length >= maxResources) {
      overflow++;
      return;
    }
    resources.push({ node: withContext(resolveReferences(node, options.base), context), ownId });
  };

  const visit = (value: unknown, context: unknown, depth: number): void => {
    if (depth > 6) return;
    for (const entry of listOf(value, 2000)) {
      if (visited >= maxVisited) return;
      if (Array.isArray(entry)) {
        visit(entry, context, depth + 1);
        continue;
      }
      if (!isObject(entry)) continue;
      visited++;
      const ownContext = own(entry, '@context');
      const ctx = ownContext ?? context;
      const graph = own(entry, '@graph');
      if (graph !== undefined) {
        visit(graph, ctx, depth + 1);
        // A wrapper is only a container unless it is typed itself.
        if (own(entry, '@type') === undefined && own(entry, 'type') === undefined) continue;
      }
      if (isLearningResource(entry, ctx)) {
        add(entry, ctx);
        continue;
      }
      // A page describing its main subject, and lists of courses ("carousels").
      const reader = schemaReader(ctx);
      visit(term(entry, 'mainEntity', reader), ctx, depth + 1);
      for (const item of listOf(term(entry, 'itemListElement', reader), 500)) {
        if (isObject(item)) visit(term(item, 'item', reader) ?? item, ctx, depth + 1);
      }
    }
  };
  visit(doc, undefined, 0);
  return { resources, visited, duplicates, overflow };
}
