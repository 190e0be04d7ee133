// The licence and reuse parts of the resource page: the licence in plain words with its deed, the TASL
// attribution as plain text, HTML and Markdown in readonly text boxes (selectable and copyable with the
// keyboard, no script needed), a GET form "I want to: adapt it / use it commercially" whose answer shows the
// notes for those uses, citations (APA, BibTeX, RIS, CSL-JSON) and the routes that download them as files.
import type { FastifyInstance } from 'fastify';
import { buildAttribution, REUSE_USES, type Attribution, type ReuseUse } from '../../reuse/attribution.js';
import { apa, bibtex, citationKey, cslItem, cslJson, ris, type CslItem } from '../../reuse/citation.js';
import { deedUrl, explainTerms, type LicenceTerms } from '../../reuse/licence-terms.js';
import { camelCase } from '../../reuse/text.js';
import { UI_LOCALES } from '../i18n/locales.js';
import { createPageContext, type PageContext } from './context.js';
import type { PageDeps } from './index.js';
import { escapeHtml } from './layout.js';
import { loadResource, type ResourceView } from './resource-data.js';

/** The uses a reader chose in the reuse form (`?use=adapt&use=commercial`); anything else is ignored. */
export function readUses(query: unknown): Set<ReuseUse> {
  const raw =
    typeof query === 'object' && query !== null ? (query as Record<string, unknown>)['use'] : undefined;
  const values = Array.isArray(raw) ? raw : [raw];
  const out = new Set<ReuseUse>();
  for (const value of values) {
    if (typeof value === 'string' && (REUSE_USES as readonly string[]).includes(value))
      out.add(value as ReuseUse);
  }
  return out;
}

/** The name of the repository a record came from, for attributions and citations. */
export function sourceNameOf(view: ResourceView): string | null {
  return view.members[0]?.source?.name ?? null;
}

export function attributionOf(ctx: PageContext, view: ResourceView, uses: Iterable<ReuseUse>): Attribution {
  return buildAttribution(
    { record: view.record, sourceName: sourceNameOf(view), uses },
    { locale: ctx.locale, t: (key, values) => ctx.t(key, values) },
  );
}

export function citationOf(ctx: PageContext, view: ResourceView, accessed: Date): CslItem {
  return cslItem({
    record: view.record,
    id: view.key,
    lang: ctx.locale,
    sourceName: sourceNameOf(view),
    accessed,
  });
}

/** The path of the resource page (language prefix added by ctx.href). */
export function resourcePath(key: string): string {
  return `/resources/${encodeURIComponent(key)}`;
}

function list(ctx: PageContext, heading: string, statements: readonly string[], className: string): string {
  if (statements.length === 0) return '';
  const items = statements
    .map((s) => `<li>${escapeHtml(ctx.t(`reuse.terms.${camelCase(s)}`))}</li>`)
    .join('');
  return `<p class="terms-heading">${escapeHtml(ctx.t(heading))}</p>\n<ul class="${className}">${items}</ul>`;
}

/** The licence section: its name linked to its deed (in the reader's language when one exists), in plain words. */
export function licenceSection(ctx: PageContext, terms: LicenceTerms): string {
  const parts: string[] = [`<h2 id="licence">${escapeHtml(ctx.t('reuse.terms.heading'))}</h2>`];
  if (terms.name !== null) {
    const deed = deedUrl(terms, ctx.locale);
    parts.push(`<p>${escapeHtml(ctx.t('reuse.terms.name', { licence: terms.name }))}</p>`);
    if (deed !== null) {
      parts.push(
        `<p><a rel="license" href="${escapeHtml(deed)}">${escapeHtml(ctx.t('reuse.terms.deed', { licence: terms.name }))}</a></p>`,
      );
    }
  } else if (terms.kind === 'restricted') {
    parts.push(`<p>${escapeHtml(ctx.t('reuse.terms.restricted'))}</p>`);
  } else if (terms.kind === 'unknown') {
    parts.push(`<p>${escapeHtml(ctx.t('reuse.terms.noLicence'))}</p>`);
  }
  const explained = explainTerms(terms);
  parts.push(list(ctx, 'reuse.terms.may', explained.may, 'terms-list terms-may'));
  parts.push(list(ctx, 'reuse.terms.must', explained.must, 'terms-list terms-must'));
  parts.push(list(ctx, 'reuse.terms.mayNot', explained.mayNot, 'terms-list terms-may-not'));
  for (const note of explained.notes) {
    parts.push(`<p>${escapeHtml(ctx.t(`reuse.terms.${camelCase(note)}`))}</p>`);
  }
  return parts.filter((p) => p !== '').join('\n');
}

/**
 * A labelled readonly text box the reader can select and copy (the script adds a Copy button). Attributions
 * are written in the page's language and take its direction; citation formats are code and read left to right.
 */
function copyBox(id: string, label: string, value: string, rows: number, dir?: 'ltr'): string {
  const dirAttr = dir === undefined ? '' : ` dir="${dir}"`;
  return `<div class="copy-box">
<label for="${id}">${escapeHtml(label)}</label>
<textarea id="${id}" readonly rows="${rows}" spellcheck="false" data-copy${dirAttr}>${escapeHtml(value)}</textarea>
</div>`;
}

