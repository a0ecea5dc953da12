import type { IndicatorKind } from '../../domain/indicator.js';
import type { LineSource, ParsedLine, RawRecord } from './records.js';
import { parseIsoTimestamp, problem } from './records.js';

/*
 * STIX 2.1 bundles: indicator objects with STIX patterns, and cyber-observable objects carrying a value.
 * The mapping from object paths to indicator kinds, including the x-fanzha-* custom types, is in
 * docs/import-formats.md.
 */

/** `<object type>:<property>` -> kind, for comparisons and for observable objects alike. */
const VALUE_PATHS: Record<string, IndicatorKind> = {
  'url:value': 'url',
  'domain-name:value': 'domain',
  'ipv4-addr:value': 'ip',
  'ipv6-addr:value': 'ip',
  'x-fanzha-phone:value': 'phone',
  'phone-number:value': 'phone',
  'x-fanzha-bank-card:value': 'bank_card',
  'x-fanzha-payment-account:value': 'payment_account',
  'x-fanzha-app:value': 'app',
  'x-fanzha-crypto-address:value': 'crypto_address',
};

/**
 * user-account `account_type` values that are instant-messaging platforms, i.e. im_account `<type>:<login>`
 * (the im_account normaliser canonicalises `weixin` to `wechat`). Others (unix, windows-local, ldap, …) are not IM.
 */
const IM_ACCOUNT_TYPES = new Set(['qq', 'wechat', 'weixin', 'telegram', 'whatsapp', 'line']);

/** Parse a STIX import. The bundle is one JSON document, so the lines are joined and parsed whole. */
export async function* parseStix(lines: LineSource): AsyncGenerator<ParsedLine> {
  const parts: string[] = [];
  for await (const line of lines) parts.push(line);
  yield* parseStixText(parts.join('\n'));
}

/** Parse a STIX bundle (or a bare array of objects, or a single object) held in memory. */
export function* parseStixText(text: string): Generator<ParsedLine> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    yield problem(1, 'INVALID_JSON', `not valid JSON: ${(err as Error).message}`);
    return;
  }
  let objects: unknown[];
  if (Array.isArray(doc)) {
    objects = doc;
  } else if (isObject(doc) && doc.type === 'bundle') {
    if (doc.objects === undefined) return; // an empty bundle may omit `objects`
    if (!Array.isArray(doc.objects)) {
      yield problem(1, 'INVALID_BUNDLE', 'bundle.objects is not an array');
      return;
    }
    objects = doc.objects;
  } else if (isObject(doc) && typeof doc.type === 'string') {
    objects = [doc];
  } else {
    yield problem(1, 'INVALID_BUNDLE', 'expected a STIX bundle, an array of STIX objects or one STIX object');
    return;
  }

  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i];
    const line = i + 1;
    if (!isObject(obj) || typeof obj.type !== 'string') {
      yield problem(line, 'INVALID_OBJECT', 'not a STIX object (no "type")', shorten(obj));
      continue;
    }
    if (obj.type === 'indicator') yield* indicator(line, obj);
    else if (obj.type === 'observed-data') yield* observedData(line, obj);
    else {
      const r = observable(line, obj);
      if (r !== undefined) yield r;
    }
  }
}

type Obj = Record<string, unknown>;

function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function shorten(x: unknown): string {
  return JSON.stringify(x) ?? String(x);
}

/** A cyber-observable object with a value we know; anything else (identity, malware, relationship, …) is ignored. */
function observable(line: number, obj: Obj): ParsedLine | undefined {
  const type = obj.type as string;
  if (type === 'user-account') {
    const accountType = typeof obj.account_type === 'string' ? obj.account_type.toLowerCase() : undefined;
    if (accountType === undefined || !IM_ACCOUNT_TYPES.has(accountType)) return undefined;
    if (typeof obj.account_login !== 'string' || obj.account_login === '') {
      return problem(line, 'INVALID_OBJECT', `${accountType} user-account has no account_login`, shorten(obj));
    }
    return { ok: true, record: { line, value: `${accountType}:${obj.account_login}`, kind: 'im_account' } };
  }
  const kind = VALUE_PATHS[`${type}:value`];
  if (kind === undefined) return undefined;
  if (typeof obj.value !== 'string' || obj.value === '') {
    return problem(line, 'INVALID_OBJECT', `${type} object has no string "value"`, shorten(obj));
  }
  return { ok: true, record: { line, value: obj.value, kind } };
}

