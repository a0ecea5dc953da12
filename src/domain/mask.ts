/** Masks for personal data shown to roles that do not need it in full. */

/** '+8613812345678' -> '+86138****5678'; short numbers keep their last 4 digits. */
export function maskPhone(e164: string): string {
  if (e164.startsWith('+86') && e164.length === 14) return `${e164.slice(0, 6)}****${e164.slice(10)}`;
  if (e164.length <= 6) return e164;
  return `${e164.slice(0, 3)}${'*'.repeat(e164.length - 7)}${e164.slice(-4)}`;
}

/** '6222021234567890123' -> '6222***********0123'; payment accounts keep their scheme prefix. */
export function maskAccount(account: string): string {
  const colon = account.indexOf(':');
  const prefix = colon >= 0 ? account.slice(0, colon + 1) : '';
  const body = account.slice(prefix.length);
  if (body.length <= 8) return `${prefix}${'*'.repeat(Math.max(0, body.length - 2))}${body.slice(-2)}`;
  return `${prefix}${body.slice(0, 4)}${'*'.repeat(body.length - 8)}${body.slice(-4)}`;
}

/** Resident ID '110101199003071234' -> '110101********1234'. */
export function maskResidentId(id: string): string {
  return id.length <= 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
