/** Fraud-type codes shared by the whole system (ARCHITECTURE.md). */
export const FRAUD_TYPES = {
  task_rebate: '刷单返利',
  fake_investment: '虚假投资理财',
  fake_loan: '虚假网络贷款',
  fake_customer_service: '冒充电商物流客服',
  impersonate_authority: '冒充公检法及政府机关',
  impersonate_acquaintance: '冒充领导熟人',
  romance: '网络婚恋交友',
  fake_credit: '虚假征信',
  game_trade: '网络游戏产品虚假交易',
  fake_shopping: '虚假购物服务',
  other: '其他',
} as const;

export type FraudType = keyof typeof FRAUD_TYPES;

export const FRAUD_TYPE_CODES = Object.keys(FRAUD_TYPES) as FraudType[];

/** True when `code` is one of the shared fraud-type codes. */
export function isFraudType(code: string): code is FraudType {
  return Object.prototype.hasOwnProperty.call(FRAUD_TYPES, code);
}
