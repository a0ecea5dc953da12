import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { canonicalBankCard, lookupCardBin, luhnValid, normalizeBankCard } from './bank-card.js';

/** `prefix`, padded with `fill` to length - 1, plus the Luhn check digit. */
function luhnCard(prefix: string, length: number, fill = '0'): string {
  const body = prefix.padEnd(length - 1, fill);
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

function ok(raw: string) {
  const r = normalizeBankCard(raw);
  assert.ok(r.ok, `expected ${JSON.stringify(raw)} to normalise`);
  return r;
}

describe('normalizeBankCard: canonical form', () => {
  it('keeps the digits of spaced, dashed and full-width numbers', () => {
    assert.equal(ok('6222 0200 1234 5678 901').canonical, '6222020012345678901');
    assert.equal(ok('6222-0200-1234-5678-901').canonical, '6222020012345678901');
    assert.equal(ok('６２２２０２００１２３４５６７８９０１').canonical, '6222020012345678901');
    assert.equal(ok(' 6222\u3000020012345678901\t').canonical, '6222020012345678901');
  });

  it('is idempotent', () => {
    const once = ok('6222 0200 1234 5678 901').canonical;
    assert.equal(ok(once).canonical, once);
  });

  it('accepts 12 to 19 digits', () => {
    assert.equal(ok('123456789012').canonical, '123456789012');
    assert.equal(ok('1234567890123456789').canonical, '1234567890123456789');
  });

  it('rejects too few or too many digits with INVALID_BANK_CARD', () => {
    for (const raw of ['', '12345678901', '12345678901234567890', '6222 0200 1234 5678 9012 3']) {
      const r = normalizeBankCard(raw);
      assert.equal(r.ok, false, raw);
      assert.equal(!r.ok && r.code, 'INVALID_BANK_CARD');
    }
  });

  it('rejects letters and other characters with INVALID_BANK_CARD, naming the character', () => {
    const r = normalizeBankCard('6222 0200 1234 567X');
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'INVALID_BANK_CARD');
    assert.match(!r.ok ? r.reason : '', /"X"/);
    assert.equal(normalizeBankCard('卡号6222020012345678901').ok, false);
    assert.equal(normalizeBankCard('6222.0200.1234.5678').ok, false);
  });
});

describe('normalizeBankCard: Luhn', () => {
  it('reports a Luhn-valid number as valid', () => {
    const card = luhnCard('622202', 19, '1');
    assert.equal(ok(card).info.luhnValid, true);
  });

  it('reports, but does not reject, a Luhn failure', () => {
    const card = luhnCard('622202', 19, '1');
    const broken = card.slice(0, -1) + String((Number(card.at(-1)) + 1) % 10);
    const r = ok(broken);
    assert.equal(r.canonical, broken);
    assert.equal(r.info.luhnValid, false);
    assert.equal(r.info.bankCode, 'ICBC');
  });

  it('agrees with a published test number', () => {
    assert.equal(luhnValid('4111111111111111'), true);
    assert.equal(luhnValid('4111111111111112'), false);
  });
});

describe('normalizeBankCard: BIN table (assets/card-bins.json)', () => {
  it('finds an ICBC debit card (622202, 19 digits)', () => {
    const r = ok(luhnCard('622202', 19, '3'));
    assert.deepEqual(r.info, {
      luhnValid: true,
      bin: '622202',
      bankCode: 'ICBC',
      bankName: '中国工商银行',
      cardType: 'DC',
      cardTypeName: '借记卡',
      lengthMatches: true,
    });
  });

  it('finds CCB cards: 436742 is a 19-digit debit BIN, 436745 a 16-digit credit BIN', () => {
    const debit = ok(luhnCard('436742', 19));
    assert.equal(debit.info.bankName, '中国建设银行');
    assert.equal(debit.info.cardType, 'DC');
    const credit = ok(luhnCard('436745', 16));
    assert.equal(credit.info.bankCode, 'CCB');
    assert.equal(credit.info.cardType, 'CC');
    assert.equal(credit.info.cardTypeName, '信用卡');
    assert.equal(credit.info.lengthMatches, true);
  });

  it('finds an ABC debit card and a CMB card', () => {
    assert.equal(ok(luhnCard('622848', 19)).info.bankName, '中国农业银行');
    assert.equal(ok(luhnCard('622588', 16)).info.bankCode, 'CMB');
  });

  it('flags a card whose length is not the one its BIN issues', () => {
    const r = ok(luhnCard('436745', 19));
    assert.equal(r.info.bankCode, 'CCB');
    assert.equal(r.info.lengthMatches, false);
  });

  it('uses the card length to choose between banks sharing a BIN', () => {
    // 621260: SPABANK 16-digit credit and CSRCB 19-digit debit.
    assert.equal(ok(luhnCard('621260', 16, '9')).info.bankCode, 'SPABANK');
    assert.equal(ok(luhnCard('621260', 19, '9')).info.bankCode, 'CSRCB');
  });

  it('prefers the longest BIN', () => {
    // 621260001 (XFRCB, 19) sits under 621260.
    const r = ok(luhnCard('621260001', 19));
    assert.equal(r.info.bin, '621260001');
    assert.equal(r.info.bankCode, 'XFRCB');
  });

  it('matches short BINs too', () => {
    // 103: ABC, 19 digits (3-digit BIN).
    const r = ok(luhnCard('103', 19, '5'));
    assert.equal(r.info.bin, '103');
    assert.equal(r.info.bankCode, 'ABC');
  });

  it('returns nulls for a number no BIN matches', () => {
    const r = ok('111111111111');
    assert.deepEqual(
      { ...r.info, luhnValid: undefined },
      {
        luhnValid: undefined,
        bin: null,
        bankCode: null,
        bankName: null,
        cardType: null,
        cardTypeName: null,
        lengthMatches: null,
      },
    );
  });

  it('resolves every BIN in the shipped table to a bank of the right length', () => {
    const url = new URL('../../../../assets/card-bins.json', import.meta.url);
    const table = JSON.parse(readFileSync(url, 'utf8')) as {
      banks: Record<string, string>;
      bins: [string, string, string, number][];
    };
    assert.equal(table.bins.length, 1709);
    for (const [bin, bank, , length] of table.bins) {
      assert.ok(table.banks[bank], `bank ${bank} has a name`);
      const hit = lookupCardBin(bin.padEnd(length, '0'));
      assert.ok(hit?.lengthMatches, `${bin}/${length}`);
      // Either this BIN, or a longer one nested under it.
      assert.ok(hit.entry.bin.startsWith(bin), `${bin}/${length} -> ${hit.entry.bin}`);
      if (hit.entry.bin === bin) assert.equal(hit.entry.bankCode, bank);
    }
  });
});

describe('canonicalBankCard', () => {
  it('returns the digits, or null where normalizeBankCard fails', () => {
    assert.equal(canonicalBankCard('6222 0200 1234 5678 901'), '6222020012345678901');
    assert.equal(canonicalBankCard('６２２２－０２００－１２３４－５６７８'), '6222020012345678');
    assert.equal(canonicalBankCard('1234'), null);
    assert.equal(canonicalBankCard('12345678901234567890'), null);
    assert.equal(canonicalBankCard('6222020012345678a'), null);
    assert.equal(canonicalBankCard(''), null);
  });
});
