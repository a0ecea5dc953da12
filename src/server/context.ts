import type { FastifyRequest } from 'fastify';
import type { TokenService } from '../auth/index.js';
import { can, type Permission } from '../auth/index.js';
import type { Config } from '../config/index.js';
import { FanzhaError } from '../domain/errors.js';
import type { Actor, Role } from '../domain/role.js';
import type { IndicatorCatalog } from '../indicators/index.js';
import type { Store } from '../store/index.js';

/** What routes are given: configuration and the services of this process. */
export interface AppContext {
  config: Config;
  store: Store;
  catalog: IndicatorCatalog;
  tokens: TokenService;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The token holder, or null for a public (token-less) request. */
    principal: { id: number; name: string; role: Role } | null;
  }
}

/** The actor to record in history for this request. */
export function actorOf(request: FastifyRequest): Actor {
  const p = request.principal;
  return p ? { name: `token:${p.id} ${p.name}`, role: p.role } : { name: `public:${request.ip}`, role: 'public' };
}

/** Throws UNAUTHENTICATED / FORBIDDEN unless the caller holds `permission`; returns the caller. */
export function requirePermission(request: FastifyRequest, permission: Permission): { id: number; name: string; role: Role } {
  const p = request.principal;
  if (!p) throw new FanzhaError('UNAUTHENTICATED', 'this route needs a bearer token (Authorization: Bearer fz_…)');
  if (!can(p.role, permission)) throw new FanzhaError('FORBIDDEN', `role ${p.role} may not do this (${permission})`);
  return p;
}
