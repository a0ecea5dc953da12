import type { Doc } from './corpora.js';
import { rng } from './corpora.js';

/**
 * SYNTHETIC labelled templates, written for this project (not taken from any corpus, and not from src/sim/, whose
 * texts evaluate the screening engine). They cover scam families the corpora in ../shared/datasets barely hold
 * (the `other` family: lottery / prize notices that ask for a fee first, gambling-site adverts, kidnapping hoaxes;
 * "experience officer" task scams) and one kind of normal SMS the model over-flagged (genuine verification-code
 * notices, which say "do not tell anyone" too). They are added to the TRAINING documents only (train-text.ts and
 * the fold models of eval-text.ts), after the splits are drawn: no test set, held-out or cross-source, contains them.
 * Each template is filled from slot lists with a seeded generator, so the set is deterministic for a seed.
 */
type Slots = Record<string, string[]>;

const SLOTS: Slots = {
  brand: ['【中国移动】', '【淘宝】', '【支付宝】', '【京东】', '【美团】', '【抖音】', '【微信支付】', '【拼多多】', '【工商银行】', '【顺丰】', ''],
  app: ['抖音', '快手', '淘宝', '京东', '美团', '拼多多', '微博', 'B站', '得物'],
  amount: ['8000', '12000', '30000', '50000', '66000', '88000', '100000', '200000'],
  small: ['100', '188', '200', '288', '300', '520', '666'],
  code: ['305718', '862041', '1947', '720365', '55193', '418206'],
  minutes: ['3', '5', '10', '15', '30'],
  url: ['http://a1.top/k', 'https://vip8.cc/r', 'www.lk99.vip', 'https://m.ok-7.xyz/p', 'http://t.cn/x2'],
  kin: ['你女儿', '你儿子', '你老公', '你老婆', '你爸', '你家孩子'],
  pct: ['0.8%', '1.2%', '1.8%', '2%', '100%', '58%'],
};

const FRAUD: string[] = [
  // lottery / prize: a win, then a fee or tax before the payout
  '{brand}恭喜您被抽中为{app}年度幸运用户，获得现金大奖{amount}元，请于24小时内登录{url}填写资料领取，领奖前须缴纳公证费和个人所得税',
  '尊敬的用户，您的号码在本次周年庆活动中荣获一等奖，奖品为笔记本电脑一台及奖金{amount}元，请先支付{small}元手续费后安排发放，详情{url}',
  '{brand}您已获得三等奖奖金{amount}元，因金额较大需先缴纳税费{small}元方可提现到账，逾期视为自动放弃，速登{url}',
  '您好，我是{app}节目组的工作人员，您在我们节目中被选为场外幸运观众，奖金{amount}元，需要先交保证金{small}元才能领奖',
  // gambling site adverts
  '{brand}线上娱乐城新会员首存即送{pct}，每日返水{pct}，真人荷官在线发牌，存取款秒到账，点击{url}注册',
  '时时彩计划群，稳赚不赔，充值即送彩金，投注赔率最高，提现无上限，加入{url}',
  '新开棋牌平台，注册送{small}元体验金，老虎机、牛牛、炸金花应有尽有，日返{pct}，下载地址{url}',
  '足球体育投注首充送{pct}，输了也返水，提款三分钟到账，官方网址{url}',
  // kidnapping hoax
  '{kin}现在在我手上，想要人平安就马上准备{amount}元打到我给的卡上，敢报警就别想再见到人',
  '你的家人被我们绑了，今天之内准备赎金{amount}元，不准报警，否则后果自负，钱打到这个账户',
  '{kin}欠了我们的钱被扣下了，两个小时内把{amount}元转过来，报警的话你就等着收尸吧',
  // task scams: picked as a tester, tiny task, red packet, then deposits
  '恭喜您被选为{app}新品体验官，只需完成简单的点赞任务即可领取{small}元红包，立即打开{url}激活',
  '{app}招募兼职体验员，动动手指完成任务就能领佣金，日赚{small}元，先垫付后返还本金，加微信领取任务',
];

const NORMAL: string[] = [
  // genuine verification-code notices
  '{brand}验证码：{code}，您正在登录账号，{minutes}分钟内有效，请勿将验证码告诉他人。',
  '{brand}您的验证码为{code}，用于身份验证，千万不要告诉别人，客服也不会向您索取。',
  '{brand}验证码{code}，您正在进行支付确认，如非本人操作请忽略本短信。',
  '{brand}您正在注册新账号，验证码：{code}，有效期{minutes}分钟，打死也不要转发给任何人哦。',
  '{brand}{code}是您本次的动态验证码，请于{minutes}分钟内填写，切勿泄露给他人。',
  '{brand}您正在修改登录密码，验证码{code}。如不是本人操作，请立即修改密码。',
  // ordinary ads and notices with prize / gaming words that are not scams
  '{brand}会员日抽奖活动开始啦，参与即有机会获得优惠券，详情请打开{app}查看，回TD退订',
  '{brand}您参与的店铺抽奖已开奖，奖品优惠券已放入您的账户，无需任何费用，拒收请回T',
  '{brand}新游戏上线，登录即送皮肤，快来体验吧，回T退订',
  '今晚球赛一起看吗？我买了零食，记得带上你儿子一起来玩',
  '孩子放学我去接，你下班早点回家，晚上一起吃饭',
];

function fill(template: string, r: () => number): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const list = SLOTS[slot];
    return list[Math.floor(r() * list.length)];
  });
}

/** `perTemplate` filled variants of every template (de-duplicated), as training documents of the `sms` kind. */
export function syntheticDocs(seed: number, perTemplate = 6): Doc[] {
  const r = rng(seed * 104729 + 17);
  const out: Doc[] = [];
  const seen = new Set<string>();
  const add = (templates: string[], fraud: boolean): void => {
    templates.forEach((t, i) => {
      for (let k = 0; k < perTemplate; k++) {
        const text = fill(t, r);
        if (seen.has(text)) continue;
        seen.add(text);
        const id = `synthetic:${fraud ? 'f' : 'n'}${i}:${k}`;
        out.push({ id, corpus: 'synthetic', kind: 'sms', sub: 'templates', fraud, type: fraud ? 'other' : null, group: id, text });
      }
    });
  };
  add(FRAUD, true);
  add(NORMAL, false);
  return out;
}
