import { FRAUD_TYPE_CODES, type FraudType } from '../domain/fraud-type.js';
import type { Warning } from '../domain/warning.js';
import type { Truth } from '../sim/index.js';

/** The fields of a warning the scoreboard reads. */
export type ScoredWarning = Pick<Warning, 'id' | 'kind' | 'person' | 'raisedAt' | 'events'>;

/** One row of the scoreboard: all attempts, or those of one fraud type. */
export interface ScoreRow {
  attempts: number;
  /** Attempts with at least one loss transfer. */
  attemptsWithLoss: number;
  /** Warned before the first loss transfer (or warned at all, for an attempt that never lost money). */
  warnedBeforeLoss: number;
  /** warnedBeforeLoss / attempts; null without attempts. */
  interceptionRate: number | null;
  /** Of the attempts with a loss, those warned before it. */
  warnedBeforeLossWithLoss: number;
  /** Median minutes from the first warning to the first loss, over attempts warned before a loss; null when none. */
  medianLeadMinutes: number | null;
  /** Warned only after the first loss transfer. */
  warnedAfterLoss: number;
  missed: number;
  lossFen: number;
  /** The loss of attempts warned before their first transfer: what a warning acted on would have saved. */
  preventedLossFen: number;
}

export interface Scoreboard {
  graceMinutes: number;
  overall: ScoreRow;
  byType: Record<FraudType, ScoreRow>;
  personWarnings: number;
  /** Person warnings about a mule-account holder (and no attempt): leads for cutting the supply, not false alarms. */
  onMuleHolders: number;
  falseWarnings: {
    count: number;
    normalPeople: number;
    days: number;
    /** False person warnings per 10,000 normal people per day. */
    per10kPeoplePerDay: number;
  };
  fundWarnings: {
    total: number;
    /** Name a victim's loss transfer among their events. */
    onLoss: number;
    /** Name a laundering hop (and no loss transfer). */
    onLaundering: number;
    unmatched: number;
  };
}

