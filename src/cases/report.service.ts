import { FanzhaError } from '../domain/errors.js';
import type { FraudType } from '../domain/fraud-type.js';
import type { Actor } from '../domain/role.js';
import type { IngestOptions, IngestRecord, IngestSummary } from '../indicators/index.js';
import { canonical } from '../indicators/index.js';
import type { NewReport, ReportFilter, SqlExecutor, Store } from '../store/index.js';
import type { TextAnalysis } from '../text/index.js';
import type { CaseLinker } from './linker.js';
import { canonicalIndicator, chosenType, lossAccountIndicator, parseReportBody, readIdNumber, readTime, type ReportBody, type ReportIssue } from './report.input.js';
import type { Loss, Report, ReportIndicator, ReportLosses, ReportSource } from './types.js';

/** What the text model says about a narrative, as the hotline form shows it. */
export interface Suggestion {
  fraudType: FraudType | null;
  typeScore: number;
  score: number;
  reasons: Array<{ phrase: string; weight: number }>;
}

/** An indicator found in the narrative, offered to the operator. */
export interface Extracted {
  kind: string;
  value: string;
  raw: string;
  verdict: string;
}

export interface SavedReport {
  report: Report;
  suggestion: Suggestion | null;
  extracted: Extracted[];
}

/** Where a victim's report is worked: the station and district of their phone, when dispatch can tell. */
export type Locate = (phone: string) => Promise<{ station: string | null; district: string | null }>;

export interface ReportServiceOptions {
  text: { analyse(text: string): TextAnalysis };
  /** The indicator service: report indicators go in as `reported`, the report as a sighting. */
  indicators: { ingest(records: readonly IngestRecord[], options: IngestOptions): Promise<IngestSummary> };
  /** Hands each loss transfer to the stop-payment flow once, after the report's transaction commits. */
  onLosses?: (losses: ReportLosses) => Promise<void>;
  /** The case linker kept in step with submitted reports. */
  linker?: CaseLinker;
  locate?: Locate;
  now?: () => number;
}

/** Where a report comes from, as the caller (route, dispatch hook, CLI) knows it. */
export interface ReportOrigin {
  /** Forces the source (the public route says `public`). */
  source?: ReportSource;
  warningId?: string;
  station?: string | null;
  district?: string | null;
  /** Forces a submission (the public route: a citizen cannot come back to finish a draft). */
  submit?: boolean;
}

const fail = (issues: ReportIssue[]): never => {
  throw new FanzhaError('VALIDATION_FAILED', `the report is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).slice(0, 3).join('; ')}`, { issues });
};

const complete = (l: Omit<Loss, 'id'>): boolean =>
  !!l.fromAccount && !!l.toAccount && l.amountFen !== null && l.amountFen > 0 && l.ts !== null && l.channel !== null;

/**
 * Victim reports (from the hotline, the public page, or a dispatch outcome `already_lost`): drafts saved as they
 * are, submissions checked in full. A submitted report opens a case or joins one. After the report's transaction
 * commits, its indicators go to the indicator store and each complete loss is handed to `onLosses` once; flags in
 * the store say what was done, so `resume` finishes the work a crash interrupted.
 */
export class ReportService {
  private readonly now: () => number;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: ReportServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Creates a report (a draft when `draft: true`); throws VALIDATION_FAILED with every issue. */
  async create(input: unknown, actor: Actor, origin: ReportOrigin = {}): Promise<SavedReport> {
    const body = this.parse(input);
    const now = this.now();
    const submit = origin.submit ?? body.draft !== true;
    const source = origin.source ?? body.source ?? 'hotline';
    const { draft, suggestion, extracted } = this.build(body, submit, now);
    let station = origin.station ?? null;
    let district = origin.district ?? null;
    if (origin.station === undefined && draft.victim.phone?.startsWith('+') && this.options.locate) {
      ({ station, district } = await this.options.locate(draft.victim.phone));
    }
    const record: NewReport = {
      ...draft, source, warningId: origin.warningId ?? null, station, district, caseId: null,
      createdBy: actor.name, createdAt: now, updatedAt: now, submittedAt: submit ? now : null,
    };
    const id = await this.store.cases.transaction(async (tx) => {
      const reportId = await this.store.cases.insertReport(tx, record);
      if (submit) await this.attach(tx, reportId, record, body.caseId ?? null, actor, now);
      return reportId;
    });
    return { report: await this.finish(id, actor), suggestion, extracted };
  }

