import { useState } from 'react';
import { api } from '../api';
import { useAction } from '../use-action';
import { t } from '../i18n';

/** 我要举报: a citizen's report, answered with its number only. */
export default function PublicReport() {
  const [form, setForm] = useState({ name: '', phone: '', narrative: '' });
  const [done, setDone] = useState<number | null>(null);
  const { error, act } = useAction();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    await act(async () => {
      const res = await api<{ report: { id: number } }>('/api/v1/public/reports', {
        anonymous: true,
        body: { draft: true, source: 'public', victim: { name: form.name, phone: form.phone }, occurredAt: new Date().toISOString(), narrative: form.narrative, fraudType: null, losses: [], indicators: [] },
      });
      setDone(res.report.id);
    });
  };
  if (done !== null) return <section className="card narrow"><p data-testid="report-done">{t('举报已收到，编号')} {done}</p></section>;
  return (
    <section className="card narrow">
      <h1>{t('我要举报')}</h1>
      <form onSubmit={submit} className="stack">
        <label>{t('姓名')}<input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
        <label>{t('联系电话')}<input value={form.phone} inputMode="tel" onChange={(e) => setForm({ ...form, phone: e.target.value })} required /></label>
        <label>{t('经过')}<textarea rows={6} value={form.narrative} onChange={(e) => setForm({ ...form, narrative: e.target.value })} required /></label>
        <button type="submit">{t('提交')}</button>
      </form>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
