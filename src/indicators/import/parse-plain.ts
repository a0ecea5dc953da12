import type { LineSource, ParsedLine, RawRecord } from './records.js';
import { numberedLines, problem } from './records.js';

/*
 * One value per line, as published by blocklists: bare values, hosts files and the subset of adblock filter syntax
 * that names a host or a URL. See docs/import-formats.md.
 */

/** Names a hosts file maps to itself or to the loopback: never indicators. */
const HOSTS_SELF_ENTRIES = new Set([
  'localhost',
  'localhost.localdomain',
  'local',
  'broadcasthost',
  'ip6-localhost',
  'ip6-loopback',
  'ip6-localnet',
  'ip6-mcastprefix',
  'ip6-allnodes',
  'ip6-allrouters',
  'ip6-allhosts',
  '0.0.0.0',
]);

/** Adblock options that turn a rule into something other than "block this". */
const NEGATING_OPTIONS = new Set(['badfilter']);
const MODIFYING_OPTIONS = new Set([
  'removeparam',
  'queryprune',
  'redirect',
  'redirect-rule',
  'csp',
  'rewrite',
  'replace',
  'removeheader',
  'header',
  'permissions',
  'cookie',
  'urltransform',
  'uritransform',
  'jsonprune',
  'hls',
  'referrerpolicy',
]);

const OPTIONS_RE = /^~?[a-z][a-z0-9_-]*(=[^,]*)?(,~?[a-z][a-z0-9_-]*(=[^,]*)?)*$/i;
const IPV4_RE = /^\d{1,3}(\.\d{1,3}){3}$/;
// Loose on purpose: it only decides whether the first token of a line is a hosts-file address.
const IPV6_RE = /^(?=[^:]*:[^:]*:)[0-9a-f:.]+(%\S+)?$/i;
// `example.com##.ad`, `##.ad`, `example.com#@#.ad`, `#$#`, `#%#`, `#?#`, HTML filters `$$`: only before any `/` or `:`,
// so that a URL whose path holds `##` or `$$` is not mistaken for one.
const COSMETIC_RE = /^[^\s/:]*(#@?[?$%]?#|\$@?\$)/;
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Parse a plain, hosts or adblock list; one ParsedLine per value or per rejected line. */
export async function* parsePlain(lines: LineSource): AsyncGenerator<ParsedLine> {
  for await (const [n, line] of numberedLines(lines)) {
    yield* parsePlainLine(n, line);
  }
}

/** Parse one line of a plain list (exported for callers that already hold lines one by one). */
export function parsePlainLine(n: number, raw: string): ParsedLine[] {
  const line = raw.trim();
  if (line === '') return [];
  const first = line[0];
  if (first === '#' || first === '!') return [];
  // `[Adblock Plus 2.0]`, `[uBlock Origin]`: list headers.
  if (first === '[' && line.endsWith(']')) return [];
  if (line.startsWith('@@')) {
    return [problem(n, 'SKIPPED_EXCEPTION_RULE', 'adblock exception rule (@@) allows rather than blocks', line)];
  }
  if (COSMETIC_RE.test(line)) {
    return [problem(n, 'UNSUPPORTED_RULE', 'element-hiding / scriptlet rules name page content, not a host', line)];
  }

  const text = stripInlineComment(line);
  if (text === '') return [];

  const adblock = text.startsWith('|') || (text.startsWith('/') && !text.includes(' '));
  if (adblock || (!SCHEME_RE.test(text) && /\^(\$|\||$)/.test(text))) {
    return [adblockRule(n, text, line)];
  }

  const tokens = text.split(/\s+/);
  if (tokens.length === 1) return [ok({ line: n, value: tokens[0] })];
  if (isIpLiteral(tokens[0])) {
    // Hosts file: `<address> <name> [<name> ...]`; each name is a value.
    const out: ParsedLine[] = [];
    for (const name of tokens.slice(1)) {
      if (HOSTS_SELF_ENTRIES.has(name.toLowerCase())) continue;
      out.push(ok({ line: n, value: name }));
    }
    return out;
  }
  // Otherwise the whole line is one value: people write numbers and cards with spaces (`138 1234 5678`);
  // the kind's normaliser decides whether it is valid.
  return [ok({ line: n, value: text })];
}

function ok(record: RawRecord): ParsedLine {
  return { ok: true, record };
}

/** Remove ` # comment` at the end; a `#` not preceded by whitespace (a URL fragment) stays. */
function stripInlineComment(line: string): string {
  const m = /\s#/.exec(line);
  return m ? line.slice(0, m.index).trimEnd() : line;
}

function isIpLiteral(token: string): boolean {
  return IPV4_RE.test(token) || IPV6_RE.test(token);
}

function adblockRule(n: number, text: string, line: string): ParsedLine {
  let body = text;
  // Regex rules: `/ads[0-9]+\.js/` with optional `$options`.
  if (body.startsWith('/') && /^\/.*\/(\$.*)?$/.test(body) && body.length > 2) {
    return problem(n, 'UNSUPPORTED_RULE', 'regular-expression rules are patterns, not values', line);
  }

  const dollar = body.lastIndexOf('$');
  if (dollar !== -1 && OPTIONS_RE.test(body.slice(dollar + 1))) {
    const names = body
      .slice(dollar + 1)
      .split(',')
      .map((o) => o.replace(/^~/, '').replace(/=.*$/, '').toLowerCase());
    if (names.some((o) => NEGATING_OPTIONS.has(o))) {
      return problem(n, 'SKIPPED_EXCEPTION_RULE', '$badfilter rule cancels another rule', line);
    }
    const modifier = names.find((o) => MODIFYING_OPTIONS.has(o));
    if (modifier !== undefined) {
      return problem(n, 'UNSUPPORTED_RULE', `$${modifier} rules modify requests rather than block them`, line);
    }
    body = body.slice(0, dollar);
  }

  let kind: RawRecord['kind'];
  if (body.startsWith('||')) {
    body = body.slice(2);
  } else if (body.startsWith('|')) {
    body = body.slice(1);
    if (!SCHEME_RE.test(body)) {
      return problem(n, 'UNSUPPORTED_RULE', 'a `|` rule must start with a scheme (|https://…)', line);
    }
    kind = 'url';
  } else if (body.startsWith('/')) {
    return problem(n, 'UNSUPPORTED_RULE', 'path-only rules name no host', line);
  }
  if (body.endsWith('|')) body = body.slice(0, -1);
  if (body.endsWith('^')) body = body.slice(0, -1);

  if (body === '' || body === '*.') {
    return problem(n, 'INVALID_LINE', 'adblock rule names no host', line);
  }
  const wildcardFree = body.startsWith('*.') ? body.slice(2) : body;
  if (/[*^\s]/.test(wildcardFree)) {
    return problem(n, 'UNSUPPORTED_RULE', 'wildcards and `^` separators inside a rule make it a pattern', line);
  }
  // `||host/path^` names a URL on any scheme; the value keeps no scheme (the URL normaliser adds one).
  if (kind === undefined && /[/?]/.test(wildcardFree)) kind = 'url';
  const record: RawRecord = { line: n, value: body };
  if (kind !== undefined) record.kind = kind;
  return ok(record);
}
