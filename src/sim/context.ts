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

const compiled = new Map<string, string[]>();

/**
 * Fills `{slot}`s of a template. Templates are split once into literal and slot parts (odd indexes are slot
 * names): a regular expression per message was a tenth of the simulator's time.
 */
export function fill(template: string, values: Record<string, string | number>): string {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    compiled.set(template, parts);
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const v = values[parts[i]];
    out += (v === undefined ? `{${parts[i]}}` : v) + parts[i + 1];
  }
  return out;
}

/** Fen as yuan with two decimals and thousands separators ('1,234.50'). */
export function yuan(fen: number): string {
  let y = String(Math.floor(fen / 100));
  const f = fen % 100;
  // toLocaleString is slow enough to show in a profile; group the digits by hand.
  for (let i = y.length - 3; i > 0; i -= 3) y = `${y.slice(0, i)},${y.slice(i)}`;
  return `${y}.${f < 10 ? '0' : ''}${f}`;
}
