import { z } from 'zod';
import { isFraudType, type FraudType } from '../domain/fraud-type.js';
import type { IndicatorKind } from '../domain/indicator.js';
import { candidateKinds, canonical as canonicalOf, normalize } from '../indicators/index.js';
import { LOSS_CHANNELS, REPORT_INDICATOR_KINDS, REPORT_SOURCES, type LossChannel, type ReportIndicator, type ReportIndicatorKind } from './types.js';

/** One problem with one field of a report: `path` like `losses.0.amountFen`. */
export interface ReportIssue {
  path: string;
  code: string;
  message: string;
}

const text = (max: number) => z.string().max(max).nullable().optional();
const time = z.union([z.string().max(64), z.number().int()]).nullable().optional();

/** The report body of POST /api/v1/reports (the contract the hotline form and the public page are built on). */
export const reportBody = z.object({
  draft: z.boolean().optional(),
  source: z.enum(REPORT_SOURCES).optional(),
  /** Attach to this case instead of the victim's open case or a new one. */
  caseId: z.number().int().positive().nullable().optional(),
  victim: z.object({ name: text(100), idNumber: text(32), phone: text(32) }).nullable().optional(),
  occurredAt: time,
  narrative: text(20_000),
  fraudType: z.string().max(40).refine(isFraudType, { message: 'not a fraud-type code' }).nullable().optional(),
  losses: z
    .array(
      z.object({
        fromAccount: text(128),
        toAccount: text(128),
        amountFen: z.number().int().positive().max(1e13).nullable().optional(),
        ts: time,
        channel: z.enum(LOSS_CHANNELS).nullable().optional(),
        toBank: text(100),
      }),
    )
    .max(200)
    .optional(),
  indicators: z.array(z.object({ kind: z.enum(REPORT_INDICATOR_KINDS), value: z.string().min(1).max(2048) })).max(500).optional(),
});
export type ReportBody = z.infer<typeof reportBody>;

/** Parses a body; the issues name every bad field. */
export function parseReportBody(input: unknown): { ok: true; body: ReportBody } | { ok: false; issues: ReportIssue[] } {
  const parsed = reportBody.safeParse(input ?? {});
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', code: i.code, message: i.message })) };
}

/** ISO-8601 (or epoch ms) -> epoch ms; null when absent, NaN when unreadable. */
export function readTime(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return v;
  // A time without a zone would be read in the server's zone; the contract says ISO-8601 with one.
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(v.trim())) return NaN;
  return Date.parse(v);
}

const ID_NUMBER = /^(\d{17}[\dX]|\d{15})$/;

/** Resident ID as stored: upper-case X, no spaces; null when not one (18 or 15 digits). */
export function readIdNumber(raw: string): string | null {
  const s = raw.replace(/\s/g, '').toUpperCase();
  return ID_NUMBER.test(s) ? s : null;
}

type Canon = { ok: true; kind: IndicatorKind; canonical: string } | { ok: false; code: string; reason: string };

function through(kind: IndicatorKind, raw: string): Canon {
  const r = normalize(kind, raw);
  return r.ok ? { ok: true, kind, canonical: r.canonical } : { ok: false, code: r.code, reason: r.reason };
}

/** A report's indicator kind mapped onto the indicator store's kinds, through the one normaliser of each. */
export function canonicalIndicator(kind: ReportIndicatorKind, value: string): Canon | { ok: true; kind: null; canonical: null } {
  switch (kind) {
    case 'phone':
    case 'url':
    case 'domain':
    case 'app':
    case 'ip':
      return through(kind, value);
    case 'qq':
      return through('im_account', /^\s*(qq|q号)/i.test(value) ? value : `qq:${value}`);
    case 'wechat':
      return through('im_account', /^\s*(wechat|weixin|wx|vx|微信)/i.test(value) ? value : `wechat:${value}`);
    case 'account': {
      const card = through('bank_card', value);
      if (card.ok) return card;
      const pay = through('payment_account', value);
      return pay.ok ? pay : /^[\d\s-]+$/.test(value) ? card : pay;
    }
    case 'other':
      for (const k of candidateKinds(value)) {
        const c = canonicalOf(k, value);
        if (c !== null) return { ok: true, kind: k, canonical: c };
      }
      return { ok: true, kind: null, canonical: null };
  }
}

const PAYMENT_SCHEME: Partial<Record<LossChannel, string>> = { alipay: 'alipay', wechat_pay: 'wechatpay' };

/** The payee account of a loss as an indicator (bank card, or the wallet of its channel); null when unreadable. */
export function lossAccountIndicator(toAccount: string, channel: LossChannel | null): ReportIndicator {
  const scheme = channel ? PAYMENT_SCHEME[channel] : undefined;
  let c: Canon | { ok: true; kind: null; canonical: null };
  if (scheme) c = through('payment_account', /[:：]/.test(toAccount) ? toAccount : `${scheme}:${toAccount}`);
  else if (channel === 'bank_transfer') c = through('bank_card', toAccount);
  else c = canonicalIndicator('account', toAccount);
  return { kind: 'account', value: toAccount, canonicalKind: c.ok ? c.kind : null, canonical: c.ok ? c.canonical : null, origin: 'loss' };
}

/** The fraud type to keep: the operator's, else the model's suggestion. */
export function chosenType(given: FraudType | null | undefined, suggested: FraudType | null): FraudType | null {
  return given ?? suggested;
}
