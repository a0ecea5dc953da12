import type { FraudType } from './fraud-type.js';

export const INDICATOR_KINDS = [
  'phone',
  'url',
  'domain',
  'ip',
  'bank_card',
  'payment_account',
  'im_account',
  'app',
  'crypto_address',
] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** True when `kind` names an indicator kind. */
export function isIndicatorKind(kind: string): kind is IndicatorKind {
  return (INDICATOR_KINDS as readonly string[]).includes(kind);
}

/** reported -> verified -> blocked -> expired / revoked */
export const INDICATOR_STATUSES = ['reported', 'verified', 'blocked', 'expired', 'revoked'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** True when `status` names an indicator status. */
export function isIndicatorStatus(status: string): status is IndicatorStatus {
  return (INDICATOR_STATUSES as readonly string[]).includes(status);
}

/** Statuses under which an indicator still counts against a value. */
export const ACTIVE_STATUSES: readonly IndicatorStatus[] = ['reported', 'verified', 'blocked'];

export interface Indicator {
  id: number;
  kind: IndicatorKind;
  /** The one canonical form of the value (see src/indicators/normalize). */
  value: string;
  status: IndicatorStatus;
  fraudTypes: FraudType[];
  /** 0..100: how sure the centre is that the value is used for fraud. */
  score: number;
  /** Who first brought the value in (an import, a partner, a report). */
  source: string;
  firstSeen: number;
  lastSeen: number;
  /** Number of independent reporters. */
  sightings: number;
  expiresAt: number | null;
  /** Set when enough independent reports asked an analyst to verify the value. */
  reviewRequestedAt: number | null;
  /** Monotonic change counter: feeds hand it to partners as their cursor. */
  seq: number;
  updatedAt: number;
}

export interface Sighting {
  indicatorId: number;
  reporter: string;
  ref: string | null;
  at: number;
  note: string | null;
}

export interface IndicatorChange {
  id: number;
  indicatorId: number;
  at: number;
  actor: string;
  action: 'create' | 'update' | 'status' | 'sighting' | 'review' | 'expire' | 'false_alarm';
  fromStatus: IndicatorStatus | null;
  toStatus: IndicatorStatus | null;
  reason: string;
  changes: Record<string, unknown> | null;
}
