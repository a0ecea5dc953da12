import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireScope } from '../../auth/index.js';
import { FanzhaError } from '../../domain/errors.js';
import { INDICATOR_KINDS } from '../../domain/indicator.js';
import { ROLES, type Role } from '../../domain/role.js';
import { normalizeAllowValue } from '../../indicators/index.js';
import { actorOf, requirePermission, type AppContext } from '../context.js';

const tokenBody = z.object({ role: z.enum(ROLES), name: z.string().trim().min(1).max(200), scope: z.string().trim().max(100).nullish() });
const idParams = z.object({ id: z.coerce.number().int().positive() });
const allowBody = z.object({ kind: z.enum(INDICATOR_KINDS), value: z.string().min(1).max(2000), reason: z.string().trim().min(1).max(500) });
const allowQuery = z.object({ kind: z.enum(INDICATOR_KINDS), value: z.string().min(1).max(2000) });

/** Officers and banks need a scope, and an officer's must be a unit of the jurisdiction tree. */
export function checkScope(ctx: AppContext, role: Role, scope: string | null): void {
  requireScope(role, scope);
  if (role === 'station_officer' && scope && ctx.dispatch.scopeOf({ role, scope }).level === 'none') {
    throw new FanzhaError('INVALID_VALUE', `no unit ${scope} in the jurisdiction tree`, { field: 'scope' });
  }
}

/** Tokens and the allow-list. */
export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/tokens', async (request) => {
    requirePermission(request, 'tokens:manage');
    return { items: await ctx.tokens.list() };
  });

  app.post('/api/v1/tokens', async (request, reply) => {
    requirePermission(request, 'tokens:manage');
    const body = tokenBody.parse(request.body);
    const scope = body.scope || null;
    checkScope(ctx, body.role, scope);
    const { token, secret } = await ctx.tokens.create(body.role, body.name, actorOf(request).name, scope);
    return reply.status(201).send({ token, secret });
  });

  app.delete('/api/v1/tokens/:id', async (request, reply) => {
    requirePermission(request, 'tokens:manage');
    await ctx.tokens.revoke(idParams.parse(request.params).id);
    return reply.status(204).send();
  });

  app.get('/api/v1/allowlist', async (request) => {
    requirePermission(request, 'indicators:read');
    return { items: await ctx.store.allowlist.all() };
  });

  app.post('/api/v1/allowlist', async (request, reply) => {
    requirePermission(request, 'allowlist:manage');
    const body = allowBody.parse(request.body);
    const n = normalizeAllowValue(body.kind, body.value);
    if (!n.ok) throw new FanzhaError('INVALID_VALUE', n.reason, { code: n.code });
    const entry = { kind: body.kind, value: n.canonical, reason: body.reason, addedBy: actorOf(request).name, addedAt: Date.now() };
    await ctx.store.allowlist.add([entry]);
    ctx.catalog.allowlist.add(entry);
    return reply.status(201).send({ entry });
  });

  app.delete('/api/v1/allowlist', async (request, reply) => {
    requirePermission(request, 'allowlist:manage');
    const q = allowQuery.parse(request.query);
    const n = normalizeAllowValue(q.kind, q.value);
    const value = n.ok ? n.canonical : q.value;
    if (!(await ctx.store.allowlist.remove(q.kind, value))) throw new FanzhaError('NOT_FOUND', `${value} is not on the allow-list`);
    ctx.catalog.allowlist.remove(q.kind, value);
    return reply.status(204).send();
  });
}
