import type { IndicatorKind } from '../domain/indicator.js';
import { urlHostname } from '../indicators/index.js';

/**
 * Values that appear in many unrelated cases and so say nothing about a gang: on top of the allow-list (service
 * numbers such as 95588, official sites, the anti-fraud app), the apps everybody has or that scammers make every
 * victim install (meeting and remote-control apps), and public hosting and short-link domains. A URL on one of
 * these hosts still links (a short link's path is specific); the bare domain does not.
 */
export const CASE_LINK_EXCLUSIONS: ReadonlyArray<{ kind: IndicatorKind; value: string }> = [
  ...[
    ['com.tencent.mm', '微信'], ['com.eg.android.alipaygphone', '支付宝'], ['com.tencent.mobileqq', 'QQ'], ['com.ss.android.ugc.aweme', '抖音'],
    ['com.taobao.taobao', '淘宝'], ['com.xunmeng.pinduoduo', '拼多多'], ['com.jingdong.app.mall', '京东'], ['com.smile.gifmaker', '快手'],
    ['com.sankuai.meituan', '美团'], ['com.xingin.xhs', '小红书'], ['com.sina.weibo', '微博'], ['com.unionpay', '云闪付'],
    ['com.tencent.wemeet.app', '腾讯会议'], ['com.alibaba.android.rimet', '钉钉'], ['us.zoom.videomeetings', 'Zoom'], ['com.ss.android.lark', '飞书'],
    ['com.tencent.wework', '企业微信'], ['com.oray.sunloginclient', '向日葵远程控制'], ['youqu.android.todesk', 'ToDesk'],
    ['com.anydesk.anydeskandroid', 'AnyDesk'],
  ].flatMap(([pkg, name]) => [
    { kind: 'app' as const, value: pkg },
    { kind: 'app' as const, value: `name:${name}` },
  ]),
  { kind: 'app', value: 'name:向日葵' },
  ...[
    't.cn', 'dwz.cn', 'url.cn', 'suo.im', 'c.tb.cn', '3.cn', 'bit.ly', 'tinyurl.com', 'is.gd', 'goo.gl', 't.co',
    'github.io', 'gitee.io', 'netlify.app', 'vercel.app', 'pages.dev', 'herokuapp.com', 'blogspot.com', 'wordpress.com',
    'baidu.com', 'qq.com', 'weixin.qq.com', 'taobao.com', 'jd.com', 'aliyuncs.com', 'myqcloud.com', 'sinaapp.com',
  ].map((value) => ({ kind: 'domain' as const, value })),
];

/**
 * The predicate the linker asks: excluded when the value is on the list, or (domains and URLs) on a host the
 * allow-list's domains cover, subdomains included.
 */
export function exclusionPredicate(
  entries: ReadonlyArray<{ kind: IndicatorKind; value: string }>,
  allowDomains: Iterable<string> = [],
): (key: string) => boolean {
  const exact = new Set(entries.map((e) => `${e.kind}|${e.value}`));
  const covering = new Set(allowDomains);
  const covered = (host: string): boolean => {
    for (let at = 0; at >= 0; at = host.indexOf('.', at) + 1 || -1) if (covering.has(host.slice(at))) return true;
    return false;
  };
  return (key) => {
    if (exact.has(key)) return true;
    if (covering.size === 0) return false;
    if (key.startsWith('domain|')) return covered(key.slice(7));
    if (key.startsWith('url|')) return covered(urlHostname(key.slice(4)));
    return false;
  };
}
