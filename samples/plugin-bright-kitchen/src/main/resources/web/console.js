// 明厨亮灶 / Bright kitchen: the console page of the sample plugin. The console imports this module and calls
// mount(element, {api, lang, t}); api() fetches under /api/v1 with the operator's token. Text from cameras goes in
// with textContent only, never as markup; a snapshot becomes a link only when it is an http(s) URL.

const WORDS = {
  zh: { title: '明厨亮灶：最近的后厨事件', time: '时间', camera: '摄像头', type: '事件', confidence: '置信度',
    order: '工单', snapshot: '抓拍', none: '暂无事件', below: '低于阈值', refresh: '刷新', failed: '加载失败：' },
  en: { title: 'Bright kitchen: recent kitchen events', time: 'Time', camera: 'Camera', type: 'Event',
    confidence: 'Confidence', order: 'Work order', snapshot: 'Snapshot', none: 'No events yet',
    below: 'below threshold', refresh: 'Refresh', failed: 'Loading failed: ' },
};

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export default function mount(element, { api, lang }) {
  const w = WORDS[lang] || WORDS.zh;
  const when = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN',
    { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Shanghai' });
  element.replaceChildren();
  const header = el('h2', w.title);
  const refresh = el('button', w.refresh, { type: 'button' });
  const status = el('p');
  const table = el('table', null, { class: 'table' });
  const head = el('tr');
  for (const k of ['time', 'camera', 'type', 'confidence', 'order', 'snapshot']) head.append(el('th', w[k]));
  table.append(el('thead'), el('tbody'));
  table.tHead.append(head);
  element.append(header, refresh, status, table);

  async function load() {
    status.textContent = '';
    const body = table.tBodies[0];
    body.replaceChildren();
    try {
      const events = await api('/kitchen/events?limit=100');
      if (!events.length) status.textContent = w.none;
      for (const e of events) {
        const row = el('tr', null, { 'data-event': String(e.id) });
        row.append(el('td', when.format(new Date(e.ts))));
        row.append(el('td', `${e.cameraName} (${e.cameraCode})`));
        row.append(el('td', lang === 'en' ? e.typeEn : e.typeZh));
        row.append(el('td', e.confidence.toFixed(2)));
        const order = el('td', e.incidentId == null ? w.below : '');
        if (e.workOrderId != null) order.append(el('a', e.workOrderNumber, { href: `#/orders/${e.workOrderId}` }));
        row.append(order);
        const shot = el('td');
        if (e.snapshot && /^https?:\/\//.test(e.snapshot)) {
          shot.append(el('a', w.snapshot, { href: e.snapshot, target: '_blank', rel: 'noopener noreferrer' }));
        } else if (e.snapshot) {
          shot.textContent = e.snapshot;
        }
        row.append(shot);
        body.append(row);
      }
    } catch (err) {
      status.textContent = w.failed + err.message;
    }
  }
  refresh.addEventListener('click', load);
  load();
}
