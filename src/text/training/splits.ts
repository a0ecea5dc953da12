import { shuffle, type Doc } from './corpora.js';

/**
 * The held-out split and the cross-source folds, recomputed identically by the training and the evaluation
 * scripts from the corpora and the seed.
 */
export type Split = 'train' | 'validation' | 'test';

export interface Splits {
  train: Doc[];
  validation: Doc[];
  test: Doc[];
}

/**
 * 80 / 10 / 10 by group (a dialogue, a meeting, an article never straddles two splits), stratified by corpus, kind,
 * sub-source and class, groups shuffled with the seed after sorting.
 */
export function heldOutSplit(docs: Doc[], seed: number): Splits {
  const strata = new Map<string, Set<string>>();
  for (const d of docs) {
    const key = `${d.corpus}|${d.kind}|${d.sub}|${d.fraud ? 1 : 0}`;
    let set = strata.get(key);
    if (set === undefined) strata.set(key, (set = new Set()));
    set.add(d.group);
  }
  const splitOf = new Map<string, Split>();
  for (const key of [...strata.keys()].sort()) {
    const groups = shuffle([...strata.get(key)!].sort(), seed * 104729 + hashString(key));
    const nTest = Math.round(groups.length * 0.1);
    const nVal = Math.round(groups.length * 0.1);
    groups.forEach((g, i) => {
      if (!splitOf.has(g)) splitOf.set(g, i < nTest ? 'test' : i < nTest + nVal ? 'validation' : 'train');
    });
  }
  const out: Splits = { train: [], validation: [], test: [] };
  for (const d of docs) out[splitOf.get(d.group)!].push(d);
  return out;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 1000003;
}

/**
 * A cross-source test: a model is trained on the train and validation documents of the held-out split minus the
 * excluded sources (threshold tuned on what remains of the validation split), and tested on `test`.
 */
export interface CrossSourceFold {
  name: string;
  /** One paragraph for the report: what was left out and what the test set is. */
  definition: string;
  excluded: (d: Doc) => boolean;
  /** The test set, from all documents and the held-out split. */
  test: (all: Doc[], split: Splits) => Doc[];
}

export const CROSS_SOURCE_FOLDS: CrossSourceFold[] = [
  {
    name: 'A: unseen telecom_fraud_texts_5',
    definition:
      'Trained without any telecom_fraud_texts_5 text (neither its fraud call scripts nor its normal SMS). ' +
      'Test: all 4,000 of its fraud scripts (labels 1-4) and all its normal SMS (label 0).',
    excluded: (d) => d.corpus === 'telecom_fraud_texts_5',
    test: (all) => all.filter((d) => d.corpus === 'telecom_fraud_texts_5'),
  },
  {
    name: 'B: unseen anti_fraud_sft',
    definition:
      'Trained without any anti_fraud_sft text (news reports, scam dialogues, meeting transcripts). ' +
      'Test: all its scam dialogues and news reports (fraud) and all its meeting-transcript windows (normal), ' +
      'plus the normal documents of the held-out test split of the other corpora.',
    excluded: (d) => d.corpus === 'anti_fraud_sft',
    test: (all, split) => [
      ...all.filter((d) => d.corpus === 'anti_fraud_sft'),
      ...split.test.filter((d) => !d.fraud && d.corpus !== 'anti_fraud_sft'),
    ],
  },
  {
    name: 'C: unseen normal_dialogues',
    definition:
      'Trained without normal_dialogues (all nine folders). Test: every sampled normal dialogue (false-positive ' +
      'rate, per folder below) and the fraud documents of the held-out test split.',
    excluded: (d) => d.corpus === 'normal_dialogues',
    test: (all, split) => [...all.filter((d) => d.corpus === 'normal_dialogues'), ...split.test.filter((d) => d.fraud)],
  },
  {
    name: 'D: unseen cn_spam_sms_50k',
    definition:
      'Trained without cn_spam_sms_50k (normal SMS and advertising). Test: its sampled normal SMS and all its ' +
      'advertising SMS (both not fraud) and the fraud documents of the held-out test split.',
    excluded: (d) => d.corpus === 'cn_spam_sms_50k',
    test: (all, split) => [...all.filter((d) => d.corpus === 'cn_spam_sms_50k'), ...split.test.filter((d) => d.fraud)],
  },
];

/**
 * The part of a fold's test set that is in the held-out test split: documents that no training, lexicon curation
 * or model choice ever looked at (the lexicon was written from the train split, options were compared on the
 * validation split). Its class balance differs from the whole fold's, so its F1 is reported beside, not instead.
 */
export function foldStrictTest(fold: CrossSourceFold, all: Doc[], split: Splits): Doc[] {
  const test = new Set(split.test.map((d) => d.id));
  return fold.test(all, split).filter((d) => test.has(d.id));
}

/** Training and validation documents of a fold. */
export function foldTraining(fold: CrossSourceFold, split: Splits): { train: Doc[]; validation: Doc[] } {
  return {
    train: split.train.filter((d) => !fold.excluded(d)),
    validation: split.validation.filter((d) => !fold.excluded(d)),
  };
}
