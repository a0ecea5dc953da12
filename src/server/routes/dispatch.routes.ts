import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ACTION_TYPES, auditToWire, instructionToWire, itemToWire, OUTCOMES, type LiveEvent, type Scope } from '../../dispatch/index.js';
import { FanzhaError } from '../../domain/errors.js';
import { actorOf, requirePermission, type AppContext } from '../context.js';

const TEXT_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/plain'];
const HEARTBEAT_MS = 15_000;

const idParams = z.object({ id: z.string().min(1).max(64) });
const listQuery = z.object({
  status: z.enum(['open', 'claimed', 'visit_required', 'closed', 'active']).optional(),
  late: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Only what waits for manual assignment: the district's queue (no station), or the city's (no district). */
  queue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const actBody = z
  .object({
    action: z
      .object({
        type: z.enum(ACTION_TYPES),
        reached: z.boolean().optional(),
        durationSec: z.number().int().min(0).max(86_400).optional(),
        note: z.string().max(2000).optional(),
      })
      .optional(),
    outcome: z.enum(OUTCOMES).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((b) => b.action || b.outcome, { message: 'give an action, an outcome, or both' });
const reassignBody = z.object({ to: z.string().min(1).max(32), note: z.string().max(2000).optional() });
const unitBody = z.object({ name: z.string().min(1).max(100), level: z.enum(['city', 'district', 'station']), parent: z.string().min(1).max(32).nullable() });
const answerBody = z.object({ status: z.enum(['acknowledged', 'held', 'released', 'confirmed_fraud']), note: z.string().max(2000).optional() });
const instructionParams = z.object({ id: z.coerce.number().int().min(1) });

/** Roster lines from NDJSON text or a JSON array; a line that is not JSON is kept as null, to be reported. */
function rosterLines(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'string') throw new FanzhaError('VALIDATION_FAILED', 'send the roster as NDJSON lines {phone, stationCode} or a JSON array');
  return body
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      try {
        return JSON.parse(l) as unknown;
      } catch {
        return null;
      }
    });
}

function sseFrame(event: LiveEvent): string {
  const data = event.type === 'item' ? { change: event.change, item: itemToWire(event.item) } : { instruction: instructionToWire(event.instruction) };
  return `event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * 三级预警劝阻: the queues of stations, districts and the city, the work on each warning, the live stream, the
 * tree and roster, and the bank side of fund warnings. Every route is scoped by the token's jurisdiction.
 */
export function dispatchRoutes(app: FastifyInstance, ctx: AppContext): void {
  const d = ctx.dispatch;
  const workScope = (request: FastifyRequest): Scope => d.scopeOf(requirePermission(request, 'dispatch:work'));
  // Open streams never end by themselves: close them when the server closes, or it would wait for them forever.
  const streams = new Set<{ end(): void }>();
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
  });

  app.get('/api/v1/dispatch/items', async (request) => {
    const scope = workScope(request);
    const q = listQuery.parse(request.query);
    return { items: (await d.list(scope, q)).map(itemToWire) };
  });

  app.get('/api/v1/dispatch/items/:id', async (request) => {
    const scope = workScope(request);
    const { id } = idParams.parse(request.params);
    const { item, trail, sms } = await d.show(scope, id);
    // The evidence for the timeline: what was seen when (counterparts' numbers, sites, masked payee accounts).
    const warning = await ctx.store.screening.getWarning(item.warningId);
    const evidence = (warning?.evidence ?? []).map((e) => ({ at: new Date(e.ts).toISOString(), step: e.step, signal: e.signal, weight: e.weight, detail: e.detail }));
    return { item: itemToWire(item), trail: trail.map(auditToWire), sms: sms.map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() })), evidence };
  });

  app.post('/api/v1/dispatch/items/:id/claim', async (request) => {
    const scope = workScope(request);
    const { id } = idParams.parse(request.params);
    return { item: itemToWire(await d.claim(actorOf(request), scope, id)) };
  });

  app.post('/api/v1/dispatch/items/:id/act', async (request) => {
    const scope = workScope(request);
    const { id } = idParams.parse(request.params);
    return { item: itemToWire(await d.act(actorOf(request), scope, id, actBody.parse(request.body))) };
  });

  app.post('/api/v1/dispatch/items/:id/reassign', async (request) => {
    const scope = workScope(request);
    const { id } = idParams.parse(request.params);
    const body = reassignBody.parse(request.body);
    return { item: itemToWire(await d.reassign(actorOf(request), scope, id, body.to, body.note)) };
  });

  // Server-sent events: every change the caller may see, as it commits. Officers and the city hear items,
  // bank partners their bank's instructions.
  app.get('/api/v1/dispatch/stream', async (request, reply) => {
    const p = request.principal;
    if (!p) throw new FanzhaError('UNAUTHENTICATED', 'this route needs a bearer token (Authorization: Bearer fz_…)');
    const scope = p.role === 'bank_partner' ? d.scopeOf(requirePermission(request, 'bank:instructions')) : workScope(request);
    if (scope.level === 'none') throw new FanzhaError('FORBIDDEN', 'this token has no jurisdiction to follow');
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`: fanzha dispatch stream (${scope.level})\n\n`);
    const unsubscribe = d.live.subscribe({ scope, send: (event) => res.write(sseFrame(event)) });
    // Comments keep proxies from closing an idle stream.
    const beat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS).unref();
    streams.add(res);
    request.raw.on('close', () => {
      clearInterval(beat);
      unsubscribe();
      streams.delete(res);
    });
  });

  app.get('/api/v1/dispatch/stats', async (request) => {
    requirePermission(request, 'dispatch:stats');
    return d.stats();
  });

  app.post('/api/v1/dispatch/sweep', async (request) => {
    requirePermission(request, 'dispatch:manage');
    return { changed: await d.sweep() };
  });

  app.get('/api/v1/dispatch/jurisdictions', async (request) => {
    requirePermission(request, 'dispatch:work');
    return { units: d.tree.all() };
  });

  app.put('/api/v1/dispatch/jurisdictions/:id', async (request) => {
    requirePermission(request, 'dispatch:manage');
    const { id } = idParams.parse(request.params);
    return { unit: await d.saveUnit(actorOf(request), { code: id, ...unitBody.parse(request.body) }) };
  });

  // The tree's and the roster's own trails (who changed a unit, who imported the roster).
  app.get('/api/v1/dispatch/trails/:id', async (request) => {
    const scope = d.scopeOf(requirePermission(request, 'dispatch:stats'));
    const { id } = idParams.parse(request.params);
    return { trail: (await d.trailOf(scope, id)).map(auditToWire) };
  });

  app.get('/api/v1/dispatch/instructions', async (request) => {
    const scope = d.scopeOf(requirePermission(request, 'bank:instructions'));
    const { limit } = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }).parse(request.query);
    return { instructions: (await d.instructions(scope, limit)).map(instructionToWire) };
  });

  app.post('/api/v1/dispatch/instructions/:id/answer', async (request) => {
    const scope = d.scopeOf(requirePermission(request, 'bank:instructions'));
    const { id } = instructionParams.parse(request.params);
    const body = answerBody.parse(request.body);
    return { instruction: instructionToWire(await d.answerInstruction(actorOf(request), scope, id, body.status, body.note)) };
  });

  void app.register(async (scoped) => {
    scoped.addContentTypeParser(TEXT_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scoped.post('/api/v1/dispatch/roster', async (request) => {
      requirePermission(request, 'dispatch:manage');
      return d.importRoster(actorOf(request), rosterLines(request.body));
    });
  });
}
