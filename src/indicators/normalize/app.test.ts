import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeApp } from './app.js';

describe('normalizeApp', () => {
  const cases: [string, string, 'package' | 'name'][] = [
    ['com.example.app', 'com.example.app', 'package'],
    ['pkg:Com.Example.App', 'com.example.app', 'package'],
    ['pkg:com.tencent.mm', 'com.tencent.mm', 'package'],
    ['PKG： com.unionpay', 'com.unionpay', 'package'],
    ['com.UCMobile', 'com.ucmobile', 'package'],
    ['cn.gov.zwfw_app.v2', 'cn.gov.zwfw_app.v2', 'package'],
    ['https://play.google.com/store/apps/details?id=com.zhiliaoapp.musically&hl=zh', 'com.zhiliaoapp.musically', 'package'],
    ['云闪付', 'name:云闪付', 'name'],
    ['name:云闪付', 'name:云闪付', 'name'],
    ['  Zoom   Cloud\tMeetings ', 'name:Zoom Cloud Meetings', 'name'],
    ['ＱＱ音乐', 'name:QQ音乐', 'name'],
    ['云闪\u200b付', 'name:云闪付', 'name'],
    // A display name with a dot is not a package name: packages begin with a lower-case segment.
    ['Dr.Cleaner', 'name:Dr.Cleaner', 'name'],
    ['Com.Example.App', 'name:Com.Example.App', 'name'],
    ['com', 'name:com', 'name'],
  ];
  for (const [raw, want, form] of cases) {
    it(`${JSON.stringify(raw)} -> ${want}`, () => {
      const r = normalizeApp(raw);
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.canonical, want);
      assert.equal(r.info.form, form);
      const again = normalizeApp(want);
      assert.ok(again.ok);
      assert.equal(again.canonical, want, 'idempotent');
    });
  }

  it('rejects empty input with APP_EMPTY', () => {
    for (const raw of ['', '   ', 'name:']) {
      const r = normalizeApp(raw);
      assert.equal(!r.ok && r.code, 'APP_EMPTY', raw);
    }
  });

  it('rejects an explicit pkg: that is no package name with APP_INVALID_PACKAGE', () => {
    for (const raw of ['pkg:云闪付', 'pkg:com', 'pkg:com.1abc', 'pkg:com..app']) {
      const r = normalizeApp(raw);
      assert.equal(!r.ok && r.code, 'APP_INVALID_PACKAGE', raw);
    }
  });

  it('rejects over-long names with APP_NAME_TOO_LONG and control characters with APP_INVALID_NAME', () => {
    const long = normalizeApp('应'.repeat(101));
    assert.equal(!long.ok && long.code, 'APP_NAME_TOO_LONG');
    const ctl = normalizeApp('bad\u0007name');
    assert.equal(!ctl.ok && ctl.code, 'APP_INVALID_NAME');
  });
});
