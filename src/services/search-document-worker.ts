// The worker thread of the search indexer (search-indexer.ts): turns the records of one batch into search
// documents with buildSearchDocument, the same pure function the indexer calls on its own thread, while the
// indexer writes the previous batch into the index. Vocabularies load once, on the first batch.
import { parentPort } from 'node:worker_threads';
import type { SearchDocument } from '../ports/search-index.js';
import { buildSearchDocument, type SearchDocumentInput } from '../search/document.js';

export interface BuildTask {
  readonly id: number;
  readonly inputs: readonly SearchDocumentInput[];
}

export type BuildReply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly documents: readonly SearchDocument[] }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

const port = parentPort;
if (port !== null) {
  port.on('message', (task: BuildTask) => {
    let reply: BuildReply;
    try {
      reply = {
        type: 'done',
        id: task.id,
        documents: task.inputs.map((input) => buildSearchDocument(input)),
      };
    } catch (error) {
      reply = {
        type: 'failed',
        id: task.id,
        message: error instanceof Error ? error.message : String(error),
      };
    }
    port.postMessage(reply);
  });
  port.postMessage({ type: 'ready' } satisfies BuildReply);
}
