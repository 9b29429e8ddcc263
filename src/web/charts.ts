/** Small stacked bar charts as inline SVG (no charting dependency). */
import { esc } from './dom.js';

/** Rows: one per day (label), stacks: key → count. */
export function stackedBars(title: string, rows: { label: string; stacks: Map<string, number> }[], colorOf: (key: string, i: number) => string): string {
  const keys = [...new Set(rows.flatMap((r) => [...r.stacks.keys()]))].sort();
  const max = Math.max(1, ...rows.map((r) => [...r.stacks.values()].reduce((a, b) => a + b, 0)));
  const w = 360, h = 120, left = 28, bottom = 16;
  const bw = rows.length ? (w - left) / rows.length : 0;
  let bars = '';
  rows.forEach((r, i) => {
    let y = h - bottom;
    keys.forEach((k, ki) => {
      const n = r.stacks.get(k) ?? 0;
      if (!n) return;
      const bh = (n / max) * (h - bottom - 8);
      y -= bh;
      bars += `<rect x="${(left + i * bw + 1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${bh.toFixed(1)}" fill="${colorOf(k, ki)}"><title>${esc(r.label)} ${esc(k)}: ${n}</title></rect>`;
    });
    if (rows.length <= 16 || i % Math.ceil(rows.length / 8) === 0) bars += `<text x="${(left + i * bw + bw / 2).toFixed(1)}" y="${h - 3}" text-anchor="middle">${esc(r.label.slice(5))}</text>`;
  });
  const legend = keys.map((k, ki) => `<span><i style="background:${colorOf(k, ki)}"></i>${esc(k)}</span>`).join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}">`
    + `<text x="0" y="12">${max}</text><text x="0" y="${h - bottom}">0</text>${bars}</svg><div class="legend">${legend}</div></figure>`;
}

const PALETTE = ['#1c7ed6', '#e03131', '#2f9e44', '#f08c00', '#9c36b5', '#0ca678', '#e8590c', '#d6336c', '#495057', '#7048e8', '#66a80f', '#1098ad'];
/** A stable colour for the i-th key. */
export function paletteColor(_key: string, i: number): string {
  return PALETTE[i % PALETTE.length];
}
