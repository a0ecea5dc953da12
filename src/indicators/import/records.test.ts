import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FanzhaError } from '../../domain/errors.js';
import type { ImportFormat, ParsedLine } from './records.js';
import { isImportFormat, parseImport, parseIsoTimestamp, splitLines } from './records.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const summary = (ps: ParsedLine[]): string[] => ps.map((p) => (p.ok ? `${p.record.line}:${p.record.value}` : p.problem.code));

test('parseImport dispatches on the format', async () => {
  assert.deepEqual(summary(await collect(parseImport('plain', ['a.example', '||b.example^']))), [
    '1:a.example',
    '2:b.example',
  ]);
  assert.deepEqual(summary(await collect(parseImport('csv', ['value', 'a.example']))), ['2:a.example']);
  const stix = JSON.stringify({ type: 'bundle', objects: [{ type: 'domain-name', value: 'a.example' }] });
  assert.deepEqual(summary(await collect(parseImport('stix', [stix]))), ['1:a.example']);
});

test('parseImport rejects an unknown format with UNSUPPORTED_FORMAT', () => {
  assert.throws(
    () => parseImport('xml' as ImportFormat, []),
    (err: unknown) => err instanceof FanzhaError && err.code === 'UNSUPPORTED_FORMAT' && err.status === 400,
  );
  assert.equal(isImportFormat('csv'), true);
  assert.equal(isImportFormat('xml'), false);
});

test('splitLines: chunk boundaries, CRLF split across chunks, multi-byte characters split across buffers', async () => {
  const bytes = Buffer.from('一.example\r\nb.example\nlast', 'utf8');
  // Split inside the 3-byte 一, and between \r and \n.
  const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 11), bytes.subarray(11, 12), bytes.subarray(12)];
  assert.deepEqual(await collect(splitLines(chunks)), ['一.example', 'b.example', 'last']);
  assert.deepEqual(await collect(splitLines(['a\n', '\n', 'b\r\n'])), ['a', '', 'b']);
  assert.deepEqual(await collect(splitLines([])), []);
});

test('parseIsoTimestamp', () => {
  assert.equal(parseIsoTimestamp('2025-06-01'), Date.UTC(2025, 5, 1));
  assert.equal(parseIsoTimestamp('2025-06-01T10:20:30Z'), Date.UTC(2025, 5, 1, 10, 20, 30));
  assert.equal(parseIsoTimestamp('2025-06-01T10:20:30.123456Z'), Date.UTC(2025, 5, 1, 10, 20, 30, 123));
  assert.equal(parseIsoTimestamp('2025-06-01T10:20:30-0130'), Date.UTC(2025, 5, 1, 11, 50, 30));
  assert.equal(parseIsoTimestamp('2024-02-29'), Date.UTC(2024, 1, 29));
  for (const bad of ['2025-02-29', '2025-13-01', '2025-06-01T24:00:00Z', '06/01/2025', '1717200000000', '']) {
    assert.equal(parseIsoTimestamp(bad), undefined, bad);
  }
});
