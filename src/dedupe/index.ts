// Duplicate detection, the pure part: blocking keys, the pair decision and its evaluation on labeled pairs.
export { compareFeatures, comparePair, type PairDecision, type PairRelation } from './compare.js';
export {
  evaluatePairs,
  PAIR_RELATIONS,
  type LabeledPair,
  type PairError,
  type PairEvaluation,
} from './evaluate.js';
export { RecordFeatures, type PairFeatures } from './features.js';
export { matchKeys, matchKeysOf } from './match-keys.js';
export { decodeFeatures, encodeFeatures, FEATURES_VERSION } from './stored-features.js';
export { storedKeys } from './stored-keys.js';
