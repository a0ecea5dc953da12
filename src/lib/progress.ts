/*
 * A one-line progress bar for long CLI jobs (imports of multi-million-line lists). It is drawn only on a TTY, so
 * piped output and logs stay clean, and it redraws at most every REDRAW_MS so that ticking once per line costs one
 * clock read.
 */

export interface ProgressOptions {
  /** What the count is heading for (e.g. the file size in bytes when the caller ticks bytes). */
  total?: number;
  /** Defaults to process.stderr. Nothing is written unless `stream.isTTY`. */
  stream?: NodeJS.WriteStream;
  /** How to print the count: plain numbers (default) or bytes (KiB, MiB, …). */
  unit?: 'items' | 'bytes';
  /** Clock in ms; for tests. */
  now?: () => number;
}

export interface Progress {
  /** Add `n` (default 1) to the count; redraws when the last redraw is old enough. */
  tick(n?: number): void;
  /** Print the final line (count, time, rate and the optional summary); later calls do nothing. */
  done(summary?: string): void;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

/** A progress bar on stderr when it is a TTY; silent otherwise. */
export function createProgress(label: string, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const total = opts.total !== undefined && opts.total > 0 ? opts.total : undefined;
  const fmt = opts.unit === 'bytes' ? formatBytes : formatCount;
  const fmtRate = opts.unit === 'bytes' ? formatBytes : formatCompact;
  const tty = stream.isTTY === true;
  const started = now();
  let count = 0;
  let lastDraw = -Infinity;
  let finished = false;

  const write = (line: string, end: string): void => {
    const width = (stream.columns ?? 80) - 1;
    const fitted = line.length > width ? line.slice(0, Math.max(0, width - 1)) + '…' : line;
    // \r + clear-to-end-of-line: overwrite the previous frame whatever its length.
    stream.write(`\r${fitted}\x1b[K${end}`);
  };

  const rate = (t: number): string => {
    const secs = (t - started) / 1000;
    return secs > 0 ? `${fmtRate(count / secs)}/s` : '';
  };

  const draw = (t: number): void => {
    const parts = [label];
    if (total !== undefined) {
      const ratio = Math.min(1, count / total);
      const filled = Math.round(ratio * BAR_WIDTH);
      parts.push(`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`);
      parts.push(`${(ratio * 100).toFixed(0).padStart(3)}%`);
      parts.push(`${fmt(count)}/${fmt(total)}`);
    } else {
      parts.push(fmt(count));
    }
    const r = rate(t);
    if (r !== '') parts.push(r);
    write(parts.join('  '), '');
  };

  return {
    tick(n = 1): void {
      if (finished) return;
      count += n;
      if (!tty) return;
      const t = now();
      if (t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      draw(t);
    },
    done(summary?: string): void {
      if (finished) return;
      finished = true;
      if (!tty) return;
      const t = now();
      const secs = (t - started) / 1000;
      const r = rate(t);
      let line = `${label}  ${fmt(count)} in ${secs.toFixed(1)}s`;
      if (r !== '') line += ` (${r})`;
      if (summary !== undefined && summary !== '') line += ` — ${summary}`;
      write(line, '\n');
    },
  };
}

/** 1234567 -> "1,234,567". */
function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 12345.6 -> "12.3k": rates change every frame, so fewer digits. */
function formatCompact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v.toFixed(1)} ${units[u]}`;
}
