import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalizeUrl, hostSuffixes, urlExpressions, type CanonicalUrl } from './url.js';

function canon(raw: string): string {
  const r = canonicalizeUrl(raw);
  assert.ok(r.ok, `expected ${JSON.stringify(raw)} to canonicalise, got ${r.ok ? '' : `${r.code}: ${r.reason}`}`);
  return r.canonical;
}

function info(raw: string): CanonicalUrl {
  const r = canonicalizeUrl(raw);
  assert.ok(r.ok, `expected ${JSON.stringify(raw)} to canonicalise`);
  return r.info;
}

function expressions(raw: string): string[] {
  return urlExpressions(info(raw));
}

function errorCode(raw: string): string {
  const r = canonicalizeUrl(raw);
  assert.equal(r.ok, false, `expected ${JSON.stringify(raw)} to be rejected, got ${r.ok ? r.canonical : ''}`);
  return r.ok ? '' : r.code;
}

describe('canonicalizeUrl', () => {
  it('drops scheme, fragment and case of the host, keeps the query', () => {
    const u = info('https://A.EVIL.example/login/step2?x=1#y');
    assert.equal(u.canonical, 'a.evil.example/login/step2?x=1');
    assert.equal(u.host, 'a.evil.example');
    assert.equal(u.path, '/login/step2');
    assert.equal(u.query, 'x=1');
    assert.equal(u.port, null);
    assert.equal(u.hostIsIp, false);
  });

  it('gives every spelling of a scheme the same canonical form', () => {
    for (const raw of [
      'evil.example/login',
      'http://evil.example/login',
      'https://evil.example/login',
      'hxxp://evil.example/login',
      'hxxps://evil.example/login',
      'HTTP://EVIL.EXAMPLE/login',
      '//evil.example/login',
      'http:evil.example/login',
      'http:///evil.example/login',
      'http:\\\\evil.example\\login',
      '  \thttp://evil.example/login\r\n',
      'hxxp://evil[.]example/login',
    ]) {
      assert.equal(canon(raw), 'evil.example/login', raw);
    }
  });

  it('resolves dot segments and collapses slashes in the path', () => {
    assert.equal(canon('http://evil.example/a/../b/./c//d'), 'evil.example/b/c/d');
    assert.equal(canon('http://evil.example/a/b/..'), 'evil.example/a/');
    assert.equal(canon('http://evil.example/../../x'), 'evil.example/x');
    assert.equal(canon('http://evil.example'), 'evil.example/');
    assert.equal(canon('http://evil.example\\a\\b'), 'evil.example/a/b');
  });

  it('unescapes until stable, including in the host', () => {
    assert.equal(canon('http://%65vil.example/%2561'), 'evil.example/a');
    assert.equal(canon('http://%45VIL.example/'), 'evil.example/');
  });

  it('reads IPv4 hosts the way browsers do', () => {
    assert.equal(canon('http://0x7f.1/'), '127.0.0.1/');
    assert.equal(canon('http://3279880203/blah'), '195.127.0.11/blah');
    assert.equal(canon('http://0xc0a80101/'), '192.168.1.1/');
    assert.equal(canon('http://0300.0250.1.1/'), '192.168.1.1/');
    assert.equal(canon('http://192.168.257/'), '192.168.1.1/');
    assert.equal(canon('http://3232235777/'), '192.168.1.1/');
    assert.equal(canon('http://１９２．１６８．１．１/'), '192.168.1.1/');
    assert.equal(info('http://0x7f.1/').hostIsIp, true);
    // Ends in a number but is no address: browsers refuse such hosts, so do we.
    assert.equal(errorCode('http://1.2.3.4.5/'), 'INVALID_URL');
    assert.equal(errorCode('http://256.256.256.256/'), 'INVALID_URL');
    assert.equal(errorCode('http://08.1.1.1/'), 'INVALID_URL');
  });

  it('keeps IPv6 hosts bracketed and compressed, and reads IPv4-mapped ones as IPv4', () => {
    const u = info('http://[2001:DB8:0:0:0:0:0:1]:8080/x');
    assert.equal(u.canonical, '[2001:db8::1]:8080/x');
    assert.equal(u.hostIsIp, true);
    assert.equal(canon('http://[::ffff:1.2.3.4]/'), '1.2.3.4/');
    assert.equal(errorCode('http://[2001:db8::zz]/'), 'INVALID_URL');
  });

  it('drops default ports and userinfo, keeps other ports', () => {
    assert.equal(canon('http://www.google.com:80/'), 'www.google.com/');
    assert.equal(canon('https://www.google.com:443/'), 'www.google.com/');
    assert.equal(canon('www.google.com:80/'), 'www.google.com/');
    assert.equal(canon('https://x.example:8443/'), 'x.example:8443/');
    // With the scheme gone, 80 and 443 both mean "the default": feeds list http://host:443/ for https pages.
    assert.equal(canon('http://x.example:443/'), 'x.example/');
    assert.equal(canon('https://x.example:80/'), 'x.example/');
    assert.equal(canon('http://x.example:0080/'), 'x.example/');
    assert.equal(canon('http://user:pass@Evil.example:8080/'), 'evil.example:8080/');
    assert.equal(canon('http://evil.example:/'), 'evil.example/');
    assert.equal(canon('localhost:8080/x'), 'localhost:8080/x');
    assert.equal(canon('evil.example:8080'), 'evil.example:8080/');
    assert.equal(canon('http://paypal.com@evil.example/'), 'evil.example/');
    assert.equal(info('https://x.example:8443/').port, '8443');
    assert.equal(errorCode('http://x.example:99999/'), 'INVALID_URL');
    assert.equal(errorCode('http://x.example:80a/'), 'INVALID_URL');
  });

  it('converts IDN hosts to punycode and folds full-width forms', () => {
    assert.equal(canon('http://例子.测试/'), 'xn--fsqu00a.xn--0zwm56d/');
    assert.equal(canon('http://%E4%BE%8B%E5%AD%90.%E6%B5%8B%E8%AF%95/'), 'xn--fsqu00a.xn--0zwm56d/');
    assert.equal(canon('ｅｖｉｌ．ｃｏｍ/login'), 'evil.com/login');
    assert.equal(canon('evil。com'), 'evil.com/');
    assert.equal(canon('ｈｔｔｐｓ：／／ｅｖｉｌ．ｃｏｍ／ｌｏｇｉｎ'), 'evil.com/login');
    assert.equal(canon('http://ＥＶＩＬ.com:８０８０/'), 'evil.com:8080/');
  });

  it('removes trailing, leading and repeated dots in the host', () => {
    assert.equal(canon('http://evil.example./'), 'evil.example/');
    assert.equal(canon('http://.evil..example.../'), 'evil.example/');
  });

  it('escapes non-ASCII path bytes as the UTF-8 a browser sends', () => {
    assert.equal(canon('http://x.example/登录'), 'x.example/%E7%99%BB%E5%BD%95');
    assert.equal(canon('http://x.example/%E7%99%BB%E5%BD%95'), 'x.example/%E7%99%BB%E5%BD%95');
    assert.equal(canon('http://x.example/a b'), 'x.example/a%20b');
  });

  it('does not sort or rewrite the query beyond escaping', () => {
    assert.equal(canon('http://x.example/p?b=2&a=1'), 'x.example/p?b=2&a=1');
    assert.equal(canon('http://x.example/p?a=%2520'), 'x.example/p?a=%20');
    assert.equal(canon('http://x.example/p?a=../b//c'), 'x.example/p?a=../b//c');
  });

  it('rejects junk', () => {
    // A bare scheme is no URL at all; a URL-shaped string whose host is missing gets its own code.
    assert.equal(errorCode('http://'), 'INVALID_URL');
    assert.equal(errorCode('http://:8080/x'), 'URL_NO_HOST');
    assert.equal(errorCode('http://user@/x'), 'URL_NO_HOST');
    assert.equal(errorCode('http://.../x'), 'URL_NO_HOST');
    assert.equal(errorCode(''), 'INVALID_URL');
    assert.equal(errorCode('   '), 'INVALID_URL');
    assert.equal(errorCode('not a url at all with spaces'), 'INVALID_URL');
    assert.equal(errorCode('http://exa mple.com'), 'INVALID_URL');
    assert.equal(errorCode('ftp://evil.example/'), 'INVALID_URL');
    assert.equal(errorCode('javascript://alert(1)'), 'INVALID_URL');
    // Not schemes a page is served over; reading them as host names would block the mail provider's whole site.
    assert.equal(errorCode('mailto:fraud@qq.com'), 'INVALID_URL');
    assert.equal(errorCode('javascript:alert(1)'), 'INVALID_URL');
    assert.equal(errorCode('tel:+8613812345678'), 'INVALID_URL');
    assert.equal(errorCode('http://xn--zz.com/'), 'INVALID_URL');
    assert.equal(errorCode('http://[::1/'), 'INVALID_URL');
    assert.equal(errorCode(`http://a.example/${'x'.repeat(9000)}`), 'INVALID_URL');
  });
});

