// The plugin's console page: the console imports this module and calls mount(element, {api, lang, t}).
// User text goes into the page with textContent only, never as markup.
const pluginId = new URL(import.meta.url).pathname.split('/')[2];

const TEXT = {
  zh: { title: '最近上报', accepted: '已受理', rejected: '已拒绝', order: '工单', outcome: '结果', none: '暂无上报' },
  en: { title: 'Latest reports', accepted: 'Accepted', rejected: 'Refused', order: 'Work order', outcome: 'Outcome', none: 'No reports yet' },
};

function el(tag, text) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  return e;
}

export default async function mount(element, context) {
  const t = TEXT[context.lang] || TEXT.en;
  element.replaceChildren(el('h2', t.title));
  const status = await context.api('/' + pluginId + '/status');
  element.append(el('p', t.accepted + ': ' + status.accepted + ' · ' + t.rejected + ': ' + status.rejected));
  const reports = await context.api('/' + pluginId + '/reports');
  if (reports.length === 0) {
    element.append(el('p', t.none));
    return;
  }
  const table = el('table');
  const head = el('tr');
  head.append(el('th', t.order), el('th', t.outcome));
  table.append(head);
  for (const r of reports) {
    const row = el('tr');
    row.append(el('td', r.orderNumber), el('td', r.outcome));
    table.append(row);
  }
  element.append(table);
}
