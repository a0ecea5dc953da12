import type { FraudType } from '../../domain/fraud-type.js';

/*
 * Scam messages as victims receive them, written for the simulator in the wording the public police bulletins
 * describe (no dataset copies). Slots: {url} a fraud link, {phone} a callback number, {qq} an IM id, {amount}
 * yuan (the sum the story is about, in the type's range), {fee} yuan (a small fee), {name} a surname, {code}
 * digits, {days} a count, {brand} a platform.
 */
export const SCAM_SMS: Record<FraudType, readonly string[]> = {
  task_rebate: [
    '【兼职招募】在家动动手指，点赞关注就能日结200-500元，宝妈学生均可，名额有限，加QQ{qq}领取任务',
    '您好，我是{brand}商家客服，现招聘线上点赞员，一单佣金3-10元，当天结算，详情请点击 {url}',
    '亲，您已被选为{brand}体验官，完成简单任务即可领取{amount}元红包，速登 {url} 激活',
    '急招网络兼职：抖音点赞、刷好评，时间自由，手机即可操作，日赚300+，联系导师微信{qq}',
    '【任务通知】您今日的垫付任务已开放，完成3单返佣金30%，请及时登录 {url} 接单，逾期作废',
  ],
  fake_investment: [
    '【{brand}】尊敬的股民朋友，明日有内幕消息涨停股，资深导师免费带单，加群{qq}获取，名额仅剩5位',
    '您好，您已获得{brand}VIP投资交流群入群资格，导师每日推荐牛股，稳赚不赔，下载APP：{url}',
    '恭喜您！您在{brand}平台的账户收益已达{amount}元，请尽快登录 {url} 查看并提现',
    '内部消息：本周机构建仓，跟单回报率30%以上，保本保收益，详询投资顾问{phone}',
  ],
  fake_loan: [
    '【{brand}】您的信用额度{amount}元已审批通过，无抵押免征信，最快5分钟到账，点击 {url} 领取',
    '尊敬的客户：您申请的贷款因银行卡号填写错误已被冻结，请联系客服{phone}处理解冻，逾期将影响征信',
    '急用钱？{brand}正规平台，黑户白户均可贷，年息低至3.6%，申请即下款：{url}',
    '您在{brand}的借款审核已通过，需缴纳{fee}元保证金验证还款能力，款项将随贷款一并退还',
  ],
  fake_customer_service: [
    '【{brand}】您购买的商品因质检不合格已下架，我们将为您办理三倍理赔，请联系客服{phone}',
    '亲，您的快递在运输途中丢失，我方将按3倍价格赔付，请添加理赔专员QQ{qq}或点击 {url} 办理',
    '【{brand}】您开通的百万保障会员即将每月扣费{fee}元，如非本人操作请致电{phone}取消',
    '尊敬的用户，您的学生账户未注销将影响征信，请于今日内联系{phone}办理关闭',
    '您的订单退款已到账失败，请登录 {url} 填写银行卡信息重新领取退款',
  ],
  impersonate_authority: [
    '【{brand}】您名下的身份证涉嫌一起洗钱案件，请立即拨打{phone}与专案民警联系，否则将冻结您的全部账户',
    '您好，这里是市公安局刑侦支队，您涉嫌非法出售银行卡，案件编号{code}，请登录 {url} 查看通缉令',
    '【社保中心】您的医保卡在外地有违规套现记录，即将被冻结，请拨打{phone}核实',
    '根据《保密法》，本案属于机密，您不得向任何人透露，请在{days}小时内将资金转入国家安全账户接受清查',
  ],
  impersonate_acquaintance: [
    '我换号了，这是我新号码，明天到你单位找你有点事，先存一下',
    '老同学，我是{name}，在外面办事急需周转，方便先借{amount}元吗，明天一早就还你',
  ],
  romance: [
    '你好呀，在{brand}上看到你的资料，感觉很投缘，能加个微信聊聊吗？{qq}',
    '亲爱的，我舅舅在博彩公司做技术，发现了平台漏洞，稳赚不赔，你也注册一个吧：{url}',
    '宝贝，我今天又赚了{amount}元，这个平台真的很稳，你先充一点试试，赚了我们一起买房',
  ],
  fake_credit: [
    '【征信中心】您的个人征信存在逾期记录，将影响房贷车贷及子女入学，请于今日联系{phone}修复',
    '尊敬的用户，您在校期间开通的校园贷账户未注销，国家要求今日前清零，否则上报征信，咨询{phone}',
    '【{brand}】您的信用分已降为不良，可申请官方免费修复通道：{url}',
  ],
  game_trade: [
    '您好，我想收购您在{brand}上的游戏账号，出价{amount}元，请到 {url} 交易，平台担保更安全',
    '【{brand}交易平台】您的账户因填写信息错误已被冻结，需缴纳{fee}元解冻金，完成后连同货款一并返还',
    '老板，你挂的号我要了，我在{url}下单了，你去查看一下确认发货',
  ],
  fake_shopping: [
    '【清仓特卖】苹果17Pro全新国行仅售{amount}元，数量有限，先到先得：{url}',
    '茅台飞天原箱低价出，{amount}元一瓶，保真可验货，详询{qq}',
    '您好，您预订的演唱会门票已锁定，请在30分钟内支付{amount}元完成购票：{url}',
  ],
  other: [
    '恭喜您的手机号码在{brand}周年庆抽奖中获得二等奖，奖金{amount}元，请登录 {url} 领取，需先缴纳个人所得税',
    '【{brand}】首充送88%，日返水1.5%，真人视讯百家乐，提款秒到：{url}',
    '你儿子在我们手上，马上准备{amount}元打到我说的账户，敢报警就撕票',
  ],
};

