import type { FraudType } from '../../domain/fraud-type.js';
import { MEETING_APPS, REMOTE_APPS } from '../catalog.js';
import { appName } from '../background.js';
import type { SimContext } from '../context.js';
import { QQ, WECHAT } from '../im.js';
import { wxid } from '../numbers.js';
import { Rng } from '../rng.js';
import type { PathBuilder } from './builder.js';
import type { Gang } from './gangs.js';

/*
 * Each fraud type's typical path (ARCHITECTURE.md) as the partners can see it: only calls, messages, web visits,
 * app actions, new IM contacts and transfers. Chats inside WeChat or QQ are invisible, so a path that runs there
 * shows only its edges: the new contact (when the platform is a partner) and what follows outside it. Timing and
 * amounts vary per attempt; every payment may be the one where the victim stops.
 */
export type PathFn = (b: PathBuilder) => void;

/** Roughly how long a path takes, days: long paths start early in the window. */
export const TYPICAL_DAYS: Record<FraudType, number> = {
  task_rebate: 1,
  fake_investment: 4,
  fake_loan: 0.5,
  fake_customer_service: 0.2,
  impersonate_authority: 1,
  impersonate_acquaintance: 0.1,
  romance: 5,
  fake_credit: 0.2,
  game_trade: 0.3,
  fake_shopping: 0.5,
  other: 1,
};

/**
 * The paths that go through a new IM contact, and what the IM platform (a partner) sees of it. Decided with their
 * reasons before the engine was tuned on them; not to be changed for the scoreboard.
 * - `visible`: share of attempts where the add happens on a partner platform (WeChat / QQ). The fake boss: 80% —
 *   the rest write on a platform that is no partner (DingTalk, Telegram, an SMS-only "new number") or take over
 *   the real friend's hacked account, so no new contact at all. Romance moves from the dating app to WeChat 70%
 *   of the time; an investment "assistant" adds 60%, a task group's "receptionist" 50%, a seller taking the deal
 *   off the shop 40%, a game-item "buyer" on QQ 50% (the rest stay in the app, the game's chat or a group).
 * - `sameName`: per add, the nickname and avatar copy one of the victim's friends — the fake boss's whole trick
 *   (75%; the rest pose as someone the victim has no account of: a leader's secretary, a relative's teacher); the
 *   other types never need it (a "lover" now and then picks a common name: 2%).
 * - `newAccount`, `overseas`: per gang account. Half the fake bosses use bought aged accounts the platform does not
 *   mark new; gangs in Southeast Asia log in from abroad unless they rent phones or proxies at home (40%; romance
 *   50%, the kind most run from abroad; a game buyer 15%).
 * - `qq`: share of the gang's accounts on QQ.
 */
export const IM_CONTACT: Partial<Record<FraudType, { visible: number; sameName: number; newAccount: number; overseas: number; qq: number }>> = {
  impersonate_acquaintance: { visible: 0.8, sameName: 0.75, newAccount: 0.5, overseas: 0.4, qq: 0.15 },
  romance: { visible: 0.7, sameName: 0.02, newAccount: 0.35, overseas: 0.5, qq: 0.05 },
  fake_investment: { visible: 0.6, sameName: 0, newAccount: 0.3, overseas: 0.4, qq: 0.1 },
  task_rebate: { visible: 0.5, sameName: 0, newAccount: 0.4, overseas: 0.35, qq: 0.3 },
  fake_shopping: { visible: 0.4, sameName: 0, newAccount: 0.35, overseas: 0.2, qq: 0.2 },
  game_trade: { visible: 0.5, sameName: 0, newAccount: 0.4, overseas: 0.15, qq: 0.7 },
};

/**
 * Each gang of those types runs 4-10 IM accounts and adds its victims from any of them (an account reaches
 * victims across the country until it is banned; this city sees a few of them). Like the gang's numbers, sites
 * and cards, `knownShare` of them are already known indicators. From a stream of their own.
 */
export function giveImAccounts(ctx: SimContext, gangs: Gang[], knownShare: number): void {
  const rng = Rng.derive(ctx.seed, 'gang-im');
  for (const g of gangs) {
    const shares = IM_CONTACT[g.fraudType];
    if (!shares) continue;
    g.imAccounts = Array.from({ length: rng.int(4, 10) }, () => {
      const qq = rng.chance(shares.qq);
      return {
        contact: qq ? `qq:${rng.int(100000000, 3999999999)}` : `wechat:${wxid(rng)}`,
        app: qq ? QQ : WECHAT,
        newAccount: rng.chance(shares.newAccount),
        overseas: rng.chance(shares.overseas),
        known: rng.chance(knownShare),
        // As the gangs' known numbers: 60% blocked, the rest verified.
        blocked: rng.chance(0.6),
      };
    });
  }
}

