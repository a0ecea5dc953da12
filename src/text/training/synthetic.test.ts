import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syntheticDocs } from './synthetic.js';

describe('synthetic training templates', () => {
  it('are deterministic for a seed and differ across seeds', () => {
    assert.deepEqual(syntheticDocs(1), syntheticDocs(1));
    assert.notDeepEqual(syntheticDocs(1).map((d) => d.text), syntheticDocs(2).map((d) => d.text));
  });

  it('fill every slot, label fraud as type other and normal as no type, and say they are synthetic', () => {
    const docs = syntheticDocs(3);
    assert.ok(docs.some((d) => d.fraud) && docs.some((d) => !d.fraud));
    for (const d of docs) {
      assert.doesNotMatch(d.text, /[{}]/);
      assert.equal(d.corpus, 'synthetic');
      assert.equal(d.type, d.fraud ? 'other' : null);
      assert.ok(d.id.startsWith('synthetic:'));
    }
    assert.equal(new Set(docs.map((d) => d.text)).size, docs.length);
  });
});
