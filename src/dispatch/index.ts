import type { AuditEntry, BankInstruction, DispatchItem } from './types.js';

export { DispatchService, ROSTER_TRAIL, UNIT_TRAIL, policyFromConfig, viewFor, type ActInput, type DispatchOptions, type FeedbackRow } from './dispatch.service.js';
export { JurisdictionTree, checkTree, unitsFromDivisions, mergeUnits } from './jurisdiction.js';
export { route, sortPrefixes, type Placement, type RoutingRules } from './routing.js';
export { DEFAULT_POLICY, duesFor, tighten, type DeadlinePolicy } from './deadlines.js';
export { OutboxSmsGateway, SMS_TEMPLATES, smsBody, type SmsGateway, type SmsMessage, type SmsOutbox } from './sms-gateway.js';
export { LiveHub, SseReader, itemVisible, type LiveEvent, type LiveSubscriber } from './live.js';
export * from './types.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** An item on the wire: times as ISO-8601, the internal version kept as an opaque revision. */
export function itemToWire(i: DispatchItem): Record<string, unknown> {
  return {
    ...i,
    claimedAt: iso(i.claimedAt), phoneDue: iso(i.phoneDue), visitDue: iso(i.visitDue), contactedAt: iso(i.contactedAt),
    visitedAt: iso(i.visitedAt), nextCheck: iso(i.nextCheck), createdAt: iso(i.createdAt), updatedAt: iso(i.updatedAt), closedAt: iso(i.closedAt),
  };
}

/** An audit entry on the wire. */
export function auditToWire(e: AuditEntry): Record<string, unknown> {
  return { ...e, at: iso(e.at) };
}

/** A bank instruction on the wire. */
export function instructionToWire(b: BankInstruction): Record<string, unknown> {
  return { ...b, createdAt: iso(b.createdAt), updatedAt: iso(b.updatedAt) };
}
