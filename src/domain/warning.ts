import type { FraudType } from './fraud-type.js';
import type { IndicatorKind } from './indicator.js';

/**
 * 预警: level 1 = loss imminent (in-person visit, hold the money), 2 = phone the person, 3 = warning SMS.
 * A lower number is more urgent, as the centres count them.
 */
export type WarningLevel = 1 | 2 | 3;

/** `person`: someone being defrauded; `fund`: a transfer to a flagged account, for the payer's bank (资金预警). */
export type WarningKind = 'person' | 'fund';

/** One rule that fired: a typology step matched by a signal of one event. */
export interface WarningEvidence {
  typology: string;
  step: string;
  signal: string;
  weight: number;
  eventId: string;
  /** Event time, epoch ms. */
  ts: number;
  /** What the signal saw, in Chinese, masked for the reader where it names a person. */
  detail: string;
  /** The stored indicator the signal matched, for indicator signals: dispatch outcomes feed back to it. */
  indicator?: { kind: IndicatorKind; value: string };
}

export interface Warning {
  /** Deterministic for a person and the event that opened it, so a replay writes the same warning. */
  id: string;
  kind: WarningKind;
  /** The person at risk: an E.164 phone number, or `account:<number>` when only the account is known. */
  person: string;
  level: WarningLevel;
  fraudType: FraudType;
  /** 0..100 */
  score: number;
  typology: string;
  evidence: WarningEvidence[];
  /** Ids of the events behind the evidence, oldest first. */
  events: string[];
  action: string;
  /** The payer's bank, for fund warnings. */
  bank: string | null;
  /** Event time of the event that raised it (in a replay, not the wall clock), epoch ms. */
  raisedAt: number;
  /** Event time of the latest upgrade. */
  updatedAt: number;
  /** Levels the warning went through, with the event time of each. */
  history: { level: WarningLevel; score: number; at: number }[];
  /** Wall clock when stored; 0 until it is. */
  storedAt: number;
  /** Monotonic change counter of stored warnings (consumers' cursor); 0 until stored. */
  seq: number;
}

/** What a processed event did to the warnings: a new one, or an existing one upgraded. */
export interface WarningChange {
  change: 'raised' | 'upgraded';
  warning: Warning;
}
