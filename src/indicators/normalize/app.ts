import { invalid, type NormalizeResult } from './result.js';

export interface AppInfo {
  form: 'package' | 'name';
}

// Android's rule: two or more dot-separated segments, each a letter then letters, digits or "_".
const PACKAGE = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/i;
const MAX_PACKAGE = 255;
const MAX_NAME = 100;
const PLAY_URL = /^(?:https?:\/\/)?play\.google\.com\/store\/apps\/details\?(?:[^#]*&)?id=([^&#]+)/i;

/**
 * Canonical app: a lower-cased Android package name (`com.example.app`; a `pkg:` prefix or a Google Play link
 * is accepted), or `name:<store name>` for anything else, e.g. `name:云闪付`.
 */
export function normalizeApp(raw: string): NormalizeResult<AppInfo> {
  // Zero-width characters are dropped: they are invisible and used to dodge exact matches.
  const s = raw.normalize('NFKC').replace(/\p{Cf}/gu, '').trim().replace(/\s+/g, ' ');
  if (s === '') return invalid('APP_EMPTY', 'the value is empty');

  const play = PLAY_URL.exec(s);
  const explicit = /^pkg\s*:\s*/i.exec(s);
  if (play || explicit) {
    const pkg = play ? play[1] : s.slice(explicit![0].length);
    if (!PACKAGE.test(pkg) || pkg.length > MAX_PACKAGE) {
      return invalid('APP_INVALID_PACKAGE', `"${pkg}" is not an Android package name (e.g. com.example.app)`);
    }
    return { ok: true, canonical: pkg.toLowerCase(), info: { form: 'package' } };
  }
  // Package names begin with a lower-case segment (com., cn., org.); "Dr.Cleaner" is a display name.
  if (PACKAGE.test(s) && /^[a-z]/.test(s) && s.length <= MAX_PACKAGE) {
    return { ok: true, canonical: s.toLowerCase(), info: { form: 'package' } };
  }

  const name = s.replace(/^name\s*:\s*/i, '');
  if (name === '') return invalid('APP_EMPTY', 'no app name after "name:"');
  if (name.length > MAX_NAME) return invalid('APP_NAME_TOO_LONG', `an app name has at most ${MAX_NAME} characters`);
  if (/\p{Cc}/u.test(name)) return invalid('APP_INVALID_NAME', 'an app name holds no control characters');
  return { ok: true, canonical: `name:${name}`, info: { form: 'name' } };
}
