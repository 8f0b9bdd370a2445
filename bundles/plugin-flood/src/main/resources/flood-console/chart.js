// The level chart of a station: hand-drawn SVG, no library. The pure parts (series, segments, niceTicks, timeTicks)
// take and return plain data, so they can be checked without a page.
import { s } from './ui.js';

const HOUR = 3600000;
const DAY = 24 * HOUR;
const EPOCH = new Date(2000, 0, 1).getTime();

/** The periods the page offers, with the resolution asked of the readings endpoint (raw readings within a day). */
export const RANGES = {
  '24h': { span: DAY, resolution: 'minute' },
  '7d': { span: 7 * DAY, resolution: 'hour' },
  '30d': { span: 30 * DAY, resolution: 'hour' },
};

/**
 * Readings as points {t, v[, min, max]} sorted by time: raw items give ts and level; aggregated ones (resolution
 * minute or hour) give avg, which is drawn, and min/max, drawn as a band. Items without a time or a number are left out.
 */
export function series(items) {
  const points = [];
  for (const item of items || []) {
    if (!item) continue;
    const t = Date.parse(item.ts);
    const v = Number.isFinite(item.avg) ? item.avg : item.level;
    if (!Number.isFinite(t) || !Number.isFinite(v)) continue;
    const p = { t, v };
    if (Number.isFinite(item.min) && Number.isFinite(item.max)) {
      p.min = item.min;
      p.max = item.max;
    }
    points.push(p);
  }
  return points.sort((a, b) => a.t - b.t);
}

/** Splits points where the gap is more than five times the usual spacing: a silent gauge is not a straight line. */
export function segments(points) {
  if (points.length < 3) return points.length ? [points] : [];
  const gaps = [];
  for (let i = 1; i < points.length; i++) gaps.push(points[i].t - points[i - 1].t);
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
  const limit = Math.max(5 * median, 1);
  const out = [[points[0]]];
  for (let i = 1; i < points.length; i++) {
    if (gaps[i - 1] > limit) out.push([]);
    out[out.length - 1].push(points[i]);
  }
  return out;
}

/** Round tick values (steps of 1, 2 or 5 times a power of ten) covering [lo, hi]. */
export function niceTicks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map(m => m * power).find(x => x >= raw);
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}

/** Local-time ticks between from and to: whole hours for a day, midnights for longer periods; at most about 8. */
export function timeTicks(from, to) {
  const span = to - from;
  const steps = [HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 5 * DAY, 7 * DAY];
  const step = steps.find(x => span / x <= 8) || 7 * DAY;
  const first = new Date(from);
  first.setMinutes(0, 0, 0);
  if (step >= DAY) first.setHours(0);
  const ticks = [];
  for (let d = first; d.getTime() <= to; ) {
    const stepHours = step / HOUR;
    // whole multiples of the step in local time, counted from a fixed local midnight so months do not break the rhythm
    const aligned = step >= DAY ? Math.round((d - EPOCH) / DAY) % (step / DAY) === 0 : d.getHours() % stepHours === 0;
    if (d.getTime() >= from && aligned) ticks.push(d.getTime());
    d = new Date(d);
    if (step >= DAY) d.setDate(d.getDate() + 1); else d.setHours(d.getHours() + 1);
  }
  return { ticks, daily: step >= DAY };
}

/**
 * The chart: the level over [from, to] as polylines (class level-line), a min/max band for aggregates, horizontal
 * lines at the station's forecast-start, warning and guarantee levels (class threshold and the level's name), and
 * dashed marks where alarms were raised, acknowledged and cleared.
 */
export function levelChart({ points, from, to, station, alarms = [], t }) {
  const W = 760, H = 300, L = 52, R = 96, T = 14, B = 30;
  const lines = [
    ['forecast', station.forecastLevel], ['warning', station.warningLevel], ['guarantee', station.guaranteeLevel],
  ].filter(([, v]) => Number.isFinite(v));
  const values = points.flatMap(p => (p.min != null ? [p.min, p.max, p.v] : [p.v])).concat(lines.map(([, v]) => v));
  let lo = Math.min(...values), hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.08, 0.1);
  lo -= pad;
  hi += pad;
  const x = time => L + ((time - from) / (to - from)) * (W - L - R);
  const y = v => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
  const xy = (time, v) => `${x(time).toFixed(1)},${y(v).toFixed(1)}`;
  const title = t('chart.title', { name: station.name || station.code });
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'level-chart', role: 'img', 'aria-label': title, 'data-points': points.length },
    s('title', {}, title));

  const axes = s('g', { class: 'axes' });
  for (const v of niceTicks(lo, hi)) {
    axes.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid-line' }),
      s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, v.toFixed(2)));
  }
  const { ticks, daily } = timeTicks(from, to);
  for (const time of ticks) {
    const d = new Date(time);
    const label = daily || (d.getHours() === 0)
      ? d.toLocaleDateString(t.locale, { month: '2-digit', day: '2-digit' })
      : d.toLocaleTimeString(t.locale, { hour: '2-digit', minute: '2-digit' });
    axes.append(s('line', { x1: x(time), x2: x(time), y1: T, y2: H - B, class: 'grid-line' }),
      s('text', { x: x(time), y: H - B + 16, 'text-anchor': 'middle' }, label));
  }
  axes.append(s('rect', { x: L, y: T, width: W - L - R, height: H - T - B, class: 'frame' }));
  svg.append(axes);

  const banded = points.filter(p => p.min != null);
  if (banded.length > 1) {
    const upper = banded.map(p => xy(p.t, p.max));
    const lower = banded.map(p => xy(p.t, p.min)).reverse();
    svg.append(s('polygon', { points: upper.concat(lower).join(' '), class: 'level-band' }));
  }

  for (const [name, v] of lines) {
    svg.append(s('g', { class: `threshold ${name}`, 'data-level': v },
      s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: `threshold ${name}` }),
      s('text', { x: W - R + 6, y: y(v) + 4 }, `${t(`level.${name}`)} ${v.toFixed(2)}`)));
  }

  for (const a of alarms) {
    for (const [kind, iso] of [['raise', a.raisedAt], ['ack', a.acknowledgedAt], ['clear', a.clearedAt]]) {
      const time = iso ? Date.parse(iso) : NaN;
      if (time >= from && time <= to) {
        svg.append(s('line', { x1: x(time), x2: x(time), y1: T, y2: H - B, class: `event ${kind}`, 'data-alarm': a.id },
          s('title', {}, `${t(`type.${a.type}`)} · ${t(kind === 'raise' ? 'alarm.raised' : kind === 'ack' ? 'alarm.acknowledged' : 'alarm.cleared')}`)));
      }
    }
  }

  for (const part of segments(points)) {
    if (part.length === 1) svg.append(s('circle', { cx: x(part[0].t), cy: y(part[0].v), r: 3, class: 'level-dot' }));
    else svg.append(s('polyline', { points: part.map(p => xy(p.t, p.v)).join(' '), class: 'level-line' }));
  }
  if (!points.length) {
    svg.append(s('text', { x: (L + W - R) / 2, y: (T + H - B) / 2, 'text-anchor': 'middle', class: 'empty' }, t('chart.empty')));
  }
  return svg;
}
