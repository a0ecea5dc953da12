import type { BankInstruction, DispatchItem, Scope } from './types.js';

/** What a console hears: an item created or changed, or a bank instruction (for bank partners). */
export type LiveEvent = { type: 'item'; change: string; item: DispatchItem } | { type: 'instruction'; instruction: BankInstruction };

export interface LiveSubscriber {
  scope: Scope;
  /** Called with the event shaped for this subscriber (masked for its view). */
  send(event: LiveEvent): void;
}

/** True when `scope` may see `item`. */
export function itemVisible(scope: Scope, item: Pick<DispatchItem, 'station' | 'district'>): boolean {
  switch (scope.level) {
    case 'city':
      return true;
    case 'district':
      return item.district === scope.code;
    case 'station':
      return item.station === scope.code;
    default:
      return false;
  }
}

/**
 * Fan-out of dispatch changes to open consoles. Subscribers are indexed by station, district and bank, so one
 * change costs the listeners who may see it, not every open console.
 */
export class LiveHub {
  private readonly city = new Set<LiveSubscriber>();
  private readonly byKey = new Map<string, Set<LiveSubscriber>>();

  constructor(private readonly shape: (event: LiveEvent, scope: Scope) => LiveEvent) {}

  private keyOf(scope: Scope): string | null {
    if (scope.level === 'station') return `s:${scope.code}`;
    if (scope.level === 'district') return `d:${scope.code}`;
    if (scope.level === 'bank') return `b:${scope.bank}`;
    return null;
  }

  /** Adds a subscriber; returns the function that removes it. */
  subscribe(sub: LiveSubscriber): () => void {
    if (sub.scope.level === 'city') {
      this.city.add(sub);
      return () => this.city.delete(sub);
    }
    const key = this.keyOf(sub.scope);
    if (key === null) return () => undefined;
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(sub);
    return () => set.delete(sub);
  }

  get size(): number {
    let n = this.city.size;
    for (const s of this.byKey.values()) n += s.size;
    return n;
  }

  publish(event: LiveEvent): void {
    const targets: Array<Set<LiveSubscriber> | undefined> = [this.city];
    if (event.type === 'item') {
      if (event.item.station) targets.push(this.byKey.get(`s:${event.item.station}`));
      if (event.item.district) targets.push(this.byKey.get(`d:${event.item.district}`));
    } else {
      targets.push(this.byKey.get(`b:${event.instruction.bank}`));
    }
    for (const set of targets) {
      if (!set) continue;
      for (const sub of set) {
        try {
          sub.send(this.shape(event, sub.scope));
        } catch {
          // A console that went away is removed by its own close handler; others still hear the change.
        }
      }
    }
  }
}

/** Splits a text/event-stream into its events as chunks arrive (for clients: the CLI, tests, the bench). */
export class SseReader {
  private buffer = '';

  /** The complete events in what has arrived so far; comments and keep-alives are skipped. */
  push(chunk: string): Array<{ event: string; data: string }> {
    this.buffer += chunk;
    const out: Array<{ event: string; data: string }> = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (event && data) out.push({ event, data });
    }
    return out;
  }
}
