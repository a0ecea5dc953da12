/** One transfer of the ledger, as the banks reported it. */
export interface LedgerTransfer {
  id: number;
  eventId: string;
  from: string;
  to: string;
  amountFen: number;
  ts: number;
}

/** What tracing reads: an account's transfers either way between two times, oldest first. */
export interface LedgerReader {
  transfersOf(account: string, from: number, to: number): Promise<LedgerTransfer[]>;
}

/** Victim money arriving at an account (a loss transfer's payee), or, for an account trace, an account to follow. */
export interface TraceSeed {
  account: string;
  /** Null: follow everything that leaves the account after `ts`. */
  amountFen: number | null;
  ts: number;
}

export interface TraceOptions {
  /** Transfers later than this after the last seed are not followed. */
  windowMs: number;
  /** Accounts further than this from a seed are not followed (a seed is hop 1). */
  maxHops: number;
  /** The victims' own accounts: their payments are what the seeds stand for, and they are never followed. */
  ignore?: ReadonlySet<string>;
}

export interface TraceNode {
  account: string;
  hop: number;
  /** When victim money first reached it. */
  firstIn: number;
  victimInFen: number;
  victimOutFen: number;
  /** Victim money still attributed to the account at the end of the window: what a stop-payment could hold. */
  heldFen: number;
  /** Money in the account before the victim's arrived (credits less debits over the window before), not victim money. */
  priorFen: number;
}

export interface TraceEdge {
  eventId: string;
  from: string;
  to: string;
  ts: number;
  amountFen: number;
  /** The part of the transfer that was victim money under first-in-first-out. */
  victimFen: number;
}

export interface Trace {
  nodes: TraceNode[];
  edges: TraceEdge[];
  hops: number;
}

interface Account extends TraceNode {
  /** Credits not yet spent, oldest first: [victim money?, fen]. */
  queue: Array<[boolean, number]>;
}

/**
 * 资金链: follows victim money from the payee accounts through later transfers, in time order, within the window.
 * Attribution is first-in-first-out per account: each debit spends the oldest unspent credits first, and the
 * victim part of what it spends goes with it to the payee; money in the account before the victim's arrived
 * (estimated as the account's credits less its debits over the window before) is spent first and is not victim
 * money; a debit larger than everything known to be in the account carries only what was there. Splits (one
 * debit of several credits, several debits of one credit), merges (victim money reaching an account twice) and
 * cycles (money coming back) fall out of the queues; every transfer is taken once.
 */
export async function traceMoney(ledger: LedgerReader, seeds: readonly TraceSeed[], options: TraceOptions): Promise<Trace> {
  const accounts = new Map<string, Account>();
  const edges: TraceEdge[] = [];
  const pending = new TransferHeap();
  const taken = new Set<number>();
  const end = Math.max(...seeds.map((s) => s.ts)) + options.windowMs;
  const ignore = options.ignore ?? new Set<string>();

  const follow = async (account: string, hop: number, at: number): Promise<Account> => {
    const rows = await ledger.transfersOf(account, at - options.windowMs, end);
    let prior = 0;
    for (const t of rows) {
      if (ignore.has(t.from)) continue;
      if (t.ts < at) prior += t.to === account ? t.amountFen : -t.amountFen;
      else if (!taken.has(t.id)) pending.push(t);
    }
    prior = Math.max(0, prior);
    const node: Account = { account, hop, firstIn: at, victimInFen: 0, victimOutFen: 0, heldFen: 0, priorFen: prior, queue: prior > 0 ? [[false, prior]] : [] };
    accounts.set(account, node);
    return node;
  };

  for (const seed of [...seeds].sort((a, b) => a.ts - b.ts)) {
    const node = accounts.get(seed.account) ?? (await follow(seed.account, 1, seed.ts));
    const amount = seed.amountFen ?? outgoingAfter(pending, seed.account, seed.ts);
    node.queue.push([true, amount]);
    node.victimInFen += amount;
  }

  for (let t = pending.pop(); t; t = pending.pop()) {
    if (taken.has(t.id) || t.ts > end) continue;
    taken.add(t.id);
    // The victims' own payments are what the seeds stand for.
    if (ignore.has(t.from)) continue;
    const payer = accounts.get(t.from);
    if (!payer) {
      // Money into a followed account from elsewhere: not the victim's.
      accounts.get(t.to)?.queue.push([false, t.amountFen]);
      continue;
    }
    const victimFen = spend(payer.queue, t.amountFen);
    payer.victimOutFen += victimFen;
    let payee = accounts.get(t.to);
    if (!payee && victimFen > 0 && payer.hop < options.maxHops && !ignore.has(t.to)) payee = await follow(t.to, payer.hop + 1, t.ts);
    if (payee) {
      if (victimFen > 0) payee.queue.push([true, victimFen]);
      if (t.amountFen > victimFen) payee.queue.push([false, t.amountFen - victimFen]);
      payee.victimInFen += victimFen;
    }
    if (victimFen > 0) edges.push({ eventId: t.eventId, from: t.from, to: t.to, ts: t.ts, amountFen: t.amountFen, victimFen });
  }

  const nodes = [...accounts.values()].map(({ queue, ...node }) => ({ ...node, heldFen: queue.reduce((s, [victim, fen]) => s + (victim ? fen : 0), 0) }));
  return { nodes, edges, hops: nodes.reduce((m, n) => Math.max(m, n.hop), 0) };
}

/** Spends `amount` from the oldest credits; returns the victim part of what was spent. */
function spend(queue: Array<[boolean, number]>, amount: number): number {
  let left = amount;
  let victim = 0;
  while (left > 0 && queue.length) {
    const head = queue[0];
    const take = Math.min(head[1], left);
    if (head[0]) victim += take;
    left -= take;
    head[1] -= take;
    if (head[1] === 0) queue.shift();
  }
  return victim;
}

function outgoingAfter(pending: TransferHeap, account: string, ts: number): number {
  let total = 0;
  for (const t of pending.items()) if (t.from === account && t.ts >= ts) total += t.amountFen;
  return total;
}

/** Transfers by time (then ledger id): the order in which money moved. */
class TransferHeap {
  private readonly heap: LedgerTransfer[] = [];

  push(t: LedgerTransfer): void {
    const h = this.heap;
    h.push(t);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  pop(): LedgerTransfer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }

  items(): readonly LedgerTransfer[] {
    return this.heap;
  }
}

function before(a: LedgerTransfer, b: LedgerTransfer): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.id < b.id);
}
