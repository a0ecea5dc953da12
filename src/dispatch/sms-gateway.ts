import type { FraudType } from '../domain/fraud-type.js';

export interface SmsMessage {
  warningId: string;
  /** E.164 */
  to: string;
  template: string;
  body: string;
}

/** Where warning texts go out. A real gateway (an operator's 12381 / 短信平台 API) implements this. */
export interface SmsGateway {
  send(message: SmsMessage): Promise<{ id: string }>;
}

/** What the default gateway needs: a place to write messages (the store's outbox table). */
export interface SmsOutbox {
  insertOutbox(message: SmsMessage, at: number): Promise<number>;
}

/** The default: messages are written to the outbox table, for a relay (or a person) to send. */
export class OutboxSmsGateway implements SmsGateway {
  constructor(
    private readonly outbox: SmsOutbox,
    private readonly now: () => number,
  ) {}

  async send(message: SmsMessage): Promise<{ id: string }> {
    return { id: `outbox:${await this.outbox.insertOutbox(message, this.now())}` };
  }
}

const SIGN = '【反诈中心】';
const TAIL = '如有疑问请拨打96110。';

/** 预警短信 per fraud type: the scam named in the words a person recognises, and the one thing to do. */
export const SMS_TEMPLATES: Record<FraudType, string> = {
  task_rebate: '刷单返利都是诈骗！先垫付再返利、做任务赚佣金的，请立即停止转账。',
  fake_investment: '网上“老师”带你投资理财、稳赚不赔的平台是诈骗，请勿继续充值或转账。',
  fake_loan: '贷款前要交“保证金”“解冻费”“刷流水”的都是诈骗，请勿转账。',
  fake_customer_service: '自称电商、物流客服要退款、注销“学生账户/会员”并让您共享屏幕的是诈骗，请立即挂断。',
  impersonate_authority: '公检法机关不会电话办案，更没有“安全账户”。让您转账、隔离的是诈骗，请立即停止。',
  impersonate_acquaintance: '“领导”“熟人”加好友要求紧急转账，请先当面或打原号码核实，切勿转账。',
  romance: '网上恋人推荐投资、博彩平台的是“杀猪盘”诈骗，请勿转账。',
  fake_credit: '“征信修复”“消除不良记录”要交费的都是诈骗，征信问题请找中国人民银行。',
  game_trade: '游戏账号、装备交易要求到陌生网站交“保证金”“解冻费”的是诈骗。',
  fake_shopping: '低价商品、代购、代办先付款后不发货的是诈骗，请通过正规平台交易。',
  other: '您可能正在遭遇电信网络诈骗，请勿向陌生人转账。',
};

/** The warning text for a fraud type. */
export function smsBody(fraudType: FraudType): string {
  return `${SIGN}${SMS_TEMPLATES[fraudType] ?? SMS_TEMPLATES.other}${TAIL}`;
}
