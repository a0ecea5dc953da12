import type { Role } from '../domain/role.js';
import type { SqlDriver } from './driver.js';

export interface ApiToken {
  id: number;
  name: string;
  role: Role;
  /** Jurisdiction the token is limited to: a station or district code (officers), a bank name (bank partners). */
  scope: string | null;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
  /** Session tokens (a user's sign-in) expire; tokens made for machines do not (null). */
  expiresAt: number | null;
  /** The user a session token was issued to; null for a token made by hand. */
  userId: number | null;
}

interface TokenRow {
  id: number;
  name: string;
  role: string;
  scope: string | null;
  created_at: number;
  created_by: string;
  revoked_at: number | null;
  expires_at: number | null;
  user_id: number | null;
}

const toToken = (r: TokenRow): ApiToken => ({
  id: Number(r.id),
  name: r.name,
  role: r.role as Role,
  scope: r.scope ?? null,
  createdAt: Number(r.created_at),
  createdBy: r.created_by,
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  expiresAt: r.expires_at === null ? null : Number(r.expires_at),
  userId: r.user_id === null ? null : Number(r.user_id),
});

const COLS = 'id, name, role, scope, created_at, created_by, revoked_at, expires_at, user_id';

/** API tokens are kept only as SHA-256 hashes. */
export class TokenRepository {
  constructor(private readonly db: SqlDriver) {}

  async insert(token: { name: string; role: Role; hash: string; createdBy: string; at: number; scope?: string | null; expiresAt?: number | null; userId?: number | null }): Promise<ApiToken> {
    const row = await this.db.get<TokenRow>(
      `INSERT INTO api_tokens (name, role, token_hash, created_at, created_by, scope, expires_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${COLS}`,
      [token.name, token.role, token.hash, token.at, token.createdBy, token.scope ?? null, token.expiresAt ?? null, token.userId ?? null],
    );
    return toToken(row!);
  }

  /** The token with this hash that is neither revoked nor expired at `now`. */
  async findActiveByHash(hash: string, now: number): Promise<ApiToken | undefined> {
    const row = await this.db.get<TokenRow>(
      `SELECT ${COLS} FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
      [hash, now],
    );
    return row && toToken(row);
  }

  async list(): Promise<ApiToken[]> {
    const rows = await this.db.all<TokenRow>(
      `SELECT ${COLS} FROM api_tokens ORDER BY id`,
    );
    return rows.map(toToken);
  }

  async countActiveAdmins(): Promise<number> {
    const row = await this.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL AND expires_at IS NULL",
    );
    return Number(row?.n ?? 0);
  }

  async revoke(id: number, at: number): Promise<boolean> {
    const { changes } = await this.db.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]);
    return changes > 0;
  }

  /** Revokes every live session of a user (sign-out everywhere, a disabled user, a new password). */
  async revokeForUser(userId: number, at: number): Promise<number> {
    const { changes } = await this.db.run('UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [at, userId]);
    return changes;
  }
}
