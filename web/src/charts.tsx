/** Small SVG charts, drawn by hand: no chart library in the bundle, nothing fetched from a CDN. */

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** What the bar's end shows, when not the value itself (a share, an amount). */
  text?: string;
}

/** Horizontal bars, largest first as given; the label column is cut to `labelChars`. */
export function HBars({ bars, title, color = '#c0392b', labelChars = 8 }: { bars: Bar[]; title: string; color?: string; labelChars?: number }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = (v: number) => (200 * v) / max;
  return (
    <svg viewBox={`0 0 520 ${bars.length * 24 + 4}`} className="bars" role="img" aria-label={title}>
      {bars.map((b, k) => (
        <g key={b.key} transform={`translate(0, ${k * 24})`}>
          <text x="0" y="15" fontSize="12">{b.label.slice(0, labelChars)}</text>
          <rect x="130" y="4" height="14" width={width(b.value)} fill={color} />
          <text x={136 + width(b.value)} y="15" fontSize="11">{b.text ?? b.value}</text>
        </g>
      ))}
    </svg>
  );
}

/** Vertical bars over periods, the last (the current period, to date) drawn lighter. */
export function Columns({ bars, title, format = String }: { bars: Bar[]; title: string; format?: (v: number) => string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const step = 1000 / Math.max(1, bars.length);
  const height = (v: number) => (150 * v) / max;
  return (
    <svg viewBox="0 0 1000 200" className="bars" role="img" aria-label={title}>
      {bars.map((b, k) => (
        <g key={b.key} transform={`translate(${k * step}, 0)`}>
          <rect x={step * 0.15} y={170 - height(b.value)} width={step * 0.7} height={height(b.value)} fill={k === bars.length - 1 ? '#e6a19b' : '#b3261e'}>
            <title>{`${b.label}: ${format(b.value)}`}</title>
          </rect>
          <text x={step / 2} y={165 - height(b.value)} fontSize="12" textAnchor="middle">{format(b.value)}</text>
          <text x={step / 2} y="188" fontSize="12" textAnchor="middle">{b.label}</text>
        </g>
      ))}
    </svg>
  );
}
