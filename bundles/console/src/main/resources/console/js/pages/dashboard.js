// "One screen" for the caller's scope: counts, recent orders, a chart by category, the grid map coloured by open
// orders, alarms from plugins (channel ALARM), and the plugins' dashboard panels.
import { h } from '../dom.js';
import { t, named } from '../i18n.js';
import { query } from '../api.js';
import { barChart } from '../charts.js';
import { gridMap } from '../map.js';
import { OPEN_STATES, orderTable, categoryIndex } from '../orders.js';
import { mountExtension } from './extension.js';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function tile(id, label, value, href) {
  return h('a', { class: 'tile', id, href }, h('span', { class: 'n' }, String(value)), h('span', {}, label));
}

export default async function dashboard(main, _parts, { api, can, me, extensions }) {
  document.title = t('nav.dashboard');
  main.append(h('h1', {}, t('nav.dashboard')));
  const open = OPEN_STATES.join(',');
  const [summary, todays, categories, recent, alarms, breakdown] = await Promise.all([
    api('/analytics/summary'),
    api(`/analytics/summary${query({ from: today() })}`),
    categoryIndex(api),
    api(`/workorders${query({ size: 10, sort: '-createdAt' })}`),
    api(`/workorders${query({ channel: 'ALARM', state: open, size: 20, sort: '-createdAt' })}`),
    api('/analytics/breakdown?by=category'),
  ]);
  const m = summary.measures;
  main.append(h('section', { class: 'tiles', 'aria-label': t('dash.counts') },
    tile('tile-open', t('dash.open'), m.open, `#/inbox?state=${open}`),
    tile('tile-overdue', t('dash.overdue'), m.overdue, '#/inbox?overdue=true'),
    tile('tile-today', t('dash.today'), todays.measures.total, `#/inbox?createdFrom=${today()}`),
    tile('tile-alarms', t('dash.alarms'), alarms.total, `#/inbox?channel=ALARM&state=${open}`)));

  const grid = h('div', { class: 'panels' });
  main.append(grid);
  grid.append(h('section', { class: 'panel wide' }, recent.items.length ? orderTable(recent.items, categories, t('dash.recent'))
    : [h('h2', {}, t('dash.recent')), h('p', { class: 'muted' }, t('empty'))]));

  const rows = breakdown.groups.map(g => ({ label: g.name || named(categories[g.key]) || g.key, value: g.measures.total }))
    .sort((a, b) => b.value - a.value).slice(0, 10);
  grid.append(h('section', { class: 'panel' }, h('h2', {}, t('dash.byCategory')),
    rows.length ? barChart(rows, { title: t('dash.byCategory') }) : h('p', { class: 'muted' }, t('empty'))));

  grid.append(h('section', { class: 'panel' }, h('h2', {}, t('dash.byRegion')), h('div', { id: 'chart-region' })),
    h('section', { class: 'panel' }, h('h2', {}, t('dash.byDay')), h('div', { id: 'chart-day' })));
  moreCharts(api, grid);

  grid.append(h('section', { class: 'panel' }, h('h2', {}, t('dash.alarms')),
    alarms.items.length ? h('ul', { class: 'plain', id: 'alarm-list' }, alarms.items.map(o =>
      h('li', {}, h('a', { href: `#/orders/${o.id}` }, o.number), ' ', (o.description || '').slice(0, 60))))
      : h('p', { class: 'muted' }, t('dash.noAlarms'))));

  const mapPanel = h('section', { class: 'panel wide' }, h('h2', {}, t('dash.map')));
  grid.append(mapPanel);
  drawMap(mapPanel, api, open, alarms.items);

  for (const e of extensions.filter(x => x.kind === 'DASHBOARD_PANEL')) {
    const panel = h('section', { class: 'panel', 'data-extension': e.id }, h('h2', {}, named(e)));
    grid.append(panel);
    mountExtension(panel, e, { api, can, me });
  }
}

/** Volumes by village (or town, for a county) and by day over the last two weeks; drawn when they arrive. */
async function moreCharts(api, grid) {
  const since = new Date(Date.now() - 13 * 86400000);
  const from = `${since.getFullYear()}-${String(since.getMonth() + 1).padStart(2, '0')}-${String(since.getDate()).padStart(2, '0')}`;
  const [regions, days] = await Promise.all([
    api('/analytics/breakdown?by=region&level=village').catch(() => null),
    api(`/analytics/breakdown${query({ by: 'day', from })}`).catch(() => null),
  ]);
  const draw = (id, breakdown, title, label) => {
    const slot = grid.querySelector(id);
    const rows = breakdown ? breakdown.groups.map(g => ({ label: label(g), value: g.measures.total })) : [];
    slot.append(rows.length ? barChart(rows, { title }) : h('p', { class: 'muted' }, t('empty')));
  };
  draw('#chart-region', regions && { groups: regions.groups.sort((a, b) => b.measures.total - a.measures.total).slice(0, 10) },
    t('dash.byRegion'), g => g.name || g.key);
  draw('#chart-day', days, t('dash.byDay'), g => String(g.key).slice(5));
}

/** The grid map coloured by open orders per grid (the analytics breakdown at grid level), with the alarms' points. */
async function drawMap(panel, api, open, alarms) {
  try {
    const [grids, byGrid] = await Promise.all([api('/grids'), api('/analytics/breakdown?by=region&level=grid')]);
    const counts = {};
    for (const g of byGrid.groups) if (g.key && g.measures.open) counts[g.key] = g.measures.open;
    const points = alarms.map(o => ({ lon: o.lon, lat: o.lat, label: `${o.number} ${o.description || ''}` }));
    panel.append(gridMap(grids, counts, points, {
      title: t('dash.map'),
      describe: (p, n) => `${p.name || p.code} · ${t('dash.openN', { n })}`,
    }), h('p', { class: 'legend' }, h('span', { class: 'swatch heat0' }), t('dash.none'), ' ',
      h('span', { class: 'swatch heat2' }), t('dash.some'), ' ', h('span', { class: 'swatch heat4' }), t('dash.many'),
      ' ', h('span', { class: 'swatch alarm' }), t('dash.alarm')));
  } catch (e) {
    panel.append(h('p', { class: 'muted' }, t('dash.noMap')));
  }
}