/** The range of {amount} per type, yuan: a task's red packet, a loan's credit line, a shop's price, a ransom. */
export const SCAM_AMOUNTS: Record<FraudType, readonly [number, number]> = {
  task_rebate: [50, 500],
  fake_investment: [8000, 90000],
  fake_loan: [30000, 200000],
  fake_customer_service: [200, 2000],
  impersonate_authority: [100000, 900000],
  impersonate_acquaintance: [5000, 50000],
  romance: [3000, 60000],
  fake_credit: [5000, 50000],
  game_trade: [800, 12000],
  fake_shopping: [300, 6000],
  other: [30000, 300000],
};

/** Brands the messages claim to come from, per type. */
export const SCAM_BRANDS: Record<FraudType, readonly string[]> = {
  task_rebate: ['抖音', '淘宝', '美团', '京东', '小红书'],
  fake_investment: ['中信证券', '华泰证券', '金股汇', '牛市先锋', '鼎盛国际'],
  fake_loan: ['京东金融', '360借条', '平安普惠', '惠民易贷', '蚂蚁借呗'],
  fake_customer_service: ['淘宝', '京东', '拼多多', '抖音商城', '中通快递'],
  impersonate_authority: ['公安局', '最高人民检察院', '国家反洗钱中心', '市公安局'],
  impersonate_acquaintance: ['微信'],
  romance: ['世纪佳缘', '探探', 'Soul', '珍爱网'],
  fake_credit: ['中国人民银行', '银保监', '征信中心', '京东金融'],
  game_trade: ['交易猫', '螃蟹账号', '5173', 'DD373'],
  fake_shopping: ['闲鱼', '抖音小店', '朋友圈'],
  other: ['中国移动', '快乐8', '澳门新葡京', '湖南卫视'],
};

/** Fragments of the domains fraud sites use, per type. */
export const SCAM_DOMAIN_WORDS: Record<FraudType, readonly string[]> = {
  task_rebate: ['dianzan', 'renwu', 'jianzhi', 'taskvip', 'rebate', 'shuadan', 'easyjob'],
  fake_investment: ['hjzq', 'licai', 'goldfx', 'huifeng', 'cfinvest', 'tzpt', 'niugu'],
  fake_loan: ['daikuan', 'jiekuan', 'kuaidai', 'xinyongdai', 'hjloan', 'sudai'],
  fake_customer_service: ['tb-tuikuan', 'jd-kefu', 'refund-cn', 'kuaidi-lipei', 'cainiao-pei', 'pdd-shouhou'],
  impersonate_authority: ['spp-gov', 'ajcx', 'gaj-qc', 'court-ajcx', 'qingcha', 'zjw-tz'],
  impersonate_acquaintance: ['wx-pay'],
  romance: ['lovebet', 'amgvip', 'wynn88', 'bocai', 'hkfx', 'sgcasino'],
  fake_credit: ['zhengxin-xf', 'credit-fix', 'pbccrc-cn', 'zxqc', 'xyhf'],
  game_trade: ['jiaoyimao-kf', 'pxb7-trade', '5173vip', 'dd373-kf', 'youxi-jy'],
  fake_shopping: ['iphone-tejia', 'haohuo', 'xianyu-pay', 'zz-danbao', 'maotai-jx'],
  other: ['cp-lottery', 'zhongjiang', 'bet365-cn', 'amg-ylc', 'xpj88'],
};

export const SCAM_TLDS = ['top', 'xyz', 'vip', 'cc', 'icu', 'shop', 'club', 'site', 'com', 'net', 'cn'];

/** Fraud apps: [package, display name]. */
export const SCAM_APPS: Partial<Record<FraudType, ReadonlyArray<readonly [string, string]>>> = {
  task_rebate: [['com.renwu.dtkj', '淘金任务'], ['com.dianzan.hy', '点赞赚'], ['com.zhuanqian.taskhub', '任务宝']],
  fake_investment: [['com.hjzq.trade', '汇金证券'], ['com.dingsheng.gj', '鼎盛国际'], ['com.niugu.pro', '牛股通Pro']],
  fake_loan: [['com.sujie.dai', '速借贷'], ['com.huimin.loan', '惠民易贷'], ['com.jd.jrapp.lite', '京东金融极速版']],
  romance: [['com.amg.fxpro', 'AMG外汇'], ['com.wynn.club', '永利会'], ['com.hk.gold', '香港金银业']],
  other: [['com.xpj.ylc', '新葡京娱乐'], ['com.kl8.cp', '快乐彩']],
};
