import { useEffect, useState } from 'react';
import { api } from '../api';
import { typeName } from '../fraud-types';
import { t, useLang } from '../i18n';
import { useAction } from '../use-action';

interface Instruction { id: number; warningId: string; bank: string; level: number; fraudType: string; status: string; note: string | null; createdAt: string }

const STATUS: Record<string, string> = { sent: '已下发', acknowledged: '已接收', held: '已暂停交易', released: '已放行', confirmed_fraud: '客户确认被骗' };
/** What a bank may answer from each state: acknowledge first, then hold or release, or record that the customer confirmed the fraud. */
const NEXT: Record<string, string[]> = { sent: ['acknowledged', 'held', 'confirmed_fraud'], acknowledged: ['held', 'confirmed_fraud'], held: ['released', 'confirmed_fraud'], released: [], confirmed_fraud: [] };

/** 资金预警指令: fund warnings as instructions to the payer's bank, answered by the bank; the centre sees every bank's. */
export default function Instructions() {
  const lang = useLang();
  const [items, setItems] = useState<Instruction[]>([]);
  const [note, setNote] = useState('');
  const { error, act } = useAction();
  const load = () => void act(async () => setItems((await api<{ instructions: Instruction[] }>('/api/v1/dispatch/instructions?limit=200')).instructions));
  useEffect(load, []);
  const answer = (i: Instruction, status: string) => act(async () => {
    await api(`/api/v1/dispatch/instructions/${i.id}/answer`, { body: note.trim() ? { status, note: note.trim() } : { status } });
    setNote('');
    load();
  });
  return (
    <section className="card">
      <h2>{t('资金预警指令')}</h2>
      <label className="hint">{t('备注（随下一个答复发送）')}<input name="note" value={note} onChange={(e) => setNote(e.target.value)} /></label>
      <table data-testid="instructions">
        <thead><tr><th>{t('等级')}</th><th>{t('类型')}</th><th>{t('预警编号')}</th><th>{t('银行')}</th><th>{t('状态')}</th><th /></tr></thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} className={`level-${i.level}`}>
              <td>{i.level}</td><td>{typeName(i.fraudType, lang)}</td><td className="mono">{i.warningId}</td><td>{i.bank}</td>
              <td data-status={i.status}>{t(STATUS[i.status] ?? i.status)}{i.note ? ` · ${i.note}` : ''}</td>
              <td>{NEXT[i.status]?.map((s) => <button key={s} className="secondary" onClick={() => void answer(i, s)}>{t(STATUS[s])}</button>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
