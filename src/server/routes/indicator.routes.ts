import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { can } from '../../auth/index.js';
import { FanzhaError } from '../../domain/errors.js';
import { FRAUD_TYPE_CODES } from '../../domain/fraud-type.js';
import { INDICATOR_KINDS, INDICATOR_STATUSES } from '../../domain/indicator.js';
import { IMPORT_FORMATS, importIndicators, normalize } from '../../indicators/index.js';
import { actorOf, requirePermission, type AppContext } from '../context.js';

const kind = z.enum(INDICATOR_KINDS);
const status = z.enum(INDICATOR_STATUSES);
const fraudTypeList = z
  .string()
  .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean))
  .pipe(z.array(z.enum(FRAUD_TYPE_CODES)));

const listQuery = z.object({
  kind: kind.optional(),
  status: status.optional(),
  q: z.string().max(200).optional(),
  review: z.enum(['1', 'true']).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const statusBody = z.object({ status, reason: z.string().trim().min(1).max(2000) });
const importQuery = z.object({
  format: z.enum(IMPORT_FORMATS).default('plain'),
  kind: kind.optional(),
  status: status.optional(),
  fraudTypes: fraudTypeList.optional(),
  source: z.string().trim().min(1).max(200).optional(),
  defaultCallingCode: z.string().regex(/^\d{1,3}$/).optional(),
});
const reportBody = z.object({
  source: z.string().trim().min(1).max(200).optional(),
  ref: z.string().max(200).optional(),
  indicators: z
    .array(
      z.object({
        kind,
        value: z.string().min(1).max(8192),
        fraudTypes: z.array(z.enum(FRAUD_TYPE_CODES)).optional(),
        status: status.optional(),
        note: z.string().max(2000).optional(),
      }),
    )
    .min(1)
    .max(10_000),
});

const STREAM_TYPES = ['text/plain', 'text/csv', 'application/octet-stream', 'application/stix+json', 'application/json'];

/** Indicator search, detail, status changes, reports and imports. */
export function indicatorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { catalog, store } = ctx;

  app.get('/api/v1/indicators', async (request) => {
    requirePermission(request, 'indicators:read');
    const q = listQuery.parse(request.query);
    const items = await store.indicators.list({
      kind: q.kind,
      status: q.status,
      contains: q.q,
      reviewRequested: q.review !== undefined,
      beforeId: q.before,
      limit: q.limit,
    });
    return { items, next: items.length === q.limit ? items[items.length - 1].id : null };
  });

  app.get('/api/v1/indicators/:id', async (request) => {
    const principal = requirePermission(request, 'indicators:read');
    const { id } = idParams.parse(request.params);
    const indicator = await store.indicators.get(id);
    if (!indicator) throw new FanzhaError('NOT_FOUND', `no indicator ${id}`);
    const [history, sightings] = await Promise.all([store.indicators.history(id), store.indicators.sightings(id)]);
    const info = normalize(indicator.kind, indicator.value);
    if (can(principal.role, 'indicators:manage')) return { indicator, info: info.ok ? info.info : null, sightings, history };
    // Partners and stations see what happened, not who reported it or the notes taken from victims.
    return {
      indicator,
      info: info.ok ? info.info : null,
      sightings: sightings.map((s) => ({ ...s, reporter: s.reporter.split(':')[0], ref: null, note: null })),
      history: history.map((h) => ({ ...h, actor: h.actor.split(/[: ]/)[0] })),
    };
  });

  app.post('/api/v1/indicators/:id/status', async (request) => {
    requirePermission(request, 'indicators:manage');
    const { id } = idParams.parse(request.params);
    const body = statusBody.parse(request.body);
    return { indicator: await catalog.service.setStatus(id, body.status, actorOf(request), body.reason) };
  });

  // Reports from partners, the hotline and analysts: each value normalised, each bad one reported by index.
  app.post('/api/v1/indicators', async (request) => {
    const principal = requirePermission(request, 'indicators:report');
    const body = reportBody.parse(request.body);
    const manage = can(principal.role, 'indicators:manage');
    const rejected: Array<{ at: number; code: string; reason: string }> = [];
    const records = [];
    for (const [i, r] of body.indicators.entries()) {
      if (r.status && r.status !== 'reported' && !manage) {
        rejected.push({ at: i, code: 'FORBIDDEN', reason: `role ${principal.role} may only report values` });
        continue;
      }
      const n = normalize(r.kind, r.value);
      if (!n.ok) rejected.push({ at: i, code: n.code, reason: n.reason });
      else records.push({ kind: r.kind, value: n.canonical, at: i, status: r.status, fraudTypes: r.fraudTypes, note: r.note });
    }
    const summary = await catalog.service.ingest(records, {
      actor: actorOf(request),
      reporter: body.source ? `${principal.role}:${body.source}` : `token:${principal.id}`,
      ref: body.ref,
    });
    return { ...summary, rejected: [...rejected, ...summary.rejected] };
  });

  // Imports stream the body: a 200 MB list never sits in memory whole.
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser(STREAM_TYPES, (_request, payload, done) => done(null, payload));
    scoped.post('/api/v1/indicators/import', { bodyLimit: 1024 * 1024 * 1024 }, async (request) => {
      const principal = requirePermission(request, 'indicators:report');
      const q = importQuery.parse(request.query);
      if (q.status && q.status !== 'reported' && !can(principal.role, 'indicators:manage')) {
        throw new FanzhaError('FORBIDDEN', `role ${principal.role} may only import values as reported`);
      }
      if (!request.body) throw new FanzhaError('VALIDATION_FAILED', 'send the file as the request body');
      return importIndicators(catalog.service, request.body as AsyncIterable<Buffer>, {
        format: q.format,
        kind: q.kind,
        status: q.status,
        fraudTypes: q.fraudTypes,
        reporter: q.source ? `import:${q.source}` : `token:${principal.id}`,
        actor: actorOf(request),
        defaultCallingCode: q.defaultCallingCode,
      });
    });
  });
}
