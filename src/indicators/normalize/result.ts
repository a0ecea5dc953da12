/** What every per-kind normaliser returns: the canonical form, or a stable error code and a reason. */
export type NormalizeResult<Info = undefined> =
  | { ok: true; canonical: string; info: Info }
  | { ok: false; code: string; reason: string };

/** Shorthand for a failed normalisation. */
export function invalid(code: string, reason: string): { ok: false; code: string; reason: string } {
  return { ok: false, code, reason };
}