/** The gang's IM account adds the victim, as often as IM_CONTACT says for the type; then they chat. */
function imContact(b: PathBuilder, note: string, chatMinutes: [number, number]): PathBuilder {
  const shares = IM_CONTACT[b.type];
  return shares ? b.imContact(note, shares.visible, shares.sameName, chatMinutes) : b;
}

const scamApp = (b: PathBuilder): { pkg: string; name: string } | null => (b.gang.apps.length ? b.rng.pick(b.gang.apps) : null);
const meeting = (b: PathBuilder): string => appName(b.rng, b.rng.chance(0.75) ? b.rng.pick(MEETING_APPS.slice(0, 3)) : b.rng.pick(REMOTE_APPS));
const yuanFen = (b: PathBuilder, min: number, max: number): number => b.fen(b.rng.range(min, max));

export const PATHS: Record<FraudType, PathFn> = {
  task_rebate(b) {
    // An ad (SMS, or a group invite nobody sees) -> small paid tasks -> advance payments -> refused withdrawal.
    if (b.rng.chance(0.65)) b.sms('兼职刷单广告短信').wait(5, 240);
    imContact(b, '“接待员”加好友，拉进任务群', [5, 60]);
    b.web('打开任务平台');
    const app = scamApp(b);
    if (app && b.rng.chance(0.6)) b.app('安装任务App', b.rng.chance(0.5) ? app.pkg : app.name, 'install').wait(1, 10).app('打开任务App', app.pkg, 'open');
    b.wait(5, 40).rebate('首单佣金返还', yuanFen(b, 8, 60));
    let amount = b.rng.range(100, 800);
    const rounds = b.rng.int(2, 6);
    for (let i = 0; i < rounds; i++) {
      b.wait(10, 90);
      if (!b.pay(i === 0 ? '垫付任务' : i < rounds - 1 ? '连单任务垫付' : '解冻金 / 提现手续费', b.fen(amount))) return;
      if (i === 0) b.wait(5, 30).rebate('垫付返还加佣金', b.fen(amount * 1.3));
      else b.web('任务平台：提现失败');
      amount = Math.min(amount * b.rng.range(1.6, 3), b.rng.range(60000, 150000));
      if (b.rng.chance(0.2)) b.wait(600, 1200);
    }
  },

  fake_investment(b) {
    // A "teacher" or online friend -> an investment group and app -> escalating deposits -> blocked withdrawal.
    if (b.rng.chance(0.5)) b.sms('荐股群邀请短信');
    else b.callIn('“证券公司”来电推荐', 120, 600);
    imContact(b, '“助理”加微信，拉进荐股群', [10, 120]);
    b.wait(60, 600).web('打开荐股直播间');
    for (let d = 0, n = b.rng.int(1, 2); d < n; d++) b.laterDay(1, 9, 15).web('导师荐股页面');
    const app = scamApp(b);
    if (app) b.wait(10, 120).app('安装投资App', b.rng.chance(0.5) ? app.pkg : app.name, 'install').wait(2, 20).app('打开投资App', app.pkg, 'open');
    b.wait(30, 240);
    if (!b.pay('首次入金', yuanFen(b, 2000, 20000))) return;
    b.laterDay(1, 9.5, 15).app('查看“收益”', app ? app.pkg : 'com.hexin.plat.android', 'open');
    if (b.rng.chance(0.6)) b.wait(10, 60).rebate('小额提现成功', yuanFen(b, 500, 3000));
    let amount = b.rng.range(30000, 150000);
    for (let i = 0, n = b.rng.int(1, 4); i < n; i++) {
      b.laterDay(b.rng.chance(0.5) ? 0 : 1, 9.5, 15);
      if (!b.pay(i === 0 ? '加大投入' : '追加保证金 / 跟单资金', b.fen(amount))) return;
      amount *= b.rng.range(1.2, 2.5);
    }
    b.wait(60, 600).web('提现被拒：账户异常需缴税').wait(10, 120);
    b.pay('缴纳“个人所得税”解冻', b.fen(amount * 0.1));
  },

  fake_loan(b) {
    // A loan SMS or app -> "deposit / credit / unfreeze" fees; the loan is never paid out.
    if (b.rng.chance(0.7)) b.sms('贷款广告短信').wait(2, 180);
    b.web('打开贷款页面');
    const app = scamApp(b);
    if (app) b.app('安装贷款App', b.rng.chance(0.6) ? app.pkg : app.name, 'install').wait(3, 30);
    b.callIn('“信贷员”来电：卡号错误账户冻结', 180, 900);
    const fees = ['解冻金', '验证还款能力保证金', '会员费 / 刷流水', '工本费'];
    for (let i = 0, n = b.rng.int(1, 4); i < n; i++) {
      b.wait(5, 60);
      if (!b.pay(fees[i], yuanFen(b, i === 0 ? 1000 : 3000, i === 0 ? 6000 : 20000))) return;
      if (b.rng.chance(0.5)) b.callIn('“信贷员”催缴', 60, 400);
    }
  },

  fake_customer_service(b) {
    // A call about an order or parcel -> refund / cancel "student loan" membership -> screen sharing -> transfers.
    if (b.rng.chance(0.25) && b.sms('“理赔 / 取消会员”短信').wait(1, 60).callback && b.rng.chance(0.5)) {
      b.callOut('回拨短信里的“客服”电话', b.callback!, 1200, 4800, true);
    } else {
      b.callInOngoing('冒充电商 / 快递客服来电', 1200, 4800);
    }
    const app = meeting(b);
    b.app('按“客服”指引下载会议App', app, 'install').app('进入“客服”会议', app, 'open').app('开启屏幕共享', app, 'screen_share_start');
    if (b.rng.chance(0.4)) b.web('打开“退款”页面');
    if (b.rng.chance(0.3)) b.app('打开借贷App“刷流水”', 'com.jd.jrapp', 'open');
    for (let i = 0, n = b.rng.int(1, 4); i < n; i++) {
      b.wait(2, 15);
      if (!b.pay(i === 0 ? '转账“验证流水”' : '继续转账“解除风控”', yuanFen(b, 5000, 50000))) return;
    }
    if (b.rng.chance(0.4)) b.callIn('“客服”再次来电', 300, 1200);
  },

  impersonate_authority(b) {
    // A "police" caller -> "involved in a case" -> "safe account" transfers, the victim isolated in a hotel room.
    b.night = b.rng.chance(0.3);
    if (b.rng.chance(0.3)) b.sms('“涉案”通知短信').wait(2, 30);
    b.callIn('冒充快递 / 社保来电，转接“民警”', 120, 600).wait(0, 3);
    b.callInOngoing('冒充公安民警：涉嫌洗钱', 2400, 7200);
    b.web('查看“通缉令”网页');
    const app = meeting(b);
    b.app('下载会议App“远程做笔录”', app, 'install').app('视频“笔录”', app, 'open');
    if (b.rng.chance(0.6)) b.app('屏幕共享“核查资金”', app, 'screen_share_start');
    const counter = b.victim.age >= 55 && b.rng.chance(0.5);
    let amount = b.rng.range(30000, 300000);
    for (let i = 0, n = b.rng.int(1, 3); i < n; i++) {
      b.wait(20, 180);
      if (!b.pay(i === 0 ? '转入“安全账户”' : '“资金清查”再次转账', b.fen(amount), counter ? 'counter' : null)) return;
      b.callIn('“民警”继续控制', 600, 3600);
      amount *= b.rng.range(0.5, 1.5);
      if (b.rng.chance(0.4)) b.laterDay(1, 8, 11);
    }
  },

  impersonate_acquaintance(b) {
    // A new QQ / WeChat contact as the boss or a friend -> an urgent transfer; the chat is invisible, the new
    // contact is not (IM_CONTACT).
    if (b.rng.chance(0.2)) b.sms('“我换号了”短信').wait(60, 900);
    imContact(b, '“领导 / 熟人”加好友', [5, 90]);
    if (b.rng.chance(0.3)) b.callIn('冒充领导 / 熟人短暂来电', 15, 90).wait(1, 10);
    for (let i = 0, n = b.rng.int(1, 3); i < n; i++) {
      if (!b.pay(i === 0 ? '“领导”要求紧急转账' : '“再转一笔”', yuanFen(b, 5000, 60000))) return;
      b.wait(5, 40);
    }
  },

  romance(b) {
    // A dating or social contact -> trust over days -> an investment or gambling platform.
    b.night = true;
    const dating = b.rng.pick([['com.p1.mobile.putong', '探探'], ['cn.soulapp.android', 'Soul'], ['com.jiayuan', '世纪佳缘'], ['com.zhenai.android', '珍爱网']] as const);
    b.app('使用交友App', b.rng.chance(0.7) ? dating[0] : dating[1], 'open');
    if (b.rng.chance(0.3)) b.sms('“网友”打招呼短信');
    imContact(b, '“网友”从交友App转到微信聊', [30, 300]);
    for (let d = 0, n = b.rng.int(1, 3); d < n; d++) {
      b.laterDay(1, 20, 23).callIn('与“恋人”语音通话', 900, 4200);
    }
    b.laterDay(1, 19, 22.5).web('“恋人”推荐的平台');
    const app = scamApp(b);
    if (app) b.wait(5, 60).app('安装投资 / 博彩App', app.pkg, 'install');
    b.wait(10, 90);
    if (!b.pay('“试试水”小额充值', yuanFen(b, 1000, 10000))) return;
    if (b.rng.chance(0.7)) b.wait(30, 240).rebate('小额提现到账', yuanFen(b, 500, 5000));
    let amount = b.rng.range(20000, 120000);
    for (let i = 0, n = b.rng.int(1, 4); i < n; i++) {
      b.laterDay(b.rng.chance(0.4) ? 0 : 1, 19, 23);
      if (!b.pay(i === 0 ? '“一起赚钱”大额充值' : '“账户异常需补保证金”', b.fen(amount))) return;
      amount *= b.rng.range(1.1, 2.2);
      if (b.rng.chance(0.5)) b.wait(10, 60).callIn('“恋人”劝说继续投入', 600, 2400);
    }
  },

  fake_credit(b) {
    // "Your credit record is damaged" -> fees to "repair" it.
    if (b.rng.chance(0.35) && b.sms('“征信异常”短信').wait(5, 120).callback && b.rng.chance(0.6)) {
      b.callOut('回拨“征信中心”电话', b.callback!, 1500, 4800, true);
    } else {
      b.callInOngoing('冒充征信 / 金融监管来电', 1500, 4800);
    }
    if (b.rng.chance(0.6)) {
      const app = meeting(b);
      b.app('下载会议App', app, 'install').app('开启屏幕共享“注销账户”', app, 'screen_share_start');
    }
    if (b.rng.chance(0.4)) b.web('“征信修复”页面');
    for (let i = 0, n = b.rng.int(1, 3); i < n; i++) {
      b.wait(3, 20);
      if (!b.pay(i === 0 ? '“清空额度”转账' : '“消除不良记录”再转', yuanFen(b, 5000, 80000))) return;
    }
  },

  game_trade(b) {
    // A buyer for a game account or item -> a fake trading site -> "deposit / unfreeze" fees.
    b.night = b.victim.nightOwl;
    b.app('打开游戏', b.rng.pick(['com.tencent.tmgp.sgame', 'com.tencent.tmgp.pubgmhd', '王者荣耀', '和平精英']), 'open').wait(5, 120);
    imContact(b, '“买家”加QQ / 微信私聊', [5, 40]);
    if (b.rng.chance(0.5)) b.sms('“买家”短信：已在平台下单');
    b.web('打开假冒交易平台');
    const fees = ['账户冻结“解冻金”', '“保证金”', '“认证费”'];
    for (let i = 0, n = b.rng.int(1, 3); i < n; i++) {
      b.wait(3, 30);
      if (!b.pay(fees[i], yuanFen(b, 300, i === 0 ? 3000 : 8000))) return;
      b.web('平台提示：仍需缴费');
    }
  },

  fake_shopping(b) {
    // Cheap goods or services -> payment -> nothing delivered.
    if (b.rng.chance(0.5)) b.sms('低价商品广告');
    b.web('打开低价商品页面').wait(3, 120);
    imContact(b, '加“卖家”微信私下交易', [5, 60]);
    if (!b.pay('付款购买', yuanFen(b, 300, 8000))) return;
    if (b.rng.chance(0.4)) b.wait(30, 600).pay('“关税 / 保证金”', yuanFen(b, 200, 3000));
  },

  other(b) {
    const kind = b.rng.int(0, 2);
    if (kind === 0) {
      // Online gambling: a site and repeated deposits, late at night.
      b.night = true;
      b.laterDay(0, 21, 23.5).sms('博彩广告短信').wait(5, 60).web('博彩网站');
      const app = scamApp(b);
      if (app) b.app('安装博彩App', app.pkg, 'install');
      let amount = b.rng.range(500, 5000);
      for (let i = 0, n = b.rng.int(1, 6); i < n; i++) {
        if (!b.pay('博彩充值', b.fen(amount))) return;
        if (i === 0 && b.rng.chance(0.6)) b.wait(10, 60).rebate('小额“中奖”提现', b.fen(amount * 0.8));
        amount *= b.rng.range(1.2, 2.5);
        b.wait(20, 240);
      }
    } else if (kind === 1) {
      // Lottery prize: pay "tax" first.
      b.sms('中奖短信').wait(10, 600).web('领奖页面').wait(2, 30);
      if (b.rng.chance(0.4)) b.callIn('“工作人员”来电核实', 120, 600).wait(1, 10);
      for (let i = 0, n = b.rng.int(1, 3); i < n; i++) {
        if (!b.pay(i === 0 ? '缴纳“个人所得税”' : '“公证费”', yuanFen(b, 1000, 10000))) return;
        b.wait(10, 90);
      }
    } else {
      // Kidnapping hoax: a threatening call from abroad and one urgent transfer.
      b.callIn('“绑架”恐吓来电', 120, 900).wait(1, 15);
      if (b.rng.chance(0.5)) b.sms('恐吓短信：准备赎金').wait(1, 10);
      b.pay('“赎金”', yuanFen(b, 20000, 200000));
    }
  },
};