/** STIX 2.0-style observed-data carries its observables inline in `objects`; 2.1 puts them in the bundle. */
function* observedData(line: number, obj: Obj): Generator<ParsedLine> {
  if (!isObject(obj.objects)) return;
  for (const inner of Object.values(obj.objects)) {
    if (!isObject(inner) || typeof inner.type !== 'string') continue;
    const r = observable(line, inner);
    if (r !== undefined) yield r;
  }
}

function* indicator(line: number, obj: Obj): Generator<ParsedLine> {
  const patternType = obj.pattern_type ?? 'stix';
  if (patternType !== 'stix') {
    yield problem(line, 'UNSUPPORTED_PATTERN_TYPE', `pattern_type "${String(patternType)}" is not "stix"`);
    return;
  }
  if (typeof obj.pattern !== 'string') {
    yield problem(line, 'INVALID_PATTERN', 'indicator has no pattern');
    return;
  }

  const base: Omit<RawRecord, 'value'> = { line };
  const problems: Array<[string, string]> = [];
  if (obj.valid_until !== undefined) {
    const at = typeof obj.valid_until === 'string' ? parseIsoTimestamp(obj.valid_until) : undefined;
    if (at !== undefined) base.expiresAt = at;
    else problems.push(['INVALID_VALID_UNTIL', `valid_until ${JSON.stringify(obj.valid_until)} is not a timestamp`]);
  }
  if (obj.revoked === true) base.status = 'revoked';
  if (obj.confidence !== undefined) {
    const c = obj.confidence;
    if (typeof c === 'number' && Number.isInteger(c) && c >= 0 && c <= 100) base.score = c;
    else problems.push(['INVALID_CONFIDENCE', `confidence ${JSON.stringify(c)} is not an integer from 0 to 100`]);
  }
  if (obj.x_fanzha_fraud_types !== undefined) {
    const ft = obj.x_fanzha_fraud_types;
    if (Array.isArray(ft) && ft.every((x): x is string => typeof x === 'string')) {
      if (ft.length > 0) base.fraudTypes = [...ft];
    } else {
      problems.push(['INVALID_FRAUD_TYPES', 'x_fanzha_fraud_types is not an array of strings']);
    }
  }
  const note = typeof obj.name === 'string' && obj.name !== '' ? obj.name : obj.description;
  if (typeof note === 'string' && note !== '') base.note = note;
  if (problems.length > 0) {
    yield problem(line, problems[0][0], problems.map(([, r]) => r).join('; '), obj.pattern);
    return;
  }

  let ast: PatternNode;
  try {
    ast = parsePattern(obj.pattern);
  } catch (err) {
    if (!(err instanceof PatternSyntaxError)) throw err;
    yield problem(line, 'INVALID_PATTERN', err.message, obj.pattern);
    return;
  }
  for (const alt of alternatives(ast)) {
    if ('unsupported' in alt) yield problem(line, 'UNSUPPORTED_PATTERN', alt.unsupported, obj.pattern);
    else yield { ok: true, record: { ...base, value: alt.value, kind: alt.kind } };
  }
}

// ---- STIX patterning ---------------------------------------------------------------------------------------------

/** A comparison `path op value(s)`; the observation level and the comparison level share And/Or nodes. */
interface Comparison {
  t: 'cmp';
  path: string;
  op: string;
  negated: boolean;
  values: string[];
}
interface Junction {
  t: 'and' | 'or';
  level: 'obs' | 'cmp';
  left: PatternNode;
  right: PatternNode;
}
type PatternNode = Comparison | Junction | { t: 'followedby'; left: PatternNode; right: PatternNode };

type Alternative = { kind: IndicatorKind; value: string } | { unsupported: string };

class PatternSyntaxError extends Error {}

