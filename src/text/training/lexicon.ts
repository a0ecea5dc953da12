import type { TypeRule } from '../model.js';

/**
 * Curated phrases of the scam steps the police describe (ARCHITECTURE.md's "typical path" column and public
 * anti-fraud notices), grouped by step. A group named `*_w` holds the generic words of a step (客服, 退款, 转账, 贷款)
that ordinary chats use as well: it is a feature too, but regularised like the n-grams (trainer.ts); the other
groups hold the specific phrases (安全账户, 屏幕共享, 解冻费, 刷单) and are regularised less. The model learns one weight per group, and one per pair of groups a text
 * fires (loan + fee, game + fee, task + contact …), on top of the n-grams, with a fixed feature value and weaker
 * regularisation than the n-grams: a phrase the corpora never use still fires its group, which is what carries the
 * model to texts from other sources. Terms are written in simplified Chinese and normalised like the text (so the
 * obfuscated spellings normalize-text.ts folds, 加V / 薇信 / 扣扣, match too); 2 to 6 characters.
 *
 * Two groups carry the opposite signal and are learned as such from the hard negatives: `warning` (people and the
 * police talking about fraud: 诈骗, 反诈, 谨防, 被骗 …) and `code_notice` (the wording of genuine verification-code
 * SMS: 请勿泄露, 分钟内有效).
 */
