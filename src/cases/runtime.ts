import type { Actor } from '../domain/role.js';
import type { Store } from '../store/index.js';
import { CaseService } from './case.service.js';
import { CASE_LINK_EXCLUSIONS, exclusionPredicate } from './exclusions.js';
import { CaseLinker } from './linker.js';
import { ReportService, type ReportServiceOptions } from './report.service.js';
import type { ReportLosses } from './types.js';

export interface CasesOptions extends Omit<ReportServiceOptions, 'linker'> {
  /** An indicator shared by more cases than this links none (FANZHA_CASE_LINK_MAX_CASES). */
  maxCases: number;
  onLosses?: (losses: ReportLosses) => Promise<void>;
}

/** The cases side of one process: reports, cases, and the linker they share. */
export interface Cases {
  reports: ReportService;
  cases: CaseService;
  linker: CaseLinker;
}

const SYSTEM: Actor = { name: 'system', role: 'system' };

/**
 * Opens reports and cases over a store: the exclusion list from the allow-list plus CASE_LINK_EXCLUSIONS, the
 * linker loaded from the stored reports, and the follow-up work a crash left undone finished.
 */
export async function openCases(store: Store, options: CasesOptions): Promise<Cases> {
  const allow = await store.allowlist.all();
  const excluded = exclusionPredicate([...allow, ...CASE_LINK_EXCLUSIONS], allow.filter((e) => e.kind === 'domain').map((e) => e.value));
  const linker = new CaseLinker({ maxCases: options.maxCases, excluded });
  const cases = new CaseService(store, linker, options.now);
  await cases.load();
  const reports = new ReportService(store, { ...options, linker });
  await reports.resume(SYSTEM);
  return { reports, cases, linker };
}

/** The part of dispatch the hook listens to: its live hub (outcomes are published there after they commit). */
export interface DispatchLive {
  live: { subscribe(sub: { scope: { level: 'city' }; send(event: { type: string; change?: string; item?: { warningId: string; outcome: string | null } }): void }): () => void };
}

/**
 * Opens a draft report for each dispatched warning whose outcome is `already_lost`, by listening to dispatch's
 * live hub: DispatchService is not changed. Returns the function that stops listening.
 */
export function openReportsOnLoss(dispatch: DispatchLive, reports: ReportService, onError: (err: unknown) => void = (err) => console.error('[cases] draft report from dispatch failed:', err)): () => void {
  return dispatch.live.subscribe({
    scope: { level: 'city' },
    send(event) {
      if (event.type !== 'item' || event.change !== 'outcome' || event.item?.outcome !== 'already_lost') return;
      reports.openFromWarning(event.item.warningId, SYSTEM).catch(onError);
    },
  });
}
