import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FraudType } from '../../domain/fraud-type.js';

/**
 * Loaders for the text corpora in ../shared/datasets (SOURCES.md). Every loader returns documents: the unit that is
 * classified, split and evaluated (an SMS, a call script, a whole dialogue, a news article, a window of a meeting
 * transcript). Speaker labels are dropped from dialogue turns: names and roles ("用户", "客服", "张伟") are corpus
 * tells, not content.
 */
export type Corpus = 'telecom_fraud_texts_5' | 'anti_fraud_sft' | 'cn_spam_sms_50k' | 'normal_dialogues' | 'synthetic'; // synthetic: training-only templates (synthetic.ts)

/** What kind of text a document is; training balances and evaluation reports by it. */
export type DocKind =
  | 'fraud_script' // telecom_fraud_texts_5 labels 1-4: machine-written call scripts
  | 'sms' // telecom_fraud_texts_5 label 0 and cn_spam_sms_50k label 0: normal short messages
  | 'ad' // cn_spam_sms_50k label 1: advertising, not fraud
  | 'fraud_dialog' // anti_fraud_sft csv_dialogs: machine-written scam dialogues
  | 'fraud_news' // anti_fraud_sft Fraud_News_Reports: news articles about real cases
  | 'meeting' // anti_fraud_sft meeting_label_false: windows of normal meeting transcripts
  | 'dialogue' // normal_dialogues/*
  | 'warning' // training / evaluation windows only: anti-fraud advice sentences of the news reports (not fraud)
  | 'victim'; // training / evaluation windows only: the victim's turns of a scam dialogue, without scam phrases

export interface Doc {
  id: string;
  corpus: Corpus;
  kind: DocKind;
  /** Finer source: the sub-folder of normal_dialogues, the news/dialogue file's type, the label file. */
  sub: string;
  fraud: boolean;
  /** Fraud type when known and mapped; null for normal texts and unmapped fraud (generic 诈骗, 短信诈骗). */
  type: FraudType | null;
  /** Documents of one group (a dialogue, a meeting, an article) always land in the same split. */
  group: string;
  text: string;
  /** Dialogue turns without speakers (for windows), with whether the speaker was the fraudster. */
  turns?: Array<{ text: string; fraud: boolean }>;
  /** News: title, kept apart so that training chunks can repeat it. */
  title?: string;
}

export interface LoadOptions {
  /** Normal dialogues kept per normal_dialogues folder (seeded sample); the big ones hold tens of thousands. */
  maxPerDialogueSource?: number;
  /** Normal SMS kept from cn_spam_sms_50k label 0 (seeded sample). */
  maxSpamNormal?: number;
  seed?: number;
}

