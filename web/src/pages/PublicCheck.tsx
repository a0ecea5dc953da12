import { useState } from 'react';
import { api } from '../api';
import { useAction } from '../use-action';
import { t, useLang } from '../i18n';
import { typeName } from '../fraud-types';

interface CheckResult {
  verdict: 'block' | 'warn' | 'allow' | 'unknown';
  kind: string | null;
  canonical: string | null;
  reason: string;
  fraudTypes: string[];
}
interface TextResult {
  fraud: boolean;
  score: number;
  type: string | null;
  reasons: Array<{ phrase: string }>;
  indicators: Array<{ raw?: string; value?: string; canonical: string; verdict: string }>;
}

const looksLikeText = (v: string): boolean => /[\u4e00-\u9fff]/.test(v) && v.length > 12;

/** 查一查: a number, link, account or a whole message, with a verdict anyone understands. */
export default function PublicCheck() {
  const lang = useLang();
  const [value, setValue] = useState('');
  const [result, setResult] = useState<{ check?: CheckResult; text?: TextResult } | null>(null);
  const { error, act } = useAction();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setResult(null);
    await act(async () => {
      if (looksLikeText(value)) setResult({ text: await api<TextResult>('/api/v1/check/text', { body: { text: value }, anonymous: true }) });
      else setResult({ check: await api<CheckResult>(`/api/v1/check?value=${encodeURIComponent(value.trim())}`, { anonymous: true }) });
    });
  };

  const verdictText = (v: CheckResult['verdict']) =>
    v === 'block' ? t('高风险：已核实涉诈，请立即停止联系，切勿转账') : v === 'warn' ? t('有风险：已有人举报，请提高警惕') : v === 'allow' ? t('官方认证') : t('暂无涉诈记录');

  return (
    <section className="card narrow">
      <h1>{t('查一查')}</h1>
      <form onSubmit={submit} className="check">
        <textarea aria-label="value" rows={3} value={value} placeholder={t('号码、网址、银行卡号或短信内容')} onChange={(e) => setValue(e.target.value)} required />
        <button type="submit">{t('查询')}</button>
      </form>
      {error && <p className="error">{error}</p>}
      {result?.check && (
        <div className={`verdict v-${result.check.verdict}`} data-testid="verdict" data-verdict={result.check.verdict}>
          <strong>{verdictText(result.check.verdict)}</strong>
          <p>{result.check.canonical ?? value} · {result.check.reason}</p>
          {result.check.fraudTypes.length > 0 && <p>{result.check.fraudTypes.map((c) => typeName(c, lang)).join('、')}</p>}
          {result.check.verdict === 'unknown' && <p className="hint">{t('暂无记录不代表安全：陌生人要求转账、屏幕共享、下载 App 时，请先拨打 96110 咨询。')}</p>}
        </div>
      )}
      {result?.text && (
        <div className={`verdict ${result.text.fraud ? 'v-block' : 'v-unknown'}`} data-testid="verdict" data-verdict={result.text.fraud ? 'block' : 'unknown'}>
          <strong>{result.text.fraud ? t('疑似诈骗短信') : t('未发现明显诈骗特征')} ({Math.round(result.text.score * 100)}%)</strong>
          {result.text.fraud && result.text.type && <p>{typeName(result.text.type, lang)}</p>}
          {result.text.reasons.length > 0 && <p>{result.text.reasons.map((r) => `“${r.phrase}”`).join(' ')}</p>}
          {result.text.indicators.map((i) => (
            <p key={i.canonical}>{i.canonical}: {i.verdict}</p>
          ))}
          {!result.text.fraud && <p className="hint">{t('暂无记录不代表安全：陌生人要求转账、屏幕共享、下载 App 时，请先拨打 96110 咨询。')}</p>}
        </div>
      )}
    </section>
  );
}