export const LEXICON_GROUPS: Record<string, string[]> = {
  safe_account: ['安全账户', '安全帐户', '安全账号', '指定账户', '监管账户', '资金清查', '资金核查', '清查资金', '核查资金',
    '国家账户', '资金审查', '资金监管', '资金转移', '清查账户', '资金比对', '验证资金'],
  authority: ['通缉令', '通缉', '逮捕令', '拘捕令', '涉嫌洗钱', '洗黑钱', '涉嫌犯罪', '冻结你', '配合调查', '协助调查',
    '专案组', '警号', '公检法', '身份被冒用', '资产冻结', '冻结资产', '冻结令', '电话转接', '转接到', '侦查', '拘捕'],
  authority_w: ['公安局', '公安机关', '警官', '检察院', '检察官', '法院', '逮捕', '传票', '涉嫌', '洗钱', '立案', '拘留',
    '刑事责任', '非法集资', '涉案', '银监会', '社保局', '医保局', '卫健委', '网警', '刑侦', '民警'],
  secrecy: ['不要告诉', '不能告诉', '不要挂', '别挂', '不许告诉', '宾馆', '酒店房间', '侦查不公开', '不要声张', '谁都不要说',
    '不要跟别人说', '不要和家人', '保密协议', '严格保密'],
  fee: ['解冻费', '保证金', '激活费', '工本费', '刷流水', '验资', '认证费', '提现费', '流水不足', '解冻金', '通道费',
    '缴纳费用', '审核费', '包装费', '公证费', '解冻资金', '担保费', '手续费', '会员费', '保险费'],
  fee_w: ['服务费', '押金', '税费', '违约金', '费用', '交费', '先交', '利息'],
  frozen: ['解冻', '被冻结', '账户冻结', '账号冻结', '资金冻结', '无法提现', '提现失败', '不能提现', '提不出来', '卡单',
    '冻结了'],
  frozen_w: ['冻结', '账户异常', '账号异常', '异常'],
  remote_control: ['屏幕共享', '共享屏幕', '屏幕分享', '分享屏幕', '共享桌面', '远程控制', '远程协助', '会议软件', '会议号',
    '会议室号', 'zoom', '腾讯会议', '向日葵', 'todesk', '开启共享', '视频会议'],
  remote_w: ['远程', '下载app', '下载软件', '下载应用', '安装软件', '扫码', '二维码', '点击链接', '链接'],
  credential_w: ['验证码', '密码', '身份证号', '银行卡号', '卡号', '动态码', '个人信息', '身份信息', '短信码', '校验码'],
  ask_code: ['把验证码', '验证码发', '验证码告诉', '验证码报', '报一下验证码', '提供验证码', '收到的验证码', '念一下',
    '验证码给我', '验证码念', '读一下验证码', '验证码截图'],
  code_notice: ['请勿泄露', '切勿泄露', '请勿告知', '切勿告知', '分钟内有效', '有效期', '如非本人', '非本人操作', '如不是本人',
    '工作人员不会', '不会向您索取'],
  transfer: ['垫付', '转账到', '打钱', '把钱转', '先转', '转过去', '汇到', '打到这个', '转到这个', '转进'],
  transfer_w: ['转账', '汇款', '打款', '转入', '转到', '打到', '转给', '充值', '缴纳', '交纳', '付款', '存入', '转出',
    '把钱', '打过来', '转一下'],
  task_rebate: ['刷单', '返利', '做任务', '做单', '日结', '返佣', '刷信誉', '连单', '派单', '抢单', '手机兼职', '在家兼职',
    '轻松赚', '刷好评', '刷销量', '日赚', '日入', '动动手指', '足不出户', '时间自由', '任务单', '联单', '关注点赞',
    '垫资', '返还本金', '高额回报', '兼职赚钱', '日薪', '兼职', '佣金'],
  task_w: ['点赞', '接单', '本金', '宝妈', '任务'],
  investment: ['高收益', '稳赚', '回报率', '带单', '带单老师', '内幕', '内幕消息', '虚拟币', '数字货币', 'usdt', '炒币',
    '稳赚不赔', '翻倍', '高回报', '荐股', '保本', '包赚', '牛股', '股票群', '投资群', '老师带', '收益翻倍', '零风险',
    '稳赚钱', '内部消息', '原始股', '挖矿', '漏洞'],
  investment_w: ['投资', '理财', '导师', '股票', '收益', '期货', '外汇', '涨停'],
  platform_w: ['平台', 'app', '客户端', '官网', '网站', '软件'],
  loan: ['无抵押', '低息', '贷款专员', '秒批', '下款', '银行卡号错误', '黑户', '不看征信', '无需征信', '征信不好',
    '当天放款', '极速放款', '放款失败', '刷流水', '放款'],
  loan_w: ['贷款', '额度', '免息', '审核', '网贷', '借款', '流水', '包装', '放贷', '银行流水', '信用卡', '提额', '办卡',
    '贷款额度'],
  credit_w: ['征信', '不良记录', '逾期', '信用记录', '注销账户', '校园贷', '学生贷', '注销', '信用分', '芝麻分', '影响征信'],
  credit_repair: ['修复征信', '征信修复', '征信有问题', '征信异常', '征信出问题', '征信出现问题', '消除逾期', '消除不良',
    '洗白征信', '征信洗白', '征信受损', '征信污点', '征信黑名单', '逾期记录', '恢复征信', '征信恢复', '修复信用',
    '信用修复', '删除逾期', '清除逾期', '征信有污点', '征信不良', '消除记录'],
  customer_service: ['快递丢失', '包裹丢失', '快递异常', '订单异常', '百万保障', '双倍赔偿', '备用金', '自动续费', '取消会员',
    '快递理赔', '理赔客服', '双倍理赔', '航班取消', '运费险', '关闭服务', '扣年费', '注销校园贷', '关闭百万', '理赔'],
  cs_w: ['客服', '退款', '会员', '扣费', '取消', '关闭', '赔偿', '质量问题', '退货', '花呗', '借呗', '京东金条', '白条',
    '自动扣', '改签', '退保', '商品有问题', '开通了'],
  acquaintance: ['换号', '新号', '猜猜我是谁', '老同学', '不方便接电话', '在开会', '明天还你', '帮我转', '先帮我', '听不出来',
    '是我啊', '我换号了', '手机掉了', '我是你领导', '我是你'],
  acquaintance_w: ['领导', '老板', '急用', '借钱', '加我', '好友', '周转', '借我'],
  romance: ['网恋', '婚恋', '红娘', '博彩', '下注', '带你赚钱', '彩票'],
  romance_w: ['交友', '亲爱的', '宝贝', '老公', '老婆', '见面', '赌博', '相亲', '感情', '缘分', '单身'],
  game_trade: ['游戏账号', '游戏帐号', '游戏币', '游戏装备', '装备交易', '买号', '卖号', '账号交易', '帐号交易', '游戏交易',
    '点卡', '代练', '游戏皮肤', '交易猫', '账号买卖', '游戏充值', '收号', '出号', '极品装备', '游戏账户', '游戏道具'],
  shopping: ['私下交易', '走平台', '内部价', '低价代购', '先付定金', '付定金'],
  shopping_w: ['低价', '代购', '定金', '订金', '包邮', '发货', '预付', '货到', '特价', '二手', '闲鱼', '转转', '私聊',
    '清仓'],
  urgency_w: ['马上', '立即', '立刻', '尽快', '否则', '后果', '紧急', '限时', '今天之内', '赶紧', '抓紧', '最后期限',
    '不然', '来不及', '过期'],
  prize_w: ['中奖', '奖金', '领取', '幸运', '抽奖', '奖品', '红包', '补贴', '退税', '补助', '返现'],
  contact_move: ['加微信', '加我微信', '加qq', '拉你进群', '扫码加', '私聊我', '详聊', '加好友', '添加好友'],
  contact_w: ['微信号', 'qq号', '私信', '联系我', '进群', '联系客服'],
  warning: ['诈骗', '反诈', '骗子', '被骗', '谨防', '警惕', '提醒', '切勿', '防骗', '上当', '骗局', '不要相信', '请勿相信',
    '警方提醒', '以防', '举报', '报警', '受骗', '骗了', '小心', '防范', '骗钱', '不要轻信', '切勿轻信', '反诈骗', '识骗',
    '骗术', '冒充'],
};

/**
 * Type rules for the fraud types the corpora have no examples of (model.ts TypeRule): a credit-repair phrase makes
 * the type fake_credit, a game-account / game-item trade phrase game_trade. They override the type head's answer
 * (which can only name trained types); whether the text is fraud at all is still the fraud head's call.
 */
export const TYPE_RULES: TypeRule[] = [
  { all: ['credit_repair'], type: 'fake_credit', probability: 0.9 },
  { all: ['game_trade'], type: 'game_trade', probability: 0.9 },
];

export function lexiconEntries(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const group of Object.keys(LEXICON_GROUPS).sort()) {
    for (const term of LEXICON_GROUPS[group]) out.push([term, group]);
  }
  return out;
}