/** `FANZHA_DATASETS_DIR`, else `<repo>/../shared/datasets` (this file is `<repo>/dist/src/text/training/`). */
export function datasetsDir(): string {
  const env = process.env.FANZHA_DATASETS_DIR;
  if (env !== undefined && env !== '') return resolve(env);
  return resolve(fileURLToPath(new URL('../../../../../shared/datasets', import.meta.url)));
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  let quoted = false;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.length === 0) {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Source label -> project fraud type (SOURCES.md "Label mapping"); null where the source type is unmapped. */
export function mapSourceType(label: string): FraudType | null {
  const l = label.replace(/[“”"\s]/g, '');
  if (l.startsWith('冒充公检法')) return 'impersonate_authority';
  if (l.startsWith('贷款') || l.startsWith('网络贷款')) return 'fake_loan';
  if (l.startsWith('冒充客服')) return 'fake_customer_service';
  if (l.startsWith('冒充领导')) return 'impersonate_acquaintance';
  if (l.startsWith('兼职刷单')) return 'task_rebate';
  if (l.startsWith('投资') || l.startsWith('虚拟货币')) return 'fake_investment';
  if (l.startsWith('杀猪盘')) return 'romance';
  if (l.startsWith('虚假购物') || l.startsWith('二手交易')) return 'fake_shopping';
  if (l.startsWith('网络赌博') || l.startsWith('传销') || l.startsWith('微商代理')) return 'other';
  return null; // 短信诈骗, generic 诈骗: mixtures of types
}

const TFT5_LABELS: Record<string, string> = {
  'label01-last.csv': '冒充公检法及政府机关类',
  'label02-last.csv': '贷款、代办信用卡类',
  'label03-last.csv': '冒充客服服务',
  'label04-last.utf8.csv': '冒充领导、熟人类',
};

export function loadTelecomFraudTexts(dir: string): Doc[] {
  const base = join(dir, 'telecom_fraud_texts_5');
  const docs: Doc[] = [];
  for (const file of ['label00-last.csv', ...Object.keys(TFT5_LABELS)]) {
    const rows = parseCsv(readFileSync(join(base, file), 'utf8'));
    const normal = file === 'label00-last.csv';
    const sub = normal ? 'normal_sms' : TFT5_LABELS[file];
    rows.slice(1).forEach((r, k) => {
      const text = (r[0] ?? '').trim();
      if (text === '') return;
      docs.push({
        id: `tft5:${file}:${k}`,
        corpus: 'telecom_fraud_texts_5',
        kind: normal ? 'sms' : 'fraud_script',
        sub,
        fraud: !normal,
        type: normal ? null : mapSourceType(sub),
        group: `tft5:${file}:${k}`,
        text,
      });
    });
  }
  return docs;
}

function typeLabelOfFile(file: string): string {
  return file.replace(/\(\d+\).*$/, '').replace(/诈骗$/, '').replace(/[“”\s]/g, '') || '诈骗';
}

export function loadAntiFraudSft(dir: string): Doc[] {
  const base = join(dir, 'anti_fraud_sft', 'dataset');
  const docs: Doc[] = [];
  const newsDir = join(base, 'Fraud_News_Reports');
  const newsFiles = readdirSync(newsDir)
    .filter((f) => f.endsWith('.csv') && !(f === '诈骗(150).csv'))
    .sort();
  for (const file of newsFiles) {
    const label = typeLabelOfFile(file);
    const rows = parseCsv(readFileSync(join(newsDir, file), 'utf8'));
    const header = rows[0] ?? [];
    const ti = header.indexOf('标题');
    const bi = header.indexOf('文章正文内容');
    rows.slice(1).forEach((r, k) => {
      const title = (r[ti] ?? '').trim();
      const body = (r[bi] ?? '').trim();
      if (body.length < 20) return;
      docs.push({
        id: `sft-news:${label}:${k}`,
        corpus: 'anti_fraud_sft',
        kind: 'fraud_news',
        sub: label,
        fraud: true,
        type: mapSourceType(label),
        group: `sft-news:${label}:${k}`,
        text: `${title}\n${body}`,
        title,
      });
    });
  }
  const dialogDir = join(base, 'csv_dialogs');
  for (const file of readdirSync(dialogDir).filter((f) => f.endsWith('.csv')).sort()) {
    const meeting = file.startsWith('meeting_label_false');
    const label = meeting ? 'meeting' : typeLabelOfFile(file);
    const rows = parseCsv(readFileSync(join(dialogDir, file), 'utf8'));
    const byCase = new Map<string, Array<{ text: string; fraud: boolean }>>();
    for (const r of rows.slice(1)) {
      const [caseId, , content, isFraud] = r;
      const text = (content ?? '').trim();
      if (caseId === undefined || text === '') continue;
      let list = byCase.get(caseId);
      if (list === undefined) byCase.set(caseId, (list = []));
      list.push({ text, fraud: isFraud === 'True' });
    }
    for (const [caseId, turns] of byCase) {
      if (meeting) {
        // Transcripts run to tens of thousands of characters: the unit is a window of ten utterances.
        for (let w = 0; w * 10 < turns.length; w++) {
          const window = turns.slice(w * 10, w * 10 + 10);
          docs.push({
            id: `sft-meeting:${caseId}:${w}`,
            corpus: 'anti_fraud_sft',
            kind: 'meeting',
            sub: 'meeting',
            fraud: false,
            type: null,
            group: `sft-meeting:${caseId}`,
            text: window.map((t) => t.text).join('\n'),
            turns: window,
          });
        }
        continue;
      }
      // Cases whose utterances are all non-fraud are ambiguous (pyramid-selling talk, legitimate-sounding deals
      // written from scam articles): not used as fraud, nor as normal.
      if (!turns.some((t) => t.fraud)) continue;
      docs.push({
        id: `sft-dialog:${label}:${caseId}`,
        corpus: 'anti_fraud_sft',
        kind: 'fraud_dialog',
        sub: label,
        fraud: true,
        type: mapSourceType(label),
        group: `sft-dialog:${label}:${caseId}`,
        text: turns.map((t) => t.text).join('\n'),
        turns,
      });
    }
  }
  return docs;
}

export function loadSpamSms(dir: string, opts: LoadOptions = {}): Doc[] {
  const rows = parseCsv(readFileSync(join(dir, 'cn_spam_sms_50k', 'dataset.csv'), 'utf8'));
  const normal: Doc[] = [];
  const ads: Doc[] = [];
  rows.forEach((r, k) => {
    const label = r[0];
    const text = r.slice(1).join(',').trim();
    if (text === '' || (label !== '0' && label !== '1')) return;
    const ad = label === '1';
    (ad ? ads : normal).push({
      id: `spam:${k}`,
      corpus: 'cn_spam_sms_50k',
      kind: ad ? 'ad' : 'sms',
      sub: ad ? 'advertising' : 'normal_sms',
      fraud: false,
      type: null,
      group: `spam:${k}`,
      text,
    });
  });
  return [...ads, ...sample(normal, opts.maxSpamNormal ?? 8000, (opts.seed ?? 1) * 7 + 1)];
}

const SPEAKER_RE = /^[^：:]{1,12}[：:]/;

export function loadNormalDialogues(dir: string, opts: LoadOptions = {}): Doc[] {
  const base = join(dir, 'normal_dialogues');
  const docs: Doc[] = [];
  const folders = readdirSync(base)
    .filter((f) => existsSync(join(base, f, 'dialogues.jsonl')))
    .sort();
  folders.forEach((folder, fi) => {
    const lines = readFileSync(join(base, folder, 'dialogues.jsonl'), 'utf8').split('\n');
    const list: Doc[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      const d = JSON.parse(line) as { id: string; turns: string[]; domain?: string };
      const turns = d.turns.map((t) => ({ text: t.replace(SPEAKER_RE, '').trim(), fraud: false })).filter((t) => t.text);
      if (turns.length === 0) continue;
      list.push({
        id: `nd:${folder}:${d.id}`,
        corpus: 'normal_dialogues',
        kind: 'dialogue',
        sub: folder,
        fraud: false,
        type: null,
        group: `nd:${folder}:${d.id}`,
        text: turns.map((t) => t.text).join('\n'),
        turns,
      });
    }
    docs.push(...sample(list, opts.maxPerDialogueSource ?? 3000, (opts.seed ?? 1) * 31 + fi));
  });
  return docs;
}

/** Every corpus, in a fixed order; texts identical after trimming keep their first occurrence only. */
export function loadAllCorpora(dir = datasetsDir(), opts: LoadOptions = {}): Doc[] {
  const all = [
    ...loadTelecomFraudTexts(dir),
    ...loadAntiFraudSft(dir),
    ...loadSpamSms(dir, opts),
    ...loadNormalDialogues(dir, opts),
  ];
  const seen = new Set<string>();
  const out: Doc[] = [];
  for (const d of all) {
    const key = d.text.replace(/\s+/g, '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(list: T[], seed: number): T[] {
  const out = list.slice();
  const r = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Up to `max` items, chosen with a seed, in their original order. */
export function sample<T>(list: T[], max: number, seed: number): T[] {
  if (list.length <= max) return list;
  const idx = shuffle(
    list.map((_, i) => i),
    seed,
  )
    .slice(0, max)
    .sort((a, b) => a - b);
  return idx.map((i) => list[i]);
}
