// Tests of the ingest heap helpers (src/ingest/heap.ts): a full collection between ingest steps really frees
// what the last step left behind, and can be asked for again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectGarbage } from '../../src/ingest/heap.js';

/** A step's work: objects that are garbage once it returns. */
function step(): number {
  const records: { n: number; text: string }[] = [];
  for (let i = 0; i < 400_000; i++) records.push({ n: i, text: `record ${i}` });
  return records.length;
}

void describe('collectGarbage', () => {
  void it('frees the garbage of a step that ended, each time it is called', () => {
    for (let round = 0; round < 2; round++) {
      assert.equal(step(), 400_000);
      const held = process.memoryUsage().heapUsed;
      collectGarbage();
      const freed = held - process.memoryUsage().heapUsed;
      assert.ok(freed > 15 * 1024 * 1024, `round ${round}: ${Math.round(freed / 1024 / 1024)} MB freed`);
    }
  });
});
