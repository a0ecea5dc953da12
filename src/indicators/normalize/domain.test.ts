import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeDomain } from './domain.js';

function canon(raw: string): string {
  const r = normalizeDomain(raw);
  assert.ok(r.ok, `expected ${JSON.stringify(raw)} to normalise, got ${r.ok ? '' : `${r.code}: ${r.reason}`}`);
  return r.canonical;
}

function errorCode(raw: string): string {
  const r = normalizeDomain(raw);
  assert.equal(r.ok, false, `expected ${JSON.stringify(raw)} to be rejected, got ${r.ok ? r.canonical : ''}`);
  return r.ok ? '' : r.code;
}

describe('normalizeDomain', () => {
  it('returns lower-case punycode with registrable domain and public suffix', () => {
    assert.deepEqual(normalizeDomain(' A.Evil.CO.UK. '), {
      ok: true,
      canonical: 'a.evil.co.uk',
      info: { registrable: 'evil.co.uk', publicSuffix: 'co.uk', isIp: false },
    });
    assert.deepEqual(normalizeDomain('victim.github.io'), {
      ok: true,
      canonical: 'victim.github.io',
      info: { registrable: 'victim.github.io', publicSuffix: 'github.io', isIp: false },
    });
    assert.equal(canon('例子.测试'), 'xn--fsqu00a.xn--0zwm56d');
    assert.equal(canon('XN--FSQU00A.xn--0zwm56d'), 'xn--fsqu00a.xn--0zwm56d');
  });

  it('accepts wildcard and leading-dot spellings', () => {
    assert.equal(canon('*.evil.example'), 'evil.example');
    assert.equal(canon('.evil.example'), 'evil.example');
  });

  it('takes the host of a URL given as a domain', () => {
    assert.equal(canon('https://user@Login.Evil.example:8443/path?q#f'), 'login.evil.example');
    assert.equal(canon('evil.example/login'), 'evil.example');
    assert.equal(canon('hxxp://evil[.]example/'), 'evil.example');
  });

  it('folds full-width input', () => {
    assert.equal(canon('ｅｖｉｌ．ｅｘａｍｐｌｅ'), 'evil.example');
    assert.equal(canon('evil。example'), 'evil.example');
  });

  it('refuses public suffixes, ICANN and private', () => {
    for (const raw of ['com', 'github.io', 'co.uk', 'CO.UK.', '*.com', 'https://github.io/', 'localhost']) {
      assert.equal(errorCode(raw), 'DOMAIN_IS_PUBLIC_SUFFIX', raw);
    }
  });

  it('refuses IP addresses in any spelling', () => {
    for (const raw of ['1.2.3.4', '[2001:db8::1]', '2001:db8::1', 'http://1.2.3.4/x', '0x7f.1', '3232235777', 'http://[::1]/']) {
      assert.equal(errorCode(raw), 'DOMAIN_IS_IP', raw);
    }
  });

  it('refuses invalid labels', () => {
    for (const raw of ['', 'exa mple.com', 'a..b.com', 'a.*.evil.com', 'evil!.com', 'xn--zz.com', `${'a'.repeat(64)}.com`, `${'a.'.repeat(127)}com`, '||evil.example^', 'evil.123', 'http://']) {
      assert.equal(errorCode(raw), 'INVALID_DOMAIN', raw);
    }
  });

  it('keeps underscores and odd hyphens that real hostnames carry', () => {
    assert.equal(canon('my_site.example.com'), 'my_site.example.com');
    assert.equal(canon('abc-.blogspot.com'), 'abc-.blogspot.com');
  });
});
