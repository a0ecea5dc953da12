export { formatScoreboard, scoreWarnings, type ScoreRow, type Scoreboard, type ScoredWarning } from './scoreboard.js';
export { PERIODS, periodLabel, periodStart, shiftPeriod, yearEarlier, type Period } from './periods.js';
export { StatsService, TREND_PERIODS, change, type PeriodSlice, type StatsSummary } from './summary.js';
