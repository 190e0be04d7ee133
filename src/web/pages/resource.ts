// The resource page, GET /{locale}/resources/:id (id: the work key of search results and the JSON API): the
// resource's metadata in the reader's language where the record has it, its licence in plain words, the
// reuse box (attribution and citations, resource-reuse.ts), every source holding it with its harvest time,
// versions in other languages and adaptations, accessibility, identifiers, and a JSON-LD block (AMB) in the
// head. Every harvested value is escaped; harvested addresses become links only when they are http(s).
import type { FastifyInstance } from 'fastify';
import type { AgentValue, ConceptValue, LangMapValue, ResourceRecord } from '../../domain/profile.js';
import { profileToAmb } from '../../formats/amb/profile-to-amb.js';
import type { ReuseUse } from '../../reuse/attribution.js';
import { licenceTerms } from '../../reuse/licence-terms.js';
import { httpUrl, parsePartialDate, pickText } from '../../reuse/text.js';
import { RESOURCE_JS_HREF } from '../assets/scripts/resource-js.js';
import type { PageContext } from './context.js';
import type { PageDeps } from './index.js';
import { facetValueLabel } from './labels.js';
import { escapeHtml, jsonForScript, renderPage } from './layout.js';
import { loadResource, type ResourceView } from './resource-data.js';
import {
  licenceSection,
  readUses,
  registerCitationDownloads,
  resourcePath,
  reuseSection,
} from './resource-reuse.js';
import { localizedPage } from './routes.js';

/** Descriptions longer than this are cut (at a word) on the page; the full text stays in the JSON API. */
const DESCRIPTION_LIMIT = 6000;
const NO_LANGUAGE = new Set(['und', 'zxx', 'mul']);

/** ` lang="…"` for a text written in a known language, else nothing (the page's language then applies). */
function langAttr(tag: string | undefined | null): string {
  if (tag === undefined || tag === null || NO_LANGUAGE.has(tag)) return '';
  return ` lang="${escapeHtml(tag)}"`;
}

/** A link when the address is http(s), else the text alone; both escaped. */
function linkOrText(url: string | null | undefined, text: string, attrs = ''): string {
  const href = httpUrl(url);
  return href === null ? escapeHtml(text) : `<a href="${escapeHtml(href)}"${attrs}>${escapeHtml(text)}</a>`;
}

