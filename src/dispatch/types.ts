import type { FraudType } from '../domain/fraud-type.js';
import type { WarningKind, WarningLevel } from '../domain/warning.js';

/** 市反诈中心 -> 分局 -> 派出所 */
export type UnitLevel = 'city' | 'district' | 'station';

export interface Unit {
  code: string;
  name: string;
  level: UnitLevel;
  /** null for the city. */
  parent: string | null;
}

/** Who holds an item now: its station's officers, a district's queue, or the city's. */
export type Tier = 'station' | 'district' | 'city';

export const ACTION_TYPES = ['sms', 'call', 'visit', 'hotline_96110'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const OUTCOMES = ['dissuaded', 'not_fraud', 'already_lost', 'unreachable', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** open: waiting for an officer; claimed: an officer works it; visit_required: unreachable by phone; closed: outcome recorded. */
export type ItemStatus = 'open' | 'claimed' | 'visit_required' | 'closed';

/** A warning as dispatch works it: where it is routed, who holds it, what is due and what came of it. */
export interface DispatchItem {
  warningId: string;
  kind: WarningKind;
  /** E.164 phone or `account:<number>`; masked by the caller's view before it leaves the service. */
  person: string;
  level: WarningLevel;
  fraudType: FraudType;
  typology: string;
  score: number;
  bank: string | null;
  /** Station code, or null while in a district or city queue. */
  station: string | null;
  /** District code, or null while in the city queue. */
  district: string | null;
  /** How routing placed it: roster, prefix, home_area_other_city, unplaced, reassigned… */
  routeReason: string;
  status: ItemStatus;
  claimedBy: string | null;
  claimedAt: number | null;
  /** Where lateness has been raised to: station (not late), district, city. */
  tier: Tier;
  late: boolean;
  /** First contact (phone, SMS, 96110 or visit) due by; null once done. */
  phoneDue: number | null;
  /** In-person visit due by (level 1, or after an unreachable phone call); null when none is due. */
  visitDue: number | null;
  contactedAt: number | null;
  visitedAt: number | null;
  /** When the sweep next looks at it (the earliest unmet deadline or the next escalation); null when nothing is due. */
  nextCheck: number | null;
  outcome: Outcome | null;
  /** already_lost: a victim report is to be opened by the recovery flow. */
  recovery: boolean;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  /** Bumped by every change; a write names the version it read, so two writers cannot both win. */
  version: number;
}

/** One step in an item's audit trail. */
export interface AuditEntry {
  id: number;
  warningId: string;
  at: number;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

export const BANK_STATUSES = ['sent', 'acknowledged', 'held', 'released', 'confirmed_fraud'] as const;
export type BankStatus = (typeof BANK_STATUSES)[number];

/** A fund warning as an instruction to the payer's bank. */
export interface BankInstruction {
  id: number;
  warningId: string;
  bank: string;
  level: WarningLevel;
  fraudType: FraudType;
  status: BankStatus;
  note: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What a caller may see: everything (city), one district, one station, or one bank's instructions. */
export type Scope =
  | { level: 'city' }
  | { level: 'district'; code: string }
  | { level: 'station'; code: string }
  | { level: 'bank'; bank: string }
  | { level: 'none' };
