import type { WarningEvidence } from '../domain/warning.js';
import type { Episode, PersonState } from './person-state.js';
import type { Rulebook, Step, StepRef } from './rulebook.js';
import type { Signal } from './signals.js';

/** A weak sign (a call from a virtual-operator number is 0.4) may open an episode; nothing weaker does. */
const MIN_OPENING_STRENGTH = 0.4;

/**
 * Typology progress: a signal that matches a step of a typology advances the person's episode of it when the step
 * comes after the last one matched and within its time; steps may be skipped (their weight is simply not earned),
 * never taken out of order. Only an opening step (the first, or one marked `opens`) starts an episode, so a
 * transfer alone never looks like the end of a scam. An episode older than its typology's window starts over.
 */
export function advanceEpisodes(state: PersonState, signals: readonly Signal[], rb: Rulebook, eventId: string, ts: number): boolean {
  let advanced = false;
  // The strongest sign of an event takes a step that several of its signs match.
  const ordered = signals.length > 1 ? [...signals].sort((a, b) => b.strength - a.strength) : signals;
  for (const signal of ordered) {
    const refs = rb.bySignal.get(signal.name);
    if (!refs) continue;
    for (const ref of refs) {
      if (ref.type !== null && !signal.types.includes(ref.type)) continue;
      if (advance(state, ref, signal, eventId, ts)) advanced = true;
    }
  }
  return advanced;
}

function advance(state: PersonState, ref: StepRef, signal: Signal, eventId: string, ts: number): boolean {
  const { typology, step } = ref;
  const i = state.episodes.findIndex((ep) => ep.typology === typology.id);
  let ep: Episode | undefined = i >= 0 ? state.episodes[i] : undefined;
  if (ep && (ts - ep.startTs > typology.windowMs || (step.index > ep.lastStep && ts - ep.lastTs > step.withinMs))) {
    state.episodes.splice(i, 1);
    ep = undefined;
  }
  // An opening sign for a step already matched starts the episode over when the old one can no longer progress:
  // every later step is past its time. Otherwise a weak, stale start (a call to a relative abroad yesterday)
  // would hold the typology's only episode and shut out a fresh one.
  if (ep && step.opens && step.index <= ep.lastStep && signal.strength >= MIN_OPENING_STRENGTH && stale(ep, typology.steps, ts)) {
    state.episodes.splice(state.episodes.indexOf(ep), 1);
    ep = undefined;
  }
  // In order means in event time too.
  if (ep && (step.index <= ep.lastStep || ts < ep.lastTs)) return false;
  if (!ep && (!step.opens || signal.strength < MIN_OPENING_STRENGTH)) return false;
  if (step.requires && (!ep || ep.lastStep !== step.index - 1)) return false;
  if (!ep) {
    ep = { typology: typology.id, startTs: ts, lastStep: -1, lastTs: ts, score: 0, specific: 0, evidence: [] };
    state.addEpisode(ep);
  }
  const weight = Math.round(step.weight * signal.strength * 10) / 10;
  const evidence: WarningEvidence = { typology: typology.id, step: step.name, signal: signal.name, weight, eventId, ts, detail: signal.detail() };
  if (signal.indicator) evidence.indicator = signal.indicator;
  ep.evidence.push(evidence);
  ep.score = Math.min(100, Math.round((ep.score + weight) * 10) / 10);
  ep.lastStep = step.index;
  ep.lastTs = ts;
  if (ref.type !== null) ep.specific++;
  return true;
}

/** True when no step after the episode's last one can still be matched in time. */
function stale(ep: Episode, steps: readonly Step[], ts: number): boolean {
  for (let j = ep.lastStep + 1; j < steps.length; j++) {
    const s = steps[j];
    if (ts - ep.lastTs <= s.withinMs && (!s.requires || j === ep.lastStep + 1)) return false;
  }
  return true;
}

/** The person's strongest live episode, or null; ties go to the more specific, then to the typology listed first. */
export function strongestEpisode(state: PersonState, rb: Rulebook, ts: number): Episode | null {
  let best: Episode | null = null;
  let bestOrder = Infinity;
  for (const ep of state.episodes) {
    const order = rb.typologies.findIndex((t) => t.id === ep.typology);
    if (order < 0 || ts - ep.startTs > rb.typologies[order].windowMs) continue;
    const better =
      !best || ep.score > best.score || (ep.score === best.score && (ep.specific > best.specific || (ep.specific === best.specific && order < bestOrder)));
    if (better) {
      best = ep;
      bestOrder = order;
    }
  }
  return best;
}

/** Drops episodes past their typology's window (or of typologies no longer in the rule book). */
export function pruneEpisodes(state: PersonState, rb: Rulebook, ts: number): void {
  state.episodes = state.episodes.filter((ep) => {
    const t = rb.typologies.find((x) => x.id === ep.typology);
    return t !== undefined && ts - ep.startTs <= t.windowMs;
  });
}
