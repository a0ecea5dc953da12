/** Events as the simulator writes them: the wire format of docs/events.schema.json, one object per line. */
interface WireBase {
  id: string;
  /** ISO-8601 UTC, whole seconds. */
  ts: string;
}

export interface WireCall extends WireBase {
  type: 'call';
  from: string;
  to: string;
  durationSec: number;
}
export interface WireSms extends WireBase {
  type: 'sms';
  from: string;
  to: string;
  text: string;
}
export interface WireWeb extends WireBase {
  type: 'web';
  subscriber: string;
  url: string;
}
export interface WireApp extends WireBase {
  type: 'app';
  subscriber: string;
  app: string;
  action: 'install' | 'open' | 'screen_share_start';
}
export interface WireTransfer extends WireBase {
  type: 'transfer';
  fromAccount: string;
  toAccount: string;
  amountFen: number;
  channel: string;
  payerPhone?: string;
  bank?: string;
}
export interface WireAccountOpen extends WireBase {
  type: 'account_open';
  bank: string;
  branch: string;
  holderId: string;
  holderPhone: string;
  account: string;
}
export interface WireSimOpen extends WireBase {
  type: 'sim_open';
  operator: string;
  outlet: string;
  holderId: string;
  msisdn: string;
}

export type WireEvent = WireCall | WireSms | WireWeb | WireApp | WireTransfer | WireAccountOpen | WireSimOpen;
