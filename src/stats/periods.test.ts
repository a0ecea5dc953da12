import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { periodLabel, periodStart, shiftPeriod, yearEarlier } from './periods.js';

const cst = (s: string) => Date.parse(`${s}+08:00`);

describe('dashboard periods in China Standard Time', () => {
  it('starts days at local midnight, weeks on Monday, months and years on the 1st', () => {
    const at = cst('2026-12-02T00:30:00'); // a Wednesday, 16:30 UTC the day before
    assert.equal(periodStart('day', at), cst('2026-12-02T00:00:00'));
    assert.equal(periodStart('week', at), cst('2026-11-30T00:00:00'));
    assert.equal(periodStart('week', cst('2026-12-06T23:59:59')), cst('2026-11-30T00:00:00'), 'Sunday is the last day of the week');
    assert.equal(periodStart('month', at), cst('2026-12-01T00:00:00'));
    assert.equal(periodStart('year', at), cst('2026-01-01T00:00:00'));
  });

  it('steps back and forth across month and year ends', () => {
    assert.equal(shiftPeriod('month', cst('2026-01-01T00:00:00'), -1), cst('2025-12-01T00:00:00'));
    assert.equal(shiftPeriod('day', cst('2026-03-01T00:00:00'), -1), cst('2026-02-28T00:00:00'));
    assert.equal(shiftPeriod('week', cst('2026-11-30T00:00:00'), -2), cst('2026-11-16T00:00:00'));
    assert.equal(shiftPeriod('year', cst('2026-01-01T00:00:00'), 1), cst('2027-01-01T00:00:00'));
  });

  it('finds the same point a year earlier: the same date, or the same weekday 52 weeks back', () => {
    assert.equal(yearEarlier('month', cst('2026-12-02T10:00:00')), cst('2025-12-02T10:00:00'));
    assert.equal(yearEarlier('day', cst('2028-02-29T10:00:00')), cst('2027-03-01T10:00:00'));
    const week = yearEarlier('week', cst('2026-11-30T00:00:00'));
    assert.equal(new Date(week + 8 * 3_600_000).getUTCDay(), 1, 'still a Monday');
  });

  it('labels periods as the centre writes them', () => {
    assert.equal(periodLabel('day', cst('2026-12-02T00:00:00')), '2026-12-02');
    assert.equal(periodLabel('week', cst('2026-11-30T00:00:00')), '2026-W49');
    assert.equal(periodLabel('week', cst('2026-12-28T00:00:00')), '2026-W53');
    assert.equal(periodLabel('week', cst('2024-12-30T00:00:00')), '2025-W01', 'ISO week-year');
    assert.equal(periodLabel('month', cst('2026-12-01T00:00:00')), '2026-12');
    assert.equal(periodLabel('year', cst('2026-01-01T00:00:00')), '2026');
  });
});
