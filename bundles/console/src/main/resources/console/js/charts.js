// Small hand-drawn SVG charts: no library, no network, text through text nodes.
import { s } from './dom.js';

/** Horizontal bars, one per {label, value}; sorted by the caller. */
export function barChart(rows, { title, unit = '' } = {}) {
  const max = Math.max(1, ...rows.map(r => r.value));
  const rowHeight = 26;
  const labelWidth = 140;
  const width = 520;
  const height = Math.max(rowHeight, rows.length * rowHeight) + 8;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  svg.append(s('title', {}, title));
  rows.forEach((r, i) => {
    const y = i * rowHeight + 4;
    const w = Math.round(((width - labelWidth - 60) * r.value) / max);
    svg.append(
      s('text', { x: labelWidth - 6, y: y + 16, 'text-anchor': 'end', class: 'label' }, r.label),
      s('rect', { x: labelWidth, y: y + 3, width: Math.max(w, 1), height: rowHeight - 8, rx: 3, class: 'bar' }),
      s('text', { x: labelWidth + w + 6, y: y + 16, class: 'value' }, `${r.value}${unit}`));
  });
  return svg;
}