type Token =
  | { t: 'punct'; v: '[' | ']' | '(' | ')' | ',' }
  | { t: 'op'; v: string }
  | { t: 'word'; v: string } // keywords and object paths
  | { t: 'str'; v: string }
  | { t: 'lit'; v: string }; // numbers, booleans, t'…', h'…', b'…'

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readQuoted = (): string => {
    // at the opening quote
    let out = '';
    i++;
    for (;;) {
      if (i >= src.length) throw new PatternSyntaxError('unterminated string literal');
      const c = src[i];
      if (c === '\\') {
        const e = src[i + 1];
        if (e !== "'" && e !== '\\') throw new PatternSyntaxError(`invalid escape \\${e ?? ''} in a string literal`);
        out += e;
        i += 2;
      } else if (c === "'") {
        i++;
        return out;
      } else {
        out += c;
        i++;
      }
    }
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '[' || c === ']' || c === '(' || c === ')' || c === ',') {
      tokens.push({ t: 'punct', v: c });
      i++;
    } else if (c === "'") {
      tokens.push({ t: 'str', v: readQuoted() });
    } else if (/[tbh]/.test(c) && src[i + 1] === "'") {
      i++;
      tokens.push({ t: 'lit', v: c + readQuoted() });
    } else if (/[=!<>]/.test(c)) {
      const m = /^(!=|<=|>=|=|<|>)/.exec(src.slice(i, i + 2));
      if (!m) throw new PatternSyntaxError(`unexpected "${c}"`);
      tokens.push({ t: 'op', v: m[1] });
      i += m[1].length;
    } else if (/[-+\d]/.test(c)) {
      const m = /^[-+]?\d+(\.\d+)?/.exec(src.slice(i));
      if (!m) throw new PatternSyntaxError(`unexpected "${c}"`);
      tokens.push({ t: 'lit', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      // A word: a keyword, or an object path `type:prop(.prop|.'quoted'|[n]|[*])*`.
      const start = i;
      const m = /^[A-Za-z0-9_-]+/.exec(src.slice(i));
      i += m ? m[0].length : 1;
      if (src[i] === ':') {
        i++;
        const prop = /^[A-Za-z0-9_-]+/.exec(src.slice(i));
        if (!prop) throw new PatternSyntaxError('object path without a property');
        i += prop[0].length;
        for (;;) {
          if (src[i] === '.' && src[i + 1] === "'") {
            i++;
            readQuoted();
          } else if (src[i] === '.') {
            const p = /^\.[A-Za-z0-9_-]+/.exec(src.slice(i));
            if (!p) throw new PatternSyntaxError('bad object path');
            i += p[0].length;
          } else if (src[i] === '[') {
            const p = /^\[(\d+|\*)\]/.exec(src.slice(i));
            if (!p) break;
            i += p[0].length;
          } else break;
        }
      }
      const word = src.slice(start, i);
      tokens.push(word === 'true' || word === 'false' ? { t: 'lit', v: word } : { t: 'word', v: word });
    } else {
      throw new PatternSyntaxError(`unexpected "${c}"`);
    }
  }
  return tokens;
}

const QUALIFIERS = new Set(['WITHIN', 'REPEATS', 'START']);

function parsePattern(src: string): PatternNode {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (v: string): boolean => {
    const t = tokens[pos];
    return t !== undefined && t.t === 'word' && t.v.toUpperCase() === v;
  };
  const isPunct = (v: string): boolean => {
    const t = tokens[pos];
    return t !== undefined && t.t === 'punct' && t.v === v;
  };
  const expectPunct = (v: string): void => {
    if (!isPunct(v)) throw new PatternSyntaxError(`expected "${v}"`);
    pos++;
  };

  // Observation level: obs (AND|OR|FOLLOWEDBY obs)*, with AND binding tighter than OR, FOLLOWEDBY loosest.
  const obsFollowed = (): PatternNode => {
    let left = obsOr();
    while (isWord('FOLLOWEDBY')) {
      pos++;
      left = { t: 'followedby', left, right: obsOr() };
    }
    return left;
  };
  // `operand (WORD operand)*`, folded to the left: the AND / OR levels of observations and of comparisons.
  const chain = (word: 'and' | 'or', level: 'obs' | 'cmp', operand: () => PatternNode): PatternNode => {
    let left = operand();
    while (isWord(word.toUpperCase())) {
      pos++;
      left = { t: word, level, left, right: operand() };
    }
    return left;
  };
  const obsOr = (): PatternNode => chain('or', 'obs', obsAnd);
  const obsAnd = (): PatternNode => chain('and', 'obs', observation);
  const observation = (): PatternNode => {
    let node: PatternNode;
    if (isPunct('[')) {
      pos++;
      node = cmpOr();
      expectPunct(']');
    } else if (isPunct('(')) {
      pos++;
      node = obsFollowed();
      expectPunct(')');
    } else {
      throw new PatternSyntaxError('expected "[" or "("');
    }
    skipQualifiers();
    return node;
  };
  // Qualifiers restrict when the observation must be seen; the value is an indicator regardless, so they are read
  // and dropped.
  const skipQualifiers = (): void => {
    for (;;) {
      const t = peek();
      if (t === undefined || t.t !== 'word' || !QUALIFIERS.has(t.v.toUpperCase())) return;
      const q = t.v.toUpperCase();
      pos++;
      if (q === 'START') {
        literal();
        if (!isWord('STOP')) throw new PatternSyntaxError('START without STOP');
        pos++;
        literal();
      } else {
        literal();
        const unit = q === 'WITHIN' ? 'SECONDS' : 'TIMES';
        if (!isWord(unit)) throw new PatternSyntaxError(`${q} without ${unit}`);
        pos++;
      }
    }
  };
  const literal = (): void => {
    const t = peek();
    if (t === undefined || (t.t !== 'lit' && t.t !== 'str')) throw new PatternSyntaxError('expected a literal');
    pos++;
  };

  const cmpOr = (): PatternNode => chain('or', 'cmp', cmpAnd);
  const cmpAnd = (): PatternNode => chain('and', 'cmp', comparison);
  const comparison = (): PatternNode => {
    if (isPunct('(')) {
      pos++;
      const node = cmpOr();
      expectPunct(')');
      return node;
    }
    const path = peek();
    if (path === undefined || path.t !== 'word' || !path.v.includes(':')) {
      throw new PatternSyntaxError('expected an object path such as url:value');
    }
    pos++;
    let negated = false;
    if (isWord('NOT')) {
      negated = true;
      pos++;
    }
    const opTok = peek();
    if (opTok === undefined) throw new PatternSyntaxError('expected an operator');
    let op: string;
    if (opTok.t === 'op') op = opTok.v;
    else if (opTok.t === 'word' && /^(IN|LIKE|MATCHES|ISSUBSET|ISSUPERSET|EXISTS)$/i.test(opTok.v)) {
      op = opTok.v.toUpperCase();
    } else throw new PatternSyntaxError(`expected an operator after ${path.v}`);
    pos++;
    const values: string[] = [];
    const value = (): void => {
      const t = peek();
      if (t === undefined || (t.t !== 'str' && t.t !== 'lit')) throw new PatternSyntaxError('expected a value');
      values.push(t.v);
      pos++;
    };
    if (op === 'IN') {
      expectPunct('(');
      value();
      while (isPunct(',')) {
        pos++;
        value();
      }
      expectPunct(')');
    } else {
      value();
    }
    return { t: 'cmp', path: path.v, op, negated, values };
  };

  const root = obsFollowed();
  if (pos !== tokens.length) throw new PatternSyntaxError('unexpected text after the pattern');
  return root;
}

