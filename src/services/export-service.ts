// Streams the catalog out as JSON documents (our profile, or AMB JSON-LD) for dumps and other platforms.
// Pages through the store with keyset paging, so memory stays flat however large the catalog is.
import { AtlasError } from '../domain/errors.js';
import { profileToAmb } from '../formats/amb/profile-to-amb.js';
import type { Store } from '../ports/store.js';

export const EXPORT_FORMATS = ['profile', 'amb'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly sourceId?: string | undefined;
  readonly pageSize?: number;
}

export interface ExportService {
  /** How many searchable (active) records an export will hold. */
  count(sourceId?: string): Promise<number>;
  /** The active records, one JSON document each, in (source, record id) order. */
  documents(options: ExportOptions): AsyncGenerator<Record<string, unknown>>;
}

export function createExportService(deps: { readonly store: Store }): ExportService {
  const { store } = deps;

  async function sourceIds(sourceId: string | undefined): Promise<string[]> {
    if (sourceId === undefined) return (await store.listSources()).map((s) => s.id);
    if (!(await store.getSource(sourceId))) {
      throw new AtlasError('not_found', `There is no source with id ${sourceId}.`, {
        details: { id: sourceId },
      });
    }
    return [sourceId];
  }

  return {
    async count(sourceId) {
      const counts = await store.countSourceRecords(sourceId);
      return counts.active;
    },
    async *documents(options) {
      const limit = options.pageSize ?? 500;
      for (const id of await sourceIds(options.sourceId)) {
        let after: string | undefined;
        for (;;) {
          const page = await store.listSourceRecords(id, {
            status: 'active',
            limit,
            ...(after ? { after } : {}),
          });
          for (const item of page.items) {
            if (item.record === null) continue;
            yield options.format === 'amb' ? profileToAmb(item.record) : { ...item.record };
          }
          if (page.next === null) break;
          after = page.next;
        }
      }
    },
  };
}
