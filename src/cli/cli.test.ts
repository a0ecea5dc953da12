import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanzha-cli-'));

/** Runs the real `fanzha` command on a fresh SQLite store (the CLI tests always use SQLite). */
function fanzha(args: string[], input?: string, env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, [MAIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', FANZHA_DATA_DIR: dataDir, ...env },
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('fanzha CLI', () => {
  it('imports a list: every good line in, every bad line reported with its number; a re-import changes nothing', () => {
    const file = path.join(dataDir, 'phones.txt');
    fs.writeFileSync(file, '# numbers from victim reports\n138 1234 5678\n+86-171-2345-6789\nnot-a-number\n0086 139 0000 1111\n');
    const first = fanzha(['indicators', 'import', '--kind', 'phone', '--status', 'blocked', '--fraud-types', 'impersonate_authority', file]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /3 created, 0 updated, 0 unchanged, 1 rejected/);
    assert.match(first.stderr, /^line 4: \S+/m);
    const again = fanzha(['indicators', 'import', '--kind', 'phone', '--status', 'blocked', '--json', file]);
    const report = JSON.parse(again.stdout);
    assert.deepEqual([report.created, report.updated, report.unchanged], [0, 0, 3]);
  });

  it('checks values from standard input in order, one JSON object per line, bad lines included', () => {
    const res = fanzha(['check', '--stdin'], '13812345678\n\nhttps://\n17123456789\n');
    assert.equal(res.code, 0, res.stderr);
    const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 4);
    assert.deepEqual(lines.map((l) => l.verdict), ['block', 'unknown', 'unknown', 'block']);
    assert.equal(lines[0].canonical, '+8613812345678');
    assert.equal(lines[0].matches[0].via, 'exact');
    assert.equal(lines[1].error.code, 'EMPTY_LINE');
    assert.ok(lines[2].error.code);
    for (const l of lines) for (const key of ['value', 'kind', 'canonical', 'verdict', 'matches']) assert.ok(key in l, key);
  });

  it('finds and checks the indicators in a message', () => {
    const res = fanzha(['check', '--text', '您涉嫌洗钱，请立即联系专案民警 138-1234-5678，并访问 ｅｖｉｌ．ｃｏｍ/case 配合调查']);
    const found = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(found.map((f) => [f.kind, f.canonical]), [['phone', '+8613812345678'], ['url', 'evil.com/case']]);
    assert.equal(found[0].verdict, 'block');
  });

  it('changes a status with a reason, lists and exports', () => {
    const listed = fanzha(['indicators', 'list', '--kind', 'phone']);
    const id = listed.stdout.split('\n').find((l) => l.includes('+8617123456789'))!.trim().split(/\s+/)[0];
    const noReason = fanzha(['indicators', 'set-status', id, 'revoked']);
    assert.notEqual(noReason.code, 0);
    const revoked = fanzha(['indicators', 'set-status', id, 'revoked', '--reason', 'the number was reassigned']);
    assert.equal(revoked.code, 0, revoked.stderr);
    const exported = fanzha(['indicators', 'export', '--kind', 'phone', '--status', 'blocked']);
    assert.deepEqual(exported.stdout.trim().split('\n').sort(), ['+8613812345678', '+8613900001111']);
    const csv = fanzha(['indicators', 'export', '--format', 'csv', '--kind', 'phone']);
    assert.match(csv.stdout, /^id,kind,value,status,fraud_types/);
    const blocked = fanzha(['indicators', 'set-status', '1', 'blocked', '--reason', 'x'], undefined);
    assert.equal(blocked.code, 0);
    const bad = fanzha(['indicators', 'set-status', '1', 'frozen', '--reason', 'x']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /VALIDATION_FAILED/);
  });

  it('refuses to block an allow-listed number', () => {
    const res = fanzha(['indicators', 'import', '--kind', 'phone', '--status', 'blocked', '-'], '96110\n95588\n');
    assert.match(res.stdout, /0 created/);
    assert.match(res.stderr, /line 1: ALLOWLISTED/);
    assert.match(res.stderr, /line 2: ALLOWLISTED/);
  });

  it('classifies JSON lines in order, with an error line for a malformed one', () => {
    const input = [
      JSON.stringify({ id: 1, text: '您好，我是京东客服，您的会员即将扣费，关闭需要下载会议软件共享屏幕操作' }),
      '{not json',
      JSON.stringify({ id: 3 }),
      JSON.stringify({ id: 4, text: '明天上午十点开会，记得带上季度报表' }),
    ].join('\n');
    const res = fanzha(['classify'], input);
    assert.equal(res.code, 0, res.stderr);
    const out = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(out.length, 4);
    assert.equal(out[0].id, 1);
    assert.equal(out[0].fraud, true);
    for (const key of ['id', 'fraud', 'score', 'type', 'typeScore', 'reasons']) assert.ok(key in out[0], key);
    assert.deepEqual([out[1].line, out[1].error.code], [2, 'INVALID_JSON']);
    assert.deepEqual([out[2].id, out[2].error.code], [3, 'VALIDATION_FAILED']);
    assert.equal(out[3].fraud, false);
  });

  it('stops with every configuration problem listed', () => {
    const res = fanzha(['indicators', 'list'], undefined, { PORT: 'abc', FANZHA_VERIFY_THRESHOLD: '0' });
    assert.equal(res.code, 2);
    assert.match(res.stderr, /PORT/);
    assert.match(res.stderr, /FANZHA_VERIFY_THRESHOLD/);
  });

  it('creates console users with the password on standard input, lists and disables them', () => {
    const made = fanzha(['users', 'create', '--username', 'li.hotline', '--name', '李（96110）', '--role', 'hotline'], 'take-the-call-fast\n');
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /li\.hotline \(hotline\)/);
    assert.doesNotMatch(made.stdout + made.stderr, /take-the-call-fast/, 'the password is never echoed');
    const weak = fanzha(['users', 'create', '--username', 'weak', '--name', 'w', '--role', 'analyst'], 'short\n');
    assert.notEqual(weak.code, 0);
    assert.match(weak.stderr, /10 characters/);
    const noScope = fanzha(['users', 'create', '--username', 'bank', '--name', 'b', '--role', 'bank_partner'], 'long-enough-pass\n');
    assert.match(noScope.stderr, /needs a scope \(--scope: /);
    assert.equal(fanzha(['users', 'disable', 'li.hotline']).code, 0);
    assert.match(fanzha(['users', 'list']).stdout, /li\.hotline\thotline\t-\tdisabled/);
    assert.notEqual(fanzha(['users', 'disable', 'nobody']).code, 0);
  });

  it('prints the key figures with 环比 and 同比, and refuses a bad period', () => {
    const res = fanzha(['stats', '--period', 'week', '--at', '2026-12-02T18:00:00+08:00']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^2026-W49 to 2026-12-02T10:00:00.000Z\tnow\t2026-W48\t环比\t2025-W49\t同比$/m);
    assert.match(res.stdout, /^预警 warnings\t0\t0\t-\t0\t-$/m);
    const json = JSON.parse(fanzha(['stats', '--json', '--period', 'day']).stdout);
    assert.equal(json.trend.length, 12);
    assert.notEqual(fanzha(['stats', '--period', 'decade']).code, 0);
  });
});
