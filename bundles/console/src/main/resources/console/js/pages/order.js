// One work order: its facts, the reporter, the description (as text), evidence photos, the trail as a timeline, and
// a button for each command the caller may run, with a small form for the command's arguments.
import { h, field } from '../dom.js';
import { t, when, stateName, named } from '../i18n.js';
import { availableCommands, COMMANDS } from '../commands.js';
import { light, categoryIndex } from '../orders.js';

export default async function order(main, parts, ctx, allowed, notice) {
  const { api } = ctx;
  const id = Number(parts[0]);
  const [o, trail, categories, files, children, supervisions, offered] = await Promise.all([
    api(`/workorders/${id}`), api(`/workorders/${id}/trail`), categoryIndex(api),
    api(`/workorders/${id}/attachments`).catch(() => []),
    api(`/workorders/${id}/children`).catch(() => []),
    api(`/workorders/${id}/supervisions`).catch(() => []),
    // The server's own answer to "what may I do now" (state, guards, permissions, relation, joint requests).
    api(`/workorders/${id}/commands`).catch(() => null),
  ]);
  document.title = `${t('order.title')} ${o.number}`;
  main.replaceChildren();
  main.append(h('h1', {}, `${t('order.title')} ${o.number}`));
  if (notice) main.append(h('p', { class: notice.error ? 'error' : 'ok', role: notice.error ? 'alert' : 'status', id: 'command-status' }, notice.text));
  const fact = (label, value) => [h('dt', {}, label), h('dd', {}, value ?? '—')];
  main.append(h('section', { class: 'panel' },
    h('dl', { class: 'facts' },
      fact(t('order.state'), h('strong', { id: 'order-state', 'data-state': o.state }, stateName(o.state))),
      fact(t('order.sla'), light(o)),
      fact(t('order.category'), categories[o.category] ? named(categories[o.category]) : o.category),
      fact(t('order.channel'), o.channel),
      fact(t('order.address'), o.addressCode),
      fact(t('order.grid'), o.gridCode),
      fact(t('order.department'), o.department),
      fact(t('order.assignee'), o.assignee),
      fact(t('order.deadline'), when(o.deadline)),
      fact(t('order.reporter'), o.reporter ? [o.reporter.name || '', ' ', o.reporter.phone || ''] : null),
      fact(t('order.created'), when(o.createdAt))),
    h('h2', {}, t('order.description')),
    h('p', { class: 'desc', id: 'order-description' }, o.description || '')));

  if (files.length) {
    const gallery = h('div', { class: 'thumbs', id: 'attachments' });
    main.append(h('section', { class: 'panel' }, h('h2', {}, t('order.attachments')), gallery));
    for (const f of files) showAttachment(gallery, api, id, f);
  }

  if (o.parentId) main.append(h('p', {}, h('a', { href: `#/orders/${o.parentId}` }, t('order.parent'))));
  if (children.length) {
    main.append(h('section', { class: 'panel' }, h('h2', {}, t('order.children')), h('ul', { class: 'plain', id: 'children' },
      children.map(c => h('li', {}, h('a', { href: `#/orders/${c.id}` }, c.number), ` · ${c.department || ''} · ${stateName(c.state)}`)))));
  }
  if (supervisions.length) {
    main.append(h('section', { class: 'panel' }, h('h2', {}, t('order.supervisions')), h('ul', { class: 'plain' },
      supervisions.map(v => h('li', {}, `${v.number} · ${t('order.escalation', { n: v.escalationLevel })} · ${when(v.createdAt || v.issuedAt)}`)))));
  }

  const names = availableCommands(ctx.me, o, ctx.can, allowed)
    .filter(name => !Array.isArray(offered) || offered.includes(name));
  const actions = h('section', { class: 'panel', id: 'actions', 'aria-label': t('order.actions') }, h('h2', {}, t('order.actions')));
  const formSlot = h('div');
  actions.append(names.length ? h('div', { class: 'buttons' }, names.map(name =>
    h('button', { type: 'button', 'data-command': name, onclick: () => formSlot.replaceChildren(commandForm(name, o, ctx, main, parts)) }, t(`cmd.${name}`))))
    : h('p', { class: 'muted' }, t('order.noActions')), formSlot);
  main.append(actions);

  main.append(h('section', { class: 'panel' }, h('h2', {}, t('order.trail')),
    h('ol', { class: 'timeline', id: 'trail' }, trail.map(r => h('li', {},
      h('time', { datetime: r.at }, when(r.at)), ' ',
      h('strong', {}, t(`cmd.${r.command}`) === `cmd.${r.command}` ? r.command : t(`cmd.${r.command}`)), ' · ',
      r.actorName || r.actor, r.fromState ? ` · ${stateName(r.fromState)} → ${stateName(r.toState)}` : ` · ${stateName(r.toState)}`,
      r.reason ? h('div', { class: 'desc' }, r.reason) : null,
      r.detail ? h('div', { class: 'desc muted' }, r.detail) : null,
      r.attachments && r.attachments.length ? h('div', { class: 'muted trail-attachments' }, `${t('order.attachments')}: ${r.attachments.length}`) : null)))));
}

