// Administration: one list-and-form page per kind of record, described as data (the endpoints, the columns, the
// fields of the create and edit bodies), and the SLA calendar of a year. Fields left empty are left out of the body.
import { h, field } from '../dom.js';
import { t } from '../i18n.js';
import { query } from '../api.js';

const list = v => (Array.isArray(v) ? v.join(', ') : v ?? '');
const F = (name, type = 'text', extra = {}) => ({ name, type, ...extra });

const KINDS = {
  users: {
    path: '/users', paged: true, key: u => u.id, write: 'user.write',
    columns: ['username', 'displayName', 'regionCode', 'departmentCode', 'roles', 'enabled'],
    create: [F('username', 'text', { required: true }), F('displayName', 'text', { required: true }), F('phone'),
      F('password', 'password', { required: true }), F('regionCode'), F('departmentCode'), F('roles', 'list', { required: true })],
    edit: [F('displayName'), F('phone'), F('regionCode'), F('departmentCode'), F('roles', 'list'), F('enabled', 'bool'), F('password', 'password')],
    editPath: u => `/users/${u.id}`, version: 'version',
  },
  roles: {
    path: '/roles', paged: true, key: r => r.name, write: 'role.write',
    columns: ['name', 'titleZh', 'titleEn', 'permissions'],
    create: [F('name', 'text', { required: true }), F('titleZh', 'text', { required: true }), F('titleEn', 'text', { required: true }), F('permissions', 'list')],
    edit: [F('name', 'text', { readonly: true }), F('titleZh'), F('titleEn'), F('permissions', 'list')],
    editPath: r => `/roles/${encodeURIComponent(r.name)}`,
  },
  departments: {
    path: '/departments', key: d => d.code, write: 'department.write',
    columns: ['code', 'name', 'regionCodes'],
    create: [F('code', 'text', { required: true }), F('name', 'text', { required: true }), F('regionCodes', 'list')],
    edit: [F('name', 'text', { required: true }), F('regionCodes', 'list')],
    editPath: d => `/departments/${encodeURIComponent(d.code)}`,
  },
  categories: {
    path: '/categories', key: c => c.code, write: 'category.write',
    columns: ['code', 'nameZh', 'nameEn', 'department', 'slaKind', 'slaDays', 'enabled'],
    create: [F('code', 'text', { required: true }), F('nameZh', 'text', { required: true }), F('nameEn', 'text', { required: true }),
      F('department'), F('defaultLevel', 'int'), F('slaKind', 'select', { options: ['URGENT', 'DIFFICULT', 'MAJOR', 'ROUTINE'] }), F('slaDays', 'int')],
    edit: [F('nameZh'), F('nameEn'), F('department'), F('defaultLevel', 'int'),
      F('slaKind', 'select', { options: ['URGENT', 'DIFFICULT', 'MAJOR', 'ROUTINE'] }), F('slaDays', 'int'), F('enabled', 'bool')],
    editPath: c => `/categories/${encodeURIComponent(c.code)}`, version: 'version',
  },
  routing: {
    path: '/routing-rules', key: r => r.id, write: 'routing.write',
    columns: ['id', 'version', 'category', 'region', 'department', 'reason', 'createdBy'],
    create: [F('category', 'text', { required: true }), F('region'), F('department', 'text', { required: true }), F('reason', 'text', { required: true })],
    edit: [F('department', 'text', { required: true }), F('reason', 'text', { required: true })],
    editPath: r => `/routing-rules/${r.id}`, version: 'expectedVersion', versionOf: r => r.version,
    remove: r => `/routing-rules/${r.id}`,
  },
};

export default async function admin(main, parts, ctx) {
  const kind = parts[0];
  document.title = t(`nav.${kind}`);
  main.append(h('h1', {}, t(`nav.${kind}`)));
  if (kind === 'calendars') return calendars(main, ctx);
  const spec = KINDS[kind];
  if (!spec) return main.append(h('p', {}, t('notFound')));
  const page = Math.max(1, Number(ctx.params.get('page')) || 1);
  const answer = await ctx.api(spec.path + (spec.paged ? query({ page, size: 50 }) : ''));
  const rows = Array.isArray(answer) ? answer : answer.items;
  const formSlot = h('div', { id: 'admin-form' });
  const writable = ctx.can(spec.write);
  if (writable) main.append(h('button', { type: 'button', class: 'primary', id: 'admin-new',
    onclick: () => formSlot.replaceChildren(recordForm(spec, null, ctx)) }, t('admin.new')));
  main.append(formSlot, h('table', { class: 'admin' },
    h('caption', {}, t('admin.count', { n: spec.paged ? answer.total : rows.length })),
    h('thead', {}, h('tr', {}, spec.columns.map(c => h('th', { scope: 'col' }, t(`col.${c}`))), writable ? h('th', { scope: 'col' }, t('admin.actions')) : null)),
    h('tbody', {}, rows.map(row => h('tr', {},
      spec.columns.map(c => h('td', {}, typeof row[c] === 'boolean' ? (row[c] ? '✓' : '✗') : list(row[c]))),
      writable ? h('td', {},
        h('button', { type: 'button', onclick: () => { formSlot.replaceChildren(recordForm(spec, row, ctx)); formSlot.scrollIntoView(); } }, t('admin.edit')),
        spec.remove && !row.retiredAt ? h('button', { type: 'button', onclick: async () => {
          if (!confirm(t('admin.confirmRetire'))) return;
          await ctx.api(spec.remove(row), { method: 'DELETE' });
          ctx.go(location.hash);
        } }, t('admin.retire')) : null) : null)))));
  if (spec.paged && answer.total > 50) {
    const pages = Math.ceil(answer.total / 50);
    main.append(h('nav', { class: 'pager', 'aria-label': t('pager.label') },
      page > 1 ? h('a', { href: `#/admin/${kind}?page=${page - 1}` }, t('pager.prev')) : h('span'),
      h('span', {}, t('pager.of', { page, pages })),
      page < pages ? h('a', { href: `#/admin/${kind}?page=${page + 1}` }, t('pager.next')) : h('span')));
  }
}

