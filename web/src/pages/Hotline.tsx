import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api';
import { FRAUD_TYPES, typeName } from '../fraud-types';
import { t, useLang } from '../i18n';

interface Loss { fromAccount: string; toAccount: string; yuan: string; ts: string }
interface Found { kind: string; canonical: string; verdict: string }
interface Issue { path: string; message: string }

const emptyLoss = (): Loss => ({ fromAccount: '', toAccount: '', yuan: '', ts: new Date().toISOString().slice(0, 16) });
const KIND: Record<string, string> = { phone: 'phone', url: 'url', domain: 'domain', bank_card: 'account', payment_account: 'account', im_account: 'wechat', app: 'app', ip: 'ip' };

/**
 * 接警登记: the hotline's report form, made for speed — the fraud type is suggested from the narrative as it is
 * typed, indicators are pulled out of it, Enter in a loss row adds the next one, Ctrl+Enter submits.
 */
export default function Hotline() {
  const lang = useLang();
  const [victim, setVictim] = useState({ name: '', idNumber: '', phone: '' });
  const [narrative, setNarrative] = useState('');
  const [fraudType, setFraudType] = useState('');
  const [suggested, setSuggested] = useState<{ type: string | null; score: number } | null>(null);
  const [found, setFound] = useState<Found[]>([]);
  const [indicators, setIndicators] = useState<Found[]>([]);
  const [losses, setLosses] = useState<Loss[]>([emptyLoss()]);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (narrative.trim().length < 8) return;
    const timer = setTimeout(() => {
      void api<{ type: string | null; typeScore: number; score: number }>('/api/v1/classify', { body: { text: narrative } }).then((r) => setSuggested({ type: r.type, score: r.score }));
      void api<{ indicators: Found[] }>('/api/v1/check/text', { body: { text: narrative } }).then((r) => setFound(r.indicators));
    }, 300);
    return () => clearTimeout(timer);
  }, [narrative]);

  const issue = (path: string) => issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
  const setLoss = (k: number, patch: Partial<Loss>) => setLosses(losses.map((l, i) => (i === k ? { ...l, ...patch } : l)));

  const submit = async (draft: boolean) => {
    setIssues([]);
    setResult(null);
    try {
      const res = await api<{ report: { id: number; status: string; caseId: number | null } }>('/api/v1/reports', {
        body: {
          draft, source: 'hotline', victim, occurredAt: new Date().toISOString(), narrative, fraudType: fraudType || suggested?.type || null,
          losses: losses.filter((l) => l.toAccount || l.yuan).map((l) => ({ fromAccount: l.fromAccount, toAccount: l.toAccount, amountFen: Math.round(Number(l.yuan) * 100), ts: new Date(l.ts).toISOString(), channel: 'bank_transfer' })),
          indicators: indicators.map((i) => ({ kind: KIND[i.kind] ?? 'other', value: i.canonical })),
        },
      });
      setResult(`${t('已提交')} #${res.report.id} (${res.report.status})`);
    } catch (err) {
      if (err instanceof ApiError) {
        setIssues(((err.details as { issues?: Issue[] } | null)?.issues ?? []) as Issue[]);
        setResult(`${err.code}: ${err.message}`);
      } else setResult(String(err));
    }
  };

  return (
    <form
      ref={form}
      className="card stack"
      onSubmit={(e) => (e.preventDefault(), void submit(false))}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit(false);
        }
      }}
    >
      <h2>{t('接警登记')}</h2>
      <fieldset className="row">
        <legend>{t('受害人')}</legend>
        <label>{t('姓名')}<input name="name" value={victim.name} onChange={(e) => setVictim({ ...victim, name: e.target.value })} /><small>{issue('victim.name')}</small></label>
        <label>{t('身份证号')}<input name="idNumber" value={victim.idNumber} onChange={(e) => setVictim({ ...victim, idNumber: e.target.value })} /><small>{issue('victim.idNumber')}</small></label>
        <label>{t('手机号')}<input name="phone" inputMode="tel" value={victim.phone} onChange={(e) => setVictim({ ...victim, phone: e.target.value })} /><small>{issue('victim.phone')}</small></label>
      </fieldset>
      <label>{t('经过')}<textarea name="narrative" rows={5} value={narrative} onChange={(e) => setNarrative(e.target.value)} /><small>{issue('narrative')}</small></label>
      <label>{t('诈骗类型')}
        <select name="fraudType" value={fraudType} onChange={(e) => setFraudType(e.target.value)}>
          <option value="">{suggested?.type ? `${t('建议类型')}: ${typeName(suggested.type, lang)}` : '—'}</option>
          {FRAUD_TYPES.map((f) => <option key={f.code} value={f.code}>{lang === 'zh' ? f.zh : f.en}</option>)}
        </select>
        {suggested?.type && <small data-testid="suggested">{t('建议类型')}: {typeName(suggested.type, lang)} ({Math.round(suggested.score * 100)}%)</small>}
      </label>
      {found.length > 0 && (
        <div className="chips">
          {t('从经过中提取')}:{' '}
          {found.map((f) => (
            <button type="button" key={f.canonical} onClick={() => setIndicators(indicators.some((i) => i.canonical === f.canonical) ? indicators : [...indicators, f])}>
              + {f.canonical} ({f.verdict})
            </button>
          ))}
        </div>
      )}
      {indicators.length > 0 && <p>{t('涉诈线索')}: {indicators.map((i) => i.canonical).join('、')}</p>}
      <fieldset>
        <legend>{t('损失转账')}</legend>
        {losses.map((l, k) => (
          <div className="row" key={k} onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              setLosses([...losses, emptyLoss()]);
            }
          }}>
            <label>{t('付款账户')}<input value={l.fromAccount} onChange={(e) => setLoss(k, { fromAccount: e.target.value })} /><small>{issue(`losses.${k}.fromAccount`)}</small></label>
            <label>{t('收款账户')}<input value={l.toAccount} onChange={(e) => setLoss(k, { toAccount: e.target.value })} /><small>{issue(`losses.${k}.toAccount`)}</small></label>
            <label>{t('金额（元）')}<input inputMode="decimal" value={l.yuan} onChange={(e) => setLoss(k, { yuan: e.target.value })} /><small>{issue(`losses.${k}.amountFen`)}</small></label>
            <label>{t('时间')}<input type="datetime-local" value={l.ts} onChange={(e) => setLoss(k, { ts: e.target.value })} /></label>
          </div>
        ))}
        <button type="button" onClick={() => setLosses([...losses, emptyLoss()])}>{t('添加一笔')}</button>
      </fieldset>
      <div className="row">
        <button type="submit">{t('提交（Ctrl+Enter）')}</button>
        <button type="button" onClick={() => void submit(true)}>{t('保存草稿')}</button>
      </div>
      {result && <p data-testid="result">{result}</p>}
    </form>
  );
}
