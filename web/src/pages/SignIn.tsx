import { useState } from 'react';
import { api, token, type Me } from '../api';
import { t } from '../i18n';

/** Sign-in with an API token (fz_…): it is checked against /api/v1/me before it is kept. */
export default function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
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
      <h1>{t('使用令牌登录')}</h1>
      <form onSubmit={submit} className="stack">
        <label>{t('令牌')}<input name="token" type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} placeholder="fz_…" required /></label>
        <button type="submit">{t('登录')}</button>
      </form>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
