// Work ids: "w_", the time in milliseconds (12 hex digits) and 64 random bits (16 hex digits). Ids minted later
// sort later, so a new record's work lands at the end of the indexes that list works, instead of on a random page
// of them; the random part keeps ids of one millisecond, and of several processes, apart. A record stored for the
// first time starts in a work of its own under a new id (the page writer gives it); the grouping pass hands ids on
// when works join and mints new ones when they split.
import { randomBytes } from 'node:crypto';

let pool = Buffer.alloc(0);
let at = 0;

export function newWorkId(now: number = Date.now()): string {
  if (at + 8 > pool.length) {
    pool = randomBytes(8 * 512);
    at = 0;
  }
  const random = pool.toString('hex', at, at + 8);
  at += 8;
  return `w_${Math.max(0, Math.floor(now)).toString(16).padStart(12, '0')}${random}`;
}