  /** Edits a report: the fields given replace the stored ones; `draft: false` (or a submitted report) is checked in full. */
  async update(id: number, input: unknown, actor: Actor): Promise<SavedReport> {
    const body = this.parse(input);
    const current = await this.get(id);
    const now = this.now();
    const submit = current.status === 'submitted' || body.draft === false;
    const merged: ReportBody = {
      victim: { ...toBodyVictim(current), ...(body.victim ?? {}) },
      occurredAt: 'occurredAt' in body ? body.occurredAt : current.occurredAt,
      narrative: 'narrative' in body ? body.narrative : current.narrative,
      fraudType: 'fraudType' in body ? body.fraudType : current.fraudType,
      losses: body.losses ?? current.losses.map((l) => ({ ...l })),
      indicators: body.indicators ?? current.indicators.filter((i) => i.origin === 'report').map((i) => ({ kind: i.kind, value: i.value })),
    };
    const { draft, suggestion, extracted } = this.build(merged, submit, now);
    // A loss the stop-payment flow already holds keeps its id and flag; removing one would orphan its orders.
    const handed = current.losses.filter((l) => l.handedOver);
    for (const l of draft.losses) {
      const same = current.losses.find((c) => sameLoss(c, l));
      if (same) {
        l.id = same.id;
        l.handedOver = same.handedOver;
      }
    }
    const gone = handed.filter((h) => !draft.losses.some((l) => l.id === h.id));
    if (gone.length) {
      throw new FanzhaError('INVALID_TRANSITION', 'a loss already handed to stop-payment cannot be changed or removed', { lossIds: gone.map((l) => l.id) });
    }
    const record: NewReport = {
      ...draft, source: current.source, warningId: current.warningId, station: current.station, district: current.district,
      caseId: current.caseId, createdBy: current.createdBy, createdAt: current.createdAt, updatedAt: now,
      submittedAt: current.submittedAt ?? (submit ? now : null),
    };
    await this.store.cases.transaction(async (tx) => {
      await this.store.cases.updateReport(tx, id, record);
      if (submit && current.caseId === null) await this.attach(tx, id, record, body.caseId ?? null, actor, now);
      else if (current.caseId !== null) await this.store.cases.refreshCaseTotals(tx, current.caseId, now);
    });
    return { report: await this.finish(id, actor), suggestion, extracted };
  }

  /** Submits a draft as it stands (required fields checked). */
  async submit(id: number, actor: Actor): Promise<SavedReport> {
    const current = await this.get(id);
    if (current.status === 'submitted') throw new FanzhaError('INVALID_TRANSITION', `report ${id} is already submitted`);
    return this.update(id, { draft: false }, actor);
  }

  async get(id: number): Promise<Report> {
    const report = await this.store.cases.report(id);
    if (!report) throw new FanzhaError('NOT_FOUND', `no report ${id}`);
    return report;
  }

  list(filter: ReportFilter): Promise<Report[]> {
    return this.store.cases.reports(filter);
  }

  /**
   * The draft report of a dispatched warning whose outcome was `already_lost`: the person's phone (or account), the
   * warning's station and fraud type. Opened once per warning; later calls return the same report.
   */
  async openFromWarning(warningId: string, actor: Actor): Promise<Report> {
    const existing = await this.store.cases.reportByWarning(warningId);
    if (existing) return existing;
    const item = await this.store.dispatch.item(warningId);
    if (!item) throw new FanzhaError('NOT_FOUND', `no dispatched warning ${warningId}`);
    const account = item.person.startsWith('account:') ? item.person.slice(8) : null;
    const input = {
      draft: true,
      source: 'dispatch',
      victim: { phone: account ? null : item.person },
      fraudType: item.fraudType,
      losses: account ? [{ fromAccount: account }] : [],
    };
    try {
      return (await this.create(input, actor, { source: 'dispatch', warningId, station: item.station, district: item.district })).report;
    } catch (err) {
      // Two outcomes heard at once: the unique warning id let one report in; return it.
      const again = await this.store.cases.reportByWarning(warningId);
      if (again) return again;
      throw err;
    }
  }

  /** Finishes what a crash interrupted: indicators not ingested, losses not handed over. Returns reports touched. */
  async resume(actor: Actor): Promise<number> {
    const ids = await this.store.cases.pendingReports(10_000);
    for (const id of ids) await this.finish(id, actor);
    return ids.length;
  }

  private parse(input: unknown): ReportBody {
    const parsed = parseReportBody(input);
    if (!parsed.ok) fail(parsed.issues);
    return (parsed as { body: ReportBody }).body;
  }