/** The values a pattern names, one per alternative: OR branches each stand alone; AND must be the QQ/WeChat form. */
function alternatives(node: PatternNode): Alternative[] {
  switch (node.t) {
    case 'or':
      return [...alternatives(node.left), ...alternatives(node.right)];
    case 'followedby':
      return [{ unsupported: 'FOLLOWEDBY names a sequence of observations, not a value' }];
    case 'and': {
      const im = node.level === 'cmp' ? imAccount(node) : undefined;
      if (im !== undefined) return [im];
      return [{ unsupported: 'AND of different observables (other than user-account login + type) names no single value' }];
    }
    case 'cmp':
      return comparisonValues(node);
  }
}

function comparisonValues(c: Comparison): Alternative[] {
  const kind = VALUE_PATHS[c.path.toLowerCase()];
  if (kind === undefined) {
    return [{ unsupported: `object path ${c.path} does not map to an indicator kind` }];
  }
  if (c.negated) return [{ unsupported: 'NOT comparisons name what a value is not' }];
  const subnet = c.op === 'ISSUBSET' && kind === 'ip';
  if (c.op !== '=' && c.op !== 'IN' && !subnet) {
    return [{ unsupported: `operator ${c.op} on ${c.path} names a pattern, not a value` }];
  }
  return c.values.map((value) => ({ kind, value }));
}

/** `user-account:account_login = 'x' AND user-account:account_type = 'qq'` (either order) -> `qq:x`. */
function imAccount(node: Junction): Alternative | undefined {
  const { left, right } = node;
  if (left.t !== 'cmp' || right.t !== 'cmp') return undefined;
  const pair = [left, right];
  const login = pair.find((c) => c.path.toLowerCase() === 'user-account:account_login');
  const type = pair.find((c) => c.path.toLowerCase() === 'user-account:account_type');
  if (login === undefined || type === undefined) return undefined;
  if (pair.some((c) => c.op !== '=' || c.negated || c.values.length !== 1)) return undefined;
  const platform = type.values[0].toLowerCase();
  if (!IM_ACCOUNT_TYPES.has(platform)) {
    return { unsupported: `user-account type "${type.values[0]}" is not an IM platform (qq, wechat, telegram, whatsapp, line)` };
  }
  return { kind: 'im_account', value: `${platform}:${login.values[0]}` };
}
