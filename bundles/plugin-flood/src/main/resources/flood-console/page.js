// 防汛监测 / Flood monitoring, mounted by the console at #/ext/flood-monitor: the stations in the caller's scope with
// their state, and at #/ext/flood-monitor/{code} one station with its level chart over 24 h, 7 d or 30 d and its
// alarms (acknowledge button for those who may). Everything is read from /api/v1/flood with the console's token.
import { h, useStyles, subPath, stationHref, listHref, orderHref, mayAcknowledge, metres, when, badge, itemsOf } from './ui.js';
import { texts } from './i18n.js';
import { RANGES, series, levelChart } from './chart.js';

export default async function mount(element, context) {
  useStyles();
  const t = texts(context.lang);
  const root = h('div', { class: 'flood', lang: t.locale });
  element.append(root);
  const [code] = subPath(context);
  try {
    if (code) await stationPage(root, code, context, t);
    else await stationList(root, context, t);
  } catch (e) {
    root.append(h('p', { class: 'error', role: 'alert' }, e.status === 404 ? t('station.none') : `${t('error')} ${e.message}`));
  }
}

async function stationList(root, { api }, t) {
  const stations = await api('/flood/stations');
  root.append(h('h2', {}, t('stations.title')));
  if (!stations.length) {
    root.append(h('p', { class: 'muted' }, t('stations.empty')));
    return;
  }
  const rows = stations.map(st => h('tr', { 'data-station': st.code, 'data-state': st.state },
    h('td', {}, h('a', { href: stationHref(st.code) }, st.name || st.code), h('br'), h('small', { class: 'muted' }, st.code)),
    h('td', {}, t(`kind.${st.kind}`)),
    h('td', { class: 'num' }, st.lastLevel == null ? '–' : t('metres', { v: metres(st.lastLevel) })),
    h('td', {}, badge('state', st.state, t)),
    h('td', { class: 'num' }, String(st.activeAlarms ?? 0)),
    h('td', {}, when(st.lastReadingAt, t))));
  root.append(h('table', { class: 'flood-table', id: 'flood-stations' },
    h('caption', {}, t('stations.caption', { n: stations.length })),
    h('thead', {}, h('tr', {}, ['col.station', 'col.kind', 'col.level', 'col.state', 'col.alarms', 'col.time'].map(k => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, rows)));
}

async function stationPage(root, code, context, t) {
  const { api } = context;
  const [station, may] = await Promise.all([api(`/flood/stations/${encodeURIComponent(code)}`), mayAcknowledge(context)]);
  document.title = `${station.name || station.code} · ${t('stations.title')}`;
  root.append(h('p', {}, h('a', { href: listHref(), id: 'flood-back' }, t('back'))),
    h('h2', { id: 'flood-station', 'data-station': station.code }, `${station.name || station.code} (${station.code}) `, badge('state', station.state, t)));
  const fact = (key, value) => [h('dt', {}, t(key)), h('dd', {}, value)];
  root.append(h('dl', { class: 'flood-facts', 'aria-label': t('station.facts') },
    fact('col.kind', t(`kind.${station.kind}`)),
    fact('station.region', station.regionCode || ''),
    fact('station.last', station.lastLevel == null ? '–' : `${t('metres', { v: metres(station.lastLevel) })} · ${when(station.lastReadingAt, t)}`),
    station.forecastLevel == null ? null : fact('level.forecastLong', t('metres', { v: metres(station.forecastLevel) })),
    fact('level.warningLong', t('metres', { v: metres(station.warningLevel) })),
    fact('level.guaranteeLong', t('metres', { v: metres(station.guaranteeLevel) })),
    station.riseLimit == null ? null : fact('station.riseLimit', t('metresPerHour', { v: metres(station.riseLimit) })),
    fact('station.topic', h('code', {}, station.topic || ''))));

  const chartSlot = h('div', { class: 'flood-chart', id: 'flood-chart', 'aria-live': 'polite' });
  const note = h('p', { class: 'muted', id: 'flood-chart-note' });
  const buttons = Object.keys(RANGES).map(key => h('button', { type: 'button', 'data-range': key, 'aria-pressed': 'false',
    onclick: () => draw(key) }, t(`range.${key}`)));
  root.append(h('section', { class: 'flood-section' },
    h('div', { class: 'flood-ranges', role: 'group', 'aria-label': t('chart.range') }, buttons), chartSlot, note));

  const alarmSlot = h('section', { class: 'flood-section', id: 'flood-alarms-of-station' });
  root.append(alarmSlot);
  let alarms = [];
  let range = '24h';
  let drawing = 0;

  async function draw(key) {
    range = key;
    const mine = ++drawing; // a slow answer for an earlier period must not replace a later one
    buttons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.range === key)));
    const to = Date.now();
    const from = to - RANGES[key].span;
    const limit = 10000;
    chartSlot.setAttribute('aria-busy', 'true');
    note.textContent = t('chart.loading');
    const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(),
      resolution: RANGES[key].resolution, limit: String(limit) });
    let items;
    try {
      items = itemsOf(await api(`/flood/stations/${encodeURIComponent(station.code)}/readings?${q}`));
    } catch (e) {
      if (mine !== drawing) return;
      chartSlot.removeAttribute('aria-busy');
      note.textContent = `${t('error')} ${e.message}`;
      return;
    }
    if (mine !== drawing) return;
    const points = series(items).filter(p => p.t >= from && p.t <= to);
    chartSlot.replaceChildren(levelChart({ points, from, to, station, alarms, t }));
    chartSlot.setAttribute('data-range', key);
    chartSlot.removeAttribute('aria-busy');
    const levels = points.flatMap(p => (p.min != null ? [p.min, p.max] : [p.v]));
    note.textContent = points.length
      ? t('chart.summary', { n: points.length, min: metres(Math.min(...levels)), max: metres(Math.max(...levels)) })
        + (items.length >= limit ? ` · ${t('chart.limited', { n: items.length })}` : '')
      : t('chart.empty');
  }

  async function loadAlarms(message) {
    alarms = await api(`/flood/alarms?station=${encodeURIComponent(station.code)}&state=all&limit=100`);
    alarmSlot.replaceChildren(h('h3', {}, t('alarms.title')), alarmTable(alarms, t, may, acknowledge), message || '');
  }

  async function acknowledge(alarm, button) {
    button.disabled = true;
    let message;
    try {
      await api(`/flood/alarms/${encodeURIComponent(alarm.id)}/acknowledge`, { method: 'POST' });
      message = h('p', { class: 'ok', role: 'status', id: 'flood-ack-status' }, t('ack.done'));
    } catch (e) {
      message = h('p', { class: 'error', role: 'alert', id: 'flood-ack-status' },
        e.status === 409 ? t('ack.conflict') : `${t('ack.failed')} ${e.message}`);
    }
    await loadAlarms(message);
    await draw(range);
  }

  await loadAlarms();
  await draw(range);
}

