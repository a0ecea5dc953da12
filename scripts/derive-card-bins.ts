/**
 * Derives assets/card-bins.json, the bank-card BIN table the bank_card normaliser loads, from the
 * China UnionPay BIN list of hexindai/bcbc (MIT): `bankcard-bin/bcbc_bin.csv` (`bin,bank,type,length`)
 * and `bankcard-bin/bcbc_name.csv` (`bank,name`) under FANZHA_REALDATA_DIR.
 *
 * Run with `npm run derive:bins`. The output is deterministic (sorted, no timestamps), one BIN per line
 * so that a refresh of the source list reads as a small diff.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT, loadConfig } from '../src/config/index.js';

const CARD_TYPES = new Set(['DC', 'CC', 'SCC', 'PC']);

type BinRow = [bin: string, bank: string, type: string, length: number];

interface Derived {
  source: string;
  banks: Record<string, string>;
  bins: BinRow[];
}

function readCsv(file: string, header: string, problems: string[]): string[][] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (lines[0] !== header) problems.push(`${file}:1: expected header "${header}", got "${lines[0]}"`);
  const width = header.split(',').length;
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    // The source files have no quoting; refuse rather than mis-split if that ever changes.
    if (line.includes('"')) {
      problems.push(`${file}:${i + 1}: quoted fields are not supported`);
      continue;
    }
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length !== width) {
      problems.push(`${file}:${i + 1}: expected ${width} fields, got ${fields.length}`);
      continue;
    }
    rows.push(fields);
  }
  return rows;
}

/** Builds the table from the two CSV files; throws with every problem found. */
function deriveCardBins(binCsv: string, nameCsv: string): Derived {
  const problems: string[] = [];
  const names = new Map<string, string>();
  for (const [bank, name] of readCsv(nameCsv, 'bank,name', problems)) {
    if (!/^[A-Z0-9]+$/.test(bank) || name === '') problems.push(`${nameCsv}: bad row "${bank},${name}"`);
    else names.set(bank, name);
  }

  const seen = new Set<string>();
  const bins: BinRow[] = [];
  for (const [bin, bank, type, lengthText] of readCsv(binCsv, 'bin,bank,type,length', problems)) {
    const row = `${bin},${bank},${type},${lengthText}`;
    const length = Number(lengthText);
    if (!/^\d{3,10}$/.test(bin)) problems.push(`${binCsv}: "${row}": BIN must be 3-10 digits`);
    else if (!names.has(bank)) problems.push(`${binCsv}: "${row}": bank code ${bank} has no name`);
    else if (!CARD_TYPES.has(type)) problems.push(`${binCsv}: "${row}": unknown card type ${type}`);
    else if (!Number.isInteger(length) || length < 12 || length > 19)
      problems.push(`${binCsv}: "${row}": card length must be 12-19`);
    else if (!seen.has(row)) {
      seen.add(row);
      bins.push([bin, bank, type, length]);
    }
  }
  if (problems.length > 0) throw new Error(`cannot derive card BINs:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  // Code-unit order, not locale order, so that the output does not depend on the machine.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  bins.sort((a, b) => cmp(a[0], b[0]) || a[3] - b[3] || cmp(a[1], b[1]) || cmp(a[2], b[2]));
  const banks: Record<string, string> = {};
  for (const code of [...new Set(bins.map((b) => b[1]))].sort(cmp)) banks[code] = names.get(code)!;
  return { source: 'hexindai/bcbc data/bin.csv + data/name.csv (MIT)', banks, bins };
}

/** One entry per line: compact, yet a refresh diffs line by line. */
function serialise(table: Derived): string {
  const banks = Object.entries(table.banks).map(([code, name]) => `${JSON.stringify(code)}:${JSON.stringify(name)}`);
  const bins = table.bins.map((row) => JSON.stringify(row));
  return `{"source":${JSON.stringify(table.source)},\n"banks":{\n${banks.join(',\n')}\n},\n"bins":[\n${bins.join(',\n')}\n]}\n`;
}

function main(): void {
  const dir = path.join(loadConfig().FANZHA_REALDATA_DIR, 'bankcard-bin');
  const table = deriveCardBins(path.join(dir, 'bcbc_bin.csv'), path.join(dir, 'bcbc_name.csv'));
  const out = path.join(PACKAGE_ROOT, 'assets', 'card-bins.json');
  const text = serialise(table);
  writeFileSync(`${out}.tmp`, text);
  renameSync(`${out}.tmp`, out);
  console.log(
    `wrote ${path.relative(process.cwd(), out) || out}: ${table.bins.length} BINs, ` +
      `${Object.keys(table.banks).length} banks, ${Buffer.byteLength(text)} bytes`,
  );
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
