// What the page and the panel share: building elements (strings always become text, never markup), the style sheet,
// formats, the station link and whether the caller may acknowledge. Never markup from strings: station names and notes
// come from operators and devices.

export function h(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element; same rules as h(). */
export function s(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG, tag), attrs, children);
}

function fill(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Adds the plugin's style sheet once (a <link>, which the console's style-src 'self' admits; no inline styles). */
export function useStyles() {
  const href = new URL('flood.css', import.meta.url).href;
  if ([...document.querySelectorAll('link[rel="stylesheet"]')].some(l => l.href === href)) return;
  document.head.append(h('link', { rel: 'stylesheet', href, 'data-plugin': 'flood' }));
}

export const PAGE_ID = 'flood-monitor';

/** The console route of the station page (the console hands the segments after the page id to the module). */
export const stationHref = code => `#/ext/${PAGE_ID}/${encodeURIComponent(code)}`;
export const listHref = () => `#/ext/${PAGE_ID}`;
export const orderHref = id => `#/orders/${encodeURIComponent(id)}`;

/** The route segments after "#/ext/flood-monitor/": from the console when it passes them, else from the URL. */
export function subPath(context) {
  if (Array.isArray(context.path)) return context.path;
  const parts = location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
  return parts[0] === 'ext' && parts[1] === PAGE_ID ? parts.slice(2) : [];
}

/** Acknowledging needs flood.manage, workorder.handle or workorder.dispatch (as the API checks); asks /me on
 * older consoles. */
export async function mayAcknowledge(context) {
  const may = has => has('flood.manage') || has('workorder.handle') || has('workorder.dispatch');
  if (typeof context.can === 'function') return may(p => context.can(p));
  try {
    const me = await context.api('/me');
    const permissions = me.permissions || [];
    return may(p => permissions.includes('*') || permissions.includes(p));
  } catch {
    return false;
  }
}

export const metres = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

export function when(iso, t) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(t.locale, { dateStyle: 'short', timeStyle: 'short' });
}

/** A coloured state label; the class carries the colour, the text the meaning (never colour alone). */
export function badge(kind, value, t) {
  return h('span', { class: `flood-badge ${kind}-${String(value).toLowerCase().replace(/_/g, '-')}`, 'data-value': value },
    t(`${kind}.${value}`));
}

/** Answers from the readings endpoint are a list; an envelope with items is taken too. */
export const itemsOf = answer => (Array.isArray(answer) ? answer : (answer && (answer.items || answer.readings)) || []);