function control(f, value) {
  switch (f.type) {
    case 'bool': return h('input', { type: 'checkbox', name: f.name, checked: !!value });
    case 'select': {
      const select = h('select', { name: f.name }, h('option', { value: '' }, '—'), f.options.map(o => h('option', { value: o }, o)));
      select.value = value ?? '';
      return select;
    }
    case 'int': return h('input', { type: 'number', name: f.name, value: value ?? '', step: 1 });
    case 'password': return h('input', { type: 'password', name: f.name, autocomplete: 'new-password', required: !!f.required });
    default: return h('input', { name: f.name, value: f.type === 'list' ? list(value) : value ?? '', required: !!f.required, readonly: !!f.readonly });
  }
}

function recordForm(spec, row, ctx) {
  const fields = row ? spec.edit : spec.create;
  const controls = fields.map(f => [f, control(f, row ? row[f.name] : undefined)]);
  const status = h('p', { role: 'alert', class: 'error' });
  const form = h('form', { class: 'panel record' }, h('h2', {}, row ? t('admin.edit') : t('admin.new')),
    controls.map(([f, c]) => field(t(`col.${f.name}`) + (f.required ? ' *' : ''), c, f.type === 'list' ? t('admin.listHint') : null)),
    h('button', { type: 'submit', class: 'primary' }, t('save')),
    h('button', { type: 'button', onclick: () => form.remove() }, t('cancel')), status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const body = {};
    for (const [f, c] of controls) {
      if (f.type === 'bool') body[f.name] = c.checked;
      else if (f.type === 'int') { if (c.value !== '') body[f.name] = Number(c.value); }
      else if (f.type === 'list') { const v = c.value.split(/[,，\s]+/).filter(Boolean); if (v.length || row) body[f.name] = v; }
      else if (c.value.trim() !== '') body[f.name] = c.value.trim();
    }
    if (row && spec.version) body[spec.version] = spec.versionOf ? spec.versionOf(row) : row.version;
    try {
      await ctx.api(row ? spec.editPath(row) : spec.path, { method: row ? 'PUT' : 'POST', body });
      ctx.go(location.hash);
    } catch (e) {
      status.textContent = [e.message, ...(e.problem.errors || []).map(v => `${v.field || ''} ${v.message || ''}`)].join(' · ');
    }
  });
  return form;
}

/** A year's holidays and swapped working days, one "date note" per line. */
async function calendars(main, ctx) {
  const years = await ctx.api('/calendars');
  const editor = h('div', { id: 'calendar-editor' });
  main.append(h('ul', { class: 'plain' }, years.map(y => h('li', {},
    h('button', { type: 'button', class: 'link', onclick: () => editYear(editor, ctx, y.year) }, String(y.year)),
    ` · ${t('cal.summary', { h: y.holidays, w: y.workdays })}`))));
  if (ctx.can('calendar.write')) {
    const year = h('input', { type: 'number', min: 2000, max: 2100, value: new Date().getFullYear() + 1 });
    main.append(h('div', { class: 'inline' }, field(t('cal.year'), year),
      h('button', { type: 'button', onclick: () => editYear(editor, ctx, Number(year.value), true) }, t('admin.new'))));
  }
  main.append(editor);
}

async function editYear(editor, ctx, year, fresh) {
  const data = fresh ? { holidays: [], workdays: [] } : await ctx.api(`/calendars/${year}`);
  const lines = days => days.map(d => `${d.date}${d.note ? ' ' + d.note : ''}`).join('\n');
  const holidays = h('textarea', { rows: 12, value: lines(data.holidays) });
  const workdays = h('textarea', { rows: 6, value: lines(data.workdays) });
  const status = h('p', { role: 'status' });
  const parse = text => text.split('\n').map(l => l.trim()).filter(Boolean).map(l => {
    const [date, ...note] = l.split(/\s+/);
    return note.length ? { date, note: note.join(' ') } : { date };
  });
  const form = h('form', { class: 'panel' }, h('h2', {}, String(year)),
    field(t('cal.holidays'), holidays, t('cal.hint')), field(t('cal.workdays'), workdays, t('cal.hint')),
    ctx.can('calendar.write') ? h('button', { type: 'submit', class: 'primary' }, t('save')) : null, status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await ctx.api(`/calendars/${year}`, { method: 'PUT', body: { holidays: parse(holidays.value), workdays: parse(workdays.value) } });
      status.className = 'ok';
      status.textContent = t('saved');
    } catch (e) {
      status.className = 'error';
      status.textContent = [e.message, ...(e.problem.errors || []).map(v => `${v.field || ''} ${v.message || ''}`)].join(' · ');
    }
  });
  editor.replaceChildren(form);
}
