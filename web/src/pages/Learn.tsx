import { FRAUD_TYPES } from '../fraud-types';
import { t, useLang } from '../i18n';

/** 防骗知识: the common scams and how to tell them. */
export default function Learn() {
  const lang = useLang();
  return (
    <section className="card narrow">
      <h1>{t('常见诈骗类型与识别要点')}</h1>
      {FRAUD_TYPES.map((f) => (
        <article key={f.code} className="scam">
          <h2>{lang === 'zh' ? f.zh : f.en}</h2>
          <p>{f.signs}</p>
        </article>
      ))}
      <p className="hint">96110 · 110</p>
    </section>
  );
}
