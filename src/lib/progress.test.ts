import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgress } from './progress.js';

function fakeStream(isTTY: boolean, columns = 100): { stream: NodeJS.WriteStream; writes: string[] } {
  const writes: string[] = [];
  const stream = {
    isTTY,
    columns,
    write(s: string): boolean {
      writes.push(s);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

test('writes nothing when the stream is not a TTY', () => {
  const { stream, writes } = fakeStream(false);
  const p = createProgress('import', { stream, total: 100 });
  for (let i = 0; i < 1000; i++) p.tick();
  p.done('1000 imported');
  assert.deepEqual(writes, []);
});

test('redraws at most once per 100 ms however often it is ticked', () => {
  const { stream, writes } = fakeStream(true);
  const c = clock();
  const p = createProgress('import', { stream, now: c.now });
  for (let i = 0; i < 100_000; i++) {
    p.tick();
    if (i % 1000 === 999) c.advance(10); // 1000 ms in all
  }
  // The first tick draws, then one frame per 100 ms of clock.
  assert.ok(writes.length >= 10 && writes.length <= 11, `${writes.length} frames`);
  assert.ok(writes.every((w) => w.startsWith('\r')));
  assert.match(writes.at(-1) ?? '', /import {2}9\d,\d{3} {2}\d+(\.\d)?k\/s/);
});

test('shows percent and totals when the total is known, in bytes when asked', () => {
  const { stream, writes } = fakeStream(true);
  const c = clock();
  const p = createProgress('urlhaus.txt', { stream, now: c.now, total: 4 * 1024 * 1024, unit: 'bytes' });
  c.advance(1000);
  p.tick(1024 * 1024);
  assert.equal(writes.length, 1);
  assert.match(writes[0], / 25% {2}1\.0 MiB\/4\.0 MiB {2}1\.0 MiB\/s/);
  assert.match(writes[0], /\[######------------------\]/);
});

test('done prints one final line with the summary and ends it; later calls do nothing', () => {
  const { stream, writes } = fakeStream(true);
  const c = clock();
  const p = createProgress('import', { stream, now: c.now });
  p.tick(500);
  c.advance(2000);
  p.done('480 imported, 20 rejected');
  const last = writes.at(-1) ?? '';
  assert.match(last, /import {2}500 in 2\.0s \(250\/s\) — 480 imported, 20 rejected/);
  assert.ok(last.endsWith('\n'));
  const n = writes.length;
  p.done('again');
  c.advance(1000);
  p.tick();
  assert.equal(writes.length, n);
});

test('a frame never exceeds the terminal width', () => {
  const { stream, writes } = fakeStream(true, 30);
  const p = createProgress('a-rather-long-label-for-a-narrow-terminal', { stream, total: 10 });
  p.tick();
  const visible = writes[0].replace(/^\r/, '').replace(/\x1b\[K$/, '');
  assert.ok(visible.length <= 29, visible);
});
