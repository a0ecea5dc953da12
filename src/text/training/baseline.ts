import type { FraudType } from '../../domain/fraud-type.js';
import { normalizeText } from '../normalize-text.js';
import type { Prediction } from './metrics.js';

/**
 * The keyword-list baseline the model has to beat: a text is fraud when, after the same normalisation, it holds
 * at least one phrase from a list of the kind anti-fraud posters and SMS filters use; its type is the one whose
 * phrases match most (ties: list order). It is a fair baseline — the same phrases the lexicon starts from, with
 * the generic ones (转账, 客服, 投资, 贷款 alone) required to co-occur with a second phrase.
 */
const STRONG: Array<[FraudType, string[]]> = [
  ['impersonate_authority', ['安全账户', '资金清查', '通缉令', '逮捕令', '涉嫌洗钱', '配合调查', '公安局', '检察院', '涉嫌']],
  ['fake_customer_service', ['百万保障', '屏幕共享', '共享屏幕', '快递丢失', '理赔', '注销校园贷', '关闭会员', '退款']],
  ['fake_loan', ['解冻费', '无抵押', '低息贷款', '放款', '刷流水', '贷款额度', '验资']],
  ['fake_credit', ['修复征信', '征信修复', '消除不良记录', '影响征信']],
  ['task_rebate', ['刷单', '返利', '垫付', '做任务', '点赞兼职', '佣金']],
  ['fake_investment', ['高收益', '稳赚', '带单', '内幕消息', '虚拟币', '无法提现']],
  ['impersonate_acquaintance', ['猜猜我是谁', '换号了', '我是你领导', '急用钱']],
  ['romance', ['杀猪盘', '网恋', '博彩']],
  ['game_trade', ['游戏账号', '买号', '卖号']],
  ['fake_shopping', ['低价代购', '定金', '私下交易']],
  ['other', ['中奖', '保证金', '手续费', '验证码']],
];
const WEAK = ['转账', '汇款', '客服', '投资', '贷款', '冻结', '提现', '兼职', '领导', '银行卡', '微信', '下载'];

const strong = STRONG.map(([type, words]) => [type, words.map((w) => normalizeText(w))] as const);
const weak = WEAK.map((w) => normalizeText(w));

export function keywordBaseline(text: string): Prediction {
  const t = normalizeText(text);
  let best: FraudType | null = null;
  let bestHits = 0;
  let total = 0;
  for (const [type, words] of strong) {
    let hits = 0;
    for (const w of words) if (t.includes(w)) hits++;
    total += hits;
    if (hits > bestHits) {
      bestHits = hits;
      best = type;
    }
  }
  let weakHits = 0;
  for (const w of weak) if (t.includes(w)) weakHits++;
  const fraud = total >= 1 || weakHits >= 2;
  return { fraud, score: fraud ? 1 : 0, type: best ?? 'other' };
}