function alarmTable(alarms, t, may, acknowledge) {
  if (!alarms.length) return h('p', { class: 'muted' }, t('alarms.empty'));
  const who = (name, iso) => (iso ? t('by', { who: name || '', when: when(iso, t) }) : '');
  return h('table', { class: 'flood-table', id: 'flood-alarm-table' },
    h('thead', {}, h('tr', {}, ['alarm.type', 'alarm.severity', 'alarm.state', 'alarm.raised', 'alarm.peak', 'alarm.acknowledged',
      'alarm.cleared', 'alarm.order', 'alarm.action'].map(k => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, alarms.map(a => h('tr', { 'data-alarm': a.id, 'data-state': a.state },
      h('td', {}, t(`type.${a.type}`)),
      h('td', {}, badge('severity', a.severity, t)),
      h('td', {}, badge('alarmState', a.state, t)),
      h('td', {}, when(a.raisedAt, t)),
      h('td', { class: 'num' }, t('metres', { v: metres(a.peakLevel) })),
      h('td', {}, who(a.acknowledgedBy, a.acknowledgedAt)),
      h('td', {}, when(a.clearedAt, t), a.clearNote ? [h('br'), h('small', { class: 'muted' }, a.clearNote)] : null),
      h('td', {}, a.workOrderId == null ? '–' : h('a', { href: orderHref(a.workOrderId) }, a.workOrderNumber || String(a.workOrderId))),
      h('td', {}, may && a.state === 'RAISED'
        ? h('button', { type: 'button', class: 'flood-ack', 'data-alarm': a.id, onclick: e => acknowledge(a, e.currentTarget) }, t('ack'))
        : '')))));
}
