import type { IndicatorKind, IndicatorStatus } from '../../domain/indicator.js';
import { FanzhaError } from '../../domain/errors.js';
import { parsePlain } from './parse-plain.js';
import { parseCsv } from './parse-csv.js';
import { parseStix } from './parse-stix.js';

export const IMPORT_FORMATS = ['plain', 'csv', 'stix'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** True when `format` names an import format. */
export function isImportFormat(format: string): format is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(format);
}

/** One value read from an import file, before any per-kind normalisation. */
export interface RawRecord {
  /** 1-based line (for STIX: the 1-based index of the object in bundle.objects). */
  line: number;
  /** The raw value, not normalised. */
  value: string;
  /** Set when the line itself tells (STIX pattern type, CSV `kind` column, adblock URL rule). */
  kind?: IndicatorKind;
  /** Per-line status override (CSV `status`, STIX `revoked`). */
  status?: IndicatorStatus;
  /** Per-line fraud-type codes, not validated here. */
  fraudTypes?: string[];
  /** 0..100. */
  score?: number;
  /** Epoch milliseconds. */
  expiresAt?: number;
  note?: string;
}

/** A line (or STIX object) that yielded no record, and why. */
export interface ParseProblem {
  line: number;
  /** Stable machine-readable code, listed in docs/import-formats.md. */
  code: string;
  reason: string;
  /** The offending text, shortened. */
  text?: string;
}

export type ParsedLine = { ok: true; record: RawRecord } | { ok: false; problem: ParseProblem };

export type LineSource = AsyncIterable<string> | Iterable<string>;

/** Parse a whole import file lazily: lines come from an async iterable of text lines (so a 200 MB file streams). */
export function parseImport(format: ImportFormat, lines: LineSource): AsyncGenerator<ParsedLine> {
  switch (format) {
    case 'plain':
      return parsePlain(lines);
    case 'csv':
      return parseCsv(lines);
    case 'stix':
      return parseStix(lines);
    default:
      // Reachable from untyped callers (a CLI flag, a form field).
      throw new FanzhaError('UNSUPPORTED_FORMAT', `unknown import format: ${String(format)}`, {
        formats: IMPORT_FORMATS,
      });
  }
}

/**
 * Split a stream of text chunks (e.g. `createReadStream(path, 'utf8')`) into lines without the line ending.
 * Handles `\n`, `\r\n` and a `\r\n` split across two chunks; a final line without a newline is yielded too.
 */
export async function* splitLines(chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of chunks) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = rest.indexOf('\n', start); nl !== -1; nl = rest.indexOf('\n', start)) {
      const end = nl > start && rest.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield rest.slice(start, end);
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  rest += decoder.decode();
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  if (rest !== '') yield rest;
}

// ---- helpers shared by the parsers -------------------------------------------------------------------------------

const MAX_TEXT = 200;

/** Shorten offending text for a problem report. */
export function excerpt(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** Build a failed ParsedLine. */
export function problem(line: number, code: string, reason: string, text?: string): ParsedLine {
  const p: ParseProblem = { line, code, reason };
  if (text !== undefined) p.text = excerpt(text);
  return { ok: false, problem: p };
}

/** Iterate lines with their 1-based numbers, removing a BOM on line 1 and a trailing `\r`. */
export async function* numberedLines(lines: LineSource): AsyncGenerator<[number, string]> {
  let n = 0;
  for await (const raw of lines) {
    n++;
    let line = raw;
    if (n === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    yield [n, line];
  }
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parse an ISO-8601 / RFC 3339 date or date-time to epoch ms, or undefined when it is not one or names no real
 * instant (2025-02-30, 25:00). A time without an offset is taken as UTC, as everywhere in Fanzha.
 */
export function parseIsoTimestamp(text: string): number | undefined {
  const m = ISO_RE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]) return undefined;
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(3).replace(':', '') || '0');
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number((frac + '000').slice(0, 3));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime() - offsetMin * 60_000;
}