/** Downloads need the bearer token, so the image is fetched and shown from a blob: URL. */
async function showAttachment(gallery, api, id, f) {
  try {
    const response = await api(`/workorders/${id}/attachments/${f.sha256}`, { raw: true });
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    gallery.append(f.mediaType && f.mediaType.startsWith('image/')
      ? h('a', { href: url, target: '_blank', rel: 'noopener' }, h('img', { src: url, alt: f.name || f.sha256.slice(0, 12) }))
      : h('a', { href: url, download: f.name || f.sha256 }, f.name || f.sha256.slice(0, 12)));
  } catch { /* shown as missing */ }
}

/** Suggests department codes (with names) where the caller may read them; typing a code works without. */
async function departmentChoices(api) {
  try {
    const departments = await api('/departments');
    document.getElementById('department-codes')?.replaceChildren(...departments.map(d => h('option', { value: d.code }, d.name)));
  } catch { /* no department.read: free text */ }
}

function commandForm(name, o, ctx, main, parts) {
  const { api } = ctx;
  const spec = COMMANDS[name];
  const args = [...spec.required, ...spec.optional];
  const controls = {};
  const fields = args.map(arg => {
    const required = spec.required.includes(arg);
    let control;
    switch (arg) {
      case 'reason': case 'comment': control = h('textarea', { name: arg, required, maxlength: 2000 }); break;
      case 'rating': control = h('select', { name: arg, required }, [5, 4, 3, 2, 1].map(n => h('option', { value: n }, '★'.repeat(n)))); break;
      case 'deadline': control = h('input', { type: 'datetime-local', name: arg, required: o.level >= 3 && name === 'dispatch' }); break;
      case 'photo': control = h('input', { type: 'file', name: arg, accept: 'image/jpeg,image/png,image/webp', id: 'command-photo' }); break;
      case 'departments': control = h('input', { name: arg, required, placeholder: 'water, market' }); break;
      case 'department': control = h('input', { name: arg, list: 'department-codes', autocomplete: 'off' }); break;
      default: control = h('input', { name: arg, required, autocomplete: 'off' });
    }
    controls[arg] = control;
    return field(t(`arg.${arg}`) + (required ? ' *' : ''), control, arg === 'assignee' || arg === 'department' ? t('arg.routedHint') : null);
  });
  const status = h('p', { role: 'alert', class: 'error' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'command-submit' }, t(`cmd.${name}`));
  const form = h('form', { class: 'command', 'data-command': name }, h('h3', {}, t(`cmd.${name}`)), fields,
    h('datalist', { id: 'department-codes' }), submit,
    h('button', { type: 'button', onclick: () => form.remove() }, t('cancel')), status);
  if (controls.department || controls.departments) setTimeout(() => departmentChoices(api));
  if (controls.departments) controls.departments.setAttribute('list', 'department-codes');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    submit.disabled = true;
    const body = { expectedVersion: o.version };
    try {
      for (const arg of args) {
        const c = controls[arg];
        if (arg === 'photo') {
          if (c.files.length) {
            const file = c.files[0];
            const stored = await api(`/workorders/${o.id}/attachments?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file });
            body.attachments = [stored.sha256];
          }
        } else if (arg === 'rating') body.rating = Number(c.value);
        else if (arg === 'departments') { const list = c.value.split(/[,，\s]+/).filter(Boolean); if (list.length) body.departments = list; }
        else if (arg === 'deadline') { if (c.value) body.deadline = new Date(c.value).toISOString(); }
        else if (c.value.trim()) body[arg] = c.value.trim();
      }
      await api(`/workorders/${o.id}/commands/${name}`, { method: 'POST', body });
      await order(main, parts, ctx, null, { text: t('order.done', { command: t(`cmd.${name}`) }) });
    } catch (e) {
      if (e.status === 409 && Array.isArray(e.problem.allowed)) {
        await order(main, parts, ctx, e.problem.allowed, { error: true, text: e.message });
      } else {
        const details = (e.problem.errors || []).map(v => `${v.field || ''} ${v.message || ''}`);
        status.textContent = [e.message, ...details].join(' · ');
        submit.disabled = false;
      }
    }
  });
  return form;
}
