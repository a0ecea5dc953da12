import type { FraudType } from '../domain/fraud-type.js';
import type { IndicatorKind } from '../domain/indicator.js';

export const REPORT_SOURCES = ['hotline', 'public', 'dispatch'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** draft: saved incomplete, required fields not enforced; submitted: complete, attached to a case. */
export const REPORT_STATUSES = ['draft', 'submitted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const LOSS_CHANNELS = ['bank_transfer', 'alipay', 'wechat_pay', 'other'] as const;
export type LossChannel = (typeof LOSS_CHANNELS)[number];

/** The kinds a report names an indicator by (the hotline form's words, mapped onto indicator kinds). */
export const REPORT_INDICATOR_KINDS = ['phone', 'url', 'domain', 'app', 'account', 'qq', 'wechat', 'ip', 'other'] as const;
export type ReportIndicatorKind = (typeof REPORT_INDICATOR_KINDS)[number];

/** One money transfer the victim lost. Times are epoch ms inside. */
export interface Loss {
  id: number;
  fromAccount: string | null;
  toAccount: string | null;
  amountFen: number | null;
  ts: number | null;
  channel: LossChannel | null;
  toBank: string | null;
  /** Handed to the stop-payment flow (onLosses) already. */
  handedOver: boolean;
}

/** An indicator as the report names it, with its canonical form when it has one. */
export interface ReportIndicator {
  kind: ReportIndicatorKind;
  value: string;
  /** The indicator-store kind and canonical value; null when the value could not be read (drafts, `other`). */
  canonicalKind: IndicatorKind | null;
  canonical: string | null;
  /** `loss`: the payee account of a loss transfer, added by the service. */
  origin: 'report' | 'loss';
}

export interface Victim {
  name: string | null;
  idNumber: string | null;
  /** E.164 when it could be read, else as typed (drafts). */
  phone: string | null;
}

export interface Report {
  id: number;
  status: ReportStatus;
  source: ReportSource;
  victim: Victim;
  occurredAt: number | null;
  narrative: string | null;
  fraudType: FraudType | null;
  /** What the text model suggested from the narrative. */
  suggestedType: FraudType | null;
  caseId: number | null;
  /** The dispatched warning an `already_lost` outcome opened this report from. */
  warningId: string | null;
  station: string | null;
  district: string | null;
  losses: Loss[];
  indicators: ReportIndicator[];
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
}

/** 立案 filed, 破案 solved, 移送起诉 referred. */
export const CASE_STATUSES = ['reported', 'filed', 'investigating', 'solved', 'referred', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The allowed moves; anything else is INVALID_TRANSITION. */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  reported: ['filed', 'closed'],
  filed: ['investigating', 'closed'],
  investigating: ['solved', 'closed'],
  solved: ['referred', 'closed'],
  referred: [],
  closed: [],
};

export interface Case {
  id: number;
  status: CaseStatus;
  fraudType: FraudType | null;
  lossFen: number;
  station: string | null;
  district: string | null;
  openedAt: number;
  updatedAt: number;
}

export interface CaseHistoryEntry {
  id: number;
  caseId: number;
  at: number;
  actor: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  note: string | null;
}

/** 资金持有, 洗钱, 引流, 话务, 技术支持 */
export const SUSPECT_ROLES = ['money_holder', 'laundering', 'traffic', 'customer_service', 'tech_support'] as const;
export type SuspectRole = (typeof SUSPECT_ROLES)[number];

export interface Suspect {
  id: number;
  caseId: number;
  name: string | null;
  idNumber: string | null;
  phone: string | null;
  role: SuspectRole;
  note: string | null;
  addedAt: number;
  addedBy: string;
  arrestedAt: number | null;
  arrestedBy: string | null;
}

/** What the report service hands the stop-payment flow (part B, src/funds) once per loss. */
export interface ReportLosses {
  reportId: number;
  caseId: number | null;
  victimPhone: string | null;
  losses: { fromAccount: string; toAccount: string; amountFen: number; ts: number /* ms */; channel: string }[];
}