/** A date of the record at the precision it was given: a year, a month or a day, in the reader's conventions. */
function recordDate(ctx: PageContext, value: string | undefined): string | null {
  const date = parsePartialDate(value);
  if (date === null) return null;
  const at = new Date(Date.UTC(date.year, (date.month ?? 1) - 1, date.day ?? 1));
  if (date.day !== undefined) return ctx.date(at);
  const options: Intl.DateTimeFormatOptions =
    date.month === undefined
      ? { year: 'numeric', timeZone: 'UTC' }
      : { year: 'numeric', month: 'long', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(ctx.locale, options).format(at);
}

function conceptText(ctx: PageContext, concept: ConceptValue): { text: string; lang: string } | null {
  const picked = pickText(concept.prefLabel, ctx.locale);
  return picked === null ? null : { text: picked.text, lang: picked.lang };
}

function inlineList(items: readonly string[]): string {
  return `<ul class="inline-list">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

function fact(term: string, valueHtml: string): string {
  return `<dt>${escapeHtml(term)}</dt>\n<dd>${valueHtml}</dd>`;
}

function agentsFact(ctx: PageContext, key: string, agents: readonly AgentValue[] | undefined): string {
  if (agents === undefined || agents.length === 0) return '';
  const items = agents.map((agent) => {
    const profile = agent.orcid ?? agent.ror ?? agent.id;
    return `<span dir="auto">${linkOrText(profile, agent.name)}</span>`;
  });
  return fact(ctx.t(key, { count: agents.length }), inlineList(items));
}

function textList(ctx: PageContext, values: readonly string[], label: (v: string) => string): string[] {
  return [...new Set(values)].map((v) => escapeHtml(label(v)));
}

function keywordsIn(
  ctx: PageContext,
  record: ResourceRecord,
): { words: readonly string[]; lang: string } | null {
  const keywords = record.keywords;
  if (keywords === undefined) return null;
  const asText: LangMapValue = Object.fromEntries(
    Object.entries(keywords).map(([k, v]) => [k, v.join('\u0000')]),
  );
  const picked = pickText(asText, ctx.locale, record.inLanguage ?? []);
  return picked === null ? null : { words: picked.text.split('\u0000'), lang: picked.lang };
}

function detailsSection(ctx: PageContext, record: ResourceRecord): string {
  const facts: string[] = [
    agentsFact(ctx, 'resource.creators', record.creator),
    agentsFact(ctx, 'resource.contributors', record.contributor),
    agentsFact(ctx, 'resource.publishers', record.publisher),
  ];
  const languages = (record.inLanguage ?? []).filter((l) => !NO_LANGUAGE.has(l));
  if (languages.length > 0) {
    const detected = record.inLanguageOrigin === 'detected';
    const names = languages.map((tag) => {
      const name = ctx.languageName(tag);
      return escapeHtml(detected ? ctx.t('resource.languageDetected', { language: name }) : name);
    });
    facts.push(fact(ctx.t('resource.languages', { count: languages.length }), inlineList(names)));
  }
  const published = recordDate(ctx, record.datePublished ?? record.dateCreated);
  if (published !== null) facts.push(fact(ctx.t('resource.published'), escapeHtml(published)));
  const modified = recordDate(ctx, record.dateModified);
  if (modified !== null) facts.push(fact(ctx.t('resource.modified'), escapeHtml(modified)));
  const levels = textList(ctx, record.iscedLevels ?? [], (c) => facetValueLabel(ctx, 'level', c));
  if (levels.length > 0) facts.push(fact(ctx.t('resource.levels'), inlineList(levels)));
  const fields = textList(ctx, record.iscedFields ?? [], (c) => facetValueLabel(ctx, 'field', c));
  if (fields.length > 0) facts.push(fact(ctx.t('resource.fields'), inlineList(fields)));
  const types: string[] = [];
  for (const concept of record.learningResourceType ?? []) {
    const label = facetValueLabel(ctx, 'type', concept.id);
    const text = label !== concept.id ? { text: label, lang: ctx.locale } : conceptText(ctx, concept);
    if (text !== null) types.push(`<span${langAttr(text.lang)}>${escapeHtml(text.text)}</span>`);
  }
  if (types.length > 0) facts.push(fact(ctx.t('resource.types'), inlineList([...new Set(types)])));
  const subjects: string[] = [];
  for (const concept of record.about ?? []) {
    const text = conceptText(ctx, concept);
    if (text === null) continue;
    const href = ctx.href('/search', { q: text.text });
    subjects.push(`<a href="${escapeHtml(href)}"${langAttr(text.lang)}>${escapeHtml(text.text)}</a>`);
  }
  if (subjects.length > 0) facts.push(fact(ctx.t('resource.subjects'), inlineList([...new Set(subjects)])));
  const keywords = keywordsIn(ctx, record);
  if (keywords !== null) {
    const items = [...new Set(keywords.words)].map((w) => `<span dir="auto">${escapeHtml(w)}</span>`);
    facts.push(
      `<dt>${escapeHtml(ctx.t('resource.keywords'))}</dt>\n<dd${langAttr(keywords.lang)}>${inlineList(items)}</dd>`,
    );
  }
  const access: string[] = [];
  if (record.isAccessibleForFree !== undefined) {
    access.push(ctx.t(record.isAccessibleForFree ? 'resource.access.free' : 'resource.access.notFree'));
  }
  if (record.requiresLogin !== undefined) {
    access.push(ctx.t(record.requiresLogin ? 'resource.access.login' : 'resource.access.noLogin'));
  }
  if (access.length > 0) facts.push(fact(ctx.t('resource.access'), inlineList(access.map(escapeHtml))));
  const body = facts.filter((f) => f !== '').join('\n');
  if (body === '') return '';
  return `<h2 id="details">${escapeHtml(ctx.t('resource.details.heading'))}</h2>
<dl class="resource-facts">
${body}
</dl>`;
}

function sourcesSection(ctx: PageContext, view: ResourceView): string {
  const rows = view.members.map((member) => {
    const sourceName = member.source?.name ?? member.ref.sourceId;
    const sourceLink = `<a href="${escapeHtml(ctx.href(`/sources/${encodeURIComponent(member.ref.sourceId)}`))}">${escapeHtml(sourceName)}</a>`;
    const title = pickText(member.record.name, ctx.locale, member.record.inLanguage ?? []);
    const titleHtml =
      title === null
        ? ''
        : `<span${langAttr(title.lang)} dir="auto">${linkOrText(member.record.url, title.text)}</span>`;
    const languages = (member.record.inLanguage ?? [])
      .filter((l) => !NO_LANGUAGE.has(l))
      .map((l) => escapeHtml(ctx.languageName(l)))
      .join(', ');
    const harvested = ctx.dateTime(member.harvestedAt);
    return `<tr>
<th scope="row">${sourceLink}</th>
<td>${titleHtml}</td>
<td>${languages}</td>
<td><time datetime="${escapeHtml(member.harvestedAt)}">${escapeHtml(harvested)}</time></td>
</tr>`;
  });
  return `<h2 id="sources">${escapeHtml(ctx.t('resource.sources.heading'))}</h2>
<p>${escapeHtml(ctx.t('resource.sources.count', { count: view.members.length }))}</p>
<table class="resource-sources">
<caption>${escapeHtml(ctx.t('resource.sources.caption'))}</caption>
<thead><tr>
<th scope="col">${escapeHtml(ctx.t('resource.sources.source'))}</th>
<th scope="col">${escapeHtml(ctx.t('resource.sources.title'))}</th>
<th scope="col">${escapeHtml(ctx.t('resource.sources.language'))}</th>
<th scope="col">${escapeHtml(ctx.t('resource.sources.harvested'))}</th>
</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function languagesNote(ctx: PageContext, tags: readonly string[]): string {
  const names = tags.filter((l) => !NO_LANGUAGE.has(l)).map((l) => ctx.languageName(l));
  return names.length === 0
    ? ''
    : ` <span class="version-languages">(${escapeHtml(names.join(', '))})</span>`;
}

function versionsSection(ctx: PageContext, view: ResourceView): string {
  const items: string[] = [];
  for (const link of view.linked) {
    const title = pickText(link.record.name, ctx.locale, link.record.inLanguage ?? []);
    const first = (link.record.inLanguage ?? []).find((l) => !NO_LANGUAGE.has(l));
    const hreflang = first === undefined ? '' : ` hreflang="${escapeHtml(first)}"`;
    // Edges of the grouping pass have no direction: a "language version" may be the original or a translation.
    const kind = ctx.t(
      link.relation === 'translation'
        ? 'resource.versions.languageVersion'
        : 'resource.versions.relatedAdaptation',
    );
    items.push(
      `<li><span class="version-kind">${escapeHtml(kind)}:</span> <a href="${escapeHtml(ctx.href(resourcePath(link.key)))}"${hreflang}${langAttr(title?.lang)} dir="auto">${escapeHtml(title?.text ?? link.record.id)}</a>${languagesNote(ctx, link.record.inLanguage ?? [])}</li>`,
    );
  }
  const { record } = view;
  const declared: [string, NonNullable<ResourceRecord['isBasedOn']>][] = [
    [
      'resource.versions.translationOf',
      record.translationOfWork === undefined ? [] : [record.translationOfWork],
    ],
    ['resource.versions.translation', record.workTranslation ?? []],
    ['resource.versions.basedOn', record.isBasedOn ?? []],
  ];
  // A link the record declares to a work already listed above is not listed twice.
  const listed = new Set(
    view.linked
      .flatMap((l) => [l.record.id, l.record.url, l.record.urlOriginal])
      .filter((v) => v !== undefined),
  );
  for (const [key, links] of declared) {
    for (const link of links) {
      const text = link.name ?? link.id ?? '';
      if (text === '' || (link.id !== undefined && listed.has(link.id))) continue;
      const hreflang = link.inLanguage === undefined ? '' : ` hreflang="${escapeHtml(link.inLanguage)}"`;
      items.push(
        `<li><span class="version-kind">${escapeHtml(ctx.t(key))}:</span> <span dir="auto"${langAttr(link.inLanguage)}>${linkOrText(link.id, text, hreflang)}</span>${languagesNote(ctx, link.inLanguage === undefined ? [] : [link.inLanguage])}</li>`,
      );
    }
  }
  const body =
    items.length === 0
      ? `<p>${escapeHtml(ctx.t('resource.versions.none'))}</p>`
      : `<ul class="versions">${items.join('\n')}</ul>`;
  return `<h2 id="versions">${escapeHtml(ctx.t('resource.versions.heading'))}</h2>\n${body}`;
}

/** A vocabulary term's label from this page's messages, or the term itself when we have none. */
function termLabel(ctx: PageContext, prefix: string, term: string): string {
  const key = `${prefix}.${term}`;
  const text = /^[A-Za-z]+$/.test(term) ? ctx.t(key) : key;
  return text === key ? term : text;
}

function accessibilitySection(ctx: PageContext, record: ResourceRecord): string {
  const facts: string[] = [];
  const summary = pickText(record.accessibilitySummary, ctx.locale, record.inLanguage ?? []);
  if (summary !== null) {
    facts.push(
      `<dt>${escapeHtml(ctx.t('resource.a11y.summary'))}</dt>\n<dd${langAttr(summary.lang)} dir="auto">${escapeHtml(summary.text)}</dd>`,
    );
  }
  const features = textList(ctx, record.accessibilityFeature ?? [], (v) =>
    facetValueLabel(ctx, 'accessibility', v),
  );
  if (features.length > 0) facts.push(fact(ctx.t('resource.a11y.features'), inlineList(features)));
  const hazards = textList(ctx, record.accessibilityHazard ?? [], (v) =>
    termLabel(ctx, 'resource.a11y.hazard', v),
  );
  if (hazards.length > 0) facts.push(fact(ctx.t('resource.a11y.hazards'), inlineList(hazards)));
  const modes = textList(ctx, record.accessMode ?? [], (v) => termLabel(ctx, 'resource.a11y.mode', v));
  if (modes.length > 0) facts.push(fact(ctx.t('resource.a11y.modes'), inlineList(modes)));
  const body =
    facts.length === 0
      ? `<p>${escapeHtml(ctx.t('resource.a11y.none'))}</p>`
      : `<dl class="resource-facts">\n${facts.join('\n')}\n</dl>`;
  return `<h2 id="accessibility">${escapeHtml(ctx.t('resource.a11y.heading'))}</h2>\n${body}`;
}

function identifierLink(kind: string, value: string): string | null {
  switch (kind) {
    case 'doi':
      return /^10\.\d{4,9}\/\S+$/.test(value) ? `https://doi.org/${value}` : httpUrl(value);
    case 'handle':
      return /^\d[\d.]*\/\S+$/.test(value) ? `https://hdl.handle.net/${value}` : httpUrl(value);
    default:
      return httpUrl(value);
  }
}

function identifiersSection(ctx: PageContext, record: ResourceRecord): string {
  const identifiers = record.identifiers ?? [];
  if (identifiers.length === 0) return '';
  const facts = identifiers.map((id) => {
    const link = identifierLink(id.kind, id.value);
    const value =
      link === null
        ? `<span dir="ltr">${escapeHtml(id.value)}</span>`
        : `<a href="${escapeHtml(link)}" dir="ltr">${escapeHtml(id.value)}</a>`;
    return fact(ctx.t(`resource.ids.${id.kind}`), value);
  });
  return `<h2 id="identifiers">${escapeHtml(ctx.t('resource.ids.heading'))}</h2>
<dl class="resource-facts">
${facts.join('\n')}
</dl>`;
}

function description(ctx: PageContext, record: ResourceRecord): string {
  const picked = pickText(record.description, ctx.locale, record.inLanguage ?? []);
  if (picked === null) return '';
  let text = picked.text.trim();
  if (text.length > DESCRIPTION_LIMIT) {
    const cut = text.slice(0, DESCRIPTION_LIMIT);
    const space = cut.lastIndexOf(' ');
    text = `${space > DESCRIPTION_LIMIT / 2 ? cut.slice(0, space) : cut}…`;
  }
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p${langAttr(picked.lang)} dir="auto">${escapeHtml(p)}</p>`);
  return `<div class="resource-description">\n${paragraphs.join('\n')}\n</div>`;
}

function openLink(ctx: PageContext, record: ResourceRecord): string {
  const url = httpUrl(record.url);
  if (url === null) return `<p class="resource-open">${escapeHtml(ctx.t('resource.noLink'))}</p>`;
  const host = new URL(url).hostname;
  return `<p class="resource-open"><a href="${escapeHtml(url)}">${escapeHtml(ctx.t('resource.open', { host }))}</a></p>`;
}

/** The AMB JSON-LD of the record in the reader's language, as a script block that no value can close. */
function jsonLd(ctx: PageContext, record: ResourceRecord): string {
  try {
    const doc = profileToAmb(record, { language: ctx.locale });
    return `<script type="application/ld+json">${jsonForScript(doc)}</script>`;
  } catch {
    // A record AMB cannot describe gets no block rather than an invalid one.
    return '';
  }
}

/** The whole page for a loaded resource. `now` is the access date of the citations. */
export function renderResourcePage(
  ctx: PageContext,
  view: ResourceView,
  uses: ReadonlySet<ReuseUse>,
  now: Date,
): string {
  const { record } = view;
  const title = pickText(record.name, ctx.locale, record.inLanguage ?? []);
  const titleText = title?.text ?? record.id;
  const mainHtml = `<article class="resource">
<h1${langAttr(title?.lang)} dir="auto">${escapeHtml(titleText)}</h1>
${description(ctx, record)}
${openLink(ctx, record)}
${detailsSection(ctx, record)}
${licenceSection(ctx, licenceTerms(record.license))}
${reuseSection(ctx, view, uses, now)}
${sourcesSection(ctx, view)}
${versionsSection(ctx, view)}
${accessibilitySection(ctx, record)}
${identifiersSection(ctx, record)}
</article>`;
  return renderPage({
    ctx,
    title: titleText,
    mainHtml,
    head: jsonLd(ctx, record),
    scripts: [RESOURCE_JS_HREF],
  });
}

export function registerResourcePage(app: FastifyInstance, deps: PageDeps): void {
  localizedPage(app, '/resources/:id', async (ctx, request) => {
    const { id } = request.params as { id: string };
    const view = await loadResource(deps, id);
    return renderResourcePage(ctx, view, readUses(request.query), new Date());
  });
  registerCitationDownloads(app, deps);
}