  /** The report's fields from a body, normalised; on submit every required field is checked. */
  private build(body: ReportBody, submit: boolean, now: number): { draft: Pick<NewReport, 'status' | 'victim' | 'occurredAt' | 'narrative' | 'fraudType' | 'suggestedType' | 'losses' | 'indicators'>; suggestion: Suggestion | null; extracted: Extracted[] } {
    const issues: ReportIssue[] = [];
    const need = (path: string, present: boolean) => {
      if (submit && !present) issues.push({ path, code: 'REQUIRED', message: 'required to submit a report' });
    };
    const v = body.victim ?? {};
    const name = v.name?.trim() || null;
    need('victim.name', name !== null);
    let idNumber = v.idNumber?.trim() || null;
    need('victim.idNumber', idNumber !== null);
    if (idNumber !== null) {
      const read = readIdNumber(idNumber);
      if (read) idNumber = read;
      else if (submit) issues.push({ path: 'victim.idNumber', code: 'INVALID_ID_NUMBER', message: 'a resident ID number has 18 characters (17 digits and a digit or X)' });
    }
    let phone = v.phone?.trim() || null;
    need('victim.phone', phone !== null);
    if (phone !== null) {
      const e164 = canonical('phone', phone);
      if (e164) phone = e164;
      else if (submit) issues.push({ path: 'victim.phone', code: 'INVALID_PHONE', message: 'not a phone number' });
    }
    const occurredAt = readTime(body.occurredAt);
    if (Number.isNaN(occurredAt)) issues.push({ path: 'occurredAt', code: 'INVALID_TIME', message: 'an ISO-8601 time with a zone, e.g. 2026-12-01T10:00:00+08:00' });
    else if (occurredAt !== null && occurredAt > now + 3_600_000) issues.push({ path: 'occurredAt', code: 'IN_FUTURE', message: 'the time is in the future' });
    need('occurredAt', occurredAt !== null);
    const narrative = body.narrative?.trim() || null;
    need('narrative', narrative !== null);

    let suggestion: Suggestion | null = null;
    let extracted: Extracted[] = [];
    if (narrative) {
      const a = this.options.text.analyse(narrative);
      suggestion = { fraudType: a.type, typeScore: a.typeScore, score: a.score, reasons: a.reasons };
      extracted = a.indicators.map((i) => ({ kind: i.kind ?? 'other', value: i.canonical ?? i.value, raw: i.value, verdict: i.verdict }));
    }
    const fraudType = chosenType(body.fraudType as FraudType | null | undefined, suggestion?.fraudType ?? null);
    need('fraudType', fraudType !== null);

    const losses: NewReport['losses'] = (body.losses ?? []).map((l, i) => {
      const ts = readTime(l.ts);
      if (Number.isNaN(ts)) issues.push({ path: `losses.${i}.ts`, code: 'INVALID_TIME', message: 'an ISO-8601 time with a zone' });
      const loss = {
        fromAccount: l.fromAccount?.trim() || null,
        toAccount: l.toAccount?.trim() || null,
        amountFen: l.amountFen ?? null,
        ts: Number.isNaN(ts) ? null : ts,
        channel: l.channel ?? null,
        toBank: l.toBank?.trim() || null,
        handedOver: false,
      };
      need(`losses.${i}.fromAccount`, loss.fromAccount !== null);
      need(`losses.${i}.toAccount`, loss.toAccount !== null);
      need(`losses.${i}.amountFen`, loss.amountFen !== null);
      need(`losses.${i}.ts`, loss.ts !== null || Number.isNaN(ts));
      need(`losses.${i}.channel`, loss.channel !== null);
      return loss;
    });

    const indicators: ReportIndicator[] = [];
    const seen = new Set<string>();
    const push = (x: ReportIndicator) => {
      const key = `${x.canonicalKind ?? 'other'}|${x.canonical ?? x.value}`;
      if (seen.has(key)) return;
      seen.add(key);
      indicators.push(x);
    };
    (body.indicators ?? []).forEach((x, i) => {
      const c = canonicalIndicator(x.kind, x.value);
      if (!c.ok) {
        if (submit) issues.push({ path: `indicators.${i}.value`, code: c.code, message: c.reason });
        push({ kind: x.kind, value: x.value, canonicalKind: null, canonical: null, origin: 'report' });
      } else {
        push({ kind: x.kind, value: x.value, canonicalKind: c.kind, canonical: c.canonical, origin: 'report' });
      }
    });
    for (const l of losses) if (l.toAccount) push(lossAccountIndicator(l.toAccount, l.channel));

    if (issues.length) fail(issues);
    return {
      draft: {
        status: submit ? 'submitted' : 'draft',
        victim: { name, idNumber, phone },
        occurredAt: occurredAt as number | null,
        narrative,
        fraudType,
        suggestedType: suggestion?.fraudType ?? null,
        losses,
        indicators,
      },
      suggestion,
      extracted,
    };
  }

