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
  private readonly flows = new Map<string, Flow>();

  constructor(private readonly maxAccounts = 1_000_000) {}

  /** Set by `transfer`: whether the paying account had been seen passing money on before this transfer. */
  fromWasMule = false;
  /** Set by `transfer`: whether the receiving account had. */
  toWasMule = false;

  /**
   * Records a transfer of `amountFen` from `from` (paid by person `payer`) to `to`, and sets `fromWasMule` and
   * `toWasMule`. Returns the payers whose money `from` has just passed on when this outflow is what shows `from`
   * to be a mule, else null. (One look-up per account: this runs for every transfer.)
   */
  transfer(from: string, to: string, amountFen: number, ts: number, payer: string): string[] | null {
    const out = this.flows.get(from);
    this.fromWasMule = out !== undefined && out.muleSince <= ts;
    const passed = out === undefined ? null : this.outflow(out, amountFen, ts);
    const inflow = this.flows.get(to);
    this.toWasMule = inflow !== undefined && inflow.muleSince <= ts;
    if (amountFen >= MIN_INFLOW_FEN) this.inflow(to, inflow, amountFen, ts, payer);
    return passed;
  }

  /** Whether `account` was seen passing money on at or before `ts`. */
  isMule(account: string, ts: number): boolean {
    const since = this.flows.get(account)?.muleSince ?? Number.NaN;
    return since <= ts;
  }

  get size(): number {
    return this.flows.size;
  }

  private inflow(account: string, known: Flow | undefined, amountFen: number, ts: number, payer: string): void {
    let flow = known;
    if (!flow) {
      if (this.flows.size >= this.maxAccounts) this.forgetOldest();
      flow = { ins: [], payers: [], muleSince: Number.NaN };
      this.flows.set(account, flow);
    }
    flow.ins.push(ts, amountFen, 0);
    flow.payers.push(payer);
    if (flow.payers.length > INFLOWS) {
      flow.ins.splice(0, 3);
      flow.payers.shift();
    }
  }

  private outflow(flow: Flow, amountFen: number, ts: number): string[] | null {
    const ins = flow.ins;
    // Against the latest inflow it fits: an outflow larger than an inflow is not that inflow passed on.
    for (let i = ins.length - 3; i >= 0; i -= 3) {
      const inTs = ins[i];
      const inFen = ins[i + 1];
      if (ts - inTs > PASS_WINDOW_MS || ts < inTs) continue;
      if (amountFen > inFen * SLACK) continue;
      ins[i + 2] += amountFen;
      if (ins[i + 2] < SHARE * inFen || !Number.isNaN(flow.muleSince)) return null;
      flow.muleSince = ts;
      // Everyone who paid the account within the hour before is likely one of its victims.
      const out: string[] = [];
      for (let j = 0; j < flow.payers.length; j++) if (ts - ins[j * 3] <= PASS_WINDOW_MS && !out.includes(flow.payers[j])) out.push(flow.payers[j]);
      return out;
    }
    return null;
  }

  /** When full, the tenth entered longest ago is forgotten (a Map iterates in insertion order). */
  private forgetOldest(): void {
    let n = Math.ceil(this.maxAccounts / 10);
    for (const key of this.flows.keys()) {
      if (n-- <= 0) break;
      this.flows.delete(key);
    }
  }

  toJSON(): [string, number[], string[], number | null][] {
    return Array.from(this.flows, ([account, f]) => [account, f.ins, f.payers, Number.isNaN(f.muleSince) ? null : f.muleSince]);
  }

  restore(entries: readonly [string, number[], string[], number | null][]): void {
    for (const [account, ins, payers, since] of entries) this.flows.set(account, { ins, payers, muleSince: since ?? Number.NaN });
  }
}

interface Flow {
  /** The latest inflows as [time, amount, forwarded so far] triples, oldest first. */
  ins: number[];
  /** Who paid each of those inflows (person keys). */
  payers: string[];
  /** When the account was first seen passing money on; NaN while never. */
  muleSince: number;
}

/** How long after an inflow forwarding it reads as passing it on. */
const PASS_WINDOW_MS = 3_600_000;
/** Smaller inflows are not recorded: a mule's inflow is a victim's payment, rarely under 100 yuan. */
const MIN_INFLOW_FEN = 10_000;
/** Inflows remembered per account. */
const INFLOWS = 3;
/** The share of an inflow that must go out again. */
const SHARE = 0.9;
/** An outflow may exceed the inflow it passes on by this factor (the mule's own small balance). */
const SLACK = 1.02;
