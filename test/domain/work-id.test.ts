import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newWorkId } from '../../src/domain/work-id.js';
import { parseWorkKey } from '../../src/search/work-key.js';

void describe('work ids', () => {
  void it('are unique, sort by the time they were minted, and read back as work keys', () => {
    const ids = Array.from({ length: 5000 }, () => newWorkId(1_765_000_000_000));
    assert.equal(new Set(ids).size, ids.length, 'ids of one millisecond stay apart');
    for (const id of ids) {
      assert.match(id, /^w_[0-9a-f]{28}$/);
      assert.deepEqual(parseWorkKey(id), { workId: id });
    }
    const earlier = newWorkId(1_765_000_000_000);
    const later = newWorkId(1_765_000_000_001);
    assert.ok(earlier < later, `${earlier} sorts before ${later}`);
    assert.ok(newWorkId() > earlier, 'the clock of today is later still');
  });
});
