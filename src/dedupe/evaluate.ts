// Scores comparePair against labeled pairs: precision and recall of 'same', how many translations were
// merged as 'same' (the product promises none), and the full confusion table. Pure; no I/O.
import type { ResourceRecord } from '../domain/profile.js';
import { comparePair, type PairDecision, type PairRelation } from './compare.js';

export const PAIR_RELATIONS: readonly PairRelation[] = ['same', 'translation', 'adaptation', 'different'];

export interface LabeledPair {
  readonly a: ResourceRecord;
  readonly b: ResourceRecord;
  readonly relation: PairRelation;
  /** What the pair is (e.g. "variant: subtitle dropped", "hard negative: series volume"). */
  readonly note?: string;
}

export interface PairError {
  readonly index: number;
  readonly expected: PairRelation;
  readonly decision: PairDecision;
  readonly note?: string;
}

export interface PairEvaluation {
  /** Of the pairs judged 'same', the share labeled 'same' (1 when none was judged 'same'). */
  readonly precision: number;
  /** Of the pairs labeled 'same', the share judged 'same' (1 when none is labeled 'same'). */
  readonly recall: number;
  /** Pairs labeled 'translation' that were judged 'same'. */
  readonly translationsMerged: number;
  /** confusion[expected][predicted] = count. */
  readonly confusion: Readonly<Record<PairRelation, Readonly<Record<PairRelation, number>>>>;
  /** Share of pairs whose relation was judged exactly. */
  readonly accuracy: number;
  readonly total: number;
  readonly errors: readonly PairError[];
}

function emptyRow(): Record<PairRelation, number> {
  return { same: 0, translation: 0, adaptation: 0, different: 0 };
}

export function evaluatePairs(pairs: readonly LabeledPair[]): PairEvaluation {
  const confusion: Record<PairRelation, Record<PairRelation, number>> = {
    same: emptyRow(),
    translation: emptyRow(),
    adaptation: emptyRow(),
    different: emptyRow(),
  };
  const errors: PairError[] = [];
  let correct = 0;
  pairs.forEach((pair, index) => {
    const decision = comparePair(pair.a, pair.b);
    confusion[pair.relation][decision.relation] += 1;
    if (decision.relation === pair.relation) correct += 1;
    else
      errors.push({
        index,
        expected: pair.relation,
        decision,
        ...(pair.note === undefined ? {} : { note: pair.note }),
      });
  });
  let predictedSame = 0;
  for (const relation of PAIR_RELATIONS) predictedSame += confusion[relation].same;
  let labeledSame = 0;
  for (const relation of PAIR_RELATIONS) labeledSame += confusion.same[relation];
  const truePositives = confusion.same.same;
  return {
    precision: predictedSame === 0 ? 1 : truePositives / predictedSame,
    recall: labeledSame === 0 ? 1 : truePositives / labeledSame,
    translationsMerged: confusion.translation.same,
    confusion,
    accuracy: pairs.length === 0 ? 1 : correct / pairs.length,
    total: pairs.length,
    errors,
  };
}
