import type { FraudType } from '../domain/fraud-type.js';
import type { WarningEvidence } from '../domain/warning.js';
import { describePhone } from '../indicators/index.js';

/**
 * What screening notices in one event about the person at risk. Typologies (rulebook.ts) name these; a name
 * with `:<fraud type>` matches only signals carrying that type (indicator hits carry their indicator's types,
 * `other` when it has none; the text model carries its predicted type).
 */
export const SIGNAL_NAMES = [
  /** A call from (or to) a reported, verified or blocked number. */
  'call_indicator',
  /** An SMS from a flagged number, or one carrying a flagged link, number or account. */
  'sms_indicator',
  /** The fraud-text model reads the SMS as fraud. */
  'sms_fraud_text',
  /**
   * Under the model's threshold, but with some fraud score and a confident type (gambling ads, credit-repair and
   * game-trade texts); the typology of loans, whose legitimate adverts read like that, does not use it.
   */
  'sms_suspect_text',
  'web_indicator',
  /** A little-known site visited within a day of a suspect text (sms_suspect_text); typed by that text's type. */
  'web_after_suspect_sms',
  /** A visit to a site whose link came in a recent SMS (not from an allow-listed sender); typed by that SMS's model type. */
  'web_sms_link',
  /**
   * A visit to a little-known, unflagged site within a day of an SMS the text model read as fraud (when it is not
   * the SMS's own link: scam texts and the sites they lead to change hosts); typed by that SMS's model type.
   */
  'web_after_fraud_sms',
  'app_indicator',
  /** An unknown app installed soon after a visit that raised a web signal: side-loaded from the scam site; typed by that visit. */
  'app_after_risky_web',
  /** An overseas caller dressed as a domestic service number (+95588, +852 95588 …). */
  'call_spoofed_service',
  'call_overseas',
  'call_virtual',
  /** The person calls a number given in a recent SMS that read at all like a scam; typed by that SMS's model type. */
  'call_sms_number',
  /**
   * A brief answered call (at most `BRIEF_CALL_SEC`) from a personal number (a mobile, an overseas number) the
   * person has not been in touch with and that is no business line: everyday on its own; a step only after a sign
   * it follows (a fake boss's new IM contact, then "it's me, I'm in a meeting, do as I wrote").
   */
  'call_brief_unknown',
  /** A long call from a number the person has not been in touch with. */
  'call_long_unknown',
  /** Screen sharing started (stronger during or after a risky call). */
  'screen_share',
  /** A remote-control or meeting app installed or opened during or after a risky call. */
  'remote_app_after_call',
  /**
   * A call, SMS or visit to a site (not a well-known one) that earlier victims were in touch with in the hours
   * before they paid a mule account (contact-leads.ts): the gang's number or shop, learned from the stream.
   */
  'call_mule_lead',
  'sms_mule_lead',
  'web_mule_lead',
  /** A new IM contact whose account is a reported, verified or blocked indicator (`im_account`). */
  'im_indicator',
  /**
   * A new IM contact the platform marks as copying the nickname and avatar of one of the person's friends
   * (`same_name_as_contact`): strength 0.5, 0.6 when the account is also new, 0.85 when abroad, 1 when both.
   */
  'im_impersonation',
  /** A new IM contact whose account is both new (under 30 days) and abroad, copying no one: strength 0.5. */
  'im_risky_contact',
  /** A new IM contact whose account added people who then paid a mule within hours (as the other `*_mule_lead`). */
  'im_mule_lead',
  /** Money received from an account seen passing money on (a mule) or a flagged one: a task scam's "commission". */
  'transfer_from_mule',
  /** A transfer to a flagged account; also raises a fund warning for the payer's bank. */
  'transfer_indicator',
  'transfer_new_payee',
  /** The person's first transfer at or above the large-transfer amount. */
  'transfer_first_large',
  /** Several transfers in a short time. */
  'transfer_burst',
  'transfer_night',
] as const;

export type SignalName = (typeof SIGNAL_NAMES)[number];

export interface Signal {
  name: SignalName;
  /** Fraud types the signal speaks for; empty when it speaks for none in particular. */
  types: readonly FraudType[];
  /** 0..1: how strongly; a step's weight is scaled by it. */
  strength: number;
  /** What was seen, in Chinese, for the warning's evidence; a function, so it costs nothing unless a step uses it. */
  detail: () => string;
  /** The stored indicator an indicator signal matched. */
  indicator?: WarningEvidence['indicator'];
}

const OTHER: readonly FraudType[] = ['other'];

/** The fraud types an indicator hit speaks for: its own, or `other` when it was stored without any. */
export function indicatorTypes(types: readonly FraudType[]): readonly FraudType[] {
  return types.length ? types : OTHER;
}

// Domestic service numbers a spoofed caller ID mimics: banks' 95xxx, 96xxx hotlines, 400 / 800 numbers, the
// operators' 100xx, 110 and the 12xxx government lines, written with a "+" in front ("+95588"); or, after the
// country code of a real overseas number, the 95xxx / 100xx prefixes (+852 95588 …). 96xxx, 400, 800 and 12xxx
// are not matched after a country code: they begin ordinary numbers abroad (US toll-free, UK area codes).
const SERVICE_WRITTEN_WITH_PLUS = /^(95\d{3}|96\d{3}|400\d{7}|800\d{7}|100(86|10|00|99)|110|12\d{3})$/;
const SERVICE_AFTER_COUNTRY_CODE = /^(95\d{3}|100(86|10|00))/;

/** An overseas number dressed as a Chinese service number. */
export function looksLikeSpoofedService(e164: string): boolean {
  if (e164.startsWith('+86')) return false;
  const digits = e164.slice(1);
  if (SERVICE_WRITTEN_WITH_PLUS.test(digits)) return true;
  const code = describePhone(e164).countryCode;
  return code !== '' && SERVICE_AFTER_COUNTRY_CODE.test(digits.slice(code.length));
}

/** Hour of the day in China Standard Time (UTC+8, no daylight saving). */
export function chinaHour(ts: number): number {
  return Math.floor((ts + 8 * 3_600_000) / 3_600_000) % 24;
}

/** Yuan with two decimals from integer fen, for details. */
export function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}