// Google Safe Browsing v4 "Canonicalization" test vectors, scheme removed. Vectors whose expected value differs
// on purpose are listed below with the reason.
describe('Safe Browsing canonicalization vectors', () => {
  const vectors: Array<[string, string]> = [
    ['http://host/%25%32%35', 'host/%25'],
    ['http://host/%25%32%35%25%32%35', 'host/%25%25'],
    ['http://host/%2525252525252525', 'host/%25'],
    ['http://host/asdf%25%32%35asd', 'host/asdf%25asd'],
    ['http://host/%%%25%32%35asd%%', 'host/%25%25%25asd%25%25'],
    ['http://www.google.com/', 'www.google.com/'],
    [
      'http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/',
      '168.188.99.26/.secure/www.ebay.com/',
    ],
    [
      'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
      '195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
    ],
    // Original host is 'host%23.com'; see the rejections below.
    [
      'http://host.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B',
      'host.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+',
    ],
    ['http://3279880203/blah', '195.127.0.11/blah'],
    ['http://www.google.com/blah/..', 'www.google.com/'],
    ['www.google.com/', 'www.google.com/'],
    ['www.google.com', 'www.google.com/'],
    ['http://www.evil.com/blah#frag', 'www.evil.com/blah'],
    ['http://www.GOOgle.com/', 'www.google.com/'],
    ['http://www.google.com.../', 'www.google.com/'],
    ['http://www.google.com/foo\tbar\rbaz\n2', 'www.google.com/foobarbaz2'],
    ['http://www.google.com/q?', 'www.google.com/q?'],
    ['http://www.google.com/q?r?', 'www.google.com/q?r?'],
    ['http://www.google.com/q?r?s', 'www.google.com/q?r?s'],
    ['http://evil.com/foo#bar#baz', 'evil.com/foo'],
    ['http://evil.com/foo;', 'evil.com/foo;'],
    ['http://evil.com/foo?bar;', 'evil.com/foo?bar;'],
    ['http://notrailingslash.com', 'notrailingslash.com/'],
    ['  http://www.google.com/  ', 'www.google.com/'],
    ['https://www.securesite.com/', 'www.securesite.com/'],
    ['http://host.com/ab%23cd', 'host.com/ab%23cd'],
    ['http://host.com//twoslashes?more//slashes', 'host.com/twoslashes?more//slashes'],
  ];
  for (const [raw, expected] of vectors) {
    it(JSON.stringify(raw), () => assert.equal(canon(raw), expected));
  }

  it('keeps a non-default port where Safe Browsing drops it (a different port is a different server)', () => {
    assert.equal(canon('http://www.gotaport.com:1234/'), 'www.gotaport.com:1234/');
  });

  it('rejects hosts no browser could visit, where Safe Browsing escapes them', () => {
    for (const raw of [
      'http:// leadingspace.com/',
      'http://%20leadingspace.com/',
      '%20leadingspace.com/',
      'http://\x01\x80.com/',
      'http://host%23.com/',
    ]) {
      assert.equal(errorCode(raw), 'INVALID_URL', raw);
    }
  });
});

