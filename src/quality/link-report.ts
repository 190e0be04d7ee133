// The link report of a source as `source show` and the JSON API give it, built from the stored link checks:
// how many landing pages were checked, the outcome counts, and for the links to act on (dead, redirected, and
// the inconclusive or unchecked ones) a few records with the address, what the check found and the fix in the
// words of the source's own metadata format. Pure.
import type { LinkCheckState, LinkOutcome, LinkStats, LinkVerdict, Source } from '../domain/catalog.js';
import { elementFor } from './format.js';
import { ELEMENT_JOINER, FIX_MESSAGES, renderMessage, STATUS_UNKNOWN } from './messages.js';
import { sourceMetadataFormat } from './source-report.js';

/** A record's last check (LinkCheckState without the source id, which the report is of). */
export interface LinkProblemReport extends Omit<LinkCheckState, 'sourceId'> {
  /** The fix the quality report counts for this record (link_dead or link_redirected), with its advice. */
  readonly fix: { readonly code: 'link_dead' | 'link_redirected'; readonly message: string } | null;
}

export interface SourceLinkReport {
  /** Active records with a landing page address, and how many of those addresses were checked. */
  readonly withUrl: number;
  readonly checked: number;
  /** Addresses never checked (or changed since their last check). */
  readonly unchecked: number;
  readonly outcomes: Readonly<Record<LinkOutcome, number>>;
  /** What the quality score counts: inconclusive checks count as dead only after several in a row. */
  readonly verdicts: Readonly<Record<LinkVerdict, number>>;
  /** A few records per outcome other than alive, by outcome then record id. */
  readonly problems: readonly LinkProblemReport[];
}

export function sourceLinkReport(
  stats: LinkStats,
  source: Pick<Source, 'protocol' | 'format'>,
): SourceLinkReport {
  const format = sourceMetadataFormat(source);
  const element = elementFor('url', format, ELEMENT_JOINER);
  return {
    withUrl: stats.withUrl,
    checked: stats.checked,
    unchecked: Math.max(0, stats.withUrl - stats.checked),
    outcomes: stats.outcomes,
    verdicts: stats.verdicts,
    problems: stats.examples.map((check) => {
      let fix: LinkProblemReport['fix'] = null;
      if (check.verdict === 'dead') {
        const status = check.httpStatus === null ? STATUS_UNKNOWN : `HTTP ${check.httpStatus}`;
        fix = {
          code: 'link_dead',
          message: renderMessage(FIX_MESSAGES.link_dead.record, { url: check.url, status, element }),
        };
      } else if (check.verdict === 'redirected') {
        fix = {
          code: 'link_redirected',
          message: renderMessage(FIX_MESSAGES.link_redirected.record, { url: check.url, element }),
        };
      }
      return {
        sourceRecordId: check.sourceRecordId,
        url: check.url,
        outcome: check.outcome,
        verdict: check.verdict,
        httpStatus: check.httpStatus,
        finalUrl: check.finalUrl,
        errorCode: check.errorCode,
        failures: check.failures,
        checkedAt: check.checkedAt,
        fix,
      };
    }),
  };
}
