import type { FraudType } from '../domain/fraud-type.js';
import type { IndicatorKind, IndicatorStatus } from '../domain/indicator.js';

/** Ground truth of one simulated run: what happened to whom, and which events carried it. Times ISO-8601 UTC. */
export interface Truth {
  version: 1;
  seed: number;
  city: { code: string; name: string };
  start: string;
  end: string;
  days: number;
  people: number;
  /** Residents who are neither the victim of an attempt nor a mule holder: the denominator of the false-warning rate. */
  normalPeople: number;
  /**
   * Phones (E.164) of the gangs' mule-account holders that their banks report with transfers: card sellers and
   * launderers, most from other cities. A warning about one is a lead for cutting the supply, not a false alarm
   * about a normal person (absent in truth files written before it was kept).
   */
  muleHolders?: string[];
  /** Minutes after an attempt's last step during which a warning still counts for it (the scoreboard's grace). */
  graceMinutes: number;
  events: number;
  attempts: Attempt[];
  supply: { simFarms: SimFarm[]; cardBursts: CardBurst[] };
  knownIndicators: number;
}

export type StepKind =
  | 'call_in' | 'call_out' | 'sms_in' | 'web' | 'app_install' | 'app_open' | 'screen_share' | 'contact_add' | 'loss' | 'rebate';

export interface AttemptStep {
  kind: StepKind;
  at: string;
  eventId: string;
  /** What the step is in the story ('冒充客服来电', '转入安全账户'). */
  note: string;
}

export interface Loss {
  eventId: string;
  at: string;
  amountFen: number;
  fromAccount: string;
  toAccount: string;
}

export interface Hop {
  eventId: string;
  at: string;
  fromAccount: string;
  toAccount: string;
  amountFen: number;
  /** 1 = from the first mule onwards (fan-out), 2 = into the collectors (fan-in), … */
  tier: number;
}

export interface Attempt {
  id: string;
  fraudType: FraudType;
  gang: string;
  victim: { phone: string; accounts: string[]; age: number; district: string; station: string };
  /** `stopped`: the victim stopped before paying; `lost_once` / `lost_repeatedly`; `cut_off`: the window ended first. */
  outcome: 'stopped' | 'lost_once' | 'lost_repeatedly' | 'cut_off';
  firstStepAt: string;
  lastStepAt: string;
  firstLossAt: string | null;
  totalLossFen: number;
  steps: AttemptStep[];
  losses: Loss[];
  hops: Hop[];
  /** Every account the money went through, first receiving mule first. */
  muleAccounts: string[];
}

export interface SimFarm {
  outlet: string;
  operator: string;
  holders: string[];
  msisdns: string[];
  eventIds: string[];
  /** Gangs that used these numbers. */
  usedBy: string[];
}

export interface CardBurst {
  holder: string;
  holderPhone: string;
  accounts: string[];
  branches: string[];
  eventIds: string[];
  usedBy: string[];
}

/** One seeded indicator: a row of the CSV `fanzha indicators import --format csv` reads. */
export interface KnownIndicator {
  value: string;
  kind: IndicatorKind;
  status: IndicatorStatus;
  fraudTypes: FraudType[];
}

/** The known indicators as CSV (columns value,kind,status,fraud_types). */
export function knownIndicatorsCsv(rows: readonly KnownIndicator[]): string {
  const field = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ['value,kind,status,fraud_types', ...rows.map((r) => [field(r.value), r.kind, r.status, field(r.fraudTypes.join(';'))].join(','))].join('\n') + '\n';
}
