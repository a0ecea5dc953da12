import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CASE_LINK_EXCLUSIONS, exclusionPredicate } from './exclusions.js';
import { CaseLinker } from './linker.js';

const excluded = exclusionPredicate(
  [...CASE_LINK_EXCLUSIONS, { kind: 'phone', value: '+8695588' }],
  ['gov.cn', 'icbc.com.cn'],
);

describe('case linker', () => {
  it('links cases sharing an indicator, never through excluded values', () => {
    const l = new CaseLinker({ maxCases: 10, excluded });
    l.add(1, ['phone|+8613800000001', 'phone|+8695588', 'app|com.tencent.wemeet.app']);
    l.add(2, ['phone|+8695588', 'app|com.tencent.wemeet.app', 'domain|t.cn', 'url|www.icbc.com.cn/login']);
    l.add(3, ['phone|+8613800000001']);
    l.add(4, ['domain|t.cn', 'url|www.icbc.com.cn/login', 'url|t.cn/abc']);
    l.add(5, ['url|t.cn/abc']);
    const clusters = l.clusters();
    assert.deepEqual(clusters.map((c) => c.cases), [[1, 3], [4, 5]]);
    assert.deepEqual(clusters[0].shared, [{ key: 'phone|+8613800000001', cases: 2 }]);
    assert.deepEqual(clusters[1].shared, [{ key: 'url|t.cn/abc', cases: 2 }]);
    assert.equal(l.linking('phone|+8695588'), false);
    assert.deepEqual(l.similar(2), []);
  });

  it('an indicator past the fan-out cap links nothing, also after it was linking', () => {
    const l = new CaseLinker({ maxCases: 3, excluded: () => false });
    for (const id of [1, 2, 3]) l.add(id, ['phone|+8613800000009']);
    assert.deepEqual(l.clusters().map((c) => c.cases), [[1, 2, 3]]);
    l.add(4, ['phone|+8613800000009']);
    assert.deepEqual(l.clusters(), []);
    assert.equal(l.holders('phone|+8613800000009'), 4);
    assert.deepEqual(l.similar(1), []);
  });

  it('clusters are connected components, largest first, and follow removals', () => {
    const l = new CaseLinker({ maxCases: 10, excluded: () => false });
    l.add(1, ['a|1']);
    l.add(2, ['a|1', 'b|2']);
    l.add(3, ['b|2', 'c|3']);
    l.add(4, ['c|3']);
    l.add(7, ['d|4']);
    l.add(8, ['d|4']);
    assert.deepEqual(l.clusters().map((c) => c.cases), [[1, 2, 3, 4], [7, 8]]);
    assert.deepEqual(l.clusterOf(4), [1, 2, 3, 4]);
    l.set(3, ['c|3']);
    assert.deepEqual(l.clusters().map((c) => c.cases), [[1, 2], [3, 4], [7, 8]]);
  });

  it('ranks similar cases by rarity-weighted shared indicators, then the same fraud type', () => {
    const l = new CaseLinker({ maxCases: 10, excluded: () => false });
    // "common" is held by 6 cases, "rare" by 2: sharing the rare one weighs more.
    l.add(1, ['x|rare', 'x|common', 'x|mid']);
    l.add(2, ['x|rare']);
    l.add(3, ['x|common']);
    l.add(4, ['x|common']);
    l.add(5, ['x|common', 'x|mid']);
    l.add(6, ['x|common', 'x|mid']);
    l.add(9, ['x|common']);
    l.setType(1, 'fake_investment');
    l.setType(3, 'task_rebate');
    l.setType(4, 'fake_investment');
    const ranked = l.similar(1);
    // 5 and 6 share two indicators; 2 shares the rare one; 4 (same type) ahead of 3 and 9 (common only).
    assert.deepEqual(ranked.map((s) => s.caseId), [5, 6, 2, 4, 3, 9]);
    assert.deepEqual(ranked[0].shared, ['x|mid', 'x|common']);
    assert.equal(ranked.find((s) => s.caseId === 4)!.sameType, true);
    assert.ok(ranked[2].score > ranked[3].score);
  });
});
