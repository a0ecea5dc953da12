import { missingRealdata } from '../config/index.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanzha-cli-dispatch-'));

function fanzha(args: string[]) {
  const res = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', NATS_URL: '', FANZHA_DATA_DIR: dataDir, PORT: '1' } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('fanzha warnings', { skip: missingRealdata() }, () => {
  it('routes warnings ingested from a file to the rostered station, and works one to an outcome from a script', () => {
    const roster = path.join(dataDir, 'roster.ndjson');
    fs.writeFileSync(roster, `${JSON.stringify({ phone: '13812345678', accounts: 1, age: 70, district: '小店区', districtCode: '140105', station: '坞城派出所', stationCode: '140105001' })}\n{"phone":"x"}\n`);
    const imported = fanzha(['warnings', 'roster', roster]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /imported 1, rejected 1/);

    const events = path.join(dataDir, 'events.ndjson');
    fs.writeFileSync(events, [
      { id: 'c1', type: 'call', ts: '2026-03-02T01:00:00Z', from: '+852 9558 8123', to: '138 1234 5678', durationSec: 1500 },
      { id: 'a1', type: 'app', ts: '2026-03-02T09:12:00+08:00', subscriber: '138 1234 5678', app: '腾讯会议', action: 'screen_share_start' },
    ].map((e) => JSON.stringify(e)).join('\n'));
    const ingested = fanzha(['ingest', events]);
    assert.equal(ingested.code, 0, ingested.stderr);

    const list = fanzha(['warnings', 'list', '--station', '140105001']);
    assert.equal(list.code, 0, list.stderr);
    const items = list.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(items.map((i) => [i.station, i.level, i.status, i.person]), [['140105001', 2, 'open', '+8613812345678']]);
    const id = items[0].warningId as string;

    const act = fanzha(['warnings', 'act', id, '--action', 'call', '--reached', '--duration', '200', '--outcome', 'dissuaded']);
    assert.equal(act.code, 0, act.stderr);
    assert.equal(JSON.parse(act.stdout).status, 'closed');
    const again = fanzha(['warnings', 'act', id, '--outcome', 'refused']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /INVALID_TRANSITION/);
    const shown = JSON.parse(fanzha(['warnings', 'show', id]).stdout);
    assert.equal(shown.item.person, '+86138****5678', 'the CLI speaks for the city: masked');
    assert.deepEqual(shown.trail.map((e: { action: string }) => e.action), ['routed', 'call', 'outcome']);
  });

  it('gives tokens a jurisdiction: officers and banks must have one, and it must be in the tree', () => {
    const none = fanzha(['tokens', 'create', '--role', 'station_officer', '--name', '王']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /needs a scope \(--scope: /);
    assert.equal(fanzha(['tokens', 'create', '--role', 'station_officer', '--name', '王', '--scope', '999999']).code, 1);
    const ok = fanzha(['tokens', 'create', '--role', 'station_officer', '--name', '王', '--scope', '140105001']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^fz_/);
    assert.equal(fanzha(['tokens', 'create', '--role', 'bank_partner', '--name', 'icbc', '--scope', '中国工商银行']).code, 0);
    const list = fanzha(['tokens', 'list']).stdout;
    assert.match(list, /station_officer\t140105001\tactive\t王/);
    assert.match(list, /bank_partner\t中国工商银行\tactive\ticbc/);
  });
});