  /** Opens a case for a submitted report, or attaches it to the one named, or to the victim's open case. */
  private async attach(tx: SqlExecutor, reportId: number, r: NewReport, wanted: number | null, actor: Actor, now: number): Promise<void> {
    const repo = this.store.cases;
    let caseId: number | undefined;
    if (wanted !== null) {
      const c = await repo.case(wanted, tx);
      if (!c) fail([{ path: 'caseId', code: 'NOT_FOUND', message: `no case ${wanted}` }]);
      if (c!.status === 'closed' || c!.status === 'referred') fail([{ path: 'caseId', code: 'CASE_CLOSED', message: `case ${wanted} is ${c!.status}` }]);
      caseId = wanted;
    }
    if (caseId === undefined && r.victim.idNumber) caseId = await repo.openCaseOfVictim(tx, r.victim.idNumber);
    if (caseId === undefined) {
      caseId = await repo.insertCase(tx, { status: 'reported', fraudType: r.fraudType, lossFen: 0, station: r.station, district: r.district, openedAt: now, updatedAt: now });
      await repo.addHistory(tx, { caseId, at: now, actor: actor.name, fromStatus: null, toStatus: 'reported', note: `opened by report ${reportId}` });
    } else {
      const c = (await repo.case(caseId, tx))!;
      await repo.addHistory(tx, { caseId, at: now, actor: actor.name, fromStatus: c.status, toStatus: c.status, note: `report ${reportId} attached` });
    }
    await tx.run('UPDATE reports SET case_id = ? WHERE id = ?', [caseId, reportId]);
    r.caseId = caseId;
    await repo.refreshCaseTotals(tx, caseId, now);
  }

  /** After the commit: the linker, the indicator store, the stop-payment hand-over. One report at a time. */
  private finish(id: number, actor: Actor): Promise<Report> {
    const next = this.chain.then(() => this.finishNow(id, actor));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async finishNow(id: number, actor: Actor): Promise<Report> {
    const report = (await this.store.cases.report(id))!;
    if (report.caseId !== null && this.options.linker) {
      const reports = await this.store.cases.reports({ caseId: report.caseId, status: 'submitted', limit: 10_000 });
      const c = await this.store.cases.case(report.caseId);
      this.options.linker.set(report.caseId, reports.flatMap((r) => r.indicators.map((i) => `${i.canonicalKind ?? 'other'}|${i.canonical ?? i.value}`)));
      this.options.linker.setType(report.caseId, c?.fraudType ?? null);
    }
    try {
      if (report.status === 'submitted') {
        const records: IngestRecord[] = report.indicators
          .filter((i) => i.canonicalKind !== null && i.canonical !== null)
          .map((i, n) => ({ kind: i.canonicalKind!, value: i.canonical!, at: n }));
        if (records.length) {
          await this.options.indicators.ingest(records, {
            actor, reporter: `report:${id}`, ref: `report:${id}`, status: 'reported', fraudTypes: report.fraudType ? [report.fraudType] : [],
          });
        }
        await this.store.cases.markIngested(id);
      }
      const pending = report.losses.filter((l) => !l.handedOver && complete(l));
      if (pending.length && this.options.onLosses) {
        await this.options.onLosses({
          reportId: id,
          caseId: report.caseId,
          victimPhone: report.victim.phone,
          losses: pending.map((l) => ({ fromAccount: l.fromAccount!, toAccount: l.toAccount!, amountFen: l.amountFen!, ts: l.ts!, channel: l.channel! })),
        });
        await this.store.cases.markHandedOver(pending.map((l) => l.id));
        for (const l of pending) l.handedOver = true;
      }
    } catch (err) {
      // The report is saved; the flags left unset make `resume` try again.
      console.error(`[cases] report ${id}: follow-up work failed, will retry:`, err);
    }
    return report;
  }
}

function toBodyVictim(r: Report): { name: string | null; idNumber: string | null; phone: string | null } {
  return { name: r.victim.name, idNumber: r.victim.idNumber, phone: r.victim.phone };
}

function sameLoss(a: Loss, b: Omit<Loss, 'id'>): boolean {
  return a.fromAccount === b.fromAccount && a.toAccount === b.toAccount && a.amountFen === b.amountFen && a.ts === b.ts && a.channel === b.channel;
}
