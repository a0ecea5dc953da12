import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../auth/index.js';
import {
  CASE_STATUSES, REPORT_SOURCES, REPORT_STATUSES, SUSPECT_ROLES, caseToWire, historyToWire, reportToWire, suspectToWire, visible,
  type CaseScope, type SavedReport,
} from '../../cases/index.js';
import { FanzhaError } from '../../domain/errors.js';
import { isFraudType } from '../../domain/fraud-type.js';
import { shiftPeriod } from '../../stats/index.js';
import { actorOf, requirePermission, throttle, type AppContext } from '../context.js';
import type { RateLimiter } from '../rate-limit.js';

/** A public report costs this many look-ups of the caller's budget. */
const PUBLIC_REPORT_COST = 10;

const idParams = z.object({ id: z.coerce.number().int().min(1) });
const suspectParams = z.object({ id: z.coerce.number().int().min(1), sid: z.coerce.number().int().min(1) });
const limit = z.coerce.number().int().min(1).max(1000).default(100);
const reportQuery = z.object({
  status: z.enum(REPORT_STATUSES).optional(),
  source: z.enum(REPORT_SOURCES).optional(),
  caseId: z.coerce.number().int().min(1).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit,
});
const isoTime = z.string().max(64).refine((v) => !Number.isNaN(Date.parse(v)), { message: 'an ISO-8601 time' }).transform((v) => Date.parse(v));
const caseQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  type: z.string().refine(isFraudType, { message: 'not a fraud-type code' }).optional(),
  /** 2026, 2026-12 or 2026-12-01 (China time), or from / to. */
  period: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  limit,
});
const statusBody = z.object({ status: z.enum(CASE_STATUSES), note: z.string().max(2000).optional() });
const suspectBody = z.object({
  name: z.string().max(100).nullable().optional(),
  idNumber: z.string().max(32).nullable().optional(),
  phone: z.string().max(32).nullable().optional(),
  role: z.enum(SUSPECT_ROLES),
  note: z.string().max(2000).nullable().optional(),
  arrestedAt: isoTime.nullable().optional(),
});
const arrestBody = z.object({ at: isoTime.optional() }).nullable().optional();
const similarQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });
const clusterQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) });

/** [from, to) of a period written as a year, a month or a day, in China time (UTC+8). */
function periodRange(p: string): { from: number; to: number } {
  const kind = p.length === 4 ? 'year' : p.length === 7 ? 'month' : 'day';
  const from = Date.parse(`${p.padEnd(10, '-01')}T00:00:00+08:00`);
  return { from, to: shiftPeriod(kind, from, 1) };
}

/**
 * Victim reports (hotline, public page) and cases (lifecycle, suspects, 串并案). Station officers see the reports
 * and cases of their token's station or district; victims' and suspects' personal data is masked for roles that
 * do not hold `cases:personal_data`.
 */