function emptyRow(): ScoreRow {
  return {
    attempts: 0, attemptsWithLoss: 0, warnedBeforeLoss: 0, interceptionRate: null, warnedBeforeLossWithLoss: 0,
    medianLeadMinutes: null, warnedAfterLoss: 0, missed: 0, lossFen: 0, preventedLossFen: 0,
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Scores warnings against the ground truth. A person warning belongs to an attempt when its `person` is the
 * victim's E.164 phone or `account:<one of the victim's accounts>` and it was raised between the attempt's first
 * step and its last step plus the grace (the truth's graceMinutes unless given); one that belongs to no attempt is
 * a false warning, unless it is about one of the gangs' mule-account holders (counted apart). Warnings are counted
 * once per id.
 */
export function scoreWarnings(truth: Truth, warnings: Iterable<ScoredWarning>, options: { graceMinutes?: number } = {}): Scoreboard {
  const grace = (options.graceMinutes ?? truth.graceMinutes) * 60_000;
  const byKey = new Map<string, number[]>();
  const spans = truth.attempts.map((a, i) => {
    for (const key of [a.victim.phone, ...a.victim.accounts.map((x) => `account:${x}`)]) {
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    }
    return { from: Date.parse(a.firstStepAt), to: Date.parse(a.lastStepAt) + grace, firstLoss: a.firstLossAt === null ? null : Date.parse(a.firstLossAt) };
  });
  const lossIds = new Set<string>();
  const hopIds = new Set<string>();
  for (const a of truth.attempts) {
    for (const l of a.losses) lossIds.add(l.eventId);
    for (const h of a.hops) hopIds.add(h.eventId);
  }

  const firstWarning: Array<number | null> = truth.attempts.map(() => null);
  const seen = new Set<string>();
  let personWarnings = 0;
  let falseCount = 0;
  let onMuleHolders = 0;
  const muleHolders = new Set(truth.muleHolders ?? []);
  const fund = { total: 0, onLoss: 0, onLaundering: 0, unmatched: 0 };
  for (const w of warnings) {
    if (seen.has(w.id)) continue;
    seen.add(w.id);
    if (w.kind === 'fund') {
      fund.total++;
      if (w.events.some((id) => lossIds.has(id))) fund.onLoss++;
      else if (w.events.some((id) => hopIds.has(id))) fund.onLaundering++;
      else fund.unmatched++;
      continue;
    }
    if (w.kind !== 'person') continue;
    personWarnings++;
    let matched = false;
    for (const i of byKey.get(w.person) ?? []) {
      const s = spans[i];
      if (w.raisedAt < s.from || w.raisedAt > s.to) continue;
      matched = true;
      const prev = firstWarning[i];
      if (prev === null || w.raisedAt < prev) firstWarning[i] = w.raisedAt;
    }
    if (!matched) {
      if (muleHolders.has(w.person)) onMuleHolders++;
      else falseCount++;
    }
  }

  const overall = emptyRow();
  const byType = Object.fromEntries(FRAUD_TYPE_CODES.map((t) => [t, emptyRow()])) as Record<FraudType, ScoreRow>;
  const leads = new Map<ScoreRow, number[]>([[overall, []]]);
  for (const row of Object.values(byType)) leads.set(row, []);
  truth.attempts.forEach((a, i) => {
    const { firstLoss } = spans[i];
    const warned = firstWarning[i];
    for (const row of [overall, byType[a.fraudType]]) {
      row.attempts++;
      row.lossFen += a.totalLossFen;
      if (firstLoss !== null) row.attemptsWithLoss++;
      if (warned === null) row.missed++;
      else if (firstLoss === null || warned < firstLoss) {
        row.warnedBeforeLoss++;
        row.preventedLossFen += a.totalLossFen;
        if (firstLoss !== null) {
          row.warnedBeforeLossWithLoss++;
          leads.get(row)!.push((firstLoss - warned) / 60_000);
        }
      } else row.warnedAfterLoss++;
    }
  });
  for (const [row, values] of leads) {
    row.medianLeadMinutes = median(values);
    row.interceptionRate = row.attempts ? row.warnedBeforeLoss / row.attempts : null;
  }
  const personDays = truth.normalPeople * truth.days;
  return {
    graceMinutes: grace / 60_000,
    overall,
    byType,
    personWarnings,
    onMuleHolders,
    falseWarnings: { count: falseCount, normalPeople: truth.normalPeople, days: truth.days, per10kPeoplePerDay: personDays ? (falseCount / personDays) * 10_000 : 0 },
    fundWarnings: fund,
  };
}

const pct = (r: number | null): string => (r === null ? '-' : `${(r * 100).toFixed(1)}%`);
const yuanText = (fen: number): string => Math.round(fen / 100).toLocaleString('en-US');

/** The scoreboard as a plain-text table. */
export function formatScoreboard(s: Scoreboard): string {
  const head = ['fraud type', 'attempts', 'warned before loss', 'rate', 'median lead (min)', 'after loss', 'missed', 'loss (yuan)', 'preventable (yuan)'];
  const line = (name: string, r: ScoreRow): string[] => [
    name, String(r.attempts), String(r.warnedBeforeLoss), pct(r.interceptionRate),
    r.medianLeadMinutes === null ? '-' : r.medianLeadMinutes.toFixed(1), String(r.warnedAfterLoss), String(r.missed), yuanText(r.lossFen), yuanText(r.preventedLossFen),
  ];
  const rows = [head, ...FRAUD_TYPE_CODES.filter((t) => s.byType[t].attempts > 0).map((t) => line(t, s.byType[t])), line('all', s.overall)];
  const widths = head.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const fmt = (r: string[]): string => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  const out = [fmt(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1, -1).map(fmt), widths.map((w) => '-'.repeat(w)).join('  '), fmt(rows[rows.length - 1])];
  const f = s.falseWarnings;
  out.push('');
  out.push(`person warnings: ${s.personWarnings}; on mule-account holders: ${s.onMuleHolders}; false: ${f.count} = ${f.per10kPeoplePerDay.toFixed(2)} per 10,000 normal people per day (${f.normalPeople.toLocaleString('en-US')} people, ${f.days} days)`);
  out.push(`fund warnings: ${s.fundWarnings.total} (${s.fundWarnings.onLoss} on a loss transfer, ${s.fundWarnings.onLaundering} on a laundering hop, ${s.fundWarnings.unmatched} unmatched)`);
  out.push(`a warning counts for an attempt from its first step to ${s.graceMinutes} minutes after its last`);
  return out.join('\n') + '\n';
}
