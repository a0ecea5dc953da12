import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FanzhaError } from '../../domain/errors.js';
import { ROLES } from '../../domain/role.js';
import type { User } from '../../store/index.js';
import { actorOf, requirePermission, type AppContext } from '../context.js';
import { RateLimiter } from '../rate-limit.js';
import { checkScope } from './admin.routes.js';

/** Sign-in attempts per client address per minute (the per-account lock-out is the user service's). */
const SIGN_INS_PER_MIN = 10;

const signInBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
const userBody = z.object({
  username: z.string().min(1).max(64),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  scope: z.string().trim().max(100).nullish(),
  password: z.string().min(1).max(200),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const disableBody = z.object({ disabled: z.boolean() });
const passwordBody = z.object({ password: z.string().min(1).max(200) });

const view = (u: User) => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role, scope: u.scope,
  createdAt: u.createdAt, createdBy: u.createdBy, disabledAt: u.disabledAt, locked: u.lockedUntil !== null && u.lockedUntil > Date.now(),
});

/** Console sign-in with a username and password (a session token), and the admin's user list. */
export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limiter = new RateLimiter(SIGN_INS_PER_MIN);

  app.post('/api/v1/session', async (request, reply) => {
    const wait = limiter.take(request.ip);
    if (wait > 0) throw new FanzhaError('RATE_LIMITED', `too many sign-ins from this address; try again in ${wait} s`, { retryAfterSeconds: wait });
    const body = signInBody.parse(request.body);
    const session = await ctx.users.signIn(body.username, body.password);
    const { user } = session;
    return reply.status(201).send({ token: session.secret, expiresAt: session.expiresAt, me: { role: user.role, name: user.displayName, scope: user.scope } });
  });

  /**
   * Signs out: a sign-in's session token stops working at once. A token made by hand (a machine's, pasted into the
   * console) is left alone, since other holders may use it: it is revoked with DELETE /api/v1/tokens/:id.
   */
  app.delete('/api/v1/session', async (request) => {
    const p = request.principal;
    if (!p) throw new FanzhaError('UNAUTHENTICATED', 'sign-out needs the session token');
    if (p.userId === null) return { revoked: false };
    await ctx.tokens.revoke(p.id);
    return { revoked: true };
  });

  app.get('/api/v1/users', async (request) => {
    requirePermission(request, 'users:manage');
    return { items: (await ctx.users.list()).map(view) };
  });

  app.post('/api/v1/users', async (request, reply) => {
    requirePermission(request, 'users:manage');
    const body = userBody.parse(request.body);
    const scope = body.scope || null;
    checkScope(ctx, body.role, scope);
    const user = await ctx.users.create({ ...body, scope }, actorOf(request).name);
    return reply.status(201).send({ user: view(user) });
  });

  app.post('/api/v1/users/:id/disabled', async (request) => {
    requirePermission(request, 'users:manage');
    const { id } = idParams.parse(request.params);
    return { user: view(await ctx.users.setDisabled(id, disableBody.parse(request.body).disabled)) };
  });

  app.post('/api/v1/users/:id/password', async (request) => {
    requirePermission(request, 'users:manage');
    const { id } = idParams.parse(request.params);
    return { user: view(await ctx.users.setPassword(id, passwordBody.parse(request.body).password)) };
  });
}
