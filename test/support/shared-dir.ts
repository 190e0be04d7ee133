// Where the team's shared material lives (the test corpus, the OAI-PMH peer): ATLAS_SHARED_DIR, else the
// `shared` folder beside this checkout, else /work/shared. Test and benchmark helper only.
import { existsSync } from 'node:fs';
import path from 'node:path';

const beside = path.resolve(import.meta.dirname, '../../../shared');

export const SHARED_DIR: string =
  process.env.ATLAS_SHARED_DIR ?? [beside, '/work/shared'].find((dir) => existsSync(dir)) ?? beside;
