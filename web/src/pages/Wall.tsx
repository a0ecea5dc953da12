import { useEffect, useState } from 'react';
import { api } from '../api';
import { HBars } from '../charts';
import { typeName } from '../fraud-types';
import { t, useLang } from '../i18n';
import { byUrgency, isToday, useLiveItems } from './items';

/** 预警墙: the city centre's live wall — new warnings appear as they are dispatched, with counts and districts. */
export default function Wall() {
  const lang = useLang();
  const { items, live } = useLiveItems();
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    void api<{ units: Array<{ code: string; name: string }> }>('/api/v1/dispatch/jurisdictions').then((r) => setNames(Object.fromEntries(r.units.map((u) => [u.code, u.name]))));
  }, []);
  const today = items.filter((i) => isToday(i.createdAt));
  const late = items.filter((i) => i.late);
  const districts = new Map<string, number>();
  for (const i of today) districts.set(i.district ?? '—', (districts.get(i.district ?? '—') ?? 0) + 1);
  const top = [...districts].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([code, n]) => ({ key: code, label: names[code] ?? code, value: n }));
  return (
    <section>
      <div className="tiles">
        <div className="tile"><span>{t('今日预警')}</span><strong data-testid="today-count">{today.length}</strong></div>
        <div className="tile"><span>{t('已超时')}</span><strong>{late.length}</strong></div>
        <div className="tile"><span className={live ? 'live on' : 'live'}>{live ? t('实时') : t('连接中')}</span></div>
      </div>
      <div className="grid2">
        <div className="card">
          <h2>{t('预警墙')}</h2>
          <table data-testid="wall">
            <thead><tr><th>{t('等级')}</th><th>{t('类型')}</th><th>{t('对象')}</th><th>{t('状态')}</th></tr></thead>
            <tbody>
              {[...items].sort(byUrgency).slice(0, 100).map((i) => (
                <tr key={i.warningId} className={`level-${i.level}${i.late ? ' late' : ''}`}>
                  <td>{i.level}</td><td>{typeName(i.fraudType, lang)}</td><td>{i.person}</td><td>{i.status}{i.late ? ` · ${t('已超时')}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="card">
          <h2>{t('各区分布')}</h2>
          <HBars bars={top} title={t('各区分布')} />
        </div>
      </div>
    </section>
  );
}
