import { itemVisible } from '../dispatch/index.js';
import { maskAccount, maskPhone, maskResidentId } from '../domain/mask.js';
import type { Case, CaseHistoryEntry, Report, Suspect } from './types.js';

/** What a caller may see: every case (the city), one district's, one station's, or none. */
export type CaseScope = { level: 'city' } | { level: 'district'; code: string } | { level: 'station'; code: string } | { level: 'none' };

/** True when `scope` covers a report or case placed at this station / district: the dispatch queues' rule. */
export function visible(scope: CaseScope, x: { station: string | null; district: string | null }): boolean {
  return itemVisible(scope, x);
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const maskName = (name: string | null): string | null => (name === null ? null : name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(name.length - 1)}`);
const phoneMask = (p: string | null): string | null => (p === null ? null : maskPhone(p));
const idMask = (id: string | null): string | null => (id === null ? null : maskResidentId(id));

/** A report on the wire: times ISO-8601; the victim's name, ID number, phone and own accounts masked unless `full`. */
export function reportToWire(r: Report, full: boolean): Record<string, unknown> {
  return {
    ...r,
    victim: full ? r.victim : { name: maskName(r.victim.name), idNumber: idMask(r.victim.idNumber), phone: phoneMask(r.victim.phone) },
    occurredAt: iso(r.occurredAt),
    losses: r.losses.map((l) => ({ ...l, fromAccount: full || l.fromAccount === null ? l.fromAccount : maskAccount(l.fromAccount), ts: iso(l.ts) })),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    submittedAt: iso(r.submittedAt),
  };
}

export function caseToWire(c: Case): Record<string, unknown> {
  return { ...c, openedAt: iso(c.openedAt), updatedAt: iso(c.updatedAt) };
}

export function historyToWire(h: CaseHistoryEntry): Record<string, unknown> {
  return { ...h, at: iso(h.at) };
}

/** A suspect on the wire; ID number and phone masked unless `full`. */
export function suspectToWire(s: Suspect, full: boolean): Record<string, unknown> {
  return {
    ...s,
    idNumber: full ? s.idNumber : idMask(s.idNumber),
    phone: full ? s.phone : phoneMask(s.phone),
    addedAt: iso(s.addedAt),
    arrestedAt: iso(s.arrestedAt),
  };
}
