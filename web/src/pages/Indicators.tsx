import { useEffect, useState } from 'react';
import { api } from '../api';
import { typeName } from '../fraud-types';
import { t, useLang } from '../i18n';
import { useAction } from '../use-action';
import IndicatorImport from './IndicatorImport';

interface Indicator { id: number; kind: string; value: string; status: string; fraudTypes: string[]; score: number; sightings: number; lastSeen: number }
interface Detail {
  indicator: Indicator;
  sightings: Array<{ reporter: string; at: number; ref: string | null }>;
  history: Array<{ at: number; actor: string; action: string; fromStatus: string | null; toStatus: string | null; reason: string }>;
}

const STATUSES = ['reported', 'verified', 'blocked', 'expired', 'revoked'];

/** 线索库: search the indicators, open one with its history and sightings, change its status (analysts), import a list. */
export default function Indicators({ canManage }: { canManage: boolean }) {
  const lang = useLang();
  const [query, setQuery] = useState({ q: '', status: '' });
  const [items, setItems] = useState<Indicator[]>([]);
  const [open, setOpen] = useState<Detail | null>(null);
  const [change, setChange] = useState({ status: 'blocked', reason: '' });
  const { error, act } = useAction();

  const search = async () => {
    const params = new URLSearchParams({ limit: '100' });
    if (query.q.trim()) params.set('q', query.q.trim());
    if (query.status) params.set('status', query.status);
    setItems((await api<{ items: Indicator[] }>(`/api/v1/indicators?${params}`)).items);
  };
  useEffect(() => void search(), []);
  const show = async (id: number) => setOpen(await api<Detail>(`/api/v1/indicators/${id}`));

  const setStatus = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!open) return;
    await act(async () => {
      await api(`/api/v1/indicators/${open.indicator.id}/status`, { body: change });
      await Promise.all([show(open.indicator.id), search()]);
    });
  };

  return (
    <>
      <section className="grid2">
        <div className="card">
          <h2>{t('线索库')}</h2>
          <form className="row" onSubmit={(e) => (e.preventDefault(), void search())}>
            <label>{t('号码、网址、银行卡号或短信内容')}<input name="q" value={query.q} onChange={(e) => setQuery({ ...query, q: e.target.value })} /></label>
            <label>{t('状态')}
              <select name="status" value={query.status} onChange={(e) => setQuery({ ...query, status: e.target.value })}>
                <option value="">—</option>
                {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            </label>
            <button type="submit">{t('查询')}</button>
          </form>
          <table data-testid="indicators">
            <thead><tr><th>{t('类型')}</th><th>{t('账户')}</th><th>{t('状态')}</th><th>{t('诈骗类型')}</th></tr></thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id} onClick={() => void show(i.id)} className={open?.indicator.id === i.id ? 'selected' : ''}>
                  <td>{i.kind}</td><td className="mono">{i.value}</td><td>{i.status}</td><td>{i.fraudTypes.map((f) => typeName(f, lang)).join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {open && (
          <div className="card" data-testid="indicator">
            <h2 className="mono">{open.indicator.value}</h2>
            <p>{open.indicator.kind} · {open.indicator.status} · {open.indicator.sightings} · {open.indicator.score}</p>
            <h3>{t('记录')}</h3>
            <ol className="timeline">
              {open.history.map((h, k) => <li key={k}><time>{new Date(h.at).toLocaleString()}</time> {h.action}{h.toStatus ? ` ${h.fromStatus ?? '—'} → ${h.toStatus}` : ''} · {h.actor} · {h.reason}</li>)}
            </ol>
            <h3>{t('举报来源')}</h3>
            <ol className="timeline">
              {open.sightings.map((s, k) => <li key={k}><time>{new Date(s.at).toLocaleString()}</time> {s.reporter}{s.ref ? ` · ${s.ref}` : ''}</li>)}
            </ol>
            {canManage && (
              <form className="stack" onSubmit={(e) => void setStatus(e)}>
                <label>{t('状态')}
                  <select name="newStatus" value={change.status} onChange={(e) => setChange({ ...change, status: e.target.value })}>
                    {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
                  </select>
                </label>
                <label>{t('理由')}<input name="reason" value={change.reason} onChange={(e) => setChange({ ...change, reason: e.target.value })} required /></label>
                <button type="submit">{t('提交')}</button>
              </form>
            )}
            {error && <p className="error">{error}</p>}
          </div>
        )}
      </section>
      <IndicatorImport canManage={canManage} onDone={() => void search()} />
    </>
  );
}
