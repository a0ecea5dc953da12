import { useState } from 'react';
import { api, ApiError, token, type Me } from '../api';
import { t } from '../i18n';

/**
 * Sign-in with a username and password (a session that expires), or with an API token (fz_…) checked against
 * /api/v1/me before it is kept.
 */
export default function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [withToken, setWithToken] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const signIn = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api<{ token: string; me: Me }>('/api/v1/session', { body: { username, password }, anonymous: true });
      token.set(session.token);
      onSignedIn(session.me);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'RATE_LIMITED' ? t('尝试过于频繁，请稍后再试') : t('用户名或密码错误，或账号已锁定'));
    } finally {
      setBusy(false);
    }
  };
  const signInWithToken = async (e: React.FormEvent) => {
    e.preventDefault();
    token.set(secret.trim());
    try {
      onSignedIn(await api<Me>('/api/v1/me'));
    } catch {
      token.clear();
      setError(t('令牌无效或已吊销'));
    }
  };

  return (
    <section className="card narrow">
      <h1>{withToken ? t('使用令牌登录') : t('登录')}</h1>
      {withToken ? (
        <form onSubmit={signInWithToken} className="stack">
          <label>{t('令牌')}<input name="token" type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} placeholder="fz_…" required /></label>
          <button type="submit">{t('登录')}</button>
        </form>
      ) : (
        <form onSubmit={signIn} className="stack">
          <label>{t('用户名')}<input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} required /></label>
          <label>{t('密码')}<input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
          <button type="submit" disabled={busy}>{t('登录')}</button>
        </form>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <button className="link" onClick={() => { setWithToken(!withToken); setError(null); }}>
        {withToken ? t('使用用户名和密码') : t('使用令牌登录')}
      </button>
    </section>
  );
}
