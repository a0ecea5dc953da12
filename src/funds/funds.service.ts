import type { ReportLosses } from '../cases/index.js';
import type { Config } from '../config/index.js';
import { FanzhaError } from '../domain/errors.js';
import type { Actor, Role } from '../domain/role.js';
import type { TransferEvent } from '../domain/event.js';
import { normalizeBankCard } from '../indicators/index.js';
import type { Store } from '../store/index.js';
import { traceMoney, type Trace, type TraceNode } from './trace.js';
import type { Freeze, FundReturn, FundTotal, OrderAnswer, StopPayOrder, TotalKey } from './types.js';

/** Who sees which orders: the centre (and its hotline) all, a bank its own. */
export type FundsScope = { level: 'city' } | { level: 'bank'; bank: string } | { level: 'none' };

export function fundsScope(principal: { role: Role | 'system'; scope?: string | null }): FundsScope {
  if (principal.role === 'admin' || principal.role === 'analyst' || principal.role === 'hotline' || principal.role === 'system') return { level: 'city' };
  if (principal.role === 'bank_partner' && principal.scope) return { level: 'bank', bank: principal.scope };
  return { level: 'none' };
}

export interface FundsOptions {
  traceWindowMs: number;
  traceMaxHops: number;
  /** Banks that take orders by webhook: bank name → URL. */
  webhooks: Readonly<Record<string, string>>;
  now?: () => number;
  /** Sends one order to a webhook; resolves when the bank took it (a 2xx), rejects otherwise. */
  post?: (url: string, order: StopPayOrder) => Promise<void>;
}

/** The payment institutions behind the wallet accounts partners send. */
const WALLETS: Record<string, string> = { alipay: '支付宝', wechatpay: '微信支付' };
const TAIL_PAGE = 5000;
/** The ledger reads only events logged at least this long ago, so a slower transaction's lower seq is not skipped. */
const TAIL_LAG_MS = 2000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** The bank that holds an account: a wallet's institution, a card's issuer from its BIN, or null (unknown). */
export function bankOfAccount(account: string): string | null {
  const colon = account.indexOf(':');
  if (colon > 0) return WALLETS[account.slice(0, colon)] ?? null;
  const card = normalizeBankCard(account);
  return card.ok ? card.info.bankName : null;
}

async function postJson(url: string, order: StopPayOrder): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'stop_payment', order }), signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

/**
 * 止付挽损: stop-payment orders for the payees of a reported loss (stored with their outbox row in one
 * transaction, then delivered: pushed to a bank's webhook with retries, or left for the bank to pull), the
 * banks' answers, tracing through the transfer ledger with orders for the accounts downstream that still hold
 * victim money, freezes and returns shared pro rata, and the totals statistics use.
 */
