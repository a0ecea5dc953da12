import { FanzhaError } from '../domain/errors.js';
import type { Role } from '../domain/role.js';

/**
 * Officers and banks see only their own (a station or district, a bank): without a scope such a holder would see
 * nothing, so a token or user of those roles is refused without one.
 */
export function requireScope(role: Role, scope: string | null | undefined): void {
  if ((role === 'station_officer' || role === 'bank_partner') && !scope?.trim()) {
    throw new FanzhaError('VALIDATION_FAILED', `a ${role} needs a scope (--scope: ${role === 'bank_partner' ? 'the bank name' : 'a station or district code'})`, { field: 'scope' });
  }
}
