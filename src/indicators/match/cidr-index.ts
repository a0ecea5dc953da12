import { maskV4, normalizeIp, parseAddress, v6ToHex } from '../normalize/ip.js';

interface Entry<T> {
  range: string;
  value: T;
}

/**
 * In-memory CIDR matcher. One map per prefix length, keyed by the masked network: IPv4 by the 32-bit number,
 * IPv6 by the leading hex digits of the network (a /32 keys on 8 digits, a /33 on 9 with the last one masked).
 * A look-up probes only the prefix lengths that hold entries, longest first, so it costs at most 33 (IPv4) or
 * 129 (IPv6) map probes and in practice a handful.
 */
export class CidrIndex<T> {
  private readonly v4 = new Map<number, Map<number, Entry<T>>>();
  private readonly v6 = new Map<number, Map<string, Entry<T>>>();
  // Prefix lengths in use, longest first.
  private v4Lengths: number[] = [];
  private v6Lengths: number[] = [];
  private count = 0;

  /** Add a range or address (any form `normalizeIp` accepts); adding the same range again replaces its value. */
  add(canonicalIp: string, value: T): void {
    const key = this.keyOf(canonicalIp);
    if (key.version === 4) {
      let m = this.v4.get(key.prefix);
      if (m === undefined) {
        m = new Map();
        this.v4.set(key.prefix, m);
        this.v4Lengths = insertDescending(this.v4Lengths, key.prefix);
      }
      if (!m.has(key.v4)) this.count++;
      m.set(key.v4, { range: key.range, value });
    } else {
      let m = this.v6.get(key.prefix);
      if (m === undefined) {
        m = new Map();
        this.v6.set(key.prefix, m);
        this.v6Lengths = insertDescending(this.v6Lengths, key.prefix);
      }
      if (!m.has(key.v6)) this.count++;
      m.set(key.v6, { range: key.range, value });
    }
  }

  /** Remove a range or address; removing one that is absent does nothing. */
  remove(canonicalIp: string): void {
    const key = this.keyOf(canonicalIp);
    if (key.version === 4) {
      const m = this.v4.get(key.prefix);
      if (m === undefined || !m.delete(key.v4)) return;
      this.count--;
      if (m.size === 0) {
        this.v4.delete(key.prefix);
        this.v4Lengths = this.v4Lengths.filter((p) => p !== key.prefix);
      }
    } else {
      const m = this.v6.get(key.prefix);
      if (m === undefined || !m.delete(key.v6)) return;
      this.count--;
      if (m.size === 0) {
        this.v6.delete(key.prefix);
        this.v6Lengths = this.v6Lengths.filter((p) => p !== key.prefix);
      }
    }
  }

  /** All entries containing the address, most specific first, each with the matching canonical range. An unparsable address matches nothing. */
  match(address: string): Array<{ range: string; value: T }> {
    let a = address;
    if (a.charCodeAt(0) === 0x5b && a.charCodeAt(a.length - 1) === 0x5d) a = a.slice(1, -1);
    const parsed = parseAddress(a);
    const out: Array<{ range: string; value: T }> = [];
    if (parsed === null) return out;
    if (parsed.version === 4) {
      const lengths = this.v4Lengths;
      for (let i = 0; i < lengths.length; i++) {
        const e = this.v4.get(lengths[i])!.get(maskV4(parsed.v4, lengths[i]));
        if (e !== undefined) out.push({ range: e.range, value: e.value });
      }
    } else {
      const hex = v6ToHex(parsed.v6);
      const lengths = this.v6Lengths;
      for (let i = 0; i < lengths.length; i++) {
        const e = this.v6.get(lengths[i])!.get(v6Key(hex, lengths[i]));
        if (e !== undefined) out.push({ range: e.range, value: e.value });
      }
    }
    return out;
  }

  get size(): number {
    return this.count;
  }

  private keyOf(
    ip: string,
  ): { version: 4; prefix: number; v4: number; range: string } | { version: 6; prefix: number; v6: string; range: string } {
    const norm = normalizeIp(ip);
    if (!norm.ok) throw new TypeError(`CidrIndex: ${norm.code}: ${norm.reason}`);
    const { prefix } = norm.info;
    const slash = norm.canonical.indexOf('/');
    const base = slash < 0 ? norm.canonical : norm.canonical.slice(0, slash);
    const addr = parseAddress(base);
    if (addr === null) throw new TypeError(`CidrIndex: cannot re-read ${norm.canonical}`); // normalizeIp output always parses
    if (addr.version === 4) return { version: 4, prefix, v4: addr.v4, range: norm.canonical };
    return { version: 6, prefix, v6: v6Key(v6ToHex(addr.v6), prefix), range: norm.canonical };
  }
}

/** Key of the /prefix network of a 32-hex-digit address: whole nibbles, plus the partial nibble masked. */
function v6Key(hex: string, prefix: number): string {
  const whole = prefix >> 2;
  const rest = prefix & 3;
  if (rest === 0) return hex.slice(0, whole);
  const nibble = parseInt(hex[whole], 16) & ((0xf << (4 - rest)) & 0xf);
  return hex.slice(0, whole) + nibble.toString(16);
}

function insertDescending(list: number[], p: number): number[] {
  return [...list, p].sort((a, b) => b - a);
}
