// Shared bits about work orders: open states, the list table, the SLA light.
import { h } from './dom.js';
import { t, when, stateName, named } from './i18n.js';

export const OPEN_STATES = ['SUBMITTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RETURNED', 'SUSPENDED'];
export const ALL_STATES = [...OPEN_STATES, 'RESOLVED', 'VERIFIED', 'CLOSED', 'REJECTED'];

export function light(order) {
  const l = order.sla && order.sla.light;
  return l ? h('span', { class: `light ${l.toLowerCase()}`, title: t(`sla.${l}`) }, t(`sla.${l}`)) : '';
}

/** A table of orders; categories: code → category, for the names. */
export function orderTable(orders, categories, caption) {
  const name = code => (categories[code] ? named(categories[code]) : code);
  return h('table', { class: 'orders' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ['order.number', 'order.category', 'order.state', 'order.sla', 'order.created', 'order.description'].map(k => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, orders.map(o => h('tr', { 'data-number': o.number },
      h('td', {}, h('a', { href: `#/orders/${o.id}` }, o.number)),
      h('td', {}, name(o.category)),
      h('td', {}, stateName(o.state)),
      h('td', {}, light(o)),
      h('td', {}, when(o.createdAt)),
      h('td', { class: 'desc' }, (o.description || '').slice(0, 80))))));
}

/** Categories by code (GET /categories is public and small). */
export async function categoryIndex(api) {
  const all = await api('/categories');
  return Object.fromEntries(all.map(c => [c.code, c]));
}
