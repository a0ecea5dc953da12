import { useRef, useState } from 'react';
import { token } from '../api';
import { t } from '../i18n';

interface Problem { at: number | string; code: string; reason: string }
interface Summary { created: number; updated: number; unchanged: number; rejected: Problem[] }

/** Lines per request: small enough to show progress on a big list, large enough that the requests stay few. */
const CHUNK_LINES = 2000;
const KINDS = ['', 'phone', 'url', 'domain', 'ip', 'bank_card', 'wallet', 'app', 'social'];

/**
 * Cuts the file into pieces of about CHUNK_LINES lines, at line ends outside a CSV quote (a quoted field may span
 * lines); a CSV header is sent again with every piece. `first` is the file line each piece's first data line is.
 */
function pieces(text: string, csv: boolean): Array<{ body: string; first: number; lines: number }> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = csv ? lines.shift() ?? '' : null;
  const out: Array<{ body: string; first: number; lines: number }> = [];
  let start = 0;
  let quotes = 0;
  for (let i = 0; i < lines.length; i++) {
    if (csv) quotes += lines[i].split('"').length - 1;
    const end = i === lines.length - 1 || (i - start + 1 >= CHUNK_LINES && quotes % 2 === 0);
    if (!end) continue;
    const chunk = lines.slice(start, i + 1);
    out.push({ body: `${header !== null ? `${header}\n` : ''}${chunk.join('\n')}\n`, first: start + (csv ? 2 : 1), lines: chunk.length });
    start = i + 1;
  }
  return out;
}

/** 批量导入: a list file sent in pieces, with progress, running totals and every bad line with its number and reason. */
export default function IndicatorImport({ canManage, onDone }: { canManage: boolean; onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState({ format: 'plain', kind: '', status: 'reported', fraudTypes: '', source: '' });
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cancelled = useRef(false);

  const run = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return;
    cancelled.current = false;
    setError(null);
    const csv = options.format === 'csv';
    const parts = pieces(await file.text(), csv);
    const total: Summary = { created: 0, updated: 0, unchanged: 0, rejected: [] };
    const lines = parts.reduce((n, p) => n + p.lines, 0);
    setSummary({ ...total });
    setProgress({ done: 0, total: lines });
    const params = new URLSearchParams({ format: options.format, status: options.status });
    for (const [k, v] of Object.entries({ kind: options.kind, fraudTypes: options.fraudTypes, source: options.source })) if (v.trim()) params.set(k, v.trim());
    let done = 0;
    for (const part of parts) {
      if (cancelled.current) break;
      const res = await fetch(`/api/v1/indicators/import?${params}`, {
        method: 'POST',
        headers: { 'content-type': csv ? 'text/csv' : 'text/plain', authorization: `Bearer ${token.get() ?? ''}` },
        body: part.body,
      });
      const data = (await res.json().catch(() => ({}))) as Summary & { error?: { message: string } };
      if (!res.ok) {
        setError(`${t('导入中止')}: ${data.error?.message ?? res.statusText}`);
        break;
      }
      total.created += data.created;
      total.updated += data.updated;
      total.unchanged += data.unchanged;
      // A piece's line n is file line first + n - 1 (its header, for CSV, is line 1 of the piece).
      for (const p of data.rejected) total.rejected.push({ ...p, at: typeof p.at === 'number' ? part.first + p.at - (csv ? 2 : 1) : p.at });
      done += part.lines;
      setSummary({ ...total, rejected: [...total.rejected] });
      setProgress({ done, total: lines });
    }
    onDone();
  };

  return (
    <div className="card" data-testid="import">
      <h2>{t('批量导入')}</h2>
      <form className="stack" onSubmit={run}>
        <fieldset className="row">
          <label>{t('文件')}<input type="file" name="file" accept=".txt,.csv,text/plain,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required /></label>
          <label>{t('格式')}
            <select name="format" value={options.format} onChange={(e) => setOptions({ ...options, format: e.target.value })}>
              <option value="plain">{t('每行一个')}</option><option value="csv">CSV</option>
            </select>
          </label>
          <label>{t('类别')}
            <select name="kind" value={options.kind} onChange={(e) => setOptions({ ...options, kind: e.target.value })}>
              {KINDS.map((k) => <option key={k} value={k}>{k || t('自动识别')}</option>)}
            </select>
          </label>
          <label>{t('状态')}
            <select name="status" value={options.status} onChange={(e) => setOptions({ ...options, status: e.target.value })} disabled={!canManage}>
              {(canManage ? ['reported', 'verified', 'blocked'] : ['reported']).map((s) => <option key={s}>{s}</option>)}
            </select>
          </label>
          <label>{t('来源')}<input name="source" value={options.source} onChange={(e) => setOptions({ ...options, source: e.target.value })} placeholder="96110-2026-12" /></label>
        </fieldset>
        <div className="row">
          <button type="submit" disabled={!file || (progress !== null && progress.done < progress.total && !error && !cancelled.current)}>{t('导入')}</button>
          {progress && progress.done < progress.total && !error && <button type="button" className="secondary" onClick={() => (cancelled.current = true)}>{t('停止')}</button>}
        </div>
      </form>
      {progress && (
        <div data-testid="import-progress">
          <progress max={progress.total} value={progress.done} />
          <p className="hint">{progress.done.toLocaleString()} / {progress.total.toLocaleString()} {t('行')}</p>
        </div>
      )}
      {summary && (
        <p data-testid="import-summary">
          {t('新增')} <strong>{summary.created}</strong> · {t('更新')} <strong>{summary.updated}</strong> · {t('未变')} <strong>{summary.unchanged}</strong> · {t('错误行')} <strong>{summary.rejected.length}</strong>
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {summary && summary.rejected.length > 0 && (
        <table data-testid="import-problems">
          <thead><tr><th>{t('行号')}</th><th>{t('代码')}</th><th>{t('原因')}</th></tr></thead>
          <tbody>
            {summary.rejected.slice(0, 500).map((p, k) => <tr key={k}><td>{p.at}</td><td className="mono">{p.code}</td><td>{p.reason}</td></tr>)}
          </tbody>
        </table>
      )}
    </div>
  );
}
