import { APP_ACTIONS, CONTACT_FLAGS, EVENT_TYPES, type AppAction, type AppEvent, type ContactFlag, type EventProblem, type EventType, type ScreeningEvent } from '../domain/event.js';
import { canonical, normalize } from '../indicators/index.js';

/**
 * Partner events in: parse a batch (NDJSON or a JSON array), validate each event against docs/events.schema.json,
 * normalise its phone numbers and accounts. A bad event is reported with its position, id, field and reason; the
 * others go on. Hand-written rather than a schema library: this runs for every event at partner volumes, and
 * each problem must name its field.
 */

export interface IntakeResult {
  events: ScreeningEvent[];
  problems: EventProblem[];
}

type Raw = Record<string, unknown>;

class Reject extends Error {
  constructor(
    readonly field: string,
    readonly code: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const TYPES = new Set<string>(EVENT_TYPES);
const ACTIONS = new Set<string>(APP_ACTIONS);
const FLAGS = new Set<string>(CONTACT_FLAGS);
const NO_FLAGS: readonly ContactFlag[] = Object.freeze([]);
const MAX_AMOUNT_FEN = 100_000_000_000;
const PAYMENT_HINT = /[:：]|^\s*(支付宝|微信|财付通|云闪付|京东)/;

function field(o: Raw, name: string): unknown {
  const v = o[name];
  if (v === undefined || v === null || v === '') throw new Reject(name, 'MISSING_FIELD', `${name} is required`);
  return v;
}

/** A string field; with `min` 0 an empty string is a value (an SMS without text), not a missing field. */
function text(o: Raw, name: string, max: number, min = 1): string {
  const v = min === 0 && o[name] === '' ? '' : field(o, name);
  if (typeof v !== 'string') throw new Reject(name, 'INVALID_FIELD', `${name} must be a string`);
  if (v.length < min || v.length > max) throw new Reject(name, 'INVALID_FIELD', `${name} must be ${min}–${max} characters`);
  return v;
}

function optionalText(o: Raw, name: string, max: number): string | null {
  return o[name] === undefined || o[name] === null || o[name] === '' ? null : text(o, name, max);
}

function integer(o: Raw, name: string, min: number, max: number): number {
  const v = field(o, name);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Reject(name, 'INVALID_FIELD', `${name} must be an integer`);
  if (v < min || v > max) throw new Reject(name, 'INVALID_FIELD', `${name} must be between ${min} and ${max}`);
  return v;
}

function phone(o: Raw, name: string): string {
  const raw = text(o, name, 40, 3);
  const e164 = canonical('phone', raw);
  if (e164 !== null) return e164;
  const full = normalize('phone', raw);
  throw new Reject(name, full.ok ? 'INVALID_PHONE' : full.code, full.ok ? 'not a phone number' : full.reason);
}

function optionalPhone(o: Raw, name: string): string | null {
  return o[name] === undefined || o[name] === null || o[name] === '' ? null : phone(o, name);
}

/** A bank card (digits with spaces or dashes) or a payment account (`alipay:…`), in its canonical form. */
export function canonicalAccount(raw: string): string | null {
  if (!PAYMENT_HINT.test(raw)) return canonical('bank_card', raw);
  return canonical('payment_account', raw);
}

function account(o: Raw, name: string): string {
  const raw = text(o, name, 80, 4);
  const value = canonicalAccount(raw);
  if (value === null) throw new Reject(name, 'INVALID_ACCOUNT', 'not a bank card number or a payment account (alipay:…, wechatpay:…)');
  return value;
}

function residentId(o: Raw, name: string): string {
  const v = text(o, name, 18, 18);
  if (!/^\d{17}[\dXx]$/.test(v)) throw new Reject(name, 'INVALID_FIELD', `${name} must be an 18-character resident ID number`);
  return v.toUpperCase();
}

/** A `contact_add` app event: the optional IM account of the new contact and the platform's risk flags. */
function contactAdd(o: Raw, id: string, ts: number, sender: string, subscriber: string, app: string): AppEvent {
  const e: AppEvent = { id, ts, sender, type: 'app', subscriber, app, action: 'contact_add', flags: contactFlags(o) };
  const raw = optionalText(o, 'contact', 128);
  if (raw !== null) {
    // The indicators' one normaliser for IM accounts, so that a contact is looked up as it is stored.
    const result = normalize('im_account', raw);
    if (!result.ok) throw new Reject('contact', 'INVALID_CONTACT', `contact must be an IM account such as wechat:wxid_ab12cd or qq:123456789 (${result.reason})`);
    e.contact = result.canonical;
  }
  return e;
}

function contactFlags(o: Raw): readonly ContactFlag[] {
  const v = o.flags;
  if (v === undefined || v === null) return NO_FLAGS;
  if (!Array.isArray(v) || v.length > CONTACT_FLAGS.length) throw new Reject('flags', 'INVALID_FIELD', `flags must be an array of at most ${CONTACT_FLAGS.length} flags`);
  for (const flag of v) {
    if (typeof flag !== 'string' || !FLAGS.has(flag)) throw new Reject('flags', 'UNKNOWN_FLAG', `flags must be among ${CONTACT_FLAGS.join(', ')}`);
  }
  if (new Set(v).size !== v.length) throw new Reject('flags', 'INVALID_FIELD', 'flags must not repeat');
  return v.length ? (v as ContactFlag[]) : NO_FLAGS;
}

function timestamp(o: Raw): number {
  const v = field(o, 'ts');
  const ms = typeof v === 'string' && ISO_WITH_ZONE.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(ms)) throw new Reject('ts', 'INVALID_TIME', 'ts must be an ISO-8601 time with a zone, e.g. 2026-03-01T09:30:00Z');
  return ms;
}

/** Validates and normalises one event; throws Reject naming the field. (Literal objects, not spreads: a spread per event is measurably slower.) */
function readEvent(o: Raw, sender: string): ScreeningEvent {
  const id = text(o, 'id', 128);
  const type = field(o, 'type');
  if (typeof type !== 'string' || !TYPES.has(type)) throw new Reject('type', 'UNKNOWN_TYPE', `type must be one of ${EVENT_TYPES.join(', ')}`);
  const ts = timestamp(o);
  switch (type as EventType) {
    case 'call':
      return { id, ts, sender, type: 'call', from: phone(o, 'from'), to: phone(o, 'to'), durationSec: integer(o, 'durationSec', 0, 86_400) };
    case 'sms':
      return { id, ts, sender, type: 'sms', from: phone(o, 'from'), to: phone(o, 'to'), text: text(o, 'text', 5000, 0) };
    case 'web': {
      const subscriber = phone(o, 'subscriber');
      return { id, ts, sender, type: 'web', subscriber, url: text(o, 'url', 4096) };
    }
    case 'app': {
      const subscriber = phone(o, 'subscriber');
      const app = text(o, 'app', 200);
      const action = field(o, 'action');
      if (typeof action !== 'string' || !ACTIONS.has(action)) throw new Reject('action', 'INVALID_FIELD', `action must be one of ${APP_ACTIONS.join(', ')}`);
      if (action === 'contact_add') return contactAdd(o, id, ts, sender, subscriber, app);
      for (const name of ['contact', 'flags']) {
        if (o[name] !== undefined && o[name] !== null) throw new Reject(name, 'INVALID_FIELD', `${name} is only for action contact_add`);
      }
      return { id, ts, sender, type: 'app', subscriber, app, action: action as AppAction };
    }
    case 'transfer':
      return {
        id,
        ts,
        sender,
        type: 'transfer',
        fromAccount: account(o, 'fromAccount'),
        toAccount: account(o, 'toAccount'),
        amountFen: integer(o, 'amountFen', 1, MAX_AMOUNT_FEN),
        channel: text(o, 'channel', 40),
        payerPhone: optionalPhone(o, 'payerPhone'),
        bank: optionalText(o, 'bank', 60),
      };
    case 'account_open':
      return {
        id,
        ts,
        sender,
        type: 'account_open',
        bank: text(o, 'bank', 60),
        branch: text(o, 'branch', 120),
        holderId: residentId(o, 'holderId'),
        holderPhone: phone(o, 'holderPhone'),
        account: account(o, 'account'),
      };
    case 'sim_open':
      return {
        id,
        ts,
        sender,
        type: 'sim_open',
        operator: text(o, 'operator', 60),
        outlet: text(o, 'outlet', 120),
        holderId: residentId(o, 'holderId'),
        msisdn: phone(o, 'msisdn'),
      };
  }
}

/** Validates one parsed JSON value as an event; `at` is its line or index, for the problem report. */
export function validateEvent(value: unknown, sender: string, at: number): ScreeningEvent | EventProblem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { at, id: null, field: '', code: 'INVALID_EVENT', reason: 'an event must be a JSON object' };
  }
  const o = value as Raw;
  try {
    return readEvent(o, sender);
  } catch (err) {
    if (!(err instanceof Reject)) throw err;
    const id = typeof o.id === 'string' && o.id.length > 0 ? o.id : typeof o.id === 'number' ? String(o.id) : null;
    return { at, id, field: err.field, code: err.code, reason: err.reason };
  }
}

