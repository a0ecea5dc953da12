import type { ScreeningEvent, TransferEvent } from '../domain/event.js';

/**
 * Events as the simulator writes them: the wire format of docs/events.schema.json, one object per line. The
 * shapes are the domain's events (src/domain/event.ts) as they travel: `ts` ISO-8601 UTC in whole seconds, no
 * `sender` (the file or the token is the sender), and a transfer's `payerPhone` / `bank` left out when unknown.
 */
type Wire<E extends ScreeningEvent> = Omit<E, 'ts' | 'sender' | 'payerPhone' | 'bank'> & { ts: string } & (E extends TransferEvent ? { payerPhone?: string; bank?: string } : unknown);

/** One wire event of each type, distributed over the domain's union. */
export type WireEvent = ScreeningEvent extends infer E ? (E extends ScreeningEvent ? Wire<E> : never) : never;
