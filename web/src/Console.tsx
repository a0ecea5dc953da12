import type { Me } from './api';
import { t } from './i18n';
import Hotline from './pages/Hotline';
import Indicators from './pages/Indicators';
import Orders from './pages/Orders';
import Station from './pages/Station';
import Wall from './pages/Wall';

/** What each role's console holds: its pages, the first one its home. */
const PAGES: Record<string, Array<{ path: string; title: string }>> = {
  admin: [{ path: 'wall', title: '预警墙' }, { path: 'station', title: '本站预警' }, { path: 'hotline', title: '接警登记' }, { path: 'orders', title: '止付指令' }, { path: 'indicators', title: '线索库' }],
  analyst: [{ path: 'wall', title: '预警墙' }, { path: 'station', title: '本站预警' }, { path: 'hotline', title: '接警登记' }, { path: 'orders', title: '止付指令' }, { path: 'indicators', title: '线索库' }],
  station_officer: [{ path: 'station', title: '本站预警' }, { path: 'indicators', title: '线索库' }],
  hotline: [{ path: 'hotline', title: '接警登记' }, { path: 'orders', title: '止付指令' }, { path: 'indicators', title: '线索库' }],
  bank_partner: [{ path: 'orders', title: '止付指令' }, { path: 'indicators', title: '线索库' }],
  telecom_partner: [{ path: 'indicators', title: '线索库' }],
};

/** The signed-in console, loaded only after sign-in (its own chunk: the public pages stay small). */
export default function Console({ me, page }: { me: Me; page: string | undefined }) {
  const pages = PAGES[me.role] ?? [];
  const current = pages.find((p) => p.path === page) ?? pages[0];
  return (
    <div>
      <nav className="tabs" data-testid="console-nav">
        {pages.map((p) => (
          <a key={p.path} href={`#/console/${p.path}`} className={p === current ? 'active' : ''}>{t(p.title)}</a>
        ))}
        <span className="who">{me.name} · {me.role}{me.scope ? ` · ${me.scope}` : ''}</span>
      </nav>
      {current?.path === 'wall' && <Wall />}
      {current?.path === 'station' && <Station />}
      {current?.path === 'hotline' && <Hotline />}
      {current?.path === 'indicators' && <Indicators canManage={me.role === 'admin' || me.role === 'analyst'} />}
      {current?.path === 'orders' && <Orders canAnswer={me.role === 'bank_partner' || me.role === 'admin' || me.role === 'analyst'} />}
    </div>
  );
}
