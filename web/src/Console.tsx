import type { Me } from './api';
import { t } from './i18n';
import Cases from './pages/Cases';
import Dashboard from './pages/Dashboard';
import Hotline from './pages/Hotline';
import Indicators from './pages/Indicators';
import Instructions from './pages/Instructions';
import Orders from './pages/Orders';
import Station from './pages/Station';
import Tokens from './pages/Tokens';
import Users from './pages/Users';
import Wall from './pages/Wall';

/** What each role's console holds: its pages, the first one its home. */
const PAGES: Record<string, Array<{ path: string; title: string }>> = {
  admin: [{ path: 'wall', title: '预警墙' }, { path: 'dashboard', title: '数据看板' }, { path: 'station', title: '本站预警' }, { path: 'hotline', title: '接警登记' }, { path: 'cases', title: '案件' }, { path: 'orders', title: '止付指令' }, { path: 'instructions', title: '资金预警指令' }, { path: 'indicators', title: '线索库' }, { path: 'users', title: '用户' }],
  analyst: [{ path: 'wall', title: '预警墙' }, { path: 'dashboard', title: '数据看板' }, { path: 'station', title: '本站预警' }, { path: 'hotline', title: '接警登记' }, { path: 'cases', title: '案件' }, { path: 'orders', title: '止付指令' }, { path: 'instructions', title: '资金预警指令' }, { path: 'indicators', title: '线索库' }],
  station_officer: [{ path: 'station', title: '本站预警' }, { path: 'dashboard', title: '数据看板' }, { path: 'cases', title: '案件' }, { path: 'indicators', title: '线索库' }],
  hotline: [{ path: 'hotline', title: '接警登记' }, { path: 'orders', title: '止付指令' }, { path: 'indicators', title: '线索库' }],
  bank_partner: [{ path: 'orders', title: '止付指令' }, { path: 'instructions', title: '资金预警指令' }, { path: 'indicators', title: '线索库' }],
  telecom_partner: [{ path: 'indicators', title: '线索库' }],
};

/** The signed-in console, loaded only after sign-in (its own chunk: the public pages stay small). */
export default function Console({ me, page }: { me: Me; page: string | undefined }) {
  const pages = PAGES[me.role] ?? [];
  const current = pages.find((p) => p.path === page) ?? pages[0];
  const centre = me.role === 'admin' || me.role === 'analyst';
  return (
    <div>
      <nav className="tabs" data-testid="console-nav">
        {pages.map((p) => (
          <a key={p.path} href={`#/console/${p.path}`} className={p === current ? 'active' : ''}>{t(p.title)}</a>
        ))}
        <span className="who">{me.name} · {me.role}{me.scope ? ` · ${me.scope}` : ''}</span>
      </nav>
      {current?.path === 'wall' && <Wall />}
      {current?.path === 'dashboard' && <Dashboard />}
      {current?.path === 'station' && <Station />}
      {current?.path === 'hotline' && <Hotline />}
      {current?.path === 'cases' && <Cases canManage={centre} canFunds={centre} />}
      {current?.path === 'indicators' && <Indicators canManage={centre} />}
      {current?.path === 'users' && <><Users /><Tokens /></>}
      {current?.path === 'instructions' && <Instructions />}
      {current?.path === 'orders' && <Orders canAnswer={me.role === 'bank_partner' || centre} canFreeze={centre} />}
    </div>
  );
}
