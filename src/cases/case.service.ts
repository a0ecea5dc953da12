import { FanzhaError } from '../domain/errors.js';
import type { Actor } from '../domain/role.js';
import type { CaseFilter, Store } from '../store/index.js';
import type { CaseLinker, Cluster, SimilarCase } from './linker.js';
import { visible, type CaseScope } from './view.js';
import { CASE_TRANSITIONS, SUSPECT_ROLES, type Case, type CaseHistoryEntry, type CaseStatus, type Report, type Suspect, type SuspectRole } from './types.js';

export interface CaseDetail {
  case: Case;
  reports: Report[];
  suspects: Suspect[];
  history: CaseHistoryEntry[];
  /** Cases linked to this one through shared indicators, best first. */
  links: Array<SimilarCase & { case: Case | null }>;
  /** Every case in this one's cluster (itself included). */
  cluster: number[];
}

export interface NewSuspect {
  name?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  role: SuspectRole;
  note?: string | null;
  /** Already arrested when recorded. */
  arrestedAt?: number | null;
}

/** Cases: lifecycle with history, suspects and arrests, links (串并案) and clusters. */
export class CaseService {
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    readonly linker: CaseLinker,
    now?: () => number,
  ) {
    this.now = now ?? Date.now;
  }

  /** Loads the linker from the store (every submitted report's indicators, every case's type). */
  async load(): Promise<{ cases: number; keys: number; ms: number }> {
    const started = performance.now();
    for (const { id, fraudType } of await this.store.cases.caseTypes()) this.linker.setType(id, fraudType);
    const byCase = new Map<number, string[]>();
    for await (const batch of this.store.cases.streamCaseIndicators()) {
      for (const [caseId, key] of batch) {
        const keys = byCase.get(caseId);
        if (keys) keys.push(key);
        else byCase.set(caseId, [key]);
      }
    }
    for (const [caseId, keys] of byCase) this.linker.add(caseId, keys);
    return { cases: this.linker.caseCount, keys: this.linker.keyCount, ms: Math.round(performance.now() - started) };
  }

  list(scope: CaseScope, filter: CaseFilter): Promise<Case[]> {
    if (scope.level === 'none') return Promise.resolve([]);
    return this.store.cases.cases({
      ...filter,
      station: scope.level === 'station' ? scope.code : filter.station,
      district: scope.level === 'district' ? scope.code : filter.district,
    });
  }

  async get(scope: CaseScope, id: number): Promise<Case> {
    const c = await this.store.cases.case(id);
    if (!c || !visible(scope, c)) throw new FanzhaError('NOT_FOUND', `no case ${id}`);
    return c;
  }

  async show(scope: CaseScope, id: number): Promise<CaseDetail> {
    const c = await this.get(scope, id);
    const [reports, suspects, history] = await Promise.all([
      this.store.cases.reports({ caseId: id, limit: 10_000 }),
      this.store.cases.suspects(id),
      this.store.cases.history(id),
    ]);
    let cluster = this.linker.clusterOf(id);
    if (scope.level !== 'city') {
      // Only the cases the caller may see: a station learns nothing of other stations' cases from a cluster.
      const seen = await this.store.cases.casesByIds(cluster);
      cluster = cluster.filter((x) => { const k = seen.get(x); return k !== undefined && visible(scope, k); });
    }
    return { case: c, reports, suspects, history, links: await this.similar(scope, id, 10), cluster };
  }

  /** Moves a case along its lifecycle; anything but an allowed move is INVALID_TRANSITION. */
  async move(scope: CaseScope, id: number, to: CaseStatus, actor: Actor, note?: string | null): Promise<Case> {
    const c = await this.get(scope, id);
    if (!CASE_TRANSITIONS[c.status].includes(to)) {
      throw new FanzhaError('INVALID_TRANSITION', `a case ${c.status} cannot become ${to}`, { from: c.status, to, allowed: CASE_TRANSITIONS[c.status] });
    }
    const now = this.now();
    await this.store.cases.transaction(async (tx) => {
      if (!(await this.store.cases.moveCase(tx, id, c.status, to, now))) {
        throw new FanzhaError('CONFLICT', `case ${id} was changed meanwhile; reload it and try again`);
      }
      await this.store.cases.addHistory(tx, { caseId: id, at: now, actor: actor.name, fromStatus: c.status, toStatus: to, note: note?.trim() || null });
    });
    return { ...c, status: to, updatedAt: now };
  }

  async addSuspect(scope: CaseScope, id: number, s: NewSuspect, actor: Actor): Promise<Suspect> {
    await this.get(scope, id);
    if (!(SUSPECT_ROLES as readonly string[]).includes(s.role)) throw new FanzhaError('VALIDATION_FAILED', `role is one of ${SUSPECT_ROLES.join(', ')}`);
    const now = this.now();
    return this.store.cases.transaction((tx) =>
      this.store.cases.addSuspect(tx, {
        caseId: id, name: s.name?.trim() || null, idNumber: s.idNumber?.trim().toUpperCase() || null, phone: s.phone?.trim() || null, role: s.role,
        note: s.note?.trim() || null, addedAt: now, addedBy: actor.name, arrestedAt: s.arrestedAt ?? null, arrestedBy: s.arrestedAt ? actor.name : null,
      }),
    );
  }

  /** Records a suspect's arrest at `at` (now by default); once only. */
  async arrest(scope: CaseScope, id: number, suspectId: number, actor: Actor, at?: number): Promise<Suspect> {
    await this.get(scope, id);
    const when = at ?? this.now();
    return this.store.cases.transaction(async (tx) => {
      const s = await this.store.cases.suspect(id, suspectId, tx);
      if (!s) throw new FanzhaError('NOT_FOUND', `no suspect ${suspectId} in case ${id}`);
      if (!(await this.store.cases.arrest(tx, id, suspectId, when, actor.name))) {
        throw new FanzhaError('INVALID_TRANSITION', `suspect ${suspectId} was already arrested`, { arrestedAt: s.arrestedAt });
      }
      return { ...s, arrestedAt: when, arrestedBy: actor.name };
    });
  }

  /** Cases sharing linking indicators with this one, rarest shared values first, the same fraud type ahead. */
  async similar(scope: CaseScope, id: number, limit = 20): Promise<Array<SimilarCase & { case: Case | null }>> {
    await this.get(scope, id);
    // Ask for more than `limit`: cases outside the caller's scope are dropped after ranking.
    const ranked = this.linker.similar(id, scope.level === 'city' ? limit : limit * 5);
    const cases = await this.store.cases.casesByIds(ranked.map((s) => s.caseId));
    return ranked
      .filter((s) => { const c = cases.get(s.caseId); return c !== undefined && visible(scope, c); })
      .slice(0, limit)
      .map((s) => ({ ...s, case: cases.get(s.caseId) ?? null }));
  }

  /** Clusters of linked cases, largest first, with their shared indicators and totals. */
  async clusters(limit = 50): Promise<Array<Cluster & { size: number; lossFen: number; fraudTypes: Record<string, number> }>> {
    const clusters = this.linker.clusters(limit);
    const cases = await this.store.cases.casesByIds(clusters.flatMap((c) => c.cases));
    return clusters.map((cl) => {
      const fraudTypes: Record<string, number> = {};
      let lossFen = 0;
      for (const id of cl.cases) {
        const c = cases.get(id);
        if (!c) continue;
        lossFen += c.lossFen;
        const t = c.fraudType ?? 'unknown';
        fraudTypes[t] = (fraudTypes[t] ?? 0) + 1;
      }
      return { size: cl.cases.length, lossFen, fraudTypes, ...cl };
    });
  }
}
