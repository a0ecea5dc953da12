import { useEffect, useState } from 'react';
import { api, yuan } from '../api';
import { Columns, HBars } from '../charts';
import { typeName } from '../fraud-types';
import { t, useLang } from '../i18n';
import { useAction } from '../use-action';

type Period = 'day' | 'week' | 'month' | 'year';
interface Figures {
  warnings: number; late: number; dissuaded: number; alreadyLost: number; reports: number;
  lossFen: number; cases: number; orders: number; heldFen: number; returnedFen: number;
}
interface Slice { from: number; to: number; label: string; figures: Figures }
interface Share { key: string; warnings: number; cases: number; lossFen: number }
type ShareBy = 'cases' | 'warnings' | 'lossFen';
interface Summary {
  period: Period; at: number; current: Slice; previous: Slice; lastYear: Slice; trend: Slice[];
  fraudTypes: Share[]; districts: Array<Share & { name: string }>;
}

const PERIODS: Array<[Period, string]> = [['day', '日'], ['week', '周'], ['month', '月'], ['year', '年']];
/** The key figures, in the order the centre reads them; money is in fen. */
const FIGURES: Array<[keyof Figures, string, boolean]> = [
  ['warnings', '预警', false], ['dissuaded', '劝阻成功', false], ['late', '超时', false], ['reports', '报案', false],
  ['lossFen', '损失金额', true], ['orders', '止付指令', false], ['heldFen', '止付金额', true], ['returnedFen', '返还金额', true],
];

/** 环比 / 同比 as "+12.5%", or "—" when the earlier figure is zero. */
function Change({ now, before, label }: { now: number; before: number; label: string }) {
  if (before === 0) return <span className="change">{t(label)} —</span>;
  const x = (now - before) / before;
  return <span className={`change ${x > 0 ? 'up' : x < 0 ? 'down' : ''}`}>{t(label)} {x > 0 ? '+' : ''}{(x * 100).toFixed(1)}%</span>;
}

const show = (v: number, money: boolean) => (money ? yuan(v) : v.toLocaleString('zh-CN'));

/** 数据看板: the key figures of a period to date with 环比 and 同比, the trend, fraud-type shares and districts. */
export default function Dashboard() {
  const lang = useLang();
  const [period, setPeriod] = useState<Period>('month');
  const [trendOf, setTrendOf] = useState<keyof Figures>('warnings');
  const [shareBy, setShareBy] = useState<ShareBy>('cases');
  const [summary, setSummary] = useState<Summary | null>(null);
  const { error, act } = useAction();
  useEffect(() => void act(async () => setSummary(await api<Summary>(`/api/v1/stats/summary?period=${period}`))), [period]);
  if (error) return <p className="error">{error}</p>;
  if (!summary) return <p>…</p>;
  const { current, previous, lastYear } = summary;
  const f = current.figures;
  const closed = f.dissuaded + f.alreadyLost;
  const money = FIGURES.find(([k]) => k === trendOf)?.[2] ?? false;
  const shareTotal = Math.max(1, summary.fraudTypes.reduce((n, s) => n + s[shareBy], 0));
  return (
    <section data-testid="dashboard">
      <div className="row">
        <div className="segmented" role="group" aria-label={t('周期')}>
          {PERIODS.map(([p, label]) => (
            <button key={p} className={p === period ? 'active' : ''} onClick={() => setPeriod(p)} aria-pressed={p === period}>{t(label)}</button>
          ))}
        </div>
        <span className="hint">{current.label} · {t('截至')} {new Date(summary.at).toLocaleString('zh-CN', { hour12: false })} · {t('环比')} {previous.label} · {t('同比')} {lastYear.label}</span>
      </div>
      <div className="tiles">
        {FIGURES.map(([key, label, isMoney]) => (
          <div className="tile" key={key} data-testid={`figure-${key}`}>
            <span>{t(label)}</span>
            <strong>{show(f[key], isMoney)}</strong>
            <Change now={f[key]} before={previous.figures[key]} label="环比" />
            <Change now={f[key]} before={lastYear.figures[key]} label="同比" />
          </div>
        ))}
        <div className="tile">
          <span>{t('劝阻成功率')}</span>
          <strong>{closed ? `${((100 * f.dissuaded) / closed).toFixed(1)}%` : '—'}</strong>
          <span className="change">{f.dissuaded} / {closed}</span>
        </div>
      </div>
      <div className="card">
        <div className="row">
          <h2>{t('趋势')}</h2>
          <label className="inline">
            <select value={trendOf} onChange={(e) => setTrendOf(e.target.value as keyof Figures)} name="trendOf">
              {FIGURES.map(([key, label]) => <option key={key} value={key}>{t(label)}</option>)}
            </select>
          </label>
        </div>
        <Columns
          title={t('趋势')}
          bars={summary.trend.map((s) => ({ key: s.label, label: s.label.slice(period === 'day' ? 5 : period === 'month' ? 2 : 0), value: s.figures[trendOf] }))}
          format={(v) => (money ? `${Math.round(v / 100 / 10_000)}万` : String(v))}
        />
      </div>
      <div className="grid2">
        <div className="card">
          <div className="row">
            <h2>{t('诈骗类型占比')}</h2>
            <label className="inline">
              <select value={shareBy} onChange={(e) => setShareBy(e.target.value as ShareBy)} name="shareBy">
                <option value="cases">{t('案件')}</option><option value="warnings">{t('预警')}</option><option value="lossFen">{t('损失金额')}</option>
              </select>
            </label>
          </div>
          <HBars
            title={t('诈骗类型占比')}
            labelChars={9}
            bars={[...summary.fraudTypes].sort((a, b) => b[shareBy] - a[shareBy]).map((s) => {
              const value = s[shareBy];
              return { key: s.key, label: typeName(s.key, lang) || '—', value, text: `${shareBy === 'lossFen' ? yuan(value) : value} (${((100 * value) / shareTotal).toFixed(0)}%)` };
            })}
          />
        </div>
        <div className="card">
          <h2>{t('各区分布')}</h2>
          <HBars
            title={t('各区分布')}
            color="#1d2733"
            bars={summary.districts.map((s) => ({ key: s.key || '-', label: s.name || t('未落地'), value: s.warnings + s.cases, text: `${s.warnings} ${t('预警')} · ${s.cases} ${t('案')}` }))}
          />
        </div>
      </div>
    </section>
  );
}
