import { useEffect, useState } from 'react';
import { api } from '../api';
import { t } from '../i18n';
import { useAction } from '../use-action';

interface ApiToken { id: number; name: string; role: string; scope: string | null; createdAt: number; revokedAt: number | null; expiresAt: number | null; userId: number | null }

const ROLES = ['telecom_partner', 'bank_partner', 'analyst', 'station_officer', 'hotline', 'admin'];

/** 接口令牌: tokens for partners' systems (the secret is shown once), and the revocation of any token or session. */
export default function Tokens() {
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [form, setForm] = useState({ role: 'telecom_partner', name: '', scope: '' });
  const [secret, setSecret] = useState<string | null>(null);
  const { error, act } = useAction();
  const load = () => void act(async () => setTokens((await api<{ items: ApiToken[] }>('/api/v1/tokens')).items));
  useEffect(load, []);
  const attempt = async (action: () => Promise<unknown>) => {
    if (await act(action)) load();
  };
  const create = (e: React.FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      const made = await api<{ secret: string }>('/api/v1/tokens', { body: { ...form, scope: form.scope.trim() || null } });
      setSecret(made.secret);
      setForm({ ...form, name: '', scope: '' });
    });
  };
  const live = tokens.filter((k) => k.revokedAt === null && (k.expiresAt === null || k.expiresAt > Date.now()));
  return (
    <section className="grid2">
      <div className="card">
        <h2>{t('接口令牌')}</h2>
        <table data-testid="tokens">
          <thead><tr><th>#</th><th>{t('名称')}</th><th>{t('角色')}</th><th>{t('辖区')}</th><th>{t('类型')}</th><th /></tr></thead>
          <tbody>
            {live.map((k) => (
              <tr key={k.id}>
                <td>{k.id}</td><td>{k.name}</td><td>{k.role}</td><td>{k.scope ?? '—'}</td><td>{k.userId ? t('登录会话') : t('接口令牌')}</td>
                <td><button className="secondary" onClick={() => void attempt(() => api(`/api/v1/tokens/${k.id}`, { method: 'DELETE' }))}>{t('吊销')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="card stack" onSubmit={create}>
        <h2>{t('新建令牌')}</h2>
        <label>{t('名称')}<input name="tokenName" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="移动 · 信令接口" required /></label>
        <label>{t('角色')}
          <select name="tokenRole" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        </label>
        <label>{t('辖区')}<input name="tokenScope" value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value })} /></label>
        <button type="submit">{t('创建')}</button>
        {secret && <p data-testid="secret">{t('只显示这一次，请立即保存：')}<br /><code className="mono">{secret}</code></p>}
        {error && <p className="error">{error}</p>}
      </form>
    </section>
  );
}
