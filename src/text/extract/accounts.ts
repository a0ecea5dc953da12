import { normalize } from '../../indicators/normalize/index.js';
import { add, claimed, type Found } from './claims.js';
import { isAsciiLetter, isDigit, type View } from './fold.js';

// Accounts introduced by a keyword: QQ, WeChat, Telegram, WhatsApp, Alipay

type AccountScheme = 'qq' | 'wechat' | 'telegram' | 'whatsapp' | 'alipay';

/** Keywords as people and scammers write them, homophones included; a single space may split a CJK keyword. */
const ACCOUNT_KEYWORDS: ReadonlyArray<readonly [string, AccountScheme]> = [
  ['qq群', 'qq'], ['q群', 'qq'], ['q裙', 'qq'], ['扣扣群', 'qq'], ['扣群', 'qq'], ['qq', 'qq'], ['扣扣', 'qq'],
  ['企鹅号', 'qq'], ['q号', 'qq'], ['群号', 'qq'],
  ['微信', 'wechat'], ['威信', 'wechat'], ['薇信', 'wechat'], ['徽信', 'wechat'], ['维信', 'wechat'], ['微芯', 'wechat'],
  ['v信', 'wechat'], ['vx', 'wechat'], ['wx', 'wechat'], ['weixin', 'wechat'], ['wechat', 'wechat'], ['加v', 'wechat'],
  ['加微', 'wechat'],
  ['telegram', 'telegram'], ['tg', 'telegram'], ['电报', 'telegram'], ['纸飞机', 'telegram'], ['飞机号', 'telegram'],
  ['whatsapp', 'whatsapp'],
  ['支付宝', 'alipay'], ['alipay', 'alipay'], ['zfb', 'alipay'],
];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SCHEMES: AccountScheme[] = ['qq', 'wechat', 'telegram', 'whatsapp', 'alipay'];

// One alternation per scheme, longest keyword first; CJK keywords tolerate one space between characters
// ("加 微 信"). An ASCII keyword must not be the tail of a word ("faq"), and "wx" must not be the head of "wxid_".
const ACCOUNT_RE = new RegExp(
  SCHEMES.map((scheme) => {
    const words = ACCOUNT_KEYWORDS.filter(([, s]) => s === scheme)
      .map(([w]) => w)
      .sort((a, b) => b.length - a.length)
      .map((w) => [...w].map(escapeRe).join(' ?') + (w === 'wx' ? '(?!id_)' : ''));
    return `(?<${scheme}>${words.join('|')})`;
  }).join('|'),
  'gi',
);
const KEYWORD_BOUNDARY = /[a-z]/i;

/** What may sit between a keyword and the account: "号", "账号", "是", "：", "id", "搜索" … */
const CONNECTOR_RE = /(?:[ \t:=]|号码|群号码|群号|号(?!同)|收款|账号|帐号|账户|帐户|id(?![a-z0-9_])|是|为|搜索|搜|添加|加)*/iy;

const MOBILE_PART = '(?:\\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9])';
const ID_RE: Record<AccountScheme, RegExp> = {
  qq: /[1-9][0-9]{4,10}(?![0-9]|\.[0-9])/y,
  wechat: new RegExp(`(?:wxid_[a-z0-9_-]{4,30}|${MOBILE_PART}|[a-z][a-z0-9_-]{5,19})(?![a-z0-9_-]|\\.[a-z0-9])`, 'iy'),
  telegram: /@?[a-z][a-z0-9_]{4,31}(?![a-z0-9_]|\.[a-z0-9])/iy,
  whatsapp: /\+?[0-9](?:[ -]?[0-9]){6,14}(?![0-9])/y,
  alipay: new RegExp(
    `(?:[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}(?![a-z0-9])|${MOBILE_PART}|[0-9]{5,20}(?![0-9]))`,
    'iy',
  ),
};

// A system-assigned WeChat id names its own scheme wherever it stands.
const WXID_RE = /(?<![a-z0-9_-])wxid_[a-z0-9_-]{4,30}(?![a-z0-9_-])/gi;

