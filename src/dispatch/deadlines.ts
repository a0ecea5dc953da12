import type { WarningLevel } from '../domain/warning.js';

const MIN = 60_000;

/** Minutes allowed per level: first contact for all, an in-person visit for level 1. */
export interface DeadlinePolicy {
  phoneMin: Record<WarningLevel, number>;
  visitMin: Record<WarningLevel, number | null>;
  /** Minutes after a visit is found necessary (unreachable by phone) that it is due. */
  unreachableVisitMin: number;
}

export const DEFAULT_POLICY: DeadlinePolicy = {
  phoneMin: { 1: 5, 2: 30, 3: 24 * 60 },
  visitMin: { 1: 30, 2: null, 3: null },
  unreachableVisitMin: 30,
};

export interface Dues {
  phoneDue: number;
  visitDue: number | null;
}

/** The deadlines of a warning of `level` raised at `from`. */
export function duesFor(policy: DeadlinePolicy, level: WarningLevel, from: number): Dues {
  const visit = policy.visitMin[level];
  return { phoneDue: from + policy.phoneMin[level] * MIN, visitDue: visit === null ? null : from + visit * MIN };
}

/** An upgrade only ever tightens: each deadline becomes the earlier of the old one and the new level's. */
export function tighten(current: number | null, proposed: number | null): number | null {
  if (current === null) return proposed;
  if (proposed === null) return current;
  return Math.min(current, proposed);
}

/**
 * How long after a missed deadline the lateness climbs one more tier (district -> city): the same allowance
 * again, so a level-1 item reaches the city minutes after the district, a level-3 one a day later.
 */
export function escalationStepMs(policy: DeadlinePolicy, level: WarningLevel): number {
  return policy.phoneMin[level] * MIN;
}
