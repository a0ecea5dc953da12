/*
 * What ordinary life looks like on a phone in a Chinese city: the senders, texts, sites and apps of background
 * activity. Texts are written for the simulator (no dataset copies); slots in braces are filled per message.
 */
import type { Rng } from './rng.js';

/** [package, display name] */
export type AppRef = readonly [string, string];

export const DAILY_APPS: readonly AppRef[] = [
  ['com.tencent.mm', '微信'],
  ['com.eg.android.AlipayGphone', '支付宝'],
  ['com.ss.android.ugc.aweme', '抖音'],
  ['com.taobao.taobao', '淘宝'],
  ['com.xunmeng.pinduoduo', '拼多多'],
  ['com.sankuai.meituan', '美团'],
  ['com.jingdong.app.mall', '京东'],
  ['com.smile.gifmaker', '快手'],
  ['com.autonavi.minimap', '高德地图'],
  ['com.xingin.xhs', '小红书'],
  ['com.tencent.qqmusic', 'QQ音乐'],
  ['com.sina.weibo', '微博'],
  ['com.ss.android.article.news', '今日头条'],
  ['com.unionpay', '云闪付'],
  ['com.icbc', '中国工商银行'],
  ['com.chinamworld.main', '中国建设银行'],
  ['com.android.bankabc', '中国农业银行'],
  ['com.hexin.plat.android', '同花顺'],
  ['com.eastmoney.android.berlin', '东方财富'],
  ['com.MobileTicket', '铁路12306'],
  ['com.sdu.didi.psnger', '滴滴出行'],
  ['com.tencent.mobileqq', 'QQ'],
];
export const GAME_APPS: readonly AppRef[] = [
  ['com.tencent.tmgp.sgame', '王者荣耀'],
  ['com.tencent.tmgp.pubgmhd', '和平精英'],
  ['com.miHoYo.Yuanshen', '原神'],
  ['com.netease.mrzh', '明日之后'],
];
export const MEETING_APPS: readonly AppRef[] = [
  ['com.tencent.wemeet.app', '腾讯会议'],
  ['com.alibaba.android.rimet', '钉钉'],
  ['us.zoom.videomeetings', 'Zoom'],
  ['com.ss.android.lark', '飞书'],
  ['com.tencent.wework', '企业微信'],
];
export const REMOTE_APPS: readonly AppRef[] = [
  ['com.oray.sunloginclient', '向日葵远程控制'],
  ['youqu.android.todesk', 'ToDesk'],
];
export const INSTALLABLE_APPS: readonly AppRef[] = [
  ...DAILY_APPS.slice(2),
  ...GAME_APPS,
  ['com.hicorenational.antifraud', '国家反诈中心'],
  ['com.p1.mobile.putong', '探探'],
  ['cn.soulapp.android', 'Soul'],
  ['com.jiayuan', '世纪佳缘'],
  ['com.greenpoint.android.mc10086.activity', '中国移动'],
  ['com.cmbchina.ccd.pluto.cmbActivity', '掌上生活'],
  ['com.jd.jrapp', '京东金融'],
  ['com.sankuai.meituan.takeoutnew', '美团外卖'],
  ['me.ele', '饿了么'],
  ['com.zhenai.android', '珍爱网'],
  ['com.taobao.idlefish', '闲鱼'],
];

