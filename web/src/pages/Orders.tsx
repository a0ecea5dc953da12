import { useEffect, useState } from 'react';
import { api, ApiError, yuan } from '../api';
import { t } from '../i18n';

interface Order { id: number; account: string; bank: string | null; hop: number; amountFen: number; status: string; heldFen: number; createdAt: number }

/** 止付指令: a bank sees its own stop-payment orders and answers them; the centre sees all. */
export default function Orders({ canAnswer }: { canAnswer: boolean }) {
  const [orders, setOrders] = useState<Order[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = () => void api<{ orders: Order[] }>('/api/v1/orders?limit=200').then((r) => setOrders(r.orders)).catch((e: unknown) => setError(String(e)));
  useEffect(load, []);
  const answer = async (o: Order, status: string) => {
    setError(null);
    try {
      await api(`/api/v1/orders/${o.id}/answer`, { body: status === 'held' ? { status, heldFen: o.amountFen } : { status } });
      load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <section className="card">
      <h2>{t('止付指令')}</h2>
      <table data-testid="orders">
        <thead><tr><th>#</th><th>{t('银行')}</th><th>{t('账户')}</th><th>{t('金额')}</th><th>{t('状态')}</th><th /></tr></thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id}>
              <td>{o.id} · {o.hop}</td><td>{o.bank ?? '—'}</td><td className="mono">{o.account}</td><td>{yuan(o.amountFen)}</td>
              <td>{o.status}{o.heldFen ? ` ${yuan(o.heldFen)}` : ''}</td>
              <td>
                {canAnswer && (o.status === 'sent' || o.status === 'queued' || o.status === 'manual') && (
                  <>
                    <button onClick={() => void answer(o, 'held')}>{t('已止付')}</button>
                    <button onClick={() => void answer(o, 'moved')}>{t('已转出')}</button>
                    <button onClick={() => void answer(o, 'rejected')}>{t('拒绝执行')}</button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
