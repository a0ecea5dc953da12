import { canonicalPhone } from '../../indicators/normalize/index.js';
import { OTHER_NUMBER_LABELS, type NumberHit } from './number-labels.js';

// Phones and service numbers, as read from a run of digits by the number scanner.

const AMOUNT_BEFORE =
  /(?:薪|工资|收入|价格?|费|金额|额度|余额|共计?|合计|总计|借款?|贷款?|还款?|赚|付款?|转账|转|充值|提现|奖金|红包|返现|返利|佣金|利息|第|¥|￥|\$|rmb|cny|usd)[ :]{0,2}$/i;
/** Words that say a short number is one to call or text: "拨打95588", "向12345投诉", "10086客服". */
const SERVICE_BEFORE = new RegExp(
  '(?:拨打|拨|打|致电|电话|热线|专线|客服|中心|报警|求助|联系|回拨|来电|号码|短信|发送|回复|官方|咨询|投诉|举报|' +
    '向|给|call|tel|[:(【\\[「“"\'])[ ]?$',
  'i',
);
const SERVICE_AFTER = /^[ ]?(?:热线|客服|电话|官方|人工|查询|咨询|投诉|举报|短信|来电|号码|服务|核实|确认|反映|[)】\]」”"'])/;

export function phone(raw: string): NumberHit | null {
  const c = canonicalPhone(raw);
  return c === null ? null : { kind: 'phone', canonical: c };
}

/**
 * A five-digit number is read as a service number only where the text treats it as one: the whole message, or
 * next to a word about calling, texting or complaining. Otherwise "达到10000" or "工号12345" would be phones.
 */
export function serviceContext(t: string, start: number, end: number, lookBehind: string): boolean {
  if (AMOUNT_BEFORE.test(lookBehind) || OTHER_NUMBER_LABELS.test(lookBehind)) return false;
  if (onlySpaceBefore(t, start) && onlySpaceAfter(t, end)) return true;
  return SERVICE_BEFORE.test(lookBehind) || SERVICE_AFTER.test(t.slice(end, end + 4));
}

function onlySpaceBefore(t: string, i: number): boolean {
  while (i > 0 && /\s/.test(t[i - 1])) i--;
  return i === 0;
}

function onlySpaceAfter(t: string, i: number): boolean {
  while (i < t.length && /\s/.test(t[i])) i++;
  return i === t.length;
}

/** 95xxx / 96xxx (banks, insurers, hotlines like 96110), 100xx (carriers' 10086 / 10010 / 10000), 12xxx (12345). */
export function isServiceNumber(d: string): boolean {
  return /^(?:9[56][0-9]{3}|100[0-9]{2}|12[0-9]{3})$/.test(d);
}
