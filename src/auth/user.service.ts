import { FanzhaError } from '../domain/errors.js';
import type { Role } from '../domain/role.js';
import type { Store, User } from '../store/index.js';
import { requireScope } from './scope.js';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './password.js';
import type { TokenService } from './token.service.js';

/** Wrong passwords in a row before the account is locked, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MS = 15 * 60_000;

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  scope: string | null;
  password: string;
}

/** A session: the bearer token a sign-in hands the console, good until `expiresAt`. */
export interface Session {
  secret: string;
  tokenId: number;
  expiresAt: number;
  user: User;
}

/**
 * Console users. A sign-in checks the password (scrypt) and issues an expiring token of the user's role and scope,
 * so every route authorises a person exactly as it does a machine's token. Five wrong passwords lock the account
 * for 15 minutes; disabling a user or changing the password ends the user's sessions.
 */
export class UserService {
  constructor(
    private readonly store: Store,
    private readonly tokens: TokenService,
    private readonly sessionMs: number,
  ) {}

  async create(input: NewUser, createdBy: string): Promise<User> {
    const username = input.username.trim().toLowerCase();
    if (!USERNAME.test(username)) throw new FanzhaError('VALIDATION_FAILED', 'a username is 2-64 of a-z, 0-9, ".", "_" or "-", starting with a letter or digit', { field: 'username' });
    if (!input.displayName.trim()) throw new FanzhaError('VALIDATION_FAILED', 'a user needs a display name', { field: 'displayName' });
    requireScope(input.role, input.scope);
    const problem = passwordProblem(input.password);
    if (problem) throw new FanzhaError('VALIDATION_FAILED', problem, { field: 'password' });
    if (await this.store.users.findWithHash(username)) throw new FanzhaError('CONFLICT', `user ${username} exists`, { field: 'username' });
    return this.store.users.insert({
      username, displayName: input.displayName.trim(), role: input.role, scope: input.scope?.trim() || null,
      passwordHash: await hashPassword(input.password), createdBy, at: Date.now(),
    });
  }

  /** Checks the password and opens a session; every failure answers the same UNAUTHENTICATED, whatever was wrong. */
  async signIn(username: string, password: string, now = Date.now()): Promise<Session> {
    const found = await this.store.users.findWithHash(username.trim().toLowerCase());
    const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
    const refused = new FanzhaError('UNAUTHENTICATED', 'wrong username or password, or the account is locked or disabled');
    if (!found) throw refused;
    const { user } = found;
    if (user.disabledAt !== null || (user.lockedUntil !== null && user.lockedUntil > now)) throw refused;
    if (!ok) {
      await this.store.users.recordFailure(user.id, user.failedAttempts + 1 >= MAX_FAILED_SIGN_INS ? now + LOCK_MS : null);
      throw refused;
    }
    await this.store.users.recordSuccess(user.id);
    const expiresAt = now + this.sessionMs;
    const { token, secret } = await this.tokens.create(user.role, `${user.displayName} (${user.username})`, `user:${user.username}`, user.scope, { expiresAt, userId: user.id });
    return { secret, tokenId: token.id, expiresAt, user };
  }

  /** Sets a new password; the user's open sessions end. */
  async setPassword(id: number, password: string): Promise<User> {
    const problem = passwordProblem(password);
    if (problem) throw new FanzhaError('VALIDATION_FAILED', problem, { field: 'password' });
    const user = await this.store.users.get(id);
    if (!user) throw new FanzhaError('NOT_FOUND', `no user ${id}`);
    await this.store.users.setPassword(user.id, await hashPassword(password));
    await this.tokens.revokeSessions(user.id);
    return user;
  }

  /** Disables (or, with `disabled` false, enables) a user; disabling ends the user's sessions. */
  async setDisabled(id: number, disabled: boolean): Promise<User> {
    if (!(await this.store.users.setDisabled(id, disabled ? Date.now() : null))) throw new FanzhaError('NOT_FOUND', `no user ${id}`);
    if (disabled) await this.tokens.revokeSessions(id);
    return (await this.store.users.get(id))!;
  }

  list(): Promise<User[]> {
    return this.store.users.list();
  }

  async byName(username: string): Promise<User> {
    const found = await this.store.users.findWithHash(username.trim().toLowerCase());
    if (!found) throw new FanzhaError('NOT_FOUND', `no user ${username}`);
    return found.user;
  }
}
