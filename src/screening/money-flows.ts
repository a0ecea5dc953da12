/**
 * The payee side of transfers, which a payer's episode cannot see: per account, its latest inflows and whether it
 * passed one on (快进快出). A mule account forwards what it receives within minutes, almost to the fen, split or
 * whole; people, shops and landlords keep what they are paid, or spend a part of it. So an account whose outflows
 * within an hour of an inflow add up to 90% or more of it (none of them larger than the inflow) is taken for a
 * mule from then on.
 *
 * Transfers are partitioned by payer, and a mule's inflows come in its victims' partitions while its outflows come
 * in its own: one engine sees both only when it screens every partition (the embedded default). With several
 * screening workers (NATS), an account's pass-through is noticed only when its inflow and its outflow fall in the
 * same worker's partitions; this table is per engine and is not shared between workers.
 */
export class MoneyFlows {
  /**
   * Inflows of the current and the previous hour of event time: an inflow older than the pass-through window
   * cannot make its account a mule any more, so the table holds only the last hour or two of new payees'
   * receipts and is dropped a generation at a time.
   */
  private recent = new Map<string, Flow>();
  private previous = new Map<string, Flow>();
  private generationFrom = Number.NEGATIVE_INFINITY;
  /** Accounts seen passing money on, and since when. */
  private readonly mules = new Map<string, number>();

  constructor(private readonly maxAccounts = 1_000_000) {}

  /** Set by `transfer`: whether the paying account had been seen passing money on before this transfer. */
  fromWasMule = false;
  /** Set by `transfer`: whether the receiving account had (false for a payee the payer knows). */
  toWasMule = false;

  /**
   * Records a transfer of `amountFen` from `from` (paid by person `payer`, to a payee new to them when
   * `newPayee`) to `to`, and sets `fromWasMule` and `toWasMule`. Returns the payers whose money `from` has just
   * passed on when this outflow is what shows `from` to be a mule, else null. (A few look-ups: this runs for
   * every transfer.)
   */
  transfer(from: string, to: string, amountFen: number, ts: number, payer: string, newPayee: boolean): string[] | null {
    if (ts - this.generationFrom >= PASS_WINDOW_MS) this.nextGeneration(ts);
    this.fromWasMule = this.isMule(from, ts);
    const out = this.recent.get(from) ?? this.previous.get(from);
    const passed = out === undefined || this.fromWasMule ? null : this.outflow(from, out, amountFen, ts);
    // A payment to a payee the payer has paid before (rent, family, a shop) is no victim's first payment to a
    // mule: it is neither remembered nor looked at.
    if (!newPayee) {
      this.toWasMule = false;
      return passed;
    }
    this.toWasMule = this.isMule(to, ts);
    if (amountFen >= MIN_INFLOW_FEN) this.inflow(to, amountFen, ts, payer);
    return passed;
  }

  /** Whether `account` was seen passing money on at or before `ts`. */
  isMule(account: string, ts: number): boolean {
    const since = this.mules.get(account);
    return since !== undefined && since <= ts;
  }

  /** Accounts with an inflow remembered, and accounts taken for mules. */
  get size(): { inflows: number; mules: number } {
    return { inflows: this.recent.size + this.previous.size, mules: this.mules.size };
  }

  private nextGeneration(ts: number): void {
    this.previous = this.recent;
    this.recent = new Map();
    this.generationFrom = ts;
  }

  private inflow(account: string, amountFen: number, ts: number, payer: string): void {
    let flow = this.recent.get(account);
    if (!flow) {
      flow = this.previous.get(account) ?? new Flow();
      // A bound for bursts: past it, the new payees of the hour start over.
      if (this.recent.size >= this.maxAccounts) this.nextGeneration(ts);
      this.recent.set(account, flow);
    }
    // The older of the two remembered inflows makes way.
    flow.t0 = flow.t1;
    flow.a0 = flow.a1;
    flow.f0 = flow.f1;
    flow.p0 = flow.p1;
    flow.t1 = ts;
    flow.a1 = amountFen;
    flow.f1 = 0;
    flow.p1 = payer;
  }

  private outflow(account: string, flow: Flow, amountFen: number, ts: number): string[] | null {
    // Against the latest inflow it fits: an outflow larger than an inflow is not that inflow passed on.
    let forwarded: number;
    let inFen: number;
    if (fits(flow.t1, flow.a1, amountFen, ts)) {
      forwarded = flow.f1 += amountFen;
      inFen = flow.a1;
    } else if (fits(flow.t0, flow.a0, amountFen, ts)) {
      forwarded = flow.f0 += amountFen;
      inFen = flow.a0;
    } else {
      return null;
    }
    if (forwarded < SHARE * inFen) return null;
    if (this.mules.size >= this.maxAccounts) this.mules.delete(this.mules.keys().next().value as string);
    this.mules.set(account, ts);
    // Everyone who paid the account within the hour before is likely one of its victims.
    const out: string[] = [];
    if (flow.p1 !== '' && ts - flow.t1 <= PASS_WINDOW_MS) out.push(flow.p1);
    if (flow.p0 !== '' && ts - flow.t0 <= PASS_WINDOW_MS && flow.p0 !== flow.p1) out.push(flow.p0);
    return out;
  }

  toJSON(): { inflows: [string, number[], string[]][]; mules: [string, number][]; generationFrom: number | null } {
    const inflows: [string, number[], string[]][] = [];
    for (const map of [this.previous, this.recent]) {
      for (const [account, f] of map) inflows.push([account, [f.t0, f.a0, f.f0, f.t1, f.a1, f.f1], [f.p0, f.p1]]);
    }
    return { inflows, mules: [...this.mules], generationFrom: Number.isFinite(this.generationFrom) ? this.generationFrom : null };
  }

  restore(snapshot: ReturnType<MoneyFlows['toJSON']> | undefined): void {
    if (!snapshot) return;
    for (const [account, n, p] of snapshot.inflows) {
      const f = new Flow();
      [f.t0, f.a0, f.f0, f.t1, f.a1, f.f1] = n.map((x) => x ?? Number.NEGATIVE_INFINITY);
      [f.p0, f.p1] = p;
      this.recent.set(account, f);
    }
    for (const [account, since] of snapshot.mules) this.mules.set(account, since);
    this.generationFrom = snapshot.generationFrom ?? Number.NEGATIVE_INFINITY;
  }
}

/**
 * An account's two latest inflows: time, amount, forwarded so far, who paid. Plain fields, not arrays: one small
 * object per account that a new payer paid within the hour.
 */
class Flow {
  t0 = Number.NEGATIVE_INFINITY;
  a0 = 0;
  f0 = 0;
  p0 = '';
  t1 = Number.NEGATIVE_INFINITY;
  a1 = 0;
  f1 = 0;
  p1 = '';
}

function fits(inTs: number, inFen: number, amountFen: number, ts: number): boolean {
  return ts >= inTs && ts - inTs <= PASS_WINDOW_MS && amountFen <= inFen * SLACK;
}

/** How long after an inflow forwarding it reads as passing it on. */
const PASS_WINDOW_MS = 3_600_000;
/** Smaller inflows are not recorded: a mule's inflow is a victim's payment, rarely under 100 yuan. */
const MIN_INFLOW_FEN = 10_000;
/** The share of an inflow that must go out again. */
const SHARE = 0.9;
/** An outflow may exceed the inflow it passes on by this factor (the mule's own small balance). */
const SLACK = 1.02;
