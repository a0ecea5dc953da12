import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePlain } from './parse-plain.js';
import type { ParsedLine, ParseProblem, RawRecord } from './records.js';

async function parse(text: string): Promise<{ records: RawRecord[]; problems: ParseProblem[] }> {
  const records: RawRecord[] = [];
  const problems: ParseProblem[] = [];
  const out: ParsedLine[] = [];
  for await (const p of parsePlain(text.split('\n'))) out.push(p);
  for (const p of out) {
    if (p.ok) records.push(p.record);
    else problems.push(p.problem);
  }
  return { records, problems };
}

const values = (rs: RawRecord[]): string[] => rs.map((r) => r.value);

test('good lines survive bad ones, with their own line numbers', async () => {
  const { records, problems } = await parse(
    ['evil.example', '||^', 'http://bad.example/login', 'example.com##.banner', '+8613812345678'].join('\n'),
  );
  assert.deepEqual(
    records.map((r) => [r.line, r.value]),
    [
      [1, 'evil.example'],
      [3, 'http://bad.example/login'],
      [5, '+8613812345678'],
    ],
  );
  assert.deepEqual(
    problems.map((p) => [p.line, p.code]),
    [
      [2, 'INVALID_LINE'],
      [4, 'UNSUPPORTED_RULE'],
    ],
  );
});

test('skips blank lines, # and ! comments and [Adblock Plus] headers; strips inline comments', async () => {
  const { records, problems } = await parse(
    [
      '[Adblock Plus 2.0]',
      '! Title: list',
      '# a comment',
      '   ',
      '',
      'evil.example # reported 2025-01-01',
      'http://evil.example/#/login',
      'evil2.example\t# tab before the comment',
    ].join('\n'),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(values(records), ['evil.example', 'http://evil.example/#/login', 'evil2.example']);
  assert.deepEqual(
    records.map((r) => r.line),
    [6, 7, 8],
  );
});

test('removes a BOM on line 1 and handles CRLF', async () => {
  const { records } = await parse('\uFEFFevil.example\r\n0.0.0.0 bad.example\r\n');
  assert.deepEqual(values(records), ['evil.example', 'bad.example']);
});

test('hosts-file lines yield one record per name and skip self entries', async () => {
  const { records, problems } = await parse(
    [
      '127.0.0.1 localhost',
      '127.0.0.1\tlocalhost.localdomain',
      '255.255.255.255 broadcasthost',
      '::1 localhost ip6-localhost ip6-loopback',
      '0.0.0.0 0.0.0.0',
      '0.0.0.0 evil.example',
      '127.0.0.1 a.example   b.example',
      '::1 c.example',
      '0.0.0.0 d.example # comment',
    ].join('\n'),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(
    records.map((r) => [r.line, r.value]),
    [
      [6, 'evil.example'],
      [7, 'a.example'],
      [7, 'b.example'],
      [8, 'c.example'],
      [9, 'd.example'],
    ],
  );
  assert.equal(records[0].kind, undefined);
});

test('a bare IP line is a value, not a hosts entry', async () => {
  const { records } = await parse('1.0.169.38\n2001:db8::1');
  assert.deepEqual(values(records), ['1.0.169.38', '2001:db8::1']);
});

test('adblock host rules', async () => {
  const { records, problems } = await parse(
    ['||evil.example^', '||host.example^$all', '||third.example^$third-party,important', '||*.wild.example^', '||1.2.3.4^'].join(
      '\n',
    ),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(values(records), ['evil.example', 'host.example', 'third.example', '*.wild.example', '1.2.3.4']);
  assert.ok(records.every((r) => r.kind === undefined));
});

test('adblock URL rules carry kind url', async () => {
  const { records, problems } = await parse(
    [
      '||evil.example/path^',
      '||1drv.ms/u/s!agne7zi2cmajcpa?e=svijek$all',
      '|https://evil.example/x|',
      '|http://evil.example/y',
    ].join('\n'),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(
    records.map((r) => [r.value, r.kind]),
    [
      ['evil.example/path', 'url'],
      ['1drv.ms/u/s!agne7zi2cmajcpa?e=svijek', 'url'],
      ['https://evil.example/x', 'url'],
      ['http://evil.example/y', 'url'],
    ],
  );
});

test('a leading *. wildcard is kept for the domain normaliser', async () => {
  const { records } = await parse('*.evil.example');
  assert.deepEqual(values(records), ['*.evil.example']);
});

test('exception and $badfilter rules are reported as SKIPPED_EXCEPTION_RULE', async () => {
  const { records, problems } = await parse('@@||good.example^\n||x.example^$badfilter\nevil.example');
  assert.deepEqual(values(records), ['evil.example']);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code]),
    [
      [1, 'SKIPPED_EXCEPTION_RULE'],
      [2, 'SKIPPED_EXCEPTION_RULE'],
    ],
  );
  assert.equal(problems[0].text, '@@||good.example^');
});

test('element hiding, regex, path-only, wildcard and modifier rules are UNSUPPORTED_RULE', async () => {
  const rules = [
    'example.com##.ad',
    '##.banner-ad',
    'example.com#@#.ad',
    'example.com#?#div:has(> a)',
    'example.com#$#body { color: red }',
    'example.com$$script[data-x]',
    '/ads[0-9]+\\.js/',
    '/banner/*/img^',
    '||evil*.example^',
    '||evil.example^path',
    '||evil.example/a*b^',
    '||evil.example^$removeparam=utm_source',
    '|evil.example',
  ];
  const { records, problems } = await parse(rules.join('\n'));
  assert.deepEqual(records, []);
  // `##.banner-ad` starts with `#`: in a hosts file that is a comment, so it is skipped, not reported.
  assert.equal(problems.length, rules.length - 1);
  assert.ok(problems.every((p) => p.code === 'UNSUPPORTED_RULE'), JSON.stringify(problems));
});

test('a URL whose path holds ## or $$ is a value, not a cosmetic rule', async () => {
  const url = 'https://x.example/%5E$$a##b/index.html';
  const { records, problems } = await parse(url);
  assert.deepEqual(problems, []);
  assert.deepEqual(values(records), [url]);
});

test('a line with spaces that is not a hosts line is one value, left to the normaliser', async () => {
  const { records, problems } = await parse('138 1234 5678\n||^');
  assert.deepEqual(values(records), ['138 1234 5678']);
  assert.deepEqual(
    problems.map((p) => [p.line, p.code]),
    [[2, 'INVALID_LINE']],
  );
});

test('accepts an async iterable of lines', async () => {
  async function* gen(): AsyncGenerator<string> {
    yield 'a.example';
    yield '# c';
    yield 'b.example';
  }
  const out: ParsedLine[] = [];
  for await (const p of parsePlain(gen())) out.push(p);
  assert.deepEqual(
    out.map((p) => (p.ok ? [p.record.line, p.record.value] : null)),
    [
      [1, 'a.example'],
      [3, 'b.example'],
    ],
  );
});
