// Duplicate detection, the pure part: blocking keys, the pair decision and its evaluation on labeled pairs.
export { comparePair, type PairDecision, type PairRelation } from './compare.js';
export {
  evaluatePairs,
  PAIR_RELATIONS,
  type LabeledPair,
  type PairError,
  type PairEvaluation,
} from './evaluate.js';
export { matchKeys } from './match-keys.js';
export { storedKeys } from './stored-keys.js';
