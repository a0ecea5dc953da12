/** Periods are counted in China Standard Time (UTC+8 all year: no daylight saving), where the centres work. */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export const PERIODS = ['day', 'week', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/** A wall-clock date in UTC+8 as a Date whose UTC fields read as that local time. */
const local = (ts: number) => new Date(ts + OFFSET_MS);
const fromLocal = (y: number, m: number, d: number) => Date.UTC(y, m, d) - OFFSET_MS;

/** The start of the period containing `ts` (weeks start on Monday). */
export function periodStart(period: Period, ts: number): number {
  const d = local(ts);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  switch (period) {
    case 'day':
      return fromLocal(y, m, day);
    case 'week':
      return fromLocal(y, m, day - ((d.getUTCDay() + 6) % 7));
    case 'month':
      return fromLocal(y, m, 1);
    case 'year':
      return fromLocal(y, 0, 1);
  }
}

/** The start of the period `n` periods after (negative: before) the one starting at `start`. */
export function shiftPeriod(period: Period, start: number, n: number): number {
  const d = local(start);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  switch (period) {
    case 'day':
      return fromLocal(y, m, day + n);
    case 'week':
      return fromLocal(y, m, day + 7 * n);
    case 'month':
      return fromLocal(y, m + n, 1);
    case 'year':
      return fromLocal(y + n, 0, 1);
  }
}

/**
 * The same point one year earlier, for 同比: the same date (29 February falls on 1 March), or for a week the same
 * weekday 52 weeks back, so that week-day patterns line up.
 */
export function yearEarlier(period: Period, ts: number): number {
  if (period === 'week') return ts - 364 * DAY_MS;
  const d = local(ts);
  const then = Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return then - OFFSET_MS;
}

/** A period's name in the centre's calendar: 2026-12-02, 2026-W49 (ISO week), 2026-12, 2026. */
export function periodLabel(period: Period, start: number): string {
  const d = local(start);
  const ymd = d.toISOString().slice(0, 10);
  switch (period) {
    case 'day':
      return ymd;
    case 'week': {
      // ISO week: the week with the year's first Thursday is week 1.
      const thursday = new Date(d.getTime() + 3 * DAY_MS);
      const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
      const week = Math.floor((thursday.getTime() - jan1) / (7 * DAY_MS)) + 1;
      return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
    }
    case 'month':
      return ymd.slice(0, 7);
    case 'year':
      return ymd.slice(0, 4);
  }
}
