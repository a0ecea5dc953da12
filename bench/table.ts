/** Benchmark output: a line per figure as it is measured, then a Markdown table and a headline. */
export type Report = (figure: string, value: string, target: string) => void;

export class Table {
  private readonly rows: Array<[string, string, string]> = [];

  readonly report: Report = (figure, value, target) => {
    this.rows.push([figure, value, target]);
    console.log(`${figure.padEnd(58)} ${value.padStart(16)}   ${target}`);
  };

  print(headline: string): void {
    console.log('\n| figure | measured | target |\n|---|---|---|');
    for (const [f, v, t] of this.rows) console.log(`| ${f} | ${v} | ${t} |`);
    console.log(`\nheadline: ${headline}`);
  }
}

/** Heap plus typed-array bytes after two collections (run node with --expose-gc). */
export function heap(): number {
  global.gc?.();
  global.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

