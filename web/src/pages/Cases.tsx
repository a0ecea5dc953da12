import { useEffect, useState } from 'react';
import { api, yuan } from '../api';
import { LayeredGraph, type GraphEdge, type GraphNode } from '../graph';
import { typeName } from '../fraud-types';
import { t, useLang } from '../i18n';
import { useAction } from '../use-action';
import Orders from './Orders';

interface Case { id: number; status: string; fraudType: string | null; lossFen: number; station: string | null; district: string | null; openedAt: string }
interface Loss { fromAccount: string | null; toAccount: string | null; amountFen: number | null; ts: string | null }
interface Report { id: number; victim: { name: string | null; phone: string | null }; narrative: string | null; losses: Loss[]; submittedAt: string | null }
interface Link { caseId: number; score: number; sameType: boolean; shared: string[]; case: Case | null }
interface Detail { case: Case; reports: Report[]; links: Link[]; cluster: number[]; history: Array<{ id: number; at: string; actor: string; toStatus: string; note: string | null }> }
interface TraceNode { account: string; hop: number; victimInFen: number; victimOutFen: number; heldFen: number }
interface TraceEdge { eventId: string; from: string; to: string; ts: number; victimFen: number }
interface Trace { nodes: TraceNode[]; edges: TraceEdge[]; hops: number }

const STATUS: Record<string, string> = { reported: '已报案', filed: '已立案', investigating: '侦办中', solved: '已破案', referred: '已移送', closed: '已结案' };
const NEXT: Record<string, string[]> = { reported: ['filed', 'closed'], filed: ['investigating', 'closed'], investigating: ['solved', 'closed'], solved: ['referred', 'closed'], referred: [], closed: [] };
const KIND: Record<string, string> = { phone: '电话', url: '网址', domain: '域名', ip: 'IP', bank_card: '银行卡', wallet: '支付账户', app: 'App', social: '社交账号' };
const tail = (account: string) => (account.length > 10 ? `…${account.slice(-8)}` : account);

/** 串并案: this case, the indicators it shares, and the cases that share them. */
function linkGraph(d: Detail, lang: 'zh' | 'en', open: (id: number) => void): { columns: GraphNode[][]; edges: GraphEdge[] } {
  const indicators = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  for (const l of d.links) {
    for (const key of l.shared) {
      const [kind, value] = [key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1)];
      if (!indicators.has(key)) {
        indicators.set(key, { id: `i:${key}`, label: value, sub: t(KIND[kind] ?? kind), kind: 'indicator', title: key });
        edges.push({ from: `c:${d.case.id}`, to: `i:${key}` });
      }
      edges.push({ from: `i:${key}`, to: `c:${l.caseId}` });
    }
  }
  const focus: GraphNode = { id: `c:${d.case.id}`, label: `${t('案件')} #${d.case.id}`, sub: `${typeName(d.case.fraudType, lang)} · ${yuan(d.case.lossFen)}`, kind: 'focus' };
  const linked = d.links.map((l): GraphNode => ({
    id: `c:${l.caseId}`, label: `${t('案件')} #${l.caseId}`, kind: 'case', onClick: () => open(l.caseId),
    sub: l.case ? `${typeName(l.case.fraudType, lang)} · ${yuan(l.case.lossFen)}` : t('无权查看'),
    title: `${t('相似度')} ${l.score.toFixed(2)}`,
  }));
  return { columns: [[focus], [...indicators.values()], linked], edges };
}

/** 资金链: victims' accounts on the left, each hop of the money a column to the right, what is still held in green. */
function moneyGraph(trace: Trace, reports: Report[]): { columns: GraphNode[][]; edges: GraphEdge[] } {
  const victims = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  for (const r of reports) {
    for (const l of r.losses) {
      if (!l.fromAccount || !l.toAccount) continue;
      if (!victims.has(l.fromAccount)) victims.set(l.fromAccount, { id: `a:${l.fromAccount}`, label: tail(l.fromAccount), sub: `${t('受害人')} ${r.victim.name ?? ''}`, kind: 'victim', title: l.fromAccount });
      edges.push({ from: `a:${l.fromAccount}`, to: `a:${l.toAccount}`, label: l.amountFen ? yuan(l.amountFen) : undefined, weight: l.amountFen ?? 1 });
    }
  }
  const columns: GraphNode[][] = [[...victims.values()]];
  for (const n of trace.nodes) {
    (columns[n.hop] ??= []).push({
      id: `a:${n.account}`, label: tail(n.account), title: n.account, kind: n.heldFen > 0 ? 'held' : 'account',
      sub: `${t('流入')} ${yuan(n.victimInFen)} · ${t('留存')} ${yuan(n.heldFen)}`,
    });
  }
  for (const e of trace.edges) edges.push({ from: `a:${e.from}`, to: `a:${e.to}`, label: yuan(e.victimFen), weight: e.victimFen });
  return { columns: columns.map((c) => c ?? []), edges };
}

