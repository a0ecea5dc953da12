import { useEffect, useState } from 'react';
import { api, yuan } from '../api';
import { t } from '../i18n';
import { useAction } from '../use-action';

interface Freeze { id: number; orderId: number; account: string; bank: string | null; amountFen: number; documentNo: string; untilTs: number; status: string }

const STATUS: Record<string, string> = { frozen: '已冻结', returned: '已返还', released: '已解冻' };

/** 冻结与返还: the freezes of held money (all, or one case's) and one click to return a freeze to its victims, shared pro rata. */
export default function Freezes({ caseId, version }: { caseId?: number; version: number }) {
  const [freezes, setFreezes] = useState<Freeze[]>([]);
  const { error, act } = useAction();
  const load = () => void act(async () => setFreezes((await api<{ freezes: Freeze[] }>(`/api/v1/freezes?limit=200${caseId ? `&caseId=${caseId}` : ''}`)).freezes));
  useEffect(load, [caseId, version]);
  const giveBack = (f: Freeze) => act(async () => {
    await api(`/api/v1/freezes/${f.id}/return`, { method: 'POST', body: {} });
    load();
  });
  return (
    <section className="card">
      <h2>{t('冻结与返还')}</h2>
      <table data-testid="freezes">
        <thead><tr><th>#</th><th>{t('止付指令')}</th><th>{t('银行')}</th><th>{t('账户')}</th><th>{t('金额')}</th><th>{t('文书号')}</th><th>{t('状态')}</th><th /></tr></thead>
        <tbody>
          {freezes.map((f) => (
            <tr key={f.id}>
              <td>{f.id}</td><td>{f.orderId}</td><td>{f.bank ?? '—'}</td><td className="mono">{f.account}</td><td>{yuan(f.amountFen)}</td><td>{f.documentNo}</td>
              <td data-status={f.status}>{t(STATUS[f.status] ?? f.status)}</td>
              <td>{f.status === 'frozen' && <button className="secondary" onClick={() => void giveBack(f)}>{t('返还受害人')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
