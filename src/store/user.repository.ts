import type { Role } from '../domain/role.js';
import type { SqlDriver } from './driver.js';

/** A console user: signs in with a username and password and gets a session token of the user's role and scope. */
export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scope: string | null;
  createdAt: number;
  createdBy: string;
  disabledAt: number | null;
  /** Failed sign-ins since the last good one; past the limit the account is locked for a while. */
  failedAttempts: number;
  lockedUntil: number | null;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  scope: string | null;
  password_hash: string;
  failed_attempts: number;
  locked_until: number | null;
  created_by: string;
  created_at: number;
  disabled_at: number | null;
}

const COLS = 'id, username, display_name, role, scope, password_hash, failed_attempts, locked_until, created_by, created_at, disabled_at';

const toUser = (r: UserRow): User => ({
  id: Number(r.id),
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  scope: r.scope ?? null,
  createdAt: Number(r.created_at),
  createdBy: r.created_by,
  disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
  failedAttempts: Number(r.failed_attempts),
  lockedUntil: r.locked_until === null ? null : Number(r.locked_until),
});

/** Users and their password hashes (scrypt; the hash never leaves this repository and the user service). */
export class UserRepository {
  constructor(private readonly db: SqlDriver) {}

  async insert(user: { username: string; displayName: string; role: Role; scope: string | null; passwordHash: string; createdBy: string; at: number }): Promise<User> {
    const row = await this.db.get<UserRow>(
      `INSERT INTO users (username, display_name, role, scope, password_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${COLS}`,
      [user.username, user.displayName, user.role, user.scope, user.passwordHash, user.createdBy, user.at],
    );
    return toUser(row!);
  }

  /** The user with this username and the stored password hash. */
  async findWithHash(username: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const row = await this.db.get<UserRow>(`SELECT ${COLS} FROM users WHERE username = ?`, [username]);
    return row && { user: toUser(row), passwordHash: row.password_hash };
  }

  async get(id: number): Promise<User | undefined> {
    const row = await this.db.get<UserRow>(`SELECT ${COLS} FROM users WHERE id = ?`, [id]);
    return row && toUser(row);
  }

  async list(): Promise<User[]> {
    return (await this.db.all<UserRow>(`SELECT ${COLS} FROM users ORDER BY id`)).map(toUser);
  }

  /** Records a failed sign-in; locks the account until `lockUntil` when given. */
  async recordFailure(id: number, lockUntil: number | null): Promise<void> {
    await this.db.run('UPDATE users SET failed_attempts = failed_attempts + 1, locked_until = COALESCE(?, locked_until) WHERE id = ?', [lockUntil, id]);
  }

  async recordSuccess(id: number): Promise<void> {
    await this.db.run('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?', [id]);
  }

  async setPassword(id: number, passwordHash: string): Promise<void> {
    await this.db.run('UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?', [passwordHash, id]);
  }

  async setDisabled(id: number, at: number | null): Promise<boolean> {
    const { changes } = await this.db.run('UPDATE users SET disabled_at = ? WHERE id = ?', [at, id]);
    return changes > 0;
  }
}
