import type { IndicatorKind } from './indicator.js';

/**
 * Seeded into the allow-list on first migration, in canonical form. Emergency and anti-fraud numbers,
 * operators', banks' and payment companies' official service numbers and sites, government domains.
 * Admins add and remove entries afterwards; a later start never re-adds one that was removed.
 */
export const DEFAULT_ALLOWLIST: ReadonlyArray<{ kind: IndicatorKind; value: string; reason: string }> = [
  ...(
    [
      ['+86110', '报警电话'],
      ['+86119', '火警电话'],
      ['+86120', '急救电话'],
      ['+86122', '交通事故报警'],
      ['+8696110', '反诈预警劝阻专线'],
      ['+8612110', '短信报警'],
      ['+8612345', '政务服务便民热线'],
      ['+8612315', '市场监管投诉举报'],
      ['+8612321', '网络不良与垃圾信息举报'],
      ['+8612381', '涉诈预警劝阻短信'],
      ['+8610086', '中国移动客服'],
      ['+8610010', '中国联通客服'],
      ['+8610000', '中国电信客服'],
      ['+8610099', '中国广电客服'],
      ['+8695588', '工商银行客服'],
      ['+8695599', '农业银行客服'],
      ['+8695533', '建设银行客服'],
      ['+8695566', '中国银行客服'],
      ['+8695559', '交通银行客服'],
      ['+8695580', '邮储银行客服'],
      ['+8695555', '招商银行客服'],
      ['+8695528', '浦发银行客服'],
      ['+8695568', '民生银行客服'],
      ['+8695561', '兴业银行客服'],
      ['+8695595', '光大银行客服'],
      ['+8695558', '中信银行客服'],
      ['+8695508', '广发银行客服'],
      ['+8695511', '平安银行客服'],
      ['+8695577', '华夏银行客服'],
      ['+8695516', '中国银联客服'],
      ['+8695188', '支付宝客服'],
      ['+8695017', '微信支付客服'],
      ['+8695118', '京东客服'],
    ] as const
  ).map(([value, reason]) => ({ kind: 'phone' as const, value, reason })),
  ...(
    [
      ['gov.cn', '政府网站'],
      ['12321.cn', '网络不良与垃圾信息举报受理中心'],
      ['12377.cn', '违法和不良信息举报中心'],
      ['10086.cn', '中国移动官网'],
      ['10010.com', '中国联通官网'],
      ['189.cn', '中国电信官网'],
      ['icbc.com.cn', '工商银行官网'],
      ['abchina.com', '农业银行官网'],
      ['ccb.com', '建设银行官网'],
      ['boc.cn', '中国银行官网'],
      ['bankcomm.com', '交通银行官网'],
      ['psbc.com', '邮储银行官网'],
      ['cmbchina.com', '招商银行官网'],
      ['unionpay.com', '中国银联官网'],
      ['95516.com', '云闪付官网'],
      ['alipay.com', '支付宝官网'],
      ['pay.weixin.qq.com', '微信支付官网'],
    ] as const
  ).map(([value, reason]) => ({ kind: 'domain' as const, value, reason })),
  { kind: 'app', value: 'com.hicorenational.antifraud', reason: '国家反诈中心 App' },
];