describe('urlExpressions', () => {
  it('contains a blocked directory prefix of a parent domain', () => {
    const e = expressions('https://A.EVIL.example/login/step2?x=1#y');
    assert.ok(e.includes('evil.example/login/'));
    assert.deepEqual(e, [
      'a.evil.example/login/step2?x=1',
      'a.evil.example/login/step2',
      'a.evil.example/login/',
      'a.evil.example/',
      'evil.example/login/step2?x=1',
      'evil.example/login/step2',
      'evil.example/login/',
      'evil.example/',
    ]);
  });

  it('never climbs to a public suffix, private ones included', () => {
    const root = expressions('https://github.io/');
    assert.deepEqual(root, ['github.io/']);
    assert.ok(!root.includes('victim.github.io/'));
    const other = expressions('https://other.github.io/x');
    assert.ok(!other.includes('victim.github.io/'));
    assert.ok(!other.some((e) => e.startsWith('github.io/')));
    assert.deepEqual(other, ['other.github.io/x', 'other.github.io/']);
    assert.ok(!expressions('http://a.evil.co.uk/').some((e) => e.startsWith('co.uk/') || e.startsWith('uk/')));
  });

  it('matches the Safe Browsing examples (as sets)', () => {
    assert.deepEqual(new Set(expressions('http://a.b.c/1/2.html?param=1')), new Set([
      'a.b.c/1/2.html?param=1',
      'a.b.c/1/2.html',
      'a.b.c/',
      'a.b.c/1/',
      'b.c/1/2.html?param=1',
      'b.c/1/2.html',
      'b.c/',
      'b.c/1/',
    ]));
    assert.deepEqual(expressions('http://a.b.c.d.e.f.g/1.html'), [
      'a.b.c.d.e.f.g/1.html',
      'a.b.c.d.e.f.g/',
      'c.d.e.f.g/1.html',
      'c.d.e.f.g/',
      'd.e.f.g/1.html',
      'd.e.f.g/',
      'e.f.g/1.html',
      'e.f.g/',
      'f.g/1.html',
      'f.g/',
    ]);
    assert.deepEqual(expressions('http://1.2.3.4/1/'), ['1.2.3.4/1/', '1.2.3.4/']);
  });

  it('uses at most 4 directory prefixes and 5 hosts, most specific first', () => {
    const e = expressions('http://a.b.c.d.e.f.example/1/2/3/4/5/6.html?q');
    const forExact = e.filter((x) => x.startsWith('a.b.c.d.e.f.example/'));
    assert.deepEqual(forExact, [
      'a.b.c.d.e.f.example/1/2/3/4/5/6.html?q',
      'a.b.c.d.e.f.example/1/2/3/4/5/6.html',
      'a.b.c.d.e.f.example/1/2/3/',
      'a.b.c.d.e.f.example/1/2/',
      'a.b.c.d.e.f.example/1/',
      'a.b.c.d.e.f.example/',
    ]);
    const hosts = [...new Set(e.map((x) => x.slice(0, x.indexOf('/'))))];
    assert.deepEqual(hosts, ['a.b.c.d.e.f.example', 'c.d.e.f.example', 'd.e.f.example', 'e.f.example', 'f.example']);
    assert.equal(e.length, 30);
    const six = expressions('http://a.b.c.d.e.example/').map((x) => x.slice(0, -1));
    assert.deepEqual(six, ['a.b.c.d.e.example', 'b.c.d.e.example', 'c.d.e.example', 'd.e.example', 'e.example']);
  });

  it('keeps the port and does not repeat a path that is itself a prefix', () => {
    assert.deepEqual(expressions('https://x.example:8443/a/'), ['x.example:8443/a/', 'x.example:8443/']);
    assert.deepEqual(expressions('http://x.example/?'), ['x.example/?', 'x.example/']);
  });

  it('uses only the exact host for an IP host', () => {
    assert.deepEqual(expressions('http://[2001:db8::1]/a/b'), ['[2001:db8::1]/a/b', '[2001:db8::1]/a/', '[2001:db8::1]/']);
  });
});

describe('hostSuffixes', () => {
  it('walks up to the registrable domain', () => {
    assert.deepEqual(hostSuffixes('a.b.evil.co.uk'), ['a.b.evil.co.uk', 'b.evil.co.uk', 'evil.co.uk']);
    assert.deepEqual(hostSuffixes('evil.example'), ['evil.example']);
    assert.deepEqual(hostSuffixes('a.b.c.d.e.f.g.evil.com').at(-1), 'evil.com');
    assert.equal(hostSuffixes('a.b.c.d.e.f.g.evil.com').length, 8);
  });

  it('stops at private public suffixes', () => {
    assert.deepEqual(hostSuffixes('x.victim.github.io'), ['x.victim.github.io', 'victim.github.io']);
    assert.deepEqual(hostSuffixes('other.github.io'), ['other.github.io']);
    assert.ok(!hostSuffixes('github.io').includes('victim.github.io'));
    assert.ok(!hostSuffixes('github.io').includes('io'));
  });

  it('has none for an IP host', () => {
    assert.deepEqual(hostSuffixes('1.2.3.4'), []);
    assert.deepEqual(hostSuffixes('[2001:db8::1]'), []);
    assert.deepEqual(hostSuffixes(''), []);
  });
});
