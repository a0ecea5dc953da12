/** The shared fraud-type codes (ARCHITECTURE.md), with the signs a citizen can recognise, in our own words. */
export const FRAUD_TYPES: Array<{ code: string; zh: string; en: string; signs: string }> = [
  { code: 'task_rebate', zh: '刷单返利', en: 'Task and rebate', signs: '“点赞、刷单、做任务日赚几百”，先返小额佣金，再要求垫付越来越多，最后说“卡单”要再交钱才能提现。所有刷单都是诈骗。' },
  { code: 'fake_investment', zh: '虚假投资理财', en: 'Fake investment', signs: '“导师”拉你进荐股群、直播间，推荐陌生 App 或网站，小额能提现，大额入金后无法提现。正规投资不走私人账户。' },
  { code: 'fake_loan', zh: '虚假网络贷款', en: 'Fake loan', signs: '“无抵押、免征信、秒到账”，放款前要交保证金、解冻费、刷流水费。正规贷款放款前不收任何费用。' },
  { code: 'fake_customer_service', zh: '冒充电商物流客服', en: 'Fake customer service', signs: '自称客服说订单异常、快递丢失、要关闭“百万保障”或校园贷，引导下载会议软件、开屏幕共享、转账“验证流水”。挂断，打官方客服核实。' },
  { code: 'impersonate_authority', zh: '冒充公检法', en: 'Fake police or officials', signs: '“你涉嫌洗钱、要配合调查”，发来“通缉令”，要求保密、独处、把钱转到“安全账户”。公检法不会电话办案，没有安全账户。' },
  { code: 'impersonate_acquaintance', zh: '冒充领导熟人', en: 'Fake boss or friend', signs: '新加的 QQ、微信自称领导、亲友，急着要你转账、代付。先打电话或当面核实，再说转账。' },
  { code: 'romance', zh: '网络婚恋交友（杀猪盘）', en: 'Romance scam', signs: '网上结识的“恋人”嘘寒问暖，几天后带你上投资或博彩平台“一起赚钱”。从未见面就谈钱，就是诈骗。' },
  { code: 'fake_credit', zh: '虚假征信', en: 'Fake credit repair', signs: '“你的征信有问题、要注销校园贷，否则影响征信”，要求转账“清空额度”。征信不能花钱修复。' },
  { code: 'game_trade', zh: '网络游戏虚假交易', en: 'Fake game trading', signs: '“高价收购你的游戏账号”，引你到陌生交易网站，说账户冻结要交“解冻金”。只在官方平台交易。' },
  { code: 'fake_shopping', zh: '虚假购物服务', en: 'Fake shopping', signs: '低价名酒、手机、演唱会门票，要求私下转账到个人银行卡，付款后拉黑。不离开正规平台付款。' },
  { code: 'other', zh: '其他（中奖、博彩、绑架恐吓等）', en: 'Other (prizes, gambling, kidnap hoax)', signs: '“中奖要先交税”“你家人在我手上”“首充送彩金”。先挂断，联系家人，拨打 110 或 96110。' },
];

export function typeName(code: string | null | undefined, lang: 'zh' | 'en'): string {
  const t = FRAUD_TYPES.find((f) => f.code === code);
  return t ? (lang === 'zh' ? t.zh : t.en) : (code ?? '');
}
