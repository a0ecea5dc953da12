import { useEffect, useState } from 'react';
import { api } from '../api';
import { useAction } from '../use-action';
import { typeName } from '../fraud-types';
import { t, useLang } from '../i18n';
import { byUrgency, useLiveItems, type Item } from './items';

interface Evidence {
  at: string;
  step: string;
  detail: string;
  weight: number;
}

function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function countdown(due: string | null, now: number): string {
  if (!due) return '—';
  const s = Math.round((Date.parse(due) - now) / 1000);
  const abs = Math.abs(s);
  const text = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
  return s < 0 ? `-${text}` : text;
}

/** 本站预警: the station's queue by level and deadline with a live countdown; claim, record, close. */
export default function Station() {
  const lang = useLang();
  const { items, replace } = useLiveItems();
  const now = useNow();
  const [open, setOpen] = useState<string | null>(null);
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const { error, act } = useAction();
  const active = items.filter((i) => i.status !== 'closed').sort(byUrgency);

  useEffect(() => {
    if (!open) return;
    void api<{ evidence: Evidence[] }>(`/api/v1/dispatch/items/${encodeURIComponent(open)}`).then((r) => setEvidence(r.evidence ?? []));
  }, [open]);

  const call = (path: string, body?: unknown) => act(async () => replace((await api<{ item: Item }>(path, { method: 'POST', body: body ?? {} })).item));

  return (
    <section className="grid2">
      <div className="card">
        <h2>{t('本站预警')}</h2>
        <table data-testid="queue">
          <thead><tr><th>{t('等级')}</th><th>{t('类型')}</th><th>{t('对象')}</th><th>{t('期限')}</th><th /></tr></thead>
          <tbody>
            {active.map((i) => (
              <tr key={i.warningId} className={`level-${i.level}${i.late ? ' late' : ''}${open === i.warningId ? ' selected' : ''}`} onClick={() => setOpen(i.warningId)}>
                <td>{i.level}</td>
                <td>{typeName(i.fraudType, lang)}</td>
                <td>{i.person}</td>
                <td className="mono">{countdown(i.visitDue ?? i.phoneDue, now)}</td>
                <td>
                  {i.claimedBy ? t('已认领') : <button onClick={(e) => (e.stopPropagation(), void call(`/api/v1/dispatch/items/${encodeURIComponent(i.warningId)}/claim`))}>{t('认领')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {error && <p className="error">{error}</p>}
      </div>
      {open && (
        <div className="card" data-testid="item">
          <h2>{t('证据')}</h2>
          <ol className="timeline">
            {evidence.length === 0 && <li>{t('暂无')}</li>}
            {evidence.map((e, k) => (
              <li key={k}><time>{new Date(e.at).toLocaleString()}</time> {e.step}: {e.detail}</li>
            ))}
          </ol>
          <Work onAct={(body) => call(`/api/v1/dispatch/items/${encodeURIComponent(open)}/act`, body)} />
        </div>
      )}
    </section>
  );
}

function Work({ onAct }: { onAct: (body: unknown) => Promise<unknown> }) {
  const [action, setAction] = useState('call');
  const [outcome, setOutcome] = useState('dissuaded');
  return (
    <form className="stack" onSubmit={(e) => (e.preventDefault(), void onAct({ action: { type: action, reached: true }, outcome }))}>
      <label>{t('记录')}
        <select name="action" value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="sms">{t('短信劝阻')}</option>
          <option value="call">{t('电话劝阻')}</option>
          <option value="visit">{t('见面劝阻')}</option>
        </select>
      </label>
      <label>{t('结果')}
        <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          <option value="dissuaded">{t('已劝阻')}</option>
          <option value="not_fraud">{t('非诈骗')}</option>
          <option value="already_lost">{t('已被骗')}</option>
          <option value="unreachable">{t('联系不上')}</option>
          <option value="refused">{t('拒绝')}</option>
        </select>
      </label>
      <button type="submit">{t('提交')}</button>
    </form>
  );
}
