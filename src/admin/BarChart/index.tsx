/** One bar. */
export interface Bar {
  label: string;
  value: number;
}

const W = 720;
const H = 200;
const PAD = { top: 12, right: 8, bottom: 28, left: 36 };

/** A bar chart in plain SVG (attributes only, no inline styles: the console's CSP forbids them). */
export function BarChart({ bars, title }: { bars: readonly Bar[]; title: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / Math.max(1, bars.length);
  const every = Math.ceil(bars.length / 12); // at most ~12 axis labels
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} data-testid="bar-chart">
      <title>{title}</title>
      <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} class="axis" />
      <text x={PAD.left - 4} y={PAD.top + 4} class="tick" text-anchor="end">
        {max}
      </text>
      <text x={PAD.left - 4} y={H - PAD.bottom} class="tick" text-anchor="end">
        0
      </text>
      {bars.map((b, i) => {
        const h = (b.value / max) * innerH;
        const x = PAD.left + i * step;
        return (
          <g key={b.label}>
            <rect x={x + step * 0.1} width={step * 0.8} y={H - PAD.bottom - h} height={h} class="bar">
              <title>
                {b.label}: {b.value}
              </title>
            </rect>
            {i % every === 0 && (
              <text x={x + step / 2} y={H - PAD.bottom + 16} class="tick" text-anchor="middle">
                {b.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