/** The money of a case's reports: the trace as a graph, and one click to order stop-payment on every account still holding some. */
function MoneyTrail({ detail, onOrdered }: { detail: Detail; onOrdered: () => void }) {
  const [traces, setTraces] = useState<Trace[] | null>(null);
  const { error, act } = useAction();
  const [busy, setBusy] = useState(false);
  const load = async (order: boolean) => {
    setBusy(order);
    await act(async () => {
      setTraces(await Promise.all(detail.reports.map(async (r) => (await api<{ trace: Trace }>(`/api/v1/trace/report/${r.id}${order ? '?order=true' : ''}`)).trace)));
      if (order) onOrdered();
    });
    setBusy(false);
  };
  useEffect(() => void load(false), [detail.case.id]);
  if (error) return <p className="error">{error}</p>;
  if (!traces) return <p>…</p>;
  const merged: Trace = { nodes: [], edges: [], hops: 0 };
  const seen = new Set<string>();
  for (const tr of traces) {
    for (const n of tr.nodes) if (!seen.has(n.account)) { seen.add(n.account); merged.nodes.push(n); }
    merged.edges.push(...tr.edges);
    merged.hops = Math.max(merged.hops, tr.hops);
  }
  const held = merged.nodes.filter((n) => n.heldFen > 0);
  const { columns, edges } = moneyGraph(merged, detail.reports);
  return (
    <div data-testid="money-trail">
      <p className="hint">
        {merged.nodes.length} {t('个账户')} · {merged.hops} {t('层')} · {t('仍留存')} {yuan(held.reduce((n, x) => n + x.heldFen, 0))} {t('于')} {held.length} {t('个账户')}
      </p>
      {merged.nodes.length > 0 && <LayeredGraph title={t('资金链')} columns={columns} edges={edges} />}
      <button onClick={() => void load(true)} disabled={busy || held.length === 0}>{t('对留存账户下发止付')}</button>
    </div>
  );
}

/** 案件: the case list, and a case with its reports, links (as a graph), money trail (as a graph) and stop-payment orders. */
export default function Cases({ canManage, canFunds }: { canManage: boolean; canFunds: boolean }) {
  const lang = useLang();
  const [cases, setCases] = useState<Case[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [ordersVersion, setOrdersVersion] = useState(0);
  const { error, act } = useAction();
  const loadList = () => void act(async () => setCases((await api<{ cases: Case[] }>('/api/v1/cases?limit=200')).cases));
  useEffect(loadList, []);
  const open = (id: number) => {
    setSelected(id);
    void act(async () => setDetail(await api<Detail>(`/api/v1/cases/${id}`)));
  };
  const move = (id: number, to: string) => act(async () => {
    await api(`/api/v1/cases/${id}/status`, { body: { status: to } });
    open(id);
    loadList();
  });
  return (
    <section className="split">
      <div className="card">
        <h2>{t('案件')}</h2>
        <table data-testid="cases">
          <thead><tr><th>#</th><th>{t('类型')}</th><th>{t('损失')}</th><th>{t('状态')}</th></tr></thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} onClick={() => open(c.id)} className={c.id === selected ? 'selected' : ''} style={{ cursor: 'pointer' }}>
                <td>{c.id}</td><td>{typeName(c.fraudType, lang)}</td><td>{yuan(c.lossFen)}</td><td>{t(STATUS[c.status] ?? c.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        {error && <p className="error">{error}</p>}
        {!detail && <p className="hint">{t('选择一个案件')}</p>}
        {detail && (
          <>
            <div className="card" data-testid="case">
              <h2>{t('案件')} #{detail.case.id} · {typeName(detail.case.fraudType, lang)} · {yuan(detail.case.lossFen)}</h2>
              <p>
                {t('状态')}: <strong>{t(STATUS[detail.case.status] ?? detail.case.status)}</strong>
                {canManage && NEXT[detail.case.status]?.map((s) => <button key={s} className="secondary" onClick={() => void move(detail.case.id, s)}>→ {t(STATUS[s])}</button>)}
              </p>
              <ul className="timeline">
                {detail.reports.map((r) => (
                  <li key={r.id}>
                    <time>{r.submittedAt?.slice(0, 16).replace('T', ' ')}</time>
                    {t('报案')} #{r.id} · {r.victim.name} {r.victim.phone} · {r.losses.length} {t('笔')} {yuan(r.losses.reduce((n, l) => n + (l.amountFen ?? 0), 0))}
                    <div className="hint">{r.narrative?.slice(0, 120)}</div>
                  </li>
                ))}
              </ul>
            </div>
            <div className="card">
              <h2>{t('串并案')} ({detail.links.length})</h2>
              {detail.links.length === 0 ? <p className="hint">{t('暂无关联案件')}</p> : (() => {
                const g = linkGraph(detail, lang, open);
                return <div data-testid="link-graph"><LayeredGraph title={t('串并案')} columns={g.columns} edges={g.edges} /></div>;
              })()}
            </div>
            {canFunds && (
              <>
                <div className="card">
                  <h2>{t('资金链')}</h2>
                  <MoneyTrail detail={detail} onOrdered={() => setOrdersVersion((v) => v + 1)} />
                </div>
                <Orders canAnswer={false} canFreeze caseId={detail.case.id} version={ordersVersion} />
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}
