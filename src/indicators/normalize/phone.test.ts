import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalPhone, describePhone, isCallingCode, normalizePhone, type PhoneInfo } from './phone.js';

function errorCode(raw: string, defaultCallingCode?: string): string {
  const result = normalizePhone(raw, defaultCallingCode ? { defaultCallingCode } : undefined);
  assert.equal(result.ok, false, `${raw} should be rejected, got ${result.ok ? result.canonical : ''}`);
  return result.ok ? '' : result.code;
}

function info(raw: string): PhoneInfo {
  const result = normalizePhone(raw);
  assert.ok(result.ok, `${raw} should normalise`);
  return result.info;
}

describe('canonicalPhone', () => {
  const cases: Array<[string, string]> = [
    ['138 1234 5678', '+8613812345678'],
    ['13812345678', '+8613812345678'],
    ['+8613812345678', '+8613812345678'],
    ['+86-138-1234-5678', '+8613812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ['0086 13812345678', '+8613812345678'],
    ['86 13812345678', '+8613812345678'],
    ['8613812345678', '+8613812345678'],
    ['013812345678', '+8613812345678'],
    ['１３８１２３４５６７８', '+8613812345678'],
    ['＋８６ １３８－１２３４－５６７８', '+8613812345678'],
    ['138.1234.5678', '+8613812345678'],
    ['138/1234/5678', '+8613812345678'],
    ['tel:+86-138-1234-5678', '+8613812345678'],
    ['TEL:13812345678', '+8613812345678'],
    [' 138 1234 5678\n', '+8613812345678'],
    ['(010) 6552 1234', '+861065521234'],
    ['010-65521234', '+861065521234'],
    ['（０１０）６５５２１２３４', '+861065521234'],
    ['+86 10 6552 1234', '+861065521234'],
    ['+86 (0)10 6552 1234', '+861065521234'],
    ['+86 010 6552 1234', '+861065521234'],
    ['0531-8888 8888', '+8653188888888'],
    ['(0755)12345678', '+8675512345678'],
    ['0335-1234567', '+863351234567'],
    ['95588', '+8695588'],
    ['96110', '+8696110'],
    ['12345', '+8612345'],
    ['10086', '+8610086'],
    ['110', '+86110'],
    ['+86 110', '+86110'],
    ['400-810-8888', '+864008108888'],
    ['800 820 8820', '+868008208820'],
    ['10690000123', '+8610690000123'],
    ['1069 0123 4567 8901', '+861069012345678901'],
    ['+1 (469) 257-6503', '+14692576503'],
    ['001 469 257 6503', '+14692576503'],
    ['+886 912 345 678', '+886912345678'],
    ['+852 6123 4567', '+85261234567'],
    ['+853 6612 3456', '+85366123456'],
    ['+63 917 123 4567', '+639171234567'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['+886 0912 345 678', '+886912345678'],
    ['861065521234', '+861065521234'],
    ['86 0531 8888 8888', '+8653188888888'],
    ['+7 701 123 4567', '+77011234567'],
  ];
  for (const [raw, expected] of cases) {
    it(`${JSON.stringify(raw)} → ${expected}`, () => {
      assert.equal(canonicalPhone(raw), expected);
      const full = normalizePhone(raw);
      assert.ok(full.ok);
      assert.equal(full.canonical, expected);
      // Canonical form is a fixed point.
      assert.equal(canonicalPhone(expected), expected);
    });
  }

  it('returns an already canonical string as it is', () => {
    const e164 = '+8613812345678';
    assert.equal(canonicalPhone(e164), e164);
    assert.equal(canonicalPhone('+14692576503'), '+14692576503');
  });

  it('reads bare 10-digit numbers as North American with defaultCallingCode 1', () => {
    assert.equal(canonicalPhone('4692576503', { defaultCallingCode: '1' }), '+14692576503');
    assert.equal(canonicalPhone('(469) 257-6503', { defaultCallingCode: '1' }), '+14692576503');
    assert.equal(canonicalPhone('1-469-257-6503', { defaultCallingCode: '1' }), '+14692576503');
    assert.equal(canonicalPhone('011 86 138 1234 5678', { defaultCallingCode: '1' }), '+8613812345678');
    assert.equal(canonicalPhone('+86 138 1234 5678', { defaultCallingCode: '1' }), '+8613812345678');
    // Without it the same digits are not a Chinese number.
    assert.equal(canonicalPhone('4692576503'), null);
  });

  it('returns null for what is not a phone number', () => {
    for (const raw of ['', '   ', 'abc', '138-1234-567a', '1381234567', '65521234', '+999 123 4567', '12']) {
      assert.equal(canonicalPhone(raw), null, raw);
    }
  });
});

describe('normalizePhone rejections', () => {
  it('rejects letters and stray symbols', () => {
    assert.equal(errorCode('138abc45678'), 'INVALID_PHONE');
    assert.equal(errorCode('call me'), 'INVALID_PHONE');
    assert.equal(errorCode(''), 'INVALID_PHONE');
    assert.equal(errorCode('138*1234*5678'), 'INVALID_PHONE');
    assert.equal(errorCode('138+12345678'), 'INVALID_PHONE');
  });

  it('rejects too short and too long', () => {
    assert.equal(errorCode('12'), 'PHONE_TOO_SHORT');
    assert.equal(errorCode('1234'), 'PHONE_TOO_SHORT');
    assert.equal(errorCode('55555'), 'PHONE_TOO_SHORT');
    assert.equal(errorCode('+86 1'), 'PHONE_TOO_SHORT');
    assert.equal(errorCode('1'.repeat(25)), 'PHONE_TOO_LONG');
    assert.equal(errorCode('+63 9171 2345 6789 0123'), 'PHONE_TOO_LONG');
  });

  it('rejects a Chinese mobile number of the wrong length', () => {
    assert.equal(errorCode('1381234567'), 'PHONE_BAD_MOBILE_LENGTH');
    assert.equal(errorCode('138123456789'), 'PHONE_BAD_MOBILE_LENGTH');
    assert.equal(errorCode('+86 138 1234 567'), 'PHONE_BAD_MOBILE_LENGTH');
  });

  it('rejects country codes that do not exist', () => {
    assert.equal(errorCode('+999 123 4567'), 'PHONE_BAD_COUNTRY_CODE');
    assert.equal(errorCode('00 801 234 5678'), 'PHONE_BAD_COUNTRY_CODE');
    assert.equal(errorCode('+288 1234 5678'), 'PHONE_BAD_COUNTRY_CODE');
    assert.equal(errorCode('13812345678', '999'), 'PHONE_BAD_COUNTRY_CODE');
  });

  it('asks for the area code of a bare fixed-line number', () => {
    assert.equal(errorCode('65521234'), 'PHONE_NO_AREA_CODE');
    assert.equal(errorCode('6552 1234'), 'PHONE_NO_AREA_CODE');
    assert.equal(errorCode('8888888'), 'PHONE_NO_AREA_CODE');
  });

  it('rejects area codes that do not exist and bad fixed-line lengths', () => {
    assert.equal(errorCode('0330-1234567'), 'PHONE_BAD_AREA_CODE'); // only 0335 is real under 033x
    assert.equal(errorCode('0600-1234567'), 'PHONE_BAD_AREA_CODE');
    assert.equal(errorCode('0531-888888'), 'PHONE_BAD_FIXED_LENGTH');
    assert.equal(errorCode('010-6552123'), 'PHONE_BAD_FIXED_LENGTH');
    assert.equal(errorCode('0531-0888 8888'), 'PHONE_BAD_FIXED_LENGTH');
  });

  it('rejects malformed North American numbers', () => {
    assert.equal(errorCode('+1 123 257 6503'), 'INVALID_PHONE');
    assert.equal(errorCode('+1 469 257 650'), 'PHONE_TOO_SHORT');
  });

  it('gives a reason with every code', () => {
    const result = normalizePhone('65521234');
    assert.ok(!result.ok);
    assert.match(result.reason, /area code/);
  });
});

describe('describePhone', () => {
  it('places a China Mobile number by its 7-digit block (libphonenumber 861380531 → 山东省济南市)', () => {
    const p = describePhone('+8613805311234');
    assert.deepEqual(p, {
      e164: '+8613805311234', countryCode: '86', region: 'CN', type: 'mobile', virtual: false, overseas: false,
      carrier: '中国移动', province: '山东', city: '济南', areaCode: '0531',
    });
    const q = describePhone('+8613912345678'); // 861391234 → 江苏省常州市
    assert.equal(q.province, '江苏');
    assert.equal(q.city, '常州');
    assert.equal(q.areaCode, '0519');
    assert.equal(describePhone('+8613000001234').city, '济南'); // 861300000 → 山东省济南市
  });

  it('names the carrier of a Unicom and a Telecom number', () => {
    assert.equal(describePhone('+8613012345678').carrier, '中国联通');
    assert.equal(describePhone('+8618912345678').carrier, '中国电信');
    assert.equal(describePhone('+8619212345678').carrier, '中国广电');
  });

  it('flags virtual-operator segments', () => {
    const expected: Array<[string, string]> = [
      ['+8617001234567', '中国电信虚拟运营商'],
      ['+8617021234567', '中国电信虚拟运营商'],
      ['+8617031234567', '中国移动虚拟运营商'],
      ['+8617041234567', '中国联通虚拟运营商'],
      ['+8617051234567', '中国移动虚拟运营商'],
      ['+8617091234567', '中国联通虚拟运营商'],
      ['+8616212345678', '中国电信虚拟运营商'],
      ['+8616512345678', '中国移动虚拟运营商'],
      ['+8616712345678', '中国联通虚拟运营商'],
      ['+8617112345678', '中国联通虚拟运营商'],
    ];
    for (const [e164, carrier] of expected) {
      const p = describePhone(e164);
      assert.equal(p.virtual, true, e164);
      assert.equal(p.type, 'virtual', e164);
      assert.equal(p.carrier, carrier, e164);
    }
    assert.equal(describePhone('+8616612345678').virtual, false);
    assert.equal(describePhone('+8617312345678').virtual, false);
  });

  it('recognises IoT numbers, 13-digit and 11-digit', () => {
    const thirteen = describePhone('+861440123456789');
    assert.equal(thirteen.type, 'iot');
    assert.equal(thirteen.carrier, '中国移动');
    assert.equal(canonicalPhone('1440 1234 5678 9'), '+861440123456789');
    assert.equal(describePhone('+8614612345678').type, 'iot');
    assert.equal(describePhone('+8614612345678').carrier, '中国联通');
    assert.equal(describePhone('+8614712345678').type, 'mobile'); // 147 is an ordinary data/voice segment
    assert.equal(describePhone('+861064812345678').type, 'iot');
    assert.equal(errorCode('1391234567890'), 'PHONE_BAD_MOBILE_LENGTH'); // 13 digits only for 14x
  });

  it('places a fixed-line number by its area code', () => {
    assert.deepEqual(info('0531-8888 8888'), {
      e164: '+8653188888888', countryCode: '86', region: 'CN', type: 'fixed', virtual: false, overseas: false,
      carrier: null, province: '山东', city: '济南', areaCode: '0531',
    });
    const beijing = describePhone('+861065521234');
    assert.equal(beijing.type, 'fixed');
    assert.equal(beijing.province, '北京');
    assert.equal(beijing.city, '北京');
    assert.equal(beijing.areaCode, '010');
    const shenyang = describePhone('+862412345678'); // 8624 → 辽宁省沈阳市、铁岭市、抚顺市
    assert.equal(shenyang.province, '辽宁');
    assert.equal(shenyang.city, '沈阳');
    assert.equal(shenyang.areaCode, '024');
    assert.equal(describePhone('+863351234567').city, '秦皇岛');
  });

  it('types service numbers', () => {
    const services = ['+8695588', '+8696110', '+86110', '+8612345', '+864008108888', '+868008208820', '+8610690000123'];
    for (const e164 of services) {
      const p = describePhone(e164);
      assert.equal(p.type, 'service', e164);
      assert.equal(p.overseas, false);
      assert.equal(p.province, null);
    }
    assert.equal(describePhone('+8610086').carrier, '中国移动');
  });

  it('marks overseas numbers, HK / MO / TW included', () => {
    const us = describePhone('+14692576503');
    assert.equal(us.overseas, true);
    assert.equal(us.type, 'overseas');
    assert.equal(us.countryCode, '1');
    assert.equal(us.region, 'US');
    assert.equal(us.carrier, null);
    assert.equal(describePhone('+14165551234').region, 'CA');
    assert.equal(describePhone('+18765551234').region, 'JM');
    for (const [e164, region, cc] of [
      ['+886912345678', 'TW', '886'],
      ['+85261234567', 'HK', '852'],
      ['+85366123456', 'MO', '853'],
      ['+639171234567', 'PH', '63'],
      ['+77011234567', 'KZ', '7'],
      ['+79161234567', 'RU', '7'],
    ]) {
      const p = describePhone(e164);
      assert.equal(p.overseas, true, e164);
      assert.equal(p.region, region, e164);
      assert.equal(p.countryCode, cc, e164);
    }
    assert.equal(describePhone('+80012345678').region, null); // international freephone
  });

  it('reports unknown for what is not a number', () => {
    const p = describePhone('not a number');
    assert.equal(p.type, 'unknown');
    assert.equal(p.countryCode, '');
  });
});

describe('calling-code table', () => {
  it('knows the codes that exist and not the ones that do not', () => {
    for (const code of ['1', '7', '20', '44', '63', '86', '852', '853', '855', '886', '95', '998']) {
      assert.ok(isCallingCode(code), code);
    }
    for (const code of ['0', '28', '80', '83', '89', '99', '210', '384', '801', '999', '1234', '']) {
      assert.ok(!isCallingCode(code), code);
    }
  });

  it('is prefix-free, so reading 1, 2, then 3 digits is unambiguous', () => {
    const codes: string[] = [];
    for (let n = 1; n < 1000; n++) if (isCallingCode(String(n))) codes.push(String(n));
    assert.ok(codes.length > 200);
    for (const a of codes) for (const b of codes) if (a !== b) assert.ok(!b.startsWith(a), `${a} is a prefix of ${b}`);
  });
});
