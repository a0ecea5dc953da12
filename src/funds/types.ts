/**
 * 止付 → 冻结 → 返还. A stop-payment order asks the bank holding an account to hold the victim money in it; the
 * bank answers with what it held. `queued` orders wait in the outbox; `sent` ones are with the bank (pushed to its
 * webhook, or there for it to pull); `manual` ones name an account whose bank is unknown, for the centre to phone.
 */
export const ORDER_STATUSES = ['queued', 'sent', 'manual', 'held', 'insufficient', 'moved', 'rejected'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A bank's answers. */
export const ORDER_ANSWERS = ['held', 'insufficient', 'moved', 'rejected'] as const;
export type OrderAnswer = (typeof ORDER_ANSWERS)[number];

/** first_hop: a payee of the victim's loss; downstream: found by tracing; manual: ordered by hand. */
export type OrderReason = 'first_hop' | 'downstream' | 'manual';

export interface StopPayOrder {
  id: number;
  reportId: number | null;
  caseId: number | null;
  victimPhone: string | null;
  /** The victim's account the money left (first-hop orders), so tracing does not follow the victim's other payments. */
  payerAccount: string | null;
  account: string;
  bank: string | null;
  /** 1 for a loss's payee, more for the accounts the money went on to. */
  hop: number;
  /** Victim money to stop in the account. */
  amountFen: number;
  /** When the victim's money reached the account (first-hop orders: the loss transfer's time). */
  arrivedAt: number;
  reason: OrderReason;
  status: OrderStatus;
  /** What the bank held (answers `held` and `insufficient`). */
  heldFen: number;
  note: string | null;
  createdBy: string;
  createdAt: number;
  sentAt: number | null;
  answeredAt: number | null;
}

export interface Freeze {
  id: number;
  orderId: number;
  caseId: number | null;
  account: string;
  bank: string | null;
  amountFen: number;
  /** The case paperwork (冻结通知书) number. */
  documentNo: string;
  until: number;
  status: 'frozen' | 'returned' | 'released';
  createdBy: string;
  createdAt: number;
}

export interface FundReturn {
  id: number;
  freezeId: number;
  reportId: number | null;
  caseId: number | null;
  victimPhone: string | null;
  bank: string | null;
  amountFen: number;
  createdBy: string;
  createdAt: number;
}

export const TOTAL_KEYS = ['case', 'victim', 'bank', 'day', 'month'] as const;
export type TotalKey = (typeof TOTAL_KEYS)[number];

/** 止付 / 冻结 / 返还 amounts for one case, victim, bank or period. */
export interface FundTotal {
  key: string | null;
  orders: number;
  stoppedFen: number;
  frozenFen: number;
  returnedFen: number;
}