export class FundsService {
  private readonly now: () => number;
  private readonly post: (url: string, order: StopPayOrder) => Promise<void>;
  private delivering: Promise<number> | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: FundsOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.post = options.post ?? postJson;
  }

  /** One first-hop order per payee account of the losses (amounts of one account summed), then delivery at once. */
  async stopPayForReport(input: ReportLosses, actor: Actor): Promise<StopPayOrder[]> {
    const byAccount = new Map<string, { amountFen: number; ts: number; payer: string }>();
    const bad = input.losses.findIndex((l) => !l.toAccount || !Number.isInteger(l.amountFen) || l.amountFen <= 0 || !Number.isFinite(l.ts));
    if (bad >= 0) throw new FanzhaError('VALIDATION_FAILED', `loss ${bad} needs a payee account, a positive whole amount in fen and a time`, { issues: [{ path: `losses.${bad}`, code: 'INVALID_LOSS' }] });
    for (const l of input.losses) {
      const seen = byAccount.get(l.toAccount);
      byAccount.set(l.toAccount, { amountFen: (seen?.amountFen ?? 0) + l.amountFen, ts: Math.min(seen?.ts ?? Infinity, l.ts), payer: seen?.payer ?? l.fromAccount });
    }
    const now = this.now();
    const orders = await this.store.funds.transaction(async (tx) => {
      const out: StopPayOrder[] = [];
      for (const [account, { amountFen, ts, payer }] of byAccount) {
        const bank = bankOfAccount(account);
        const order = await this.store.funds.insertOrder(
          tx,
          {
            reportId: input.reportId, caseId: input.caseId, victimPhone: input.victimPhone, payerAccount: payer, account, bank, hop: 1, amountFen, arrivedAt: ts,
            reason: 'first_hop', status: bank ? 'queued' : 'manual', note: bank ? null : '开户行未知：请中心人工联系止付', createdBy: actor.name, createdAt: now,
          },
          bank ? now : null,
        );
        if (order) out.push(order);
      }
      return out;
    });
    await this.deliver();
    return orders;
  }

  /** A stop-payment order by hand (an analyst's or the hotline's), for any account. */
  async orderManually(actor: Actor, input: { account: string; amountFen: number; reportId?: number; caseId?: number; note?: string }): Promise<StopPayOrder> {
    const bank = bankOfAccount(input.account);
    const now = this.now();
    const order = await this.store.funds.transaction((tx) =>
      this.store.funds.insertOrder(
        tx,
        {
          reportId: input.reportId ?? null, caseId: input.caseId ?? null, victimPhone: null, payerAccount: null, account: input.account, bank, hop: 1, amountFen: input.amountFen,
          arrivedAt: now, reason: 'manual', status: bank ? 'queued' : 'manual', note: input.note ?? null, createdBy: actor.name, createdAt: now,
        },
        bank ? now : null,
      ),
    );
    if (!order) throw new FanzhaError('CONFLICT', `report ${input.reportId} has an order on ${input.account} already`);
    await this.deliver();
    return order;
  }

  async orders(scope: FundsScope, filter: { status?: StopPayOrder['status']; reportId?: number; caseId?: number; bank?: string; limit: number }): Promise<StopPayOrder[]> {
    if (scope.level === 'none') throw new FanzhaError('FORBIDDEN', 'stop-payment orders are for the centre and the bank they name');
    return this.store.funds.orders({ ...filter, bank: scope.level === 'bank' ? scope.bank : filter.bank });
  }

  async order(scope: FundsScope, id: number): Promise<StopPayOrder> {
    const order = await this.store.funds.order(id);
    if (!order || scope.level === 'none' || (scope.level === 'bank' && order.bank !== scope.bank)) throw new FanzhaError('NOT_FOUND', `no order ${id}`);
    return order;
  }

  /**
   * A bank's answer: `held` (the amount held), `insufficient` (the balance was lower; what was held), `moved`
   * (gone on; the accounts downstream are traced and ordered), `rejected`. An order is answered once.
   */
  async answer(actor: Actor, scope: FundsScope, id: number, answer: { status: OrderAnswer; heldFen?: number; note?: string }): Promise<StopPayOrder> {
    const order = await this.order(scope, id);
    const held = answer.status === 'held' || answer.status === 'insufficient' ? (answer.heldFen ?? (answer.status === 'held' ? order.amountFen : 0)) : 0;
    if (!Number.isInteger(held) || held < 0) throw new FanzhaError('VALIDATION_FAILED', 'heldFen must be a whole number of fen, 0 or more');
    const ok = await this.store.funds.transaction((tx) => this.store.funds.answerOrder(tx, id, answer.status, held, answer.note ?? `answered by ${actor.name}`, this.now()));
    if (!ok) throw new FanzhaError('INVALID_TRANSITION', `order ${id} is ${order.status}; it was answered already`);
    if (answer.status === 'moved' && order.reportId !== null) await this.traceReport(order.reportId, { order: true, actor });
    return (await this.store.funds.order(id))!;
  }

  /** Delivers the outbox rows that are due; returns how many reached their bank. One delivery runs at a time. */
  deliver(): Promise<number> {
    this.delivering ??= this.deliverNow().finally(() => (this.delivering = null));
    return this.delivering;
  }

  private async deliverNow(): Promise<number> {
    let delivered = 0;
    for (const { order, attempts } of await this.store.funds.dueOutbox(this.now(), 500)) {
      const url = order.bank ? this.options.webhooks[order.bank] : undefined;
      try {
        if (url) await this.post(url, order);
        await this.store.funds.delivered(order.id, this.now());
        delivered++;
      } catch (err) {
        const next = this.now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts);
        await this.store.funds.retryLater(order.id, attempts + 1, next, (err as Error).message);
      }
    }
    return delivered;
  }

  // --- tracing ---------------------------------------------------------------------------------------------

  /** Copies the transfer events logged since the last call into the ledger; returns how many were added. */
  async tailLedger(): Promise<number> {
    let added = 0;
    for (;;) {
      const from = await this.store.funds.ledgerPosition();
      const page = await this.store.funds.loggedTransfersAfter(from, this.now() - TAIL_LAG_MS, TAIL_PAGE);
      if (page.length === 0) return added;
      const rows = page.map(({ sender, body }) => {
        const e = JSON.parse(body) as TransferEvent;
        return { sender, eventId: e.id, from: e.fromAccount, to: e.toAccount, amountFen: e.amountFen, ts: e.ts };
      });
      added += await this.store.funds.transaction(async (tx) => {
        const n = await this.store.funds.addTransfers(tx, rows);
        await this.store.funds.setLedgerPosition(tx, page[page.length - 1].seq);
        return n;
      });
      if (page.length < TAIL_PAGE) return added;
    }
  }

  /** Where a report's money went, from its first-hop orders; with `order`, stop-payment for every downstream account still holding some. */
  async traceReport(reportId: number, opts: { order?: boolean; actor?: Actor } = {}): Promise<Trace & { orders: StopPayOrder[] }> {
    const firstHop = (await this.store.funds.orders({ reportId, limit: 1000 })).filter((o) => o.hop === 1);
    if (firstHop.length === 0) throw new FanzhaError('NOT_FOUND', `report ${reportId} has no stop-payment orders to trace from`);
    const victims = new Set(firstHop.flatMap((o) => (o.payerAccount ? [o.payerAccount] : [])));
    const trace = await this.trace(firstHop.map((o) => ({ account: o.account, amountFen: o.amountFen, ts: o.arrivedAt })), victims);
    const orders = opts.order ? await this.orderDownstream(firstHop[0], trace.nodes, opts.actor ?? { name: 'system', role: 'system' }) : [];
    return { ...trace, orders };
  }

  /** Where money went from an account after a time (all of what left it, or `amountFen` of it). */
  traceAccount(account: string, since: number, amountFen: number | null = null): Promise<Trace> {
    return this.trace([{ account, amountFen, ts: since }]);
  }

  private async trace(seeds: Parameters<typeof traceMoney>[1], victims: ReadonlySet<string> = new Set()): Promise<Trace> {
    const trace = await traceMoney(this.store.funds, seeds, { windowMs: this.options.traceWindowMs, maxHops: this.options.traceMaxHops, ignore: victims });
    return { ...trace, nodes: trace.nodes.map((n) => ({ ...n, bank: bankOfAccount(n.account) })) };
  }

  private async orderDownstream(first: StopPayOrder, nodes: readonly TraceNode[], actor: Actor): Promise<StopPayOrder[]> {
    const now = this.now();
    const created = await this.store.funds.transaction(async (tx) => {
      const out: StopPayOrder[] = [];
      for (const n of nodes) {
        if (n.hop === 1 || n.heldFen <= 0) continue;
        const bank = bankOfAccount(n.account);
        const order = await this.store.funds.insertOrder(
          tx,
          {
            reportId: first.reportId, caseId: first.caseId, victimPhone: first.victimPhone, payerAccount: null, account: n.account, bank, hop: n.hop, amountFen: n.heldFen,
            arrivedAt: n.firstIn, reason: 'downstream', status: bank ? 'queued' : 'manual', note: `资金链第 ${n.hop} 层`, createdBy: actor.name, createdAt: now,
          },
          bank ? now : null,
        );
        if (order) out.push(order);
      }
      return out;
    });
    if (created.length) await this.deliver();
    return created;
  }

  // --- freezes and returns ---------------------------------------------------------------------------------

  /** 冻结: after a stop-payment held money, the case paperwork freezes up to what was held. */
  async freeze(actor: Actor, input: { orderId: number; amountFen: number; documentNo: string; days: number }): Promise<Freeze> {
    const order = await this.order({ level: 'city' }, input.orderId);
    if (order.status !== 'held' && order.status !== 'insufficient') throw new FanzhaError('INVALID_TRANSITION', `order ${order.id} is ${order.status}: only money a bank held can be frozen`);
    const now = this.now();
    return this.store.funds.transaction(async (tx) => {
      const already = await this.store.funds.frozenForOrder(tx, order.id);
      if (already + input.amountFen > order.heldFen) {
        throw new FanzhaError('VALIDATION_FAILED', `order ${order.id} held ${order.heldFen} fen and ${already} are frozen already; ${input.amountFen} more is too much`);
      }
      return this.store.funds.insertFreeze(tx, {
        orderId: order.id, caseId: order.caseId, account: order.account, bank: order.bank, amountFen: input.amountFen, documentNo: input.documentNo,
        until: now + input.days * 86_400_000, status: 'frozen', createdBy: actor.name, createdAt: now,
      });
    });
  }

  /**
   * 返还: pays a freeze back to the victims whose money is in that account, pro rata to what each one's order asked
   * to stop there; in whole fen, the remainder going one fen each to the largest fractional shares (ties to the
   * earlier order), so the shares add up to the frozen amount exactly.
   */
  async returnFrozen(actor: Actor, freezeId: number): Promise<FundReturn[]> {
    const now = this.now();
    return this.store.funds.transaction(async (tx) => {
      const freeze = await this.store.funds.freeze(freezeId, tx);
      if (!freeze) throw new FanzhaError('NOT_FOUND', `no freeze ${freezeId}`);
      if (!(await this.store.funds.markReturned(tx, freezeId))) throw new FanzhaError('INVALID_TRANSITION', `freeze ${freezeId} is ${freeze.status}`);
      const claims = await this.store.funds.ordersOnAccount(tx, freeze.account);
      const shares = proRata(freeze.amountFen, claims.map((o) => o.amountFen));
      const out: FundReturn[] = [];
      for (let i = 0; i < claims.length; i++) {
        if (shares[i] === 0) continue;
        const o = claims[i];
        out.push(await this.store.funds.insertReturn(tx, { freezeId, reportId: o.reportId, caseId: o.caseId, victimPhone: o.victimPhone, bank: freeze.bank, amountFen: shares[i], createdBy: actor.name, createdAt: now }));
      }
      return out;
    });
  }

  freezes(filter: { caseId?: number; limit: number }): Promise<Freeze[]> {
    return this.store.funds.freezes(filter);
  }

  returns(filter: { freezeId?: number; limit: number }): Promise<FundReturn[]> {
    return this.store.funds.returns(filter);
  }

  totals(by: TotalKey, range: { from?: number; to?: number } = {}): Promise<FundTotal[]> {
    return this.store.funds.totals(by, range);
  }
}

/** `total` split in proportion to `weights`, in whole units, largest remainder first (ties to the earlier). */
export function proRata(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    shares[i]++;
    left--;
  }
  return shares;
}

/** The funds service a configuration asks for. */
export function openFunds(store: Store, config: Pick<Config, 'FANZHA_TRACE_WINDOW_HOURS' | 'FANZHA_TRACE_MAX_HOPS' | 'FANZHA_BANK_WEBHOOKS'>, options: { now?: () => number } = {}): FundsService {
  return new FundsService(store, { traceWindowMs: config.FANZHA_TRACE_WINDOW_HOURS * 3_600_000, traceMaxHops: config.FANZHA_TRACE_MAX_HOPS, webhooks: config.FANZHA_BANK_WEBHOOKS, now: options.now });
}
