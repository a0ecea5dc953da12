import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, splitCsvRecord } from './parse-csv.js';
import type { ParseProblem, RawRecord } from './records.js';

async function parse(text: string): Promise<{ records: RawRecord[]; problems: ParseProblem[] }> {
  const records: RawRecord[] = [];
  const problems: ParseProblem[] = [];
  for await (const p of parseCsv(text.split('\n'))) {
    if (p.ok) records.push(p.record);
    else problems.push(p.problem);
  }
  return { records, problems };
}

const codes = (ps: ParseProblem[]): Array<[number, string]> => ps.map((p) => [p.line, p.code]);

test('reads every optional column', async () => {
  const { records, problems } = await parse(
    [
      'value,kind,status,fraud_types,score,expires_at,note',
      '+8613812345678,phone,verified,fake_loan;fake_credit,90,2026-01-31T00:00:00Z,from case 123',
      'evil.example,domain,,,,,',
    ].join('\n'),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(records, [
    {
      line: 2,
      value: '+8613812345678',
      kind: 'phone',
      status: 'verified',
      fraudTypes: ['fake_loan', 'fake_credit'],
      score: 90,
      expiresAt: Date.UTC(2026, 0, 31),
      note: 'from case 123',
    },
    { line: 3, value: 'evil.example', kind: 'domain' },
  ]);
});

test('header is case-insensitive and accepts aliases', async () => {
  const { records, problems } = await parse(
    ['Indicator,Fraud_Type,Comment,Kind', 'evil.example,fake_shopping,seen twice,Domain'].join('\n'),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(records, [
    { line: 2, value: 'evil.example', kind: 'domain', fraudTypes: ['fake_shopping'], note: 'seen twice' },
  ]);

  for (const name of ['url', 'domain', 'phone', 'number', 'account']) {
    const r = await parse(`${name},type\nx,romance|other`);
    assert.deepEqual(r.records, [{ line: 2, value: 'x', fraudTypes: ['romance', 'other'] }], name);
  }
});

test('a one-column header with another name is the value column', async () => {
  const { records, problems } = await parse('pattern\r\n4692576503\r\n2566445079\r\n');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    records.map((r) => [r.line, r.value]),
    [
      [2, '4692576503'],
      [3, '2566445079'],
    ],
  );
});

test('a one-column first line that looks like a value is reported, and the rest is read', async () => {
  const { records, problems } = await parse('4692576503\n2566445079');
  assert.deepEqual(codes(problems), [[1, 'MISSING_HEADER']]);
  assert.deepEqual(
    records.map((r) => r.value),
    ['2566445079'],
  );
});

test('no value column in a multi-column header stops the import', async () => {
  const { records, problems } = await parse('foo,bar\na,b\nc,d');
  assert.deepEqual(records, []);
  assert.deepEqual(codes(problems), [[1, 'MISSING_VALUE_COLUMN']]);
});

test('a header naming a column twice stops the import', async () => {
  const { records, problems } = await parse('value,note,Value\na,b,c');
  assert.deepEqual(records, []);
  assert.deepEqual(codes(problems), [[1, 'DUPLICATE_COLUMN']]);
});

test('an empty file is MISSING_HEADER', async () => {
  assert.deepEqual(codes((await parse('\n\n')).problems), [[1, 'MISSING_HEADER']]);
});

test('RFC 4180 quoting: commas, doubled quotes, fraud types separated by commas inside quotes', async () => {
  const { records, problems } = await parse(
    ['value,fraud_types,note', '"evil.example","task_rebate,fake_investment","said ""refund"", then, hung up"'].join('\n'),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(records, [
    {
      line: 2,
      value: 'evil.example',
      fraudTypes: ['task_rebate', 'fake_investment'],
      note: 'said "refund", then, hung up',
    },
  ]);
});

test('a quoted field may span lines; the record keeps its first line number', async () => {
  const { records, problems } = await parse(['value,note', 'a.example,"line one', 'line two"', 'b.example,x'].join('\n'));
  assert.deepEqual(problems, []);
  assert.deepEqual(records, [
    { line: 2, value: 'a.example', note: 'line one\nline two' },
    { line: 4, value: 'b.example', note: 'x' },
  ]);
});

test('a quote never closed is UNTERMINATED_QUOTE and the following lines are still read', async () => {
  const { records, problems } = await parse(['value,note', 'a.example,"oops', 'b.example,ok', 'c.example,ok'].join('\n'));
  assert.deepEqual(codes(problems), [[2, 'UNTERMINATED_QUOTE']]);
  assert.deepEqual(
    records.map((r) => [r.line, r.value]),
    [
      [3, 'b.example'],
      [4, 'c.example'],
    ],
  );
});

test('an open quote gives up after a bounded number of lines', async () => {
  const body = Array.from({ length: 50 }, (_, i) => `v${i}.example,ok`);
  const { records, problems } = await parse(['value,note', 'a.example,"oops', ...body].join('\n'));
  assert.deepEqual(codes(problems), [[2, 'UNTERMINATED_QUOTE']]);
  assert.equal(records.length, 50);
  assert.equal(records[0].line, 3);
});

test('text after a closing quote is INVALID_QUOTE', async () => {
  const { records, problems } = await parse('value,note\n"a.example"x,y\nb.example,z');
  assert.deepEqual(codes(problems), [[2, 'INVALID_QUOTE']]);
  assert.deepEqual(
    records.map((r) => r.value),
    ['b.example'],
  );
});

test('wrong column count is reported per line and other lines go on', async () => {
  const { records, problems } = await parse(
    ['value,note', 'a.example,x', 'b.example', 'c.example,x,extra', 'd.example,x'].join('\n'),
  );
  assert.deepEqual(codes(problems), [
    [3, 'COLUMN_COUNT'],
    [4, 'COLUMN_COUNT'],
  ]);
  assert.deepEqual(
    records.map((r) => r.line),
    [2, 5],
  );
});

test('field-level problems: MISSING_VALUE, INVALID_KIND, INVALID_STATUS, INVALID_SCORE, INVALID_EXPIRES_AT', async () => {
  const { records, problems } = await parse(
    [
      'value,kind,status,score,expires_at',
      ',phone,,,',
      'a,telegram,,,',
      'b,,closed,,',
      'c,,,101,',
      'd,,,-1,',
      'e,,,high,',
      'f,,,,2025-02-30',
      'g,,,,next week',
      'h,bank-card,BLOCKED,12.5,2025-06-01',
    ].join('\n'),
  );
  assert.deepEqual(codes(problems), [
    [2, 'MISSING_VALUE'],
    [3, 'INVALID_KIND'],
    [4, 'INVALID_STATUS'],
    [5, 'INVALID_SCORE'],
    [6, 'INVALID_SCORE'],
    [7, 'INVALID_SCORE'],
    [8, 'INVALID_EXPIRES_AT'],
    [9, 'INVALID_EXPIRES_AT'],
  ]);
  assert.deepEqual(records, [
    { line: 10, value: 'h', kind: 'bank_card', status: 'blocked', score: 12.5, expiresAt: Date.UTC(2025, 5, 1) },
  ]);
});

test('a line with several problems is one problem whose reason lists them all', async () => {
  const { problems } = await parse('value,kind,status\nx,nope,gone');
  assert.equal(problems.length, 1);
  assert.equal(problems[0].code, 'INVALID_KIND');
  assert.match(problems[0].reason, /nope/);
  assert.match(problems[0].reason, /gone/);
});

test('expires_at: date, offset and zone-less times (taken as UTC)', async () => {
  const { records } = await parse(
    ['value,expires_at', 'a,2025-06-01', 'b,2025-06-01T08:00:00+08:00', 'c,2025-06-01 08:30', 'd,2025-06-01T00:00:00.250Z'].join(
      '\n',
    ),
  );
  assert.deepEqual(
    records.map((r) => r.expiresAt),
    [Date.UTC(2025, 5, 1), Date.UTC(2025, 5, 1), Date.UTC(2025, 5, 1, 8, 30), Date.UTC(2025, 5, 1, 0, 0, 0, 250)],
  );
});

test('BOM, CRLF and blank lines', async () => {
  const { records, problems } = await parse('\uFEFFvalue,note\r\n\r\na.example,x\r\n');
  assert.deepEqual(problems, []);
  assert.deepEqual(records, [{ line: 3, value: 'a.example', note: 'x' }]);
});

test('splitCsvRecord', () => {
  assert.deepEqual(splitCsvRecord('a, b ,"c,d", "e""f" ,'), { ok: true, fields: ['a', 'b', 'c,d', 'e"f', ''] });
  assert.deepEqual(splitCsvRecord('a,"b'), { ok: false, open: true });
  assert.equal(splitCsvRecord('"a"b').ok, false);
});
