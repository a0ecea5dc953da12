import { isIndicatorKind, isIndicatorStatus } from '../../domain/indicator.js';
import type { LineSource, ParsedLine, RawRecord } from './records.js';
import { numberedLines, parseIsoTimestamp, problem } from './records.js';

/*
 * CSV with a header line (RFC 4180 quoting). See docs/import-formats.md for the columns.
 */

type Field = 'value' | 'kind' | 'status' | 'fraudTypes' | 'score' | 'expiresAt' | 'note';

/** Header names per field, in order of preference when a file has several of them. */
const COLUMN_ALIASES: Record<Field, readonly string[]> = {
  value: ['value', 'indicator', 'url', 'domain', 'phone', 'number', 'account'],
  kind: ['kind'],
  status: ['status'],
  fraudTypes: ['fraud_types', 'fraud_type', 'type'],
  score: ['score'],
  expiresAt: ['expires_at'],
  note: ['note', 'comment'],
};

/**
 * A quoted field may span lines (RFC 4180); past this many lines the quote is taken as never closed, so that one
 * stray `"` cannot swallow the rest of a large file.
 */
const MAX_RECORD_LINES = 20;
const MAX_RECORD_CHARS = 64 * 1024;

type Split = { ok: true; fields: string[] } | { ok: false; open: true } | { ok: false; open: false; reason: string };

/** Split one CSV record into fields; reports a quote left open at the end of the text. */
export function splitCsvRecord(text: string): Split {
  const fields: string[] = [];
  let i = 0;
  const len = text.length;
  for (;;) {
    while (i < len && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === '"') {
      let buf = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) return { ok: false, open: true };
        buf += text.slice(i, q);
        if (text[q + 1] === '"') {
          buf += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      while (i < len && (text[i] === ' ' || text[i] === '\t')) i++;
      fields.push(buf);
      if (i === len) return { ok: true, fields };
      if (text[i] !== ',') {
        return { ok: false, open: false, reason: `unexpected text after a closing quote in field ${fields.length}` };
      }
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? len : comma;
      fields.push(text.slice(i, end).trim());
      if (comma === -1) return { ok: true, fields };
      i = comma + 1;
    }
  }
}

interface Header {
  line: number;
  width: number;
  index: Partial<Record<Field, number>>;
}

/** Parse a CSV import; one ParsedLine per data record or per rejected record. */
export async function* parseCsv(lines: LineSource): AsyncGenerator<ParsedLine> {
  const source = numberedLines(lines)[Symbol.asyncIterator]();
  // Lines read ahead while looking for the end of a quoted field, handed back when the quote never closed.
  const pending: Array<[number, string]> = [];
  const next = async (): Promise<[number, string] | undefined> => {
    const queued = pending.shift();
    if (queued) return queued;
    const r = await source.next();
    return r.done ? undefined : r.value;
  };

  let header: Header | undefined;
  for (;;) {
    const first = await next();
    if (first === undefined) break;
    const [n, line] = first;
    if (line.trim() === '') continue;

    // Gather the whole record: a quoted field may continue on following lines.
    let text = line;
    const taken: Array<[number, string]> = [];
    let split = splitCsvRecord(text);
    while (!split.ok && split.open && taken.length < MAX_RECORD_LINES && text.length < MAX_RECORD_CHARS) {
      const more = await next();
      if (more === undefined) break;
      taken.push(more);
      text += '\n' + more[1];
      split = splitCsvRecord(text);
    }
    if (!split.ok) {
      if (split.open) {
        pending.unshift(...taken);
        yield problem(n, 'UNTERMINATED_QUOTE', 'a quoted field is never closed', line);
      } else {
        yield problem(n, 'INVALID_QUOTE', split.reason, text);
      }
      if (header === undefined) return; // without a header nothing after it can be read
      continue;
    }

    if (header === undefined) {
      const h = readHeader(n, split.fields, line);
      if ('problem' in h) {
        yield h.problem;
        if (h.fatal) return;
        header = h.header;
      } else {
        header = h;
      }
      continue;
    }
    yield toRecord(n, split.fields, header, text);
  }
  if (header === undefined) yield problem(1, 'MISSING_HEADER', 'the file is empty: a CSV import needs a header line');
}

function columnKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function readHeader(
  n: number,
  fields: string[],
  line: string,
): Header | { problem: ParsedLine; fatal: boolean; header: Header } {
  const keys = fields.map(columnKey);
  const index: Partial<Record<Field, number>> = {};
  for (const field of Object.keys(COLUMN_ALIASES) as Field[]) {
    for (const alias of COLUMN_ALIASES[field]) {
      const at = keys.indexOf(alias);
      if (at === -1) continue;
      if (keys.indexOf(alias, at + 1) !== -1) {
        const p = problem(n, 'DUPLICATE_COLUMN', `the header names column "${alias}" twice`, line);
        return { problem: p, fatal: true, header: { line: n, width: 0, index } };
      }
      index[field] = at;
      break;
    }
  }
  const header: Header = { line: n, width: fields.length, index };
  if (index.value === undefined) {
    if (fields.length !== 1) {
      const p = problem(
        n,
        'MISSING_VALUE_COLUMN',
        `the header has no value column (one of: ${COLUMN_ALIASES.value.join(', ')})`,
        line,
      );
      return { problem: p, fatal: true, header };
    }
    index.value = 0;
    // A one-column file without a header would silently lose its first value; say so instead.
    if (/^[+\d]|[.:/@]/.test(fields[0].trim())) {
      const p = problem(
        n,
        'MISSING_HEADER',
        'the first line looks like a value, not a column name; add a header line such as "value"',
        line,
      );
      return { problem: p, fatal: false, header };
    }
  }
  return header;
}

function toRecord(n: number, fields: string[], header: Header, text: string): ParsedLine {
  if (fields.length !== header.width) {
    return problem(n, 'COLUMN_COUNT', `expected ${header.width} columns, found ${fields.length}`, text);
  }
  const col = (f: Field): string | undefined => {
    const i = header.index[f];
    if (i === undefined) return undefined;
    const v = fields[i].trim();
    return v === '' ? undefined : v;
  };

  const value = col('value');
  if (value === undefined) return problem(n, 'MISSING_VALUE', 'the value column is empty', text);
  const record: RawRecord = { line: n, value };
  const problems: Array<[string, string]> = [];

  const kind = col('kind');
  if (kind !== undefined) {
    const k = columnKey(kind);
    if (isIndicatorKind(k)) record.kind = k;
    else problems.push(['INVALID_KIND', `unknown kind "${kind}"`]);
  }
  const status = col('status');
  if (status !== undefined) {
    const s = status.toLowerCase();
    if (isIndicatorStatus(s)) record.status = s;
    else problems.push(['INVALID_STATUS', `unknown status "${status}"`]);
  }
  const fraudTypes = col('fraudTypes');
  if (fraudTypes !== undefined) {
    const codes = fraudTypes
      .split(/[;|,]/)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (codes.length > 0) record.fraudTypes = codes;
  }
  const score = col('score');
  if (score !== undefined) {
    const x = /^\d+(\.\d+)?$/.test(score) ? Number(score) : NaN;
    if (x >= 0 && x <= 100) record.score = x;
    else problems.push(['INVALID_SCORE', `score "${score}" is not a number from 0 to 100`]);
  }
  const expires = col('expiresAt');
  if (expires !== undefined) {
    const at = parseIsoTimestamp(expires);
    if (at !== undefined) record.expiresAt = at;
    else problems.push(['INVALID_EXPIRES_AT', `expires_at "${expires}" is not an ISO-8601 date or date-time`]);
  }
  const note = col('note');
  if (note !== undefined) record.note = note;

  if (problems.length > 0) {
    // One problem per line, so that counts of rejected lines stay true; the reason lists everything wrong.
    return problem(n, problems[0][0], problems.map(([, r]) => r).join('; '), text);
  }
  return { ok: true, record };
}
