/**
 * Partner events as screening sees them after validation: phone numbers in E.164, accounts in their canonical
 * form, times in epoch milliseconds. The wire form (ISO-8601 `ts`, numbers in any common form) is documented in
 * docs/events.schema.json.
 */
export const EVENT_TYPES = ['call', 'sms', 'web', 'app', 'transfer', 'account_open', 'sim_open'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** `contact_add`: an IM platform (WeChat, QQ) reports that the subscriber added or accepted a new contact. */
export const APP_ACTIONS = ['install', 'open', 'screen_share_start', 'contact_add'] as const;
export type AppAction = (typeof APP_ACTIONS)[number];

/**
 * The IM platform's own risk marks on a new contact: its nickname / avatar copies one of the subscriber's existing
 * friends (the prompt WeChat shows for a same-name request), the account was registered in the last 30 days, or
 * it was registered or is logged in abroad.
 */
export const CONTACT_FLAGS = ['same_name_as_contact', 'new_account', 'overseas'] as const;
export type ContactFlag = (typeof CONTACT_FLAGS)[number];

interface EventBase {
  /** Unique per sender. */
  id: string;
  /** Event time, epoch ms. */
  ts: number;
  /** Who sent it (the partner token's name, or `file:<name>` for an offline replay): ids are unique per sender. */
  sender: string;
}

export interface CallEvent extends EventBase {
  type: 'call';
  from: string;
  to: string;
  durationSec: number;
}

export interface SmsEvent extends EventBase {
  type: 'sms';
  from: string;
  to: string;
  text: string;
}

export interface WebEvent extends EventBase {
  type: 'web';
  subscriber: string;
  url: string;
}

export interface AppEvent extends EventBase {
  type: 'app';
  subscriber: string;
  /** Package (`com.tencent.wemeet.app`) or display name (`腾讯会议`), as sent. */
  app: string;
  action: AppAction;
  /** `contact_add` only: the new contact's IM account in the `im_account` indicators' canonical form (`wechat:wxid_…`, `qq:123456`). */
  contact?: string;
  /** `contact_add` only: the platform's risk marks on the new contact (none when absent). */
  flags?: readonly ContactFlag[];
}

export interface TransferEvent extends EventBase {
  type: 'transfer';
  fromAccount: string;
  toAccount: string;
  /** Integer fen. */
  amountFen: number;
  channel: string;
  payerPhone: string | null;
  /** The payer's bank when the sender names it; else read from the card BIN when a fund warning needs it. */
  bank: string | null;
}

export interface AccountOpenEvent extends EventBase {
  type: 'account_open';
  bank: string;
  branch: string;
  holderId: string;
  holderPhone: string;
  account: string;
}

export interface SimOpenEvent extends EventBase {
  type: 'sim_open';
  operator: string;
  outlet: string;
  holderId: string;
  msisdn: string;
}

export type ScreeningEvent = CallEvent | SmsEvent | WebEvent | AppEvent | TransferEvent | AccountOpenEvent | SimOpenEvent;

/** One rejected event of a batch: where it was, its id when it had one, the field and why. */
export interface EventProblem {
  /** 1-based line of an NDJSON body, or 0-based index of a JSON array. */
  at: number;
  id: string | null;
  field: string;
  code: string;
  reason: string;
}
