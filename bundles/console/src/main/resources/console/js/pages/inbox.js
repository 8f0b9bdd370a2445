// The work-order inbox: filters kept in the URL (so a link or the back button restores them), paging by 20.
import { h, field } from '../dom.js';
import { t, named, stateName } from '../i18n.js';
import { query } from '../api.js';
import { ALL_STATES, orderTable, categoryIndex } from '../orders.js';

const SIZE = 20;

export default async function inbox(main, _parts, { api, params, go }) {
  document.title = t('nav.inbox');
  main.append(h('h1', {}, t('nav.inbox')));
  const categories = await categoryIndex(api);
  const filters = {
    state: params.get('state') || '', category: params.get('category') || '', overdue: params.get('overdue') || '',
    q: params.get('q') || '', channel: params.get('channel') || '', createdFrom: params.get('createdFrom') || '',
  };
  const page = Math.max(1, Number(params.get('page')) || 1);

  const state = h('select', { name: 'state', id: 'filter-state' }, h('option', { value: '' }, t('filter.any')),
    ALL_STATES.map(s => h('option', { value: s }, stateName(s))));
  if (filters.state && !ALL_STATES.includes(filters.state)) state.append(h('option', { value: filters.state }, t('filter.open')));
  state.value = filters.state;
  const majors = Object.values(categories).filter(c => !c.parentCode);
  const category = h('select', { name: 'category', id: 'filter-category' }, h('option', { value: '' }, t('filter.any')),
    majors.map(m => h('optgroup', { label: named(m) }, h('option', { value: m.code }, `${named(m)} (${t('filter.all')})`),
      Object.values(categories).filter(c => c.parentCode === m.code).map(c => h('option', { value: c.code }, named(c))))));
  category.value = filters.category;
  const overdue = h('input', { type: 'checkbox', name: 'overdue', id: 'filter-overdue', checked: filters.overdue === 'true' });
  const text = h('input', { type: 'search', name: 'q', id: 'filter-q', value: filters.q });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('filter.label') },
    field(t('order.state'), state), field(t('order.category'), category), field(t('filter.text'), text),
    h('div', { class: 'field check' }, overdue, h('label', { for: 'filter-overdue' }, t('filter.overdue'))),
    h('button', { type: 'submit', class: 'primary' }, t('filter.apply')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    go(`#/inbox${query({ ...filters, state: state.value, category: category.value, q: text.value.trim(), overdue: overdue.checked ? 'true' : '' })}`);
  });
  main.append(form);

  const result = await api(`/workorders${query({ ...filters, page, size: SIZE, sort: '-createdAt' })}`);
  const pages = Math.max(1, Math.ceil(result.total / SIZE));
  main.append(result.items.length ? orderTable(result.items, categories, t('inbox.caption', { n: result.total }))
    : h('p', { class: 'muted', id: 'inbox-empty' }, t('empty')));
  const link = p => `#/inbox${query({ ...filters, page: p })}`;
  main.append(h('nav', { class: 'pager', 'aria-label': t('pager.label') },
    page > 1 ? h('a', { href: link(page - 1), rel: 'prev' }, t('pager.prev')) : h('span', {}),
    h('span', {}, t('pager.of', { page, pages })),
    page < pages ? h('a', { href: link(page + 1), rel: 'next' }, t('pager.next')) : h('span', {})));
}
