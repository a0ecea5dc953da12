import type { JurisdictionTree } from '../dispatch/index.js';
import type { PeriodFigures, Share, StatsArea, Store } from '../store/index.js';
import { periodLabel, periodStart, shiftPeriod, yearEarlier, type Period } from './periods.js';

/** How many periods the trend shows, the current one (to date) last. */
export const TREND_PERIODS = 12;

export interface PeriodSlice {
  from: number;
  to: number;
  label: string;
  figures: PeriodFigures;
}

/** The dashboard: this period to date against the previous period (环比) and last year (同比) to the same point. */
export interface StatsSummary {
  period: Period;
  at: number;
  area: StatsArea;
  current: PeriodSlice;
  /** 环比: the previous period, from its start to the same elapsed time. */
  previous: PeriodSlice;
  /** 同比: the same period a year earlier, to the same point. */
  lastYear: PeriodSlice;
  /** The last TREND_PERIODS periods, whole, the current one to date. */
  trend: PeriodSlice[];
  /** This period's warnings, cases and loss per fraud type, and per district (with its name). */
  fraudTypes: Share[];
  districts: Array<Share & { name: string }>;
}

/** The dashboard's figures, from the store, for the city or one district or station. */
export class StatsService {
  constructor(
    private readonly store: Store,
    private readonly tree: () => JurisdictionTree,
  ) {}

  async summary(area: StatsArea, period: Period, at: number): Promise<StatsSummary> {
    const from = periodStart(period, at);
    const trendBounds = Array.from({ length: TREND_PERIODS }, (_, i) => shiftPeriod(period, from, i - TREND_PERIODS + 1));
    trendBounds.push(at);
    const trendFigures = await this.store.stats.figures(trendBounds, area);
    const trend = trendFigures.map((figures, i) => ({ from: trendBounds[i], to: trendBounds[i + 1], label: periodLabel(period, trendBounds[i]), figures }));

    const previousFrom = shiftPeriod(period, from, -1);
    const previous = await this.slice(period, previousFrom, Math.min(previousFrom + (at - from), from), area);
    const lastYear = await this.slice(period, yearEarlier(period, from), yearEarlier(period, at), area);

    const tree = this.tree();
    const districts = (await this.store.stats.byDistrict(from, at, area)).map((s) => ({ ...s, name: s.key ? (tree.get(s.key)?.name ?? s.key) : '' }));
    return { period, at, area, current: trend[trend.length - 1], previous, lastYear, trend, fraudTypes: await this.store.stats.byFraudType(from, at, area), districts };
  }

  private async slice(period: Period, from: number, to: number, area: StatsArea): Promise<PeriodSlice> {
    const [figures] = await this.store.stats.figures([from, Math.max(from, to)], area);
    return { from, to, label: periodLabel(period, from), figures };
  }
}

/** The change from `before` to `now` as a fraction (0.25: up 25%), or null when there was nothing before. */
export function change(now: number, before: number): number | null {
  return before === 0 ? null : (now - before) / before;
}
