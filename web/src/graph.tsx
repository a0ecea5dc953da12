/** A layered graph in SVG: nodes in columns, left to right, with curved edges; used for case links and money trails. */

export interface GraphNode {
  id: string;
  label: string;
  /** A second line under the label (an amount, a type). */
  sub?: string;
  kind?: 'focus' | 'case' | 'indicator' | 'account' | 'victim' | 'held';
  /** Shown on hover. */
  title?: string;
  onClick?: () => void;
}

export interface GraphEdge {
  from: string;
  to: string;
  label?: string;
  /** Relative weight (e.g. the amount): the stroke grows with it. */
  weight?: number;
}

const COLUMN_W = 240;
const ROW_H = 56;
const NODE_W = 150;
const NODE_H = 38;
const FILL: Record<NonNullable<GraphNode['kind']>, string> = {
  focus: '#b3261e', case: '#fdecea', indicator: '#eef0f3', account: '#fdf2e6', victim: '#e9f7ef', held: '#d4efdf',
};

export function LayeredGraph({ columns, edges, title }: { columns: GraphNode[][]; edges: GraphEdge[]; title: string }) {
  const at = new Map<string, { x: number; y: number }>();
  const rows = Math.max(1, ...columns.map((c) => c.length));
  columns.forEach((col, i) => {
    const offset = ((rows - col.length) * ROW_H) / 2;
    col.forEach((n, j) => at.set(n.id, { x: i * COLUMN_W + 10, y: offset + j * ROW_H + 10 }));
  });
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight ?? 1));
  const width = columns.length * COLUMN_W;
  const height = rows * ROW_H + 20;
  return (
    <div className="graph">
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={title}>
        {edges.map((e, k) => {
          const a = at.get(e.from);
          const b = at.get(e.to);
          if (!a || !b) return null;
          const [x1, y1, x2, y2] = [a.x + NODE_W, a.y + NODE_H / 2, b.x, b.y + NODE_H / 2];
          const back = x2 <= x1;
          const path = back
            ? `M${a.x + NODE_W / 2},${a.y + NODE_H} C${a.x + NODE_W / 2},${a.y + NODE_H + 40} ${b.x + NODE_W / 2},${b.y + NODE_H + 40} ${b.x + NODE_W / 2},${b.y + NODE_H}`
            : `M${x1},${y1} C${x1 + 40},${y1} ${x2 - 40},${y2} ${x2},${y2}`;
          return (
            <g key={k}>
              <path d={path} fill="none" stroke="#8a94a3" strokeWidth={1 + (4 * (e.weight ?? 1)) / maxWeight} markerEnd="url(#arrow)" />
              {e.label && <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 4} fontSize="10" textAnchor="middle" fill="#5c6776">{e.label}</text>}
            </g>
          );
        })}
        {columns.flat().map((n) => {
          const p = at.get(n.id)!;
          return (
            <g key={n.id} transform={`translate(${p.x}, ${p.y})`} onClick={n.onClick} className={n.onClick ? 'clickable' : undefined} data-node={n.id}>
              {n.title && <title>{n.title}</title>}
              <rect width={NODE_W} height={NODE_H} rx="6" fill={FILL[n.kind ?? 'case']} stroke="#c5ccd6" />
              <text x="8" y="15" fontSize="11" fill={n.kind === 'focus' ? '#fff' : '#1d2733'}>{n.label.slice(0, 22)}</text>
              {n.sub && <text x="8" y="30" fontSize="10" fill={n.kind === 'focus' ? '#fff' : '#5c6776'}>{n.sub.slice(0, 26)}</text>}
            </g>
          );
        })}
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#8a94a3" />
          </marker>
        </defs>
      </svg>
    </div>
  );
}
