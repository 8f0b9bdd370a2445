// The address registry: the region tree (opened level by level), the houses of a village or grid, the residents
// of a house with masked ID numbers, and the village's printable doorplate sheet.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { query } from '../api.js';

export default async function registry(main, _parts, ctx) {
  document.title = t('nav.registry');
  main.append(h('h1', {}, t('nav.registry')));
  const detail = h('section', { class: 'panel', id: 'registry-detail', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('reg.pick')));
  const tree = h('ul', { class: 'tree', 'aria-label': t('reg.tree') });
  main.append(h('div', { class: 'split' }, h('section', { class: 'panel' }, h('h2', {}, t('reg.tree')), tree), detail));
  const top = await ctx.api(`/regions${query({ size: 500 })}`);
  const codes = new Set(top.items.map(r => r.code));
  // the caller's scope roots: regions whose parent the caller cannot see
  for (const region of top.items.filter(r => !codes.has(r.parentCode))) tree.append(node(region, ctx, detail));
}

function node(region, ctx, detail) {
  const children = h('ul', { hidden: true });
  const leaf = region.level === 'MICROGRID' || region.level === 'microgrid';
  // plain nested lists of buttons: every level is reachable with Tab, Enter opens it
  const toggle = h('button', { type: 'button', class: 'twisty', 'aria-expanded': 'false', 'aria-label': `${t('reg.expand')} ${region.name}`, hidden: leaf,
    onclick: async () => {
      const open = toggle.getAttribute('aria-expanded') === 'true';
      toggle.setAttribute('aria-expanded', String(!open));
      children.hidden = open;
      if (!open && !children.childElementCount) {
        const page = await ctx.api(`/regions${query({ parent: region.code, size: 500 })}`);
        for (const child of page.items) children.append(node(child, ctx, detail));
        if (!page.items.length) children.append(h('li', { class: 'muted' }, t('empty')));
      }
    } }, '▸');
  const name = h('button', { type: 'button', class: 'link', 'data-code': region.code, onclick: () => showRegion(region, ctx, detail) }, region.name);
  return h('li', {}, toggle, ' ', name, ' ', h('small', { class: 'muted' }, region.code), children);
}

async function showRegion(region, ctx, detail, page = 1) {
  detail.replaceChildren(h('h2', {}, `${region.name} (${region.code})`));
  const level = String(region.level).toLowerCase();
  if (level === 'village') {
    detail.append(h('button', { type: 'button', id: 'doorplate-sheet', onclick: () => doorplateSheet(ctx, region) }, t('reg.sheet')));
  }
  if (!ctx.can('resident.read')) return;
  const houses = await ctx.api(`/houses${query({ region: region.code, page, size: 20 })}`);
  detail.append(h('table', {},
    h('caption', {}, t('reg.houses', { n: houses.total })),
    h('thead', {}, h('tr', {}, [t('reg.address'), t('reg.code'), t('reg.households'), t('reg.residents')].map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, houses.items.map(house => h('tr', {},
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => showResidents(house, ctx, detail) }, house.fullText)),
      h('td', {}, house.code), h('td', {}, String(house.households)), h('td', {}, String(house.residents)))))));
  const pages = Math.ceil(houses.total / 20);
  detail.append(h('nav', { class: 'pager', 'aria-label': t('pager.label') },
    page > 1 ? h('button', { type: 'button', onclick: () => showRegion(region, ctx, detail, page - 1) }, t('pager.prev')) : h('span'),
    h('span', {}, t('pager.of', { page, pages: Math.max(1, pages) })),
    page < pages ? h('button', { type: 'button', onclick: () => showRegion(region, ctx, detail, page + 1) }, t('pager.next')) : h('span')));
}

async function showResidents(house, ctx, detail) {
  const list = await ctx.api(`/residents${query({ house: house.code, size: 100 })}`);
  const section = h('section', { id: 'residents' }, h('h3', {}, `${house.fullText} · ${t('reg.residentsOf')}`),
    h('table', {}, h('thead', {}, h('tr', {}, [t('reg.name'), t('reg.idNumber'), t('reg.phone'), t('reg.tags')].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, list.items.map(r => h('tr', {}, h('td', {}, r.name), h('td', {}, r.idNumber), h('td', {}, r.phone || ''), h('td', {}, (r.tags || []).join('、')))))));
  detail.querySelector('#residents')?.remove();
  detail.append(section);
  section.scrollIntoView({ block: 'nearest' });
}

/**
 * The sheet needs the bearer token, so it cannot be a plain link; and a blob: page would inherit the console's CSP,
 * which blocks the sheet's inline styles. It is saved as a file instead, to open and print from the browser.
 */
async function doorplateSheet(ctx, region) {
  const response = await ctx.api(`/doorplates/${region.code}/sheet.html`, { raw: true });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: `doorplates-${region.code}.html` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