export function scanAccounts(view: View, found: Found[], claims: Uint8Array): void {
  const t = view.text;
  ACCOUNT_RE.lastIndex = 0;
  for (let m = ACCOUNT_RE.exec(t); m !== null; m = ACCOUNT_RE.exec(t)) {
    const keyword = m[0];
    const kwEnd = m.index + keyword.length;
    // Keywords overlap ("加微信": "加微" fails, "微信" may not), so a miss resumes one character on.
    ACCOUNT_RE.lastIndex = m.index + 1;
    if (isAsciiLetter(keyword.charCodeAt(0)) && KEYWORD_BOUNDARY.test(t[m.index - 1] ?? '')) continue;
    const groups = m.groups!;
    const scheme = SCHEMES.find((s) => groups[s] !== undefined)!;

    CONNECTOR_RE.lastIndex = kwEnd;
    const connector = CONNECTOR_RE.exec(t)![0];
    if (connector.length > 12) continue;
    const idStart = kwEnd + connector.length;
    const idRe = ID_RE[scheme];
    idRe.lastIndex = idStart;
    const idm = idRe.exec(t);
    if (idm === null) continue;
    const id = idm[0];
    // An ASCII keyword cannot run into the id ("wxabc123" is a word, not "wx" + "abc123"), except QQ123456.
    if (connector.length === 0 && isAsciiLetter(keyword.charCodeAt(keyword.length - 1)) &&
        !(scheme === 'qq' && isDigit(id.charCodeAt(0)))) {
      continue;
    }
    const idEnd = idStart + id.length;
    if (claimed(claims, idStart, idEnd)) continue;
    const kind = scheme === 'alipay' ? 'payment_account' : 'im_account';
    const r = normalize(kind, `${scheme}:${id}`);
    if (!r.ok) continue;
    add(found, claims, kind, r.canonical, idStart, idEnd);
    ACCOUNT_RE.lastIndex = idEnd;
  }

  if (/wxid_/i.test(t)) {
    WXID_RE.lastIndex = 0;
    for (let m = WXID_RE.exec(t); m !== null; m = WXID_RE.exec(t)) {
      const end = m.index + m[0].length;
      if (claimed(claims, m.index, end)) continue;
      const r = normalize('im_account', m[0]);
      if (r.ok) add(found, claims, 'im_account', r.canonical, m.index, end);
    }
  }
}

/** "微信同号", "QQ同号", "同微信": the account is the phone number written next to it. */
const SAME_NUMBER_RE = /(?:(?<wechat>微 ?信|威信|薇信|v信|vx|wx)|(?<qq>qq|扣扣))号? ?同号|同微信/gi;

const SAME_GAP = /^[ (（)）/、,，:：;；]*$/;

/**
 * Runs after the number scanner: the phone next to "微信同号" ("13812345678（微信同号）", "微信同号：138…") is
 * also the WeChat account, so both indicators are reported over the same span.
 */
export function scanSameNumber(view: View, found: Found[]): void {
  const t = view.text;
  if (t.indexOf('同') < 0) return;
  let phones: Found[] | null = null;
  SAME_NUMBER_RE.lastIndex = 0;
  for (let m = SAME_NUMBER_RE.exec(t); m !== null; m = SAME_NUMBER_RE.exec(t)) {
    const scheme = m.groups!.qq !== undefined ? 'qq' : 'wechat';
    const kwStart = m.index;
    const kwEnd = m.index + m[0].length;
    // Mobile numbers in order of position (the number scanner adds them left to right).
    phones ??= found.filter((f) => f.kind === 'phone' && f.canonical.startsWith('+861') && f.canonical.length === 14);
    let lo = 0;
    let hi = phones.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (phones[mid].start < kwEnd) lo = mid + 1;
      else hi = mid;
    }
    // The number just before the keyword ("138…（微信同号）"), else the one just after ("微信同号：138…").
    const before = lo > 0 && phones[lo - 1].end <= kwStart ? phones[lo - 1] : null;
    const after = lo < phones.length ? phones[lo] : null;
    let best: Found | null = null;
    if (before !== null && kwStart - before.end <= 4 && SAME_GAP.test(t.slice(before.end, kwStart))) best = before;
    else if (after !== null && after.start - kwEnd <= 4 && SAME_GAP.test(t.slice(kwEnd, after.start))) best = after;
    if (best === null) continue;
    const r = normalize('im_account', `${scheme}:${t.slice(best.start, best.end)}`);
    if (r.ok) found.push({ kind: 'im_account', canonical: r.canonical, start: best.start, end: best.end });
  }
}