/** Sites people visit, with a path builder per site. */
export const SITES: ReadonlyArray<readonly [string, (n: number, hex: string) => string]> = [
  ['www.baidu.com', (n) => `/s?wd=${encodeURIComponent(SEARCHES[n % SEARCHES.length])}`],
  ['m.baidu.com', (n) => `/s?word=${encodeURIComponent(SEARCHES[(n >> 3) % SEARCHES.length])}`],
  ['item.jd.com', (n) => `/${100000000 + (n % 899999999)}.html`],
  ['detail.tmall.com', (n) => `/item.htm?id=${600000000000 + (n % 99999999)}`],
  ['m.taobao.com', () => '/'],
  ['mobile.yangkeduo.com', (n) => `/goods.html?goods_id=${300000000 + n}`],
  ['weibo.com', (n) => `/${1000000000 + (n % 999999999)}`],
  ['www.zhihu.com', (n) => `/question/${20000000 + (n % 600000000)}`],
  ['www.bilibili.com', (_n, hex) => `/video/BV1${hex.slice(0, 9)}`],
  ['www.douyin.com', (n) => `/video/7${String(n).padStart(18, '3')}`],
  ['www.xiaohongshu.com', (_n, hex) => `/explore/${hex}`],
  ['www.toutiao.com', (n) => `/article/7${String(n).padStart(18, '1')}/`],
  ['news.qq.com', (n) => `/rain/a/2026${String(n % 1000000).padStart(6, '0')}A0`],
  ['www.12306.cn', () => '/index/'],
  ['kyfw.12306.cn', () => '/otn/leftTicket/init'],
  ['www.gov.cn', () => '/zhengce/'],
  ['www.taiyuan.gov.cn', () => '/'],
  ['www.icbc.com.cn', () => '/'],
  ['www.ccb.com', () => '/cn/home/indexv3.html'],
  ['www.eastmoney.com', () => '/'],
  ['quote.eastmoney.com', (n) => `/sh60${String(n % 10000).padStart(4, '0')}.html`],
  ['xueqiu.com', (n) => `/S/SZ00${String(n % 10000).padStart(4, '0')}`],
  ['www.ctrip.com', () => '/'],
  ['map.baidu.com', () => '/'],
  ['www.5173.com', () => '/'],
  ['www.jiaoyimao.com', (n) => `/goods/${n % 9999999}.html`],
  ['www.zhenai.com', () => '/'],
  ['www.58.com', (n) => `/ershoufang/${n % 99999999}x.shtml`],
  ['www.ke.com', () => '/'],
  ['www.sohu.com', (n) => `/a/${700000000 + (n % 99999999)}_121`],
  ['www.163.com', (_n, hex) => `/dy/article/${hex.slice(0, 16).toUpperCase()}.html`],
  ['finance.sina.com.cn', () => '/'],
  ['www.bankcomm.com', () => '/'],
  ['www.chsi.com.cn', () => '/'],
  ['zwfw.shanxi.gov.cn', () => '/'],
];

/**
 * The long tail of the web: small local businesses, clubs, blogs and shops, a few thousand per city, each visited
 * by a handful of people, on the same cheap top-level domains scam sites use. A rule that distrusts any little-known
 * site raises false alarms on these.
 */
const SMALL_SITE_WORDS = [
  'jinyang', 'bingzhou', 'fenhe', 'jinci', 'longcheng', 'huayuan', 'jiaju', 'meishi', 'xiaochi', 'mianguan', 'lvyou',
  'peixun', 'jiaoyu', 'zhuangxiu', 'fangchan', 'qiche', 'chongwu', 'sheying', 'yiliao', 'kouqiang', 'yaofang', 'kuaidi',
  'shuma', 'fuzhuang', 'xiehui', 'luntan', 'bbs', 'blog', 'studio', 'lawfirm', 'jianshen', 'yujia', 'huahui', 'chaye',
  'laocu', 'fenjiu', 'tejia', 'youhui', 'licai', 'baoxian', 'jiazheng', 'banjia', 'weixiu', 'kaisuo', 'shangmen',
  'ershou', 'youxi', 'dianjing', 'shufa', 'gangqin', 'wudao', 'yingyu', 'kaoyan', 'gongkao', 'zhaopin', 'jianzhi',
];
const SMALL_SITE_TLDS = ['com', 'com', 'com', 'cn', 'cn', 'com.cn', 'net', 'top', 'xyz', 'vip', 'cc', 'shop', 'site', 'club', 'icu'];

/** A small site's host name, e.g. `fenhe-jiaju88.com`, `kaoyan-iqa.top`. */
export function smallSiteHost(rng: Rng): string {
  const word = rng.pick(SMALL_SITE_WORDS);
  const second = rng.chance(0.5) ? `-${rng.pick(SMALL_SITE_WORDS)}` : '';
  const tail = rng.chance(0.5) ? String(rng.int(1, 999)) : `-${rng.letters(3)}`;
  return `${rng.chance(0.3) ? 'www.' : ''}${word}${second}${tail}.${rng.pick(SMALL_SITE_TLDS)}`;
}

const SEARCHES = [
  '天气预报', '太原到北京高铁', '小店区 周末 亲子', '感冒吃什么药', '手机流量怎么查', '个税 专项附加扣除', '二手车 评估',
  '医保 异地 报销', '孩子 发烧 38度', '装修 报价', '理财 收益率', '公积金 提取', '驾照 换证', '汾酒 价格', '刀削面 做法',
  '征信 查询 官方', '贷款 利率 2026', '快递 查询', '退款 多久到账', '兼职', '基金 定投',
];

/** Brands that send verification codes, and how they sign. */
export const CODE_BRANDS = ['美团', '淘宝', '京东', '拼多多', '抖音', '滴滴出行', '饿了么', '12306', '小红书', '哔哩哔哩', '闲鱼', '携程', '中国移动', '国家政务服务平台', '山西医保', '微博'];

