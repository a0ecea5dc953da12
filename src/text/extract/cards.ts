import { normalizeBankCard } from '../../indicators/normalize/index.js';
import { OTHER_NUMBER_LABELS, type NumberHit } from './number-labels.js';

// Bank cards, as read from a run of digits by the number scanner; resident ID numbers are told apart from them.

const CARD_WORDS = /卡号|银行卡|储蓄卡|信用卡|借记卡|账号|帐号|账户|帐户|收款|转账|汇款|转入|打款|打到|银行|开户/;
const ID_WORDS = /身份证|证件号/;

/**
 * A 16-19 digit number is a card when the BIN table knows it at that length, when it passes Luhn with a card
 * network's first digit, or when the text says it is an account ("卡号", "转账到"); 12-15 digits (some banks'
 * account numbers) only with such a word. Chinese ID numbers (18 digits, valid date and check digit) are never cards.
 */
export function card(t: string, d: string, start: number): NumberHit | null {
  const near = t.slice(Math.max(0, start - 16), start);
  if (OTHER_NUMBER_LABELS.test(near)) return null;
  if (d.length === 18 && (isChineseIdNumber(d) || ID_WORDS.test(near))) return null;
  const r = normalizeBankCard(d);
  if (!r.ok) return null;
  const keyword = CARD_WORDS.test(near);
  if (d.length < 16) return keyword ? { kind: 'bank_card', canonical: r.canonical } : null;
  const info = r.info;
  const first = d.charCodeAt(0);
  const network = first === 0x33 || first === 0x34 || first === 0x35 || first === 0x36 || first === 0x39;
  if ((info.bin !== null && info.lengthMatches === true) || (info.luhnValid && network) || keyword) {
    return { kind: 'bank_card', canonical: r.canonical };
  }
  return null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 resident ID number: region, birth date, sequence, ISO 7064 MOD 11-2 check digit. */
function isChineseIdNumber(d: string): boolean {
  if (d.length !== 18 || d[0] === '0') return false;
  const year = Number(d.slice(6, 10));
  const month = Number(d.slice(10, 12));
  const day = Number(d.slice(12, 14));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (d.charCodeAt(k) - 0x30) * ID_WEIGHTS[k];
  return ID_CHECK[sum % 11] === d[17];
}
