import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStix, parseStixText } from './parse-stix.js';
import type { ParseProblem, RawRecord } from './records.js';

function parse(doc: unknown): { records: RawRecord[]; problems: ParseProblem[] } {
  const records: RawRecord[] = [];
  const problems: ParseProblem[] = [];
  for (const p of parseStixText(typeof doc === 'string' ? doc : JSON.stringify(doc))) {
    if (p.ok) records.push(p.record);
    else problems.push(p.problem);
  }
  return { records, problems };
}

let seq = 0;
function ind(pattern: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    created: '2025-01-01T00:00:00.000Z',
    modified: '2025-01-01T00:00:00.000Z',
    pattern,
    pattern_type: 'stix',
    valid_from: '2025-01-01T00:00:00Z',
    ...extra,
  };
}
const bundle = (...objects: unknown[]): unknown => ({ type: 'bundle', id: 'bundle--1', objects });
const kv = (rs: RawRecord[]): Array<[string | undefined, string]> => rs.map((r) => [r.kind, r.value]);
const codes = (ps: ParseProblem[]): Array<[number, string]> => ps.map((p) => [p.line, p.code]);

test('maps standard and x-fanzha object paths to kinds', () => {
  const { records, problems } = parse(
    bundle(
      ind("[url:value = 'http://evil.example/login']"),
      ind("[domain-name:value = 'evil.example']"),
      ind("[ipv4-addr:value = '198.51.100.7']"),
      ind("[ipv6-addr:value = '2001:db8::7']"),
      ind("[x-fanzha-phone:value = '+8613812345678']"),
      ind("[phone-number:value = '+8617012345678']"),
      ind("[x-fanzha-bank-card:value = '6222020200112233445']"),
      ind("[x-fanzha-payment-account:value = 'alipay:scam@example.com']"),
      ind("[x-fanzha-app:value = 'com.fake.invest']"),
      ind("[x-fanzha-crypto-address:value = 'TXYZabc123']"),
    ),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(kv(records), [
    ['url', 'http://evil.example/login'],
    ['domain', 'evil.example'],
    ['ip', '198.51.100.7'],
    ['ip', '2001:db8::7'],
    ['phone', '+8613812345678'],
    ['phone', '+8617012345678'],
    ['bank_card', '6222020200112233445'],
    ['payment_account', 'alipay:scam@example.com'],
    ['app', 'com.fake.invest'],
    ['crypto_address', 'TXYZabc123'],
  ]);
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
});

test('user-account login AND type qq/wechat is an im_account, in either order', () => {
  const { records, problems } = parse(
    bundle(
      ind("[user-account:account_login = '123456789' AND user-account:account_type = 'qq']"),
      ind("[user-account:account_type = 'wechat' AND user-account:account_login = 'wxid_abc']"),
      ind("[(user-account:account_type = 'Telegram' AND user-account:account_login = 'scam_bot')]"),
    ),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(kv(records), [
    ['im_account', 'qq:123456789'],
    ['im_account', 'wechat:wxid_abc'],
    ['im_account', 'telegram:scam_bot'],
  ]);
});

test('OR yields one record per comparison, inside and between observations, and IN lists', () => {
  const { records, problems } = parse(
    bundle(
      ind("[domain-name:value = 'a.example' OR domain-name:value = 'b.example']"),
      ind("[url:value = 'http://c.example/'] OR [ipv4-addr:value = '203.0.113.1']"),
      ind("[domain-name:value IN ('d.example', 'e.example')]"),
      ind("([x-fanzha-phone:value = '+8613800000001'] OR ([x-fanzha-phone:value = '+8613800000002']))"),
    ),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(
    records.map((r) => [r.line, r.value]),
    [
      [1, 'a.example'],
      [1, 'b.example'],
      [2, 'http://c.example/'],
      [2, '203.0.113.1'],
      [3, 'd.example'],
      [3, 'e.example'],
      [4, '+8613800000001'],
      [4, '+8613800000002'],
    ],
  );
});

test("escaped quotes and backslashes inside values", () => {
  const { records } = parse(bundle(ind("[url:value = 'http://x.example/it\\'s\\\\here']")));
  assert.deepEqual(kv(records), [['url', "http://x.example/it's\\here"]]);
});

test('qualifiers are read and dropped; ISSUBSET on an IP names the subnet', () => {
  const { records, problems } = parse(
    bundle(
      ind("[domain-name:value = 'a.example'] REPEATS 5 TIMES WITHIN 600 SECONDS"),
      ind("[url:value = 'http://b.example/'] START t'2025-01-01T00:00:00Z' STOP t'2025-02-01T00:00:00Z'"),
      ind("[ipv4-addr:value ISSUBSET '198.51.100.0/24']"),
    ),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(kv(records), [
    ['domain', 'a.example'],
    ['url', 'http://b.example/'],
    ['ip', '198.51.100.0/24'],
  ]);
});

test('UNSUPPORTED_PATTERN: AND of different observables, FOLLOWEDBY, unknown paths, other operators, NOT', () => {
  const { records, problems } = parse(
    bundle(
      ind("[domain-name:value = 'a.example' AND url:value = 'http://a.example/']"),
      ind("[domain-name:value = 'a.example'] AND [url:value = 'http://a.example/']"),
      ind("[domain-name:value = 'a.example'] FOLLOWEDBY [url:value = 'http://a.example/']"),
      ind("[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']"),
      ind("[url:value LIKE 'http://%.example/']"),
      ind("[domain-name:value NOT = 'a.example']"),
      ind("[user-account:account_login = 'root' AND user-account:account_type = 'unix']"),
      ind("[url:value = 'http://ok.example/' OR file:name = 'x.exe']"),
    ),
  );
  assert.deepEqual(codes(problems), [
    [1, 'UNSUPPORTED_PATTERN'],
    [2, 'UNSUPPORTED_PATTERN'],
    [3, 'UNSUPPORTED_PATTERN'],
    [4, 'UNSUPPORTED_PATTERN'],
    [5, 'UNSUPPORTED_PATTERN'],
    [6, 'UNSUPPORTED_PATTERN'],
    [7, 'UNSUPPORTED_PATTERN'],
    [8, 'UNSUPPORTED_PATTERN'],
  ]);
  // The supported branch of an OR still counts.
  assert.deepEqual(
    records.map((r) => [r.line, r.value]),
    [[8, 'http://ok.example/']],
  );
});

test('INVALID_PATTERN for syntax errors and a missing pattern', () => {
  const { problems } = parse(
    bundle(
      ind("[url:value = 'unterminated]"),
      ind("url:value = 'no brackets'"),
      ind("[url:value = 'x'] trailing"),
      ind("[url:value = 'bad \\n escape']"),
      { ...ind(''), pattern: undefined },
    ),
  );
  assert.deepEqual(codes(problems), [
    [1, 'INVALID_PATTERN'],
    [2, 'INVALID_PATTERN'],
    [3, 'INVALID_PATTERN'],
    [4, 'INVALID_PATTERN'],
    [5, 'INVALID_PATTERN'],
  ]);
});

test('other pattern types are UNSUPPORTED_PATTERN_TYPE; an absent pattern_type means stix', () => {
  const { records, problems } = parse(
    bundle(
      ind('alert tcp any any -> any any (msg:"x";)', { pattern_type: 'snort' }),
      { ...ind("[domain-name:value = 'a.example']"), pattern_type: undefined },
    ),
  );
  assert.deepEqual(codes(problems), [[1, 'UNSUPPORTED_PATTERN_TYPE']]);
  assert.deepEqual(kv(records), [['domain', 'a.example']]);
});

test('valid_until, revoked, confidence, x_fanzha_fraud_types and name; labels are not fraud types', () => {
  const { records, problems } = parse(
    bundle(
      ind("[x-fanzha-phone:value = '+8613812345678']", {
        name: 'fake customer service caller',
        valid_until: '2026-03-01T00:00:00Z',
        revoked: true,
        confidence: 85,
        labels: ['malicious-activity'],
        indicator_types: ['malicious-activity'],
        x_fanzha_fraud_types: ['fake_customer_service'],
      }),
      ind("[domain-name:value = 'a.example']", { labels: ['fake_loan'], description: 'loan site' }),
    ),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(records, [
    {
      line: 1,
      value: '+8613812345678',
      kind: 'phone',
      expiresAt: Date.UTC(2026, 2, 1),
      status: 'revoked',
      score: 85,
      fraudTypes: ['fake_customer_service'],
      note: 'fake customer service caller',
    },
    { line: 2, value: 'a.example', kind: 'domain', note: 'loan site' },
  ]);
});

test('bad confidence, valid_until or x_fanzha_fraud_types reject the indicator', () => {
  const p = "[domain-name:value = 'a.example']";
  const { records, problems } = parse(
    bundle(
      ind(p, { confidence: 101 }),
      ind(p, { confidence: 'high' }),
      ind(p, { valid_until: 'soon' }),
      ind(p, { x_fanzha_fraud_types: 'romance' }),
    ),
  );
  assert.deepEqual(records, []);
  assert.deepEqual(codes(problems), [
    [1, 'INVALID_CONFIDENCE'],
    [2, 'INVALID_CONFIDENCE'],
    [3, 'INVALID_VALID_UNTIL'],
    [4, 'INVALID_FRAUD_TYPES'],
  ]);
});

test('non-indicator objects are ignored, and line is the index in objects', () => {
  const { records, problems } = parse(
    bundle(
      { type: 'identity', id: 'identity--1', name: 'City centre', identity_class: 'organization' },
      { type: 'malware', id: 'malware--1', name: 'x', is_family: false },
      ind("[domain-name:value = 'a.example']"),
      { type: 'relationship', id: 'relationship--1', relationship_type: 'indicates' },
    ),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(
    records.map((r) => [r.line, r.value]),
    [[3, 'a.example']],
  );
});

test('observable objects in the bundle and inside observed-data', () => {
  const { records, problems } = parse(
    bundle(
      { type: 'url', id: 'url--1', value: 'http://a.example/x' },
      { type: 'domain-name', id: 'domain-name--1', value: 'b.example' },
      { type: 'ipv4-addr', id: 'ipv4-addr--1', value: '192.0.2.1' },
      { type: 'observed-data', id: 'observed-data--1', object_refs: ['url--1'] },
      {
        type: 'observed-data',
        id: 'observed-data--2',
        objects: { '0': { type: 'domain-name', value: 'c.example' }, '1': { type: 'file', name: 'x' } },
      },
      { type: 'user-account', account_type: 'qq', account_login: '10001' },
      { type: 'domain-name', id: 'domain-name--2' },
    ),
  );
  assert.deepEqual(
    records.map((r) => [r.line, r.kind, r.value]),
    [
      [1, 'url', 'http://a.example/x'],
      [2, 'domain', 'b.example'],
      [3, 'ip', '192.0.2.1'],
      [5, 'domain', 'c.example'],
      [6, 'im_account', 'qq:10001'],
    ],
  );
  assert.deepEqual(codes(problems), [[7, 'INVALID_OBJECT']]);
});

test('a bare array of objects, a single indicator and an empty bundle', () => {
  assert.deepEqual(kv(parse([ind("[domain-name:value = 'a.example']")]).records), [['domain', 'a.example']]);
  assert.deepEqual(kv(parse(ind("[domain-name:value = 'b.example']")).records), [['domain', 'b.example']]);
  assert.deepEqual(parse({ type: 'bundle', id: 'bundle--1' }), { records: [], problems: [] });
});

test('INVALID_JSON, INVALID_BUNDLE and INVALID_OBJECT', () => {
  assert.deepEqual(codes(parse('{"type": "bundle", ').problems), [[1, 'INVALID_JSON']]);
  assert.deepEqual(codes(parse('42').problems), [[1, 'INVALID_BUNDLE']]);
  assert.deepEqual(codes(parse({ type: 'bundle', objects: {} }).problems), [[1, 'INVALID_BUNDLE']]);
  assert.deepEqual(codes(parse(bundle('x', ind("[domain-name:value = 'a.example']"))).problems), [[1, 'INVALID_OBJECT']]);
});

test('parseStix joins lines of a pretty-printed bundle', async () => {
  const text = JSON.stringify(bundle(ind("[domain-name:value = 'a.example']")), null, 2);
  const out = [];
  for await (const p of parseStix(text.split('\n'))) out.push(p);
  assert.deepEqual(
    out.map((p) => (p.ok ? p.record.value : p.problem.code)),
    ['a.example'],
  );
});
