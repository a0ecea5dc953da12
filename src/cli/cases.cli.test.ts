import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanzha-cases-cli-'));

function fanzha(args: string[], input?: string) {
  const res = spawnSync(process.execPath, [MAIN, ...args], { input, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', FANZHA_DATA_DIR: dataDir } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const report = (n: number, wechat: string) => ({
  victim: { name: `受害人${n}`, idNumber: `11010119900101${1000 + n}`, phone: `1380013${8000 + n}` },
  occurredAt: '2026-12-01T10:00:00+08:00',
  narrative: '网上认识的老师带我投资，充值后无法提现。',
  fraudType: 'fake_investment',
  indicators: [{ kind: 'wechat', value: wechat }],
});

describe('fanzha reports / cases', () => {
  it('adds NDJSON reports: a bad line is reported with its number and the good ones are kept; cases link', () => {
    const lines = [
      JSON.stringify(report(1, 'teacher_li88')),
      '{not json',
      JSON.stringify({ ...report(2, 'teacher_li88'), victim: { name: '无号码', idNumber: '110101199001011234' } }),
      JSON.stringify(report(3, 'teacher_li88')),
    ].join('\n');
    const added = fanzha(['reports', 'add', '-'], lines);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stderr, /^line 2: INVALID_JSON/m);
    assert.match(added.stderr, /^line 3: VALIDATION_FAILED victim\.phone REQUIRED/m);
    assert.match(added.stderr, /2 added, 2 rejected/);
    const ok = added.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(ok.map((o) => o.line), [1, 4]);

    const listed = fanzha(['reports', 'list']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(listed.length, 2);
    const cases = fanzha(['cases', 'list']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(cases.length, 2);
    const [a, b] = ok.map((o) => o.caseId);
    const similar = fanzha(['cases', 'similar', String(a)]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(similar.map((s) => s.caseId), [b]);
    const clusters = fanzha(['cases', 'clusters']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(clusters[0].cases, [a, b]);
    assert.equal(JSON.parse(fanzha(['cases', 'status', String(a), 'filed', '--note', '立案']).stdout).status, 'filed');
    const wrong = fanzha(['cases', 'status', String(a), 'referred']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /INVALID_TRANSITION/);
    const shown = JSON.parse(fanzha(['cases', 'show', String(a)]).stdout);
    assert.deepEqual(shown.history.map((h: { toStatus: string }) => h.toStatus), ['reported', 'filed']);
    assert.deepEqual(shown.cluster, [a, b]);
  });
});