/** Rows a text box needs for a text at about 60 characters a line. */
function rowsFor(text: string, min = 2, max = 14): number {
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 60)), 0);
  return Math.min(max, Math.max(min, lines));
}

const DOWNLOADS = [
  { extension: 'ris', format: 'RIS' },
  { extension: 'bib', format: 'BibTeX' },
  { extension: 'json', format: 'CSL-JSON' },
] as const;

/** The reuse section: attribution boxes, the uses form with its notes, citations and their downloads. */
export function reuseSection(
  ctx: PageContext,
  view: ResourceView,
  uses: ReadonlySet<ReuseUse>,
  accessed: Date,
): string {
  const attribution = attributionOf(ctx, view, uses);
  const item = citationOf(ctx, view, accessed);
  const page = ctx.href(resourcePath(view.key));
  const checkboxes = REUSE_USES.map((use) => {
    const checked = uses.has(use) ? ' checked' : '';
    return `<div class="use-choice"><input type="checkbox" id="use-${use}" name="use" value="${use}"${checked}>
<label for="use-${use}">${escapeHtml(ctx.t(`reuse.uses.${use}`))}</label></div>`;
  }).join('\n');
  const notes =
    attribution.notes.length === 0
      ? ''
      : `<h4 id="reuse-notes">${escapeHtml(ctx.t('reuse.uses.heading'))}</h4>
<ul class="reuse-notes">${attribution.notes.map((n) => `<li>${escapeHtml(n.text)}</li>`).join('')}</ul>`;
  const downloads = DOWNLOADS.map(
    (d) =>
      `<li><a href="${escapeHtml(`${page}/cite.${d.extension}`)}" download>${escapeHtml(ctx.t('reuse.cite.download', { format: d.format }))}</a></li>`,
  ).join('');
  const bib = bibtex(item);
  const risText = ris(item);
  const csl = cslJson(item);
  const apaText = apa(item);
  return `<section class="reuse" aria-labelledby="reuse" data-copy-button="${escapeHtml(ctx.t('reuse.copy.button'))}" data-copy-done="${escapeHtml(ctx.t('reuse.copy.done'))}" data-copy-failed="${escapeHtml(ctx.t('reuse.copy.failed'))}">
<h2 id="reuse">${escapeHtml(ctx.t('reuse.heading'))}</h2>
<p>${escapeHtml(ctx.t('reuse.intro'))}</p>
<h3 id="attribution">${escapeHtml(ctx.t('reuse.attribution.heading'))}</h3>
${copyBox('reuse-plain', ctx.t('reuse.attribution.plain'), attribution.text, rowsFor(attribution.text, 3))}
${copyBox('reuse-html', ctx.t('reuse.attribution.html'), attribution.html, rowsFor(attribution.html, 3))}
${copyBox('reuse-markdown', ctx.t('reuse.attribution.markdown'), attribution.markdown, rowsFor(attribution.markdown, 3))}
<form class="uses-form" method="get" action="${escapeHtml(`${page}#reuse-notes`)}">
<fieldset>
<legend>${escapeHtml(ctx.t('reuse.uses.legend'))}</legend>
${checkboxes}
</fieldset>
<button type="submit">${escapeHtml(ctx.t('reuse.uses.submit'))}</button>
</form>
${notes}
<h3 id="cite">${escapeHtml(ctx.t('reuse.cite.heading'))}</h3>
${copyBox('cite-apa', ctx.t('reuse.cite.apa'), apaText, rowsFor(apaText, 3), 'ltr')}
${copyBox('cite-bibtex', ctx.t('reuse.cite.bibtex'), bib, rowsFor(bib, 4), 'ltr')}
${copyBox('cite-ris', ctx.t('reuse.cite.ris'), risText, rowsFor(risText, 4), 'ltr')}
${copyBox('cite-csl', ctx.t('reuse.cite.csl'), csl, rowsFor(csl, 4), 'ltr')}
<h4 id="downloads">${escapeHtml(ctx.t('reuse.cite.downloads'))}</h4>
<ul class="downloads">${downloads}</ul>
</section>`;
}

const CITATION_FILES = {
  ris: { type: 'application/x-research-info-systems; charset=utf-8', render: ris },
  bib: { type: 'application/x-bibtex; charset=utf-8', render: bibtex },
  json: { type: 'application/vnd.citationstyles.csl+json; charset=utf-8', render: cslJson },
} as const;

/** GET /{locale}/resources/:id/cite.{ris,bib,json}: the citation as a file named after its BibTeX key. */
export function registerCitationDownloads(app: FastifyInstance, deps: PageDeps): void {
  for (const locale of UI_LOCALES) {
    for (const [extension, file] of Object.entries(CITATION_FILES)) {
      app.get<{ Params: { id: string } }>(
        `/${locale}/resources/:id/cite.${extension}`,
        async (request, reply) => {
          const view = await loadResource(deps, request.params.id);
          const ctx = createPageContext(locale, resourcePath(view.key));
          const item = citationOf(ctx, view, new Date());
          return reply
            .header('cache-control', 'no-cache')
            .header('content-disposition', `attachment; filename="${citationKey(item)}.${extension}"`)
            .type(file.type)
            .send(file.render(item));
        },
      );
    }
  }
}
