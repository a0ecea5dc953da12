import type { City } from './city.js';
import type { CardIssuer, NumberPlan } from './numbers.js';
import type { Roster } from './people.js';

/** What every part of the simulator shares: the seed, the window, the city, its number and card plans, its people. */
export interface SimContext {
  seed: number;
  /** Local midnight (UTC+8) of the first day, epoch ms. */
  start: number;
  days: number;
  /** End of the window, epoch ms (exclusive). */
  end: number;
  city: City;
  numbers: NumberPlan;
  cards: CardIssuer;
  roster: Roster;
}

/** Fills `{slot}`s of a template. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}

/** Fen as yuan with two decimals and thousands separators ('1,234.50'). */
export function yuan(fen: number): string {
  const y = Math.floor(fen / 100);
  const f = fen % 100;
  return `${y.toLocaleString('en-US')}.${f < 10 ? '0' : ''}${f}`;
}
