// 水位告警 / Water-level alarms on the console's dashboard: the active flood alarms in the caller's scope (station,
// level, severity, since when, work order, link to the station page), read again every 15 seconds while the panel is
// on screen. The timer stops by itself once the console has replaced the dashboard.
import { h, useStyles, stationHref, orderHref, metres, when, badge } from './ui.js';
import { texts } from './i18n.js';

export const REFRESH_MS = 15000;

export default function mount(element, context) {
  useStyles();
  const t = texts(context.lang);
  const list = h('div', { class: 'flood-panel-body', 'aria-live': 'polite' });
  const status = h('p', { class: 'muted flood-updated' });
  const root = h('div', { class: 'flood flood-panel', id: 'flood-alarm-panel', lang: t.locale }, list, status);
  element.append(root);
  let timer = null;
  let busy = false;

  async function refresh() {
    if (timer !== null && !root.isConnected) {
      clearInterval(timer);
      return;
    }
    if (busy) return;
    busy = true;
    try {
      const [alarms, stations] = await Promise.all([
        context.api('/flood/alarms?state=active&limit=100'),
        context.api('/flood/stations'),
      ]);
      const byCode = new Map(stations.map(st => [st.code, st]));
      list.replaceChildren(...(alarms.length
        ? [h('p', { class: 'flood-count' }, t('panel.count', { n: alarms.length })),
          h('ul', { class: 'flood-alarm-list' }, alarms.map(a => item(a, byCode.get(a.stationCode), t)))]
        : [h('p', { class: 'muted', id: 'flood-no-alarms' }, t('panel.none'))]));
      status.textContent = t('panel.updated', { time: new Date().toLocaleTimeString(t.locale) });
      root.dataset.alarms = String(alarms.length);
    } catch (e) {
      if (e.status === 401) {
        clearInterval(timer);
        return;
      }
      status.textContent = t('panel.failed');
    } finally {
      busy = false;
    }
  }

  timer = setInterval(refresh, REFRESH_MS);
  return refresh();
}

function item(alarm, station, t) {
  const name = station && station.name ? station.name : alarm.stationCode;
  return h('li', { 'data-alarm': alarm.id, 'data-station': alarm.stationCode, 'data-severity': alarm.severity },
    h('div', { class: 'flood-alarm-head' }, badge('severity', alarm.severity, t), ' ',
      h('a', { href: stationHref(alarm.stationCode), class: 'flood-station-link', title: t('panel.open') }, name),
      ' ', h('small', { class: 'muted' }, alarm.stationCode)),
    h('div', { class: 'flood-alarm-facts' },
      t(`type.${alarm.type}`), ' · ',
      h('span', { class: 'flood-level' }, t('panel.level', { level: metres(alarm.lastLevel) })), ' · ',
      t('panel.peak', { level: metres(alarm.peakLevel) }), ' · ',
      h('span', { class: 'flood-since' }, t('panel.since', { time: when(alarm.raisedAt, t) })), ' · ',
      badge('alarmState', alarm.state, t),
      alarm.workOrderId == null ? null
        : [' · ', t('alarm.order'), ' ', h('a', { href: orderHref(alarm.workOrderId), class: 'flood-order-link' },
          alarm.workOrderNumber || String(alarm.workOrderId))]));
}
