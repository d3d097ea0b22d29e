const CELL = 24;
const LEFT = 40;
const TOP = 18;
/** Five shades, lightest = none: classes so the CSP needs no inline styles. */
const SHADES = 5;

/** Hour-of-day × weekday counts in plain SVG; `cells[weekday][hour]`, weekday 0 = Monday. */
export function HeatMap({ cells, weekdays, title }: { cells: readonly (readonly number[])[]; weekdays: readonly string[]; title: string }) {
  const max = Math.max(1, ...cells.flat());
  const shade = (n: number) => (n === 0 ? 0 : 1 + Math.min(SHADES - 2, Math.floor(((n - 1) / max) * (SHADES - 1))));
  return (
    <svg class="chart heatmap" viewBox={`0 0 ${LEFT + 24 * CELL} ${TOP + 7 * CELL}`} role="img" aria-label={title} data-testid="heatmap">
      <title>{title}</title>
      {Array.from({ length: 24 }, (_, h) =>
        h % 3 === 0 ? (
          <text key={h} x={LEFT + h * CELL + CELL / 2} y={TOP - 6} class="tick" text-anchor="middle">
            {h}
          </text>
        ) : null,
      )}
      {cells.map((row, d) => (
        <g key={d}>
          <text x={LEFT - 6} y={TOP + d * CELL + CELL * 0.65} class="tick" text-anchor="end">
            {weekdays[d] ?? ''}
          </text>
          {row.map((n, h) => (
            <rect key={h} x={LEFT + h * CELL} y={TOP + d * CELL} width={CELL - 2} height={CELL - 2} class={`heat-${shade(n)}`}>
              <title>
                {weekdays[d] ?? ''} {h}:00 — {n}
              </title>
            </rect>
          ))}
        </g>
      ))}
    </svg>
  );
}
