import { useEffect, useState } from 'react';
import { api, yuan } from '../api';
import { t } from '../i18n';
import { useAction } from '../use-action';
import Freezes from './Freezes';

interface Order { id: number; account: string; bank: string | null; hop: number; amountFen: number; status: string; heldFen: number; note: string | null; createdAt: number }

/** What an order's status reads as (the bank's answers share their buttons' words). */
const STATUS: Record<string, string> = { queued: '待发送', sent: '已发送', manual: '需人工送达', held: '已止付', insufficient: '余额不足', moved: '已转出', rejected: '拒绝执行' };

/**
 * 止付指令: a bank sees its own stop-payment orders and answers them; the centre sees all, or one case's (`caseId`).
 * `version` changes when the caller made new orders, so the list reloads.
 */
export default function Orders({ canAnswer, canFreeze = false, caseId, version = 0 }: { canAnswer: boolean; canFreeze?: boolean; caseId?: number; version?: number }) {
  const [orders, setOrders] = useState<Order[]>([]);
  const { error, act } = useAction();
  const [freezes, setFreezes] = useState(0);
  const load = () => void act(async () => setOrders((await api<{ orders: Order[] }>(`/api/v1/orders?limit=200${caseId ? `&caseId=${caseId}` : ''}`)).orders));
  useEffect(load, [caseId, version]);
  const answer = (o: Order, status: string) => act(async () => {
    await api(`/api/v1/orders/${o.id}/answer`, { body: status === 'held' ? { status, heldFen: o.amountFen } : { status } });
    load();
  });
  const freeze = async (o: Order) => {
    const documentNo = prompt(`${t('冻结文书号')} (${o.account})`);
    if (!documentNo?.trim()) return;
    await act(async () => {
      await api('/api/v1/freezes', { body: { orderId: o.id, amountFen: o.heldFen, documentNo: documentNo.trim() } });
      setFreezes((n) => n + 1);
    });
  };
  return (
    <>
      <section className="card">
        <h2>{t('止付指令')}</h2>
        <table data-testid="orders">
          <thead><tr><th>#</th><th>{t('层级')}</th><th>{t('银行')}</th><th>{t('账户')}</th><th>{t('金额')}</th><th>{t('状态')}</th><th /></tr></thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id}>
                <td>{o.id}</td><td>{o.hop}</td><td>{o.bank ?? '—'}</td><td className="mono">{o.account}</td><td>{yuan(o.amountFen)}</td>
                <td data-status={o.status}>{t(STATUS[o.status] ?? o.status)}{o.heldFen ? ` ${yuan(o.heldFen)}` : ''}{o.note ? ` · ${o.note}` : ''}</td>
                <td>
                  {canAnswer && (o.status === 'sent' || o.status === 'queued' || o.status === 'manual') && (
                    <>
                      <button onClick={() => void answer(o, 'held')}>{t('已止付')}</button>
                      <button onClick={() => void answer(o, 'moved')}>{t('已转出')}</button>
                      <button onClick={() => void answer(o, 'rejected')}>{t('拒绝执行')}</button>
                    </>
                  )}
                  {canFreeze && o.heldFen > 0 && <button className="secondary" onClick={() => void freeze(o)}>{t('冻结')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {error && <p className="error">{error}</p>}
      </section>
      {canFreeze && <Freezes caseId={caseId} version={freezes + version} />}
    </>
  );
}
