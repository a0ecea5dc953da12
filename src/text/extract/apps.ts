import { normalize } from '../../indicators/normalize/index.js';
import { add, claimed, type Found } from './claims.js';
import type { View } from './fold.js';

// Apps named in an instruction to install them: 下载“会讯通”, 下载云闪付APP, 安装一款名叫“安心保”的软件

const APP_QUOTED_RE = /(?:下载|安装)[^“"「《【\n]{0,8}?[“"「《【]([^”"」》】\n]{1,20})[”"」》】]/dg;
const APP_SUFFIXED_RE = new RegExp(
  '(?:下载|安装)(?:并?安装)?(?:一个|一款|这款|这个|该|名为|名叫|叫做?|我们的?|官方的?|专属的?|专用的?)*[ ]?' +
    '([\\u4e00-\\u9fffA-Za-z0-9]{2,10}?)[ ]?(?:app|软件|客户端)',
  'dgi',
);
/** Words that fill the slot of a name without being one ("下载官方APP", "下载一个聊天软件"). */
const NOT_APP_NAMES = new Set([
  'app', '软件', '客户端', '应用', '官方', '最新版', '手机', '这个', '一个', '一款', '该', '安装包', '官网', '特定', '指定',
  '专用', '专属', '聊天', '视频', '视频会议', '视频通话', '会议', '贷款', '金融', '正规', '安全', '监控', '录屏', '银行',
]);
/** "两个", "三款", "我们的", "和使用本": counts and phrases, not names. */
const NOT_APP_NAME_RE = /^[一二两三四五六七八九十几多][个款]|[的和并与或这那]|^(?:我们|你们|他们|注册|登录|使用|了|相关|安装)/;

export function scanApps(view: View, found: Found[], claims: Uint8Array): void {
  const t = view.text;
  if (t.indexOf('下载') < 0 && t.indexOf('安装') < 0) return;
  for (const re of [APP_QUOTED_RE, APP_SUFFIXED_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      // "上课宝云课堂APP" is the app 上课宝云课堂.
      const name = m[1].trim().replace(/[ ]?(?:app|软件|客户端)$/i, '');
      if (name.length < 2 || NOT_APP_NAMES.has(name.toLowerCase())) continue;
      if (re === APP_SUFFIXED_RE && NOT_APP_NAME_RE.test(name)) continue;
      const start = m.indices![1][0] + (m[1].length - m[1].trimStart().length);
      const end = start + name.length;
      if (claimed(claims, start, end)) continue;
      const r = normalize('app', `name:${name}`);
      if (r.ok) add(found, claims, 'app', r.canonical, start, end);
    }
  }
}