/** True for the problem half of what validation returns. */
export function isEventProblem(v: ScreeningEvent | EventProblem): v is EventProblem {
  return 'code' in v && 'at' in v;
}

/** One NDJSON line (1-based `line`): an event, a problem, or null for a blank line. */
export function readEventLine(line: string, sender: string, lineNo: number): ScreeningEvent | EventProblem | null {
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { at: lineNo, id: null, field: '', code: 'INVALID_JSON', reason: 'the line is not valid JSON' };
  }
  return validateEvent(value, sender, lineNo);
}

/** A batch as partners send it: NDJSON text (problems by 1-based line) or a parsed JSON array (by 0-based index). */
export function readEventBatch(body: string | readonly unknown[], sender: string): IntakeResult {
  const events: ScreeningEvent[] = [];
  const problems: EventProblem[] = [];
  const add = (v: ScreeningEvent | EventProblem | null) => {
    if (v === null) return;
    if (isEventProblem(v)) problems.push(v);
    else events.push(v);
  };
  if (typeof body === 'string') {
    const trimmed = body.trimStart();
    if (trimmed.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return { events, problems: [{ at: 0, id: null, field: '', code: 'INVALID_JSON', reason: 'the body is not a valid JSON array' }] };
      }
      return readEventBatch(parsed as unknown[], sender);
    }
    const lines = body.split('\n');
    for (let i = 0; i < lines.length; i++) add(readEventLine(lines[i], sender, i + 1));
  } else {
    for (let i = 0; i < body.length; i++) add(validateEvent(body[i], sender, i));
  }
  return { events, problems };
}
