import { useEffect, useState } from 'react';
import { api } from '../api';
import { t } from '../i18n';
import { useAction } from '../use-action';

interface User { id: number; username: string; displayName: string; role: string; scope: string | null; disabledAt: number | null; locked: boolean }

const ROLES = ['analyst', 'station_officer', 'hotline', 'bank_partner', 'telecom_partner', 'admin'];
const EMPTY = { username: '', displayName: '', role: 'station_officer', scope: '', password: '' };

/** 用户: the admin creates console users, disables them and resets their passwords. */
export default function Users() {
  const [users, setUsers] = useState<User[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const { error, act } = useAction();
  const load = () => void act(async () => setUsers((await api<{ items: User[] }>('/api/v1/users')).items));
  useEffect(load, []);
  const attempt = async (action: () => Promise<unknown>, success: string) => {
    setDone(null);
    if (!(await act(action))) return;
    setDone(success);
    load();
  };
  const create = (e: React.FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      await api('/api/v1/users', { body: { ...form, scope: form.scope.trim() || null } });
      setForm(EMPTY);
    }, t('已创建'));
  };
  const reset = (u: User) => {
    const password = prompt(`${t('新密码')} (${u.username})`);
    if (password) void attempt(() => api(`/api/v1/users/${u.id}/password`, { body: { password } }), t('密码已重置'));
  };
  return (
    <section className="grid2">
      <div className="card">
        <h2>{t('用户')}</h2>
        <table data-testid="users">
          <thead><tr><th>{t('用户名')}</th><th>{t('姓名')}</th><th>{t('角色')}</th><th>{t('辖区')}</th><th>{t('状态')}</th><th /></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td className="mono">{u.username}</td><td>{u.displayName}</td><td>{u.role}</td><td>{u.scope ?? '—'}</td>
                <td>{u.disabledAt ? t('已停用') : u.locked ? t('已锁定') : t('正常')}</td>
                <td>
                  <button className="secondary" onClick={() => void attempt(() => api(`/api/v1/users/${u.id}/disabled`, { body: { disabled: !u.disabledAt } }), t('已保存'))}>{u.disabledAt ? t('启用') : t('停用')}</button>
                  <button className="secondary" onClick={() => reset(u)}>{t('重置密码')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="card stack" onSubmit={create}>
        <h2>{t('新建用户')}</h2>
        <label>{t('用户名')}<input name="username" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required /></label>
        <label>{t('姓名')}<input name="displayName" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} required /></label>
        <label>{t('角色')}
          <select name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        </label>
        <label>{t('辖区')}<input name="scope" value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value })} placeholder={form.role === 'bank_partner' ? '中国建设银行' : '140105001'} /></label>
        <label>{t('初始密码')}<input name="password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required minLength={10} /></label>
        <button type="submit">{t('创建')}</button>
        {done && <p className="hint" role="status">{done}</p>}
        {error && <p className="error" role="alert">{error}</p>}
      </form>
    </section>
  );
}
