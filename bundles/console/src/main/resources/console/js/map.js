// Grid polygons from GET /grids (GeoJSON, WGS-84) drawn as SVG in an equirectangular projection scaled by the
// cosine of the mean latitude — accurate enough for a county, and it needs no tiles, so it works offline.
import { s } from './dom.js';

function rings(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/** An SVG map; counts: grid code → open orders; points: [{lon, lat, label}] drawn as alarm markers. */
export function gridMap(collection, counts, points, { title, describe }) {
  const features = (collection && collection.features) || [];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const f of features) for (const poly of rings(f.geometry)) for (const ring of poly) for (const [x, y] of ring) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const svg = s('svg', { role: 'img', 'aria-label': title, class: 'map', viewBox: '0 0 600 300' });
  svg.append(s('title', {}, title));
  if (!features.length) return svg;
  const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const spanX = Math.max((maxX - minX) * k, 1e-9), spanY = Math.max(maxY - minY, 1e-9);
  const width = 600, height = Math.max(120, Math.min(600, Math.round((width * spanY) / spanX)));
  svg.setAttribute('viewBox', `-4 -4 ${width + 8} ${height + 8}`);
  const px = ([x, y]) => `${(((x - minX) * k) / spanX * width).toFixed(1)},${((maxY - y) / spanY * height).toFixed(1)}`;
  const max = Math.max(1, ...Object.values(counts));
  for (const f of features) {
    const code = f.properties && f.properties.code;
    const n = counts[code] || 0;
    const d = rings(f.geometry).map(poly => poly.map(ring => `M${ring.map(px).join('L')}Z`).join('')).join('');
    const level = n === 0 ? 0 : Math.min(4, 1 + Math.floor((3 * n) / max));
    const path = s('path', { d, class: `grid heat${level}`, 'data-code': code, tabindex: '0' });
    path.append(s('title', {}, describe(f.properties || {}, n)));
    svg.append(path);
  }
  for (const p of points) {
    if (p.lon == null || p.lat == null) continue;
    const [x, y] = px([p.lon, p.lat]).split(',');
    const dot = s('circle', { cx: x, cy: y, r: 6, class: 'alarm' });
    dot.append(s('title', {}, p.label));
    svg.append(dot);
  }
  return svg;
}