export const CODE_TEXTS = [
  '【{brand}】验证码{code}，用于登录，5分钟内有效。验证码提供给他人可能导致账号被盗，请勿泄露，谨防被骗。',
  '【{brand}】您的验证码是{code}，10分钟内有效，请勿告诉他人。',
  '【{brand}】{code}（动态验证码），工作人员不会向您索要，请勿向任何人泄露。',
  '【{brand}】您正在修改登录密码，验证码{code}，如非本人操作请忽略。',
  '【{brand}】验证码：{code}。您正在进行身份验证，打死也不要告诉别人哦！',
];

export const DELIVERY_TEXTS = [
  '【菜鸟驿站】您的{carrier}包裹已到{place}驿站，凭取件码{pick}领取，营业时间8:00-21:00。',
  '【丰巢】取件码{pick}，您的{carrier}快递已存入{place}丰巢柜，请及时取件。',
  '【兔喜生活】您有包裹已到{place}，取件码{pick}，超时将收取保管费。',
  '【{carrier}】您的快件正在派送中，快递员电话{courier}，请保持电话畅通。',
  '【妈妈驿站】{carrier}取件码{pick}，地址：{place}，请尽快领取。',
];
export const CARRIERS = ['中通', '圆通', '韵达', '申通', '顺丰', '极兔', '京东', 'EMS'];
export const PLACES = ['小区东门', '南门菜鸟', '物业旁', '3号楼下', '便利店', '学府街', '长风街', '体育路', '并州路', '龙城大街'];

/** Courier companies' and platforms' real service lines. */
export const COURIER_LINES = ['+8695338', '+8695311', '+8695546', '+8695543', '+8695554', '+8611183', '+8695118'];

export const AD_TEXTS = [
  '【{shop}】年终盛典，爆款低至5折，满300减50，点击 {link} 抢购，拒收请回复R',
  '【{shop}】尊敬的会员，您的积分{points}分即将过期，速来兑换好礼 {link} 退订回T',
  '【{shop}】新品上市，会员专享8.8折，到店再送小礼品，详询门店，回T退订',
  '【中国移动】尊敬的客户，您本月套餐内通用流量已使用80%，可发送KTLL办理流量包。',
  '【中国联通】您好，您12月账单已出，本期应缴{amount}元，可通过中国联通APP查询缴纳。',
  '【招联金融】尊敬的客户，您有一笔最高{wan}万元借款额度待领取，年化利率低至7.2%，详询官方APP。拒收请回复R',
  '【京东金融】您的白条额度已提升至{wan}万元，可用于分期购物，退订回T',
  '【{shop}】健身季卡限时特惠，前50名送私教体验课，回T退订',
  '【贝壳找房】您关注的小区有新上房源，均价下降3%，点击查看 {link} 退订回T',
  '【美团】您有一张满30减15的外卖红包今日到期，快去使用吧，回T退订',
];
export const SHOPS = ['唯品会', '京东', '天猫超市', '屈臣氏', '名创优品', '万达广场', '华润万象城', '苏宁易购', '美特斯邦威', '海底捞'];
export const AD_LINKS = ['https://t.cn/A6', 'https://c.tb.cn/I3.', 'https://3.cn/1', 'https://dwz.cn/'];

export const BANK_DEBIT_TEXTS = [
  '【{bank}】您尾号{last4}的账户于{md}{hm}转账支出人民币{amount}元，余额{balance}元。',
  '【{bank}】您尾号{last4}卡{md}{hm}网上银行支出(跨行汇款){amount}元，余额{balance}元。',
  '【{bank}】账户*{last4}于{md}{hm}快捷支付支出{amount}元，可用余额{balance}元。',
];
export const BANK_CREDIT_TEXTS = [
  '【{bank}】您尾号{last4}的账户于{md}{hm}收入(工资){amount}元，余额{balance}元。',
  '【{bank}】您尾号{last4}卡{md}{hm}他行汇入{amount}元，余额{balance}元。',
];
export const BANK_NOTICE_TEXTS = [
  '【{bank}】您的信用卡本期账单{amount}元，到期还款日{due}，请按时还款，详询官方客服。',
  '【{bank}】尊敬的客户，您的手机银行登录密码即将到期，请通过官方APP修改，切勿点击陌生链接。',
  '【{bank}】温馨提示：本行不会以任何理由要求您转账到“安全账户”，请谨防电信诈骗。',
];
