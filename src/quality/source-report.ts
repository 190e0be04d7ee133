// The quality report of a source as `source show` and the JSON API give it, built from the per-record scores
// and failed checks the store keeps: the mean score, and each fix with how many records need it, a few of
// their ids and the advice to act on, naming the element of the source's own metadata format. Pure.
import type { QualityStats, Source } from '../domain/catalog.js';
import { elementFor, type MetadataFormat } from './format.js';
import { ELEMENT_JOINER, FIX_MESSAGES, renderMessage, type FixCode, type FixSeverity } from './messages.js';
import { fixRank } from './record-quality.js';

export interface SourceFixReport {
  readonly code: string;
  readonly severity: FixSeverity;
  /** Active records that need the fix, and their share of the source. */
  readonly count: number;
  readonly share: number;
  readonly message: string;
  /** A few source record ids to start with. */
  readonly examples: readonly string[];
}

export interface SourceQualityReport {
  /** Active records, and how many of them carry a score (records stored before scoring have none until a remap). */
  readonly records: number;
  readonly scored: number;
  /** Mean score 0..100, rounded; null when no record is scored. */
  readonly score: number | null;
  /** Errors first, then by the records affected times the weight of the check. */
  readonly fixes: readonly SourceFixReport[];
}

/** The metadata format a source's manager edits, from how it is harvested. */
export function sourceMetadataFormat(source: Pick<Source, 'protocol' | 'format'>): MetadataFormat | null {
  if (source.protocol === 'csv') return 'csv';
  if (source.protocol === 'oai-pmh') {
    if (source.format === 'oai_dc') return 'dc';
    if (source.format === 'lom' || (source.format ?? '').includes('lom')) return 'lom';
    return null;
  }
  if (source.protocol === 'sitemap' || source.protocol === 'json' || source.protocol === 'jsonl')
    return 'schema';
  return null;
}

function isFixCode(code: string): code is FixCode {
  return Object.hasOwn(FIX_MESSAGES, code);
}

export function sourceQualityReport(
  stats: QualityStats,
  source: Pick<Source, 'protocol' | 'format'>,
): SourceQualityReport {
  const format = sourceMetadataFormat(source);
  const fixes: (SourceFixReport & { rank: number })[] = [];
  for (const fix of stats.fixes) {
    if (!isFixCode(fix.code)) continue;
    const text = FIX_MESSAGES[fix.code];
    const share = stats.records === 0 ? 0 : fix.count / stats.records;
    fixes.push({
      code: fix.code,
      severity: text.severity,
      count: fix.count,
      share,
      message: renderMessage(text.source, { element: elementFor(text.element, format, ELEMENT_JOINER) }),
      examples: fix.examples,
      rank: fixRank(fix.code, text.severity),
    });
  }
  fixes.sort((a, b) => {
    const severity = a.rank - b.rank;
    return severity !== 0 ? severity : b.count - a.count;
  });
  return {
    records: stats.records,
    scored: stats.scored,
    score: stats.meanScore === null ? null : Math.round(stats.meanScore),
    fixes: fixes.map(({ rank: _rank, ...fix }) => fix),
  };
}
