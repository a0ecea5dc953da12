import { lazy, StrictMode, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { api, token, type Me } from './api';
import { setLang, t, useLang } from './i18n';
import Learn from './pages/Learn';
import PublicCheck from './pages/PublicCheck';
import PublicReport from './pages/PublicReport';
import SignIn from './pages/SignIn';
import './styles.css';

const Console = lazy(() => import('./Console'));

/** `#/console/wall` → ['console', 'wall']: a hash router, so that the server needs no route per page. */
function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

function App() {
  const lang = useLang();
  const [section, page] = useRoute();
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    if (token.get()) void api<Me>('/api/v1/me').then(setMe).catch(() => token.clear());
  }, []);
  const signOut = () => {
    void api('/api/v1/session', { method: 'DELETE' }).catch(() => undefined);
    token.clear();
    setMe(null);
    location.hash = '#/';
  };
  return (
    <>
      <header>
        <a href="#/" className="brand">{t('反诈')}</a>
        <nav>
          <a href="#/">{t('查一查')}</a>
          <a href="#/learn">{t('防骗知识')}</a>
          <a href="#/report">{t('我要举报')}</a>
          {me ? <a href="#/console">{t('工作台')}</a> : <a href="#/signin">{t('登录')}</a>}
          {me && <button className="link" onClick={signOut}>{t('退出')}</button>}
          <button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{lang === 'zh' ? 'EN' : '中文'}</button>
        </nav>
      </header>
      <main>
        {section === 'learn' && <Learn />}
        {section === 'report' && <PublicReport />}
        {section === 'signin' && (me ? <Suspense fallback={null}><Console me={me} page={undefined} /></Suspense> : <SignIn onSignedIn={(m) => { setMe(m); location.hash = '#/console'; }} />)}
        {section === 'console' && (me ? <Suspense fallback={<p>…</p>}><Console me={me} page={page} /></Suspense> : <SignIn onSignedIn={setMe} />)}
        {(section === undefined || !['learn', 'report', 'signin', 'console'].includes(section)) && <PublicCheck />}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
