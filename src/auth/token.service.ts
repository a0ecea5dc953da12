import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FanzhaError } from '../domain/errors.js';
import type { Role } from '../domain/role.js';
import type { ApiToken, Store } from '../store/index.js';

const CACHE_MS = 10_000;

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues bearer tokens (shown once, stored hashed) and verifies them with a short cache. */
export class TokenService {
  private readonly cache = new Map<string, { token: ApiToken | undefined; until: number }>();

  constructor(private readonly store: Store) {}

  /** Creates a token for `role` (limited to `scope`: a station or district code, or a bank name); the returned secret is never stored and cannot be shown again. */
  async create(
    role: Role,
    name: string,
    createdBy: string,
    scope: string | null = null,
    session: { expiresAt: number; userId: number } | null = null,
  ): Promise<{ token: ApiToken; secret: string }> {
    if (!name.trim()) throw new FanzhaError('VALIDATION_FAILED', 'a token needs a name (who holds it)');
    const secret = `fz_${randomBytes(24).toString('base64url')}`;
    const token = await this.store.tokens.insert({
      name: name.trim(), role, hash: hash(secret), createdBy, at: Date.now(), scope: scope?.trim() || null,
      expiresAt: session?.expiresAt ?? null, userId: session?.userId ?? null,
    });
    return { token, secret };
  }

  /** The active token a secret belongs to, if any. */
  async verify(secret: string): Promise<ApiToken | undefined> {
    const key = hash(secret);
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.token;
    const now = Date.now();
    const token = await this.store.tokens.findActiveByHash(key, now);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { token, until: Math.min(now + CACHE_MS, token?.expiresAt ?? Infinity) });
    return token;
  }

  async revoke(id: number): Promise<void> {
    if (!(await this.store.tokens.revoke(id, Date.now()))) throw new FanzhaError('NOT_FOUND', `no active token ${id}`);
    this.cache.clear();
  }

  /** Ends every session of a user at once. */
  async revokeSessions(userId: number): Promise<void> {
    await this.store.tokens.revokeForUser(userId, Date.now());
    this.cache.clear();
  }

  list(): Promise<ApiToken[]> {
    return this.store.tokens.list();
  }

  /**
   * On the first start (no active admin token) creates one and writes it to `<dataDir>/admin-token`, readable
   * by the owner only; returns that file's path, or null when an admin token already exists.
   */
  async bootstrapAdmin(dataDir: string): Promise<string | null> {
    if ((await this.store.tokens.countActiveAdmins()) > 0) return null;
    const { secret } = await this.create('admin', 'first admin (created on first start)', 'system');
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'admin-token');
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return file;
  }
}