export function caseRoutes(app: FastifyInstance, ctx: AppContext, limiter: RateLimiter): void {
  const { reports, cases } = ctx.cases;

  const scopeOf = (p: { role: string; scope: string | null }): CaseScope => {
    if (p.role === 'station_officer') {
      const s = ctx.dispatch.scopeOf({ role: 'station_officer', scope: p.scope });
      return s.level === 'city' || s.level === 'district' || s.level === 'station' ? s : { level: 'none' };
    }
    return { level: 'city' };
  };
  const caller = (request: FastifyRequest, permission: 'reports:read' | 'reports:write' | 'cases:read' | 'cases:manage') => {
    const p = requirePermission(request, permission);
    return { scope: scopeOf(p), full: can(p.role, 'cases:personal_data') };
  };
  const saved = (s: SavedReport, full: boolean) => ({ report: reportToWire(s.report, full), suggestion: s.suggestion, extracted: s.extracted });

  // --- reports ---------------------------------------------------------------------------------------------

  app.post('/api/v1/reports', async (request, reply) => {
    const { full } = caller(request, 'reports:write');
    const result = await reports.create(request.body, actorOf(request));
    return reply.status(201).send(saved(result, full));
  });

  app.post('/api/v1/public/reports', async (request, reply) => {
    throttle(limiter, request, PUBLIC_REPORT_COST);
    const actor = { name: `public:${request.ip}`, role: 'public' as const };
    const body = typeof request.body === 'object' && request.body !== null ? { ...request.body, caseId: undefined } : request.body;
    const { report } = await reports.create(body, actor, { source: 'public', submit: true });
    // An acknowledgement only: a citizen never sees another report, a case or what the model said.
    return reply.status(201).send({ report: { id: report.id, status: report.status } });
  });

  app.get('/api/v1/reports', async (request) => {
    const { scope, full } = caller(request, 'reports:read');
    const q = reportQuery.parse(request.query);
    if (scope.level === 'none') return { reports: [] };
    const list = await reports.list({
      ...q,
      station: scope.level === 'station' ? scope.code : undefined,
      district: scope.level === 'district' ? scope.code : undefined,
    });
    return { reports: list.map((r) => reportToWire(r, full)) };
  });

  app.get('/api/v1/reports/:id', async (request) => {
    const { scope, full } = caller(request, 'reports:read');
    const { id } = idParams.parse(request.params);
    const report = await reports.get(id);
    if (!visible(scope, report)) throw new FanzhaError('NOT_FOUND', `no report ${id}`);
    return { report: reportToWire(report, full) };
  });

  app.put('/api/v1/reports/:id', async (request) => {
    const { full } = caller(request, 'reports:write');
    const { id } = idParams.parse(request.params);
    return saved(await reports.update(id, request.body, actorOf(request)), full);
  });

  app.post('/api/v1/reports/:id/submit', async (request) => {
    const { full } = caller(request, 'reports:write');
    const { id } = idParams.parse(request.params);
    return saved(await reports.submit(id, actorOf(request)), full);
  });

  // --- cases -----------------------------------------------------------------------------------------------

  app.get('/api/v1/cases', async (request) => {
    const { scope } = caller(request, 'cases:read');
    const q = caseQuery.parse(request.query);
    const range = q.period ? periodRange(q.period) : { from: q.from, to: q.to };
    const list = await cases.list(scope, { status: q.status, fraudType: q.type, from: range.from, to: range.to, limit: q.limit });
    return { cases: list.map(caseToWire) };
  });

  app.get('/api/v1/cases/clusters', async (request) => {
    const { scope } = caller(request, 'cases:read');
    if (scope.level !== 'city') throw new FanzhaError('FORBIDDEN', 'clusters span the whole city: ask the city centre');
    const { limit: n } = clusterQuery.parse(request.query);
    return { clusters: await cases.clusters(n) };
  });

  app.get('/api/v1/cases/:id', async (request) => {
    const { scope, full } = caller(request, 'cases:read');
    const { id } = idParams.parse(request.params);
    const d = await cases.show(scope, id);
    return {
      case: caseToWire(d.case),
      reports: d.reports.map((r) => reportToWire(r, full)),
      suspects: d.suspects.map((s) => suspectToWire(s, full)),
      history: d.history.map(historyToWire),
      links: d.links.map((l) => ({ ...l, case: l.case && caseToWire(l.case) })),
      cluster: d.cluster,
    };
  });

  app.get('/api/v1/cases/:id/similar', async (request) => {
    const { scope } = caller(request, 'cases:read');
    const { id } = idParams.parse(request.params);
    const { limit: n } = similarQuery.parse(request.query);
    const list = await cases.similar(scope, id, n);
    return { similar: list.map((l) => ({ ...l, case: l.case && caseToWire(l.case) })) };
  });

  app.post('/api/v1/cases/:id/status', async (request) => {
    const { scope } = caller(request, 'cases:manage');
    const { id } = idParams.parse(request.params);
    const body = statusBody.parse(request.body);
    return { case: caseToWire(await cases.move(scope, id, body.status, actorOf(request), body.note)) };
  });

  app.post('/api/v1/cases/:id/suspects', async (request, reply) => {
    const { scope, full } = caller(request, 'cases:manage');
    const { id } = idParams.parse(request.params);
    const body = suspectBody.parse(request.body);
    const suspect = await cases.addSuspect(scope, id, body, actorOf(request));
    return reply.status(201).send({ suspect: suspectToWire(suspect, full) });
  });

  app.post('/api/v1/cases/:id/suspects/:sid/arrest', async (request) => {
    const { scope, full } = caller(request, 'cases:manage');
    const { id, sid } = suspectParams.parse(request.params);
    const body = arrestBody.parse(request.body ?? null);
    return { suspect: suspectToWire(await cases.arrest(scope, id, sid, actorOf(request), body?.at), full) };
  });
}
