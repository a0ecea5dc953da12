import { fnv1a32 } from '../lib/fnv.js';
import type { ScreeningEvent } from '../domain/event.js';
import type { WarningChange } from '../domain/warning.js';

/** What screening answers for a batch it was handed. */
export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  /** Warnings raised or upgraded, when the batch was screened before the answer (in-process); null when queued. */
  warnings: number | null;
}

/** Screens a batch of one partition's events; resolves once they and their warnings are stored. */
export type BatchHandler = (part: number, events: ScreeningEvent[]) => Promise<BatchOutcome>;

/**
 * How validated events reach screening: handed over in-process (the embedded default) or through NATS
 * JetStream, partitioned by person so that several workers share the load.
 */
export interface EventTransport {
  readonly kind: 'in-process' | 'nats';
  /** How many partitions people are spread over. */
  readonly partitions: number;
  send(events: readonly ScreeningEvent[]): Promise<BatchOutcome>;
  close(): Promise<void>;
}

/** Consumers of stored warnings (dispatch, the live console); called after the batch that made them is committed. */
export type WarningListener = (changes: readonly WarningChange[]) => void;

/** The same person always lands in the same partition. */
export function partitionOf(personKey: string, partitions: number): number {
  return partitions <= 1 ? 0 : fnv1a32(personKey) % partitions;
}
