// The residents' page behind a doorplate QR code: /r/{code} reports a problem, /r/track/{trackingCode} follows it.
// No framework and no sign-in; every text from the server or the resident goes into the page through textContent.

const MESSAGES = {
  zh: {
    brand: '一网统管 · 居民服务', other: 'English', loading: '正在加载…',
    unknownPlate: '未找到该门牌，请核对二维码或拨打 12345 热线。', failed: '网络或服务暂时不可用，请稍后再试。',
    contacts: '联系人', noContacts: '暂无联系人', report: '反映问题', category: '问题类别', choose: '请选择',
    description: '问题描述', descriptionHint: '请写明时间、地点和情况（最多 2000 字）', photos: '照片（可选，最多 3 张）',
    name: '称呼（可选）', phone: '联系电话', phoneHint: '手机或带区号的固定电话，仅工作人员可见',
    submit: '提交', submitting: '正在提交…', uploading: '正在上传照片…', tooMany: '提交过于频繁，请稍后再试或拨打 12345。',
    received: '已收到您的反映', number: '受理编号', tracking: '查询码', keep: '请保存查询码，凭此查看办理进度并评价。',
    track: '查看办理进度', photoFailed: '有照片未能上传：', noTracking: '办理进度查询暂未开通，请保存受理编号。',
    progress: '办理进度', submittedAt: '提交时间', yourReport: '您反映的问题', unknownTrack: '未找到该查询码。',
    rate: '评价办理结果', rating: '满意度', comment: '意见（可选）', send: '提交评价', rated: '您的评价',
    thanks: '感谢您的评价！', linked: '已有居民反映过同一问题，您的反映已并入该工单，以下是它的办理进度。', cannotRate: '当前不能评价。', star: n => `${n} 星`,
    steps: { rate: '已评价', reopen: '重新办理', 'request-suspension': '申请暂缓', 'deny-suspension': '继续处理' },
    states: { SUBMITTED: '已提交', ACCEPTED: '已受理', DISPATCHED: '已派单', IN_PROGRESS: '处理中', RESOLVED: '已办结',
      VERIFIED: '已回访', CLOSED: '已关闭', REJECTED: '不予受理', RETURNED: '重新派单中', SUSPENDED: '暂缓处理' },
  },
  en: {
    brand: 'OneGrid · Residents', other: '中文', loading: 'Loading…',
    unknownPlate: 'This doorplate is unknown. Check the QR code or call the 12345 hotline.',
    failed: 'The service is unavailable right now; please try again later.',
    contacts: 'Contacts', noContacts: 'No contacts yet', report: 'Report a problem', category: 'Category',
    choose: 'Choose…', description: 'What happened', descriptionHint: 'When, where and what (up to 2000 characters)',
    photos: 'Photos (optional, up to 3)', name: 'Your name (optional)', phone: 'Phone',
    phoneHint: 'Mobile or landline with area code; only staff see it', submit: 'Send', submitting: 'Sending…',
    uploading: 'Uploading photos…', tooMany: 'Too many reports; try again later or call 12345.',
    received: 'We received your report', number: 'Number', tracking: 'Tracking code',
    keep: 'Keep the tracking code to follow and rate the handling.', track: 'Follow the progress',
    photoFailed: 'Some photos could not be uploaded: ', noTracking: 'Tracking is not available yet; keep the number.',
    progress: 'Progress', submittedAt: 'Submitted', yourReport: 'Your report', unknownTrack: 'Unknown tracking code.',
    rate: 'Rate the result', rating: 'Satisfaction', comment: 'Comment (optional)', send: 'Send rating',
    rated: 'Your rating', thanks: 'Thank you for your rating!',
    linked: 'Someone reported the same problem first; your report joined that order, whose progress is shown here.', cannotRate: 'This cannot be rated now.',
    star: n => `${n} star${n > 1 ? 's' : ''}`,
    steps: { rate: 'Rated', reopen: 'Reopened', 'request-suspension': 'Suspension requested', 'deny-suspension': 'Handling continues' },
    states: { SUBMITTED: 'Submitted', ACCEPTED: 'Accepted', DISPATCHED: 'Dispatched', IN_PROGRESS: 'In progress',
      RESOLVED: 'Resolved', VERIFIED: 'Revisited', CLOSED: 'Closed', REJECTED: 'Not admissible',
      RETURNED: 'Being re-dispatched', SUSPENDED: 'Suspended' },
  },
};

let lang = localStorage.getItem('onegrid.lang') || ((navigator.language || 'zh').toLowerCase().startsWith('en') ? 'en' : 'zh');
const t = key => MESSAGES[lang][key] ?? key;
const main = document.getElementById('main');

/** Makes an element; children are nodes or strings (strings become text, never markup). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v); else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : String(c));
  return el;
}

async function api(path, options = {}) {
  const response = await fetch('/api/v1' + path, { ...options, headers: { Accept: 'application/json', 'Accept-Language': lang, ...(options.headers || {}) } });
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  return { status: response.status, ok: response.ok, body };
}

/** A random UUID also on plain http (crypto.randomUUID needs a secure context, getRandomValues does not). */
function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map(v => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const when = iso => iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '';
const problemText = r => (r.body && (r.body.detail || r.body.title)) || t('failed');
const show = (...nodes) => { main.replaceChildren(...nodes); };

async function reportPage(code) {
  show(h('p', { class: 'muted' }, t('loading')));
  const [plate, categories] = await Promise.all([api('/doorplates/' + encodeURIComponent(code)), api('/categories')]);
  if (plate.status === 404) return show(h('p', { class: 'card error', role: 'alert' }, t('unknownPlate')));
  if (!plate.ok) return show(h('p', { class: 'card error', role: 'alert' }, t('failed')));
  const p = plate.body;
  const contacts = (p.contacts || []).filter(c => c.name || c.phone);
  const place = h('section', { class: 'card' },
    h('h1', {}, p.title || p.villageName || code),
    p.addressText ? h('p', { class: 'muted' }, p.addressText) : null,
    h('h2', {}, t('contacts')),
    contacts.length ? h('ul', { class: 'plain' }, contacts.map(c => h('li', {}, `${c.title || c.role}：${c.name || ''} `,
      c.phone ? h('a', { href: 'tel:' + c.phone.replace(/[^0-9+]/g, '') }, c.phone) : null))) : h('p', { class: 'muted' }, t('noContacts')));
  show(place, reportForm(code, categories.ok ? categories.body : []));
}

function categoryOptions(all) {
  const enabled = all.filter(c => c.enabled !== false);
  const name = c => (lang === 'zh' ? c.nameZh : c.nameEn) || c.nameZh || c.code;
  const majors = enabled.filter(c => !c.parentCode);
  const groups = majors.map(m => h('optgroup', { label: name(m) },
    enabled.filter(c => c.parentCode === m.code).map(c => h('option', { value: c.code }, name(c)))));
  return [h('option', { value: '' }, t('choose')), ...groups.filter(g => g.children.length)];
}

function reportForm(code, categories) {
  const key = uuid(); // once per form: a retried submit answers the same order
  const status = h('p', { role: 'status', class: 'muted' });
  const thumbs = h('div', { class: 'thumbs' });
  const photos = h('input', { type: 'file', id: 'photos', name: 'photos', accept: 'image/jpeg,image/png', multiple: true,
    onchange: () => thumbs.replaceChildren(...[...photos.files].slice(0, 3).map(f => h('img', { src: URL.createObjectURL(f), alt: f.name }))) });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('submit'));
  const form = h('form', { class: 'card', novalidate: false },
    h('h2', {}, t('report')),
    h('label', { for: 'category' }, t('category')),
    h('select', { id: 'category', name: 'category', required: true }, categoryOptions(categories)),
    h('label', { for: 'description' }, t('description')),
    h('textarea', { id: 'description', name: 'description', required: true, maxlength: 2000, 'aria-describedby': 'dh' }),
    h('p', { class: 'hint', id: 'dh' }, t('descriptionHint')),
    h('label', { for: 'photos' }, t('photos')), photos, thumbs,
    h('label', { for: 'name' }, t('name')),
    h('input', { type: 'text', id: 'name', name: 'name', maxlength: 50, autocomplete: 'name' }),
    h('label', { for: 'phone' }, t('phone')),
    h('input', { type: 'tel', id: 'phone', name: 'phone', required: true, autocomplete: 'tel', pattern: '[0-9+\\- ]{7,20}', 'aria-describedby': 'ph' }),
    h('p', { class: 'hint', id: 'ph' }, t('phoneHint')),
    submit, status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    submit.disabled = true;
    status.className = 'muted'; status.textContent = t('submitting');
    const data = new FormData(form);
    const reporter = { phone: data.get('phone').trim() };
    if (data.get('name').trim()) reporter.name = data.get('name').trim();
    try {
      const r = await api('/workorders', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel: 'QR', category: data.get('category'), description: data.get('description').trim(),
          addressCode: code, reporter, idempotencyKey: key }) });
      if (!r.ok) {
        status.className = 'error'; status.textContent = r.status === 429 ? t('tooMany') : problemText(r);
        submit.disabled = false; return;
      }
      status.textContent = t('uploading');
      const failed = [];
      for (const file of [...photos.files].slice(0, 3)) {
        const up = await fetch(`/api/v1/workorders/receipts/${encodeURIComponent(r.body.number)}/attachments`, {
          method: 'POST', headers: { 'Content-Type': file.type || 'image/jpeg', 'X-Upload-Token': r.body.uploadToken }, body: file });
        if (!up.ok) failed.push(file.name);
      }
      receipt(r.body, failed);
    } catch (e) {
      status.className = 'error'; status.textContent = t('failed'); submit.disabled = false;
    }
  });
  return form;
}

function receipt(body, failed) {
  const code = body.trackingCode;
  show(h('section', { class: 'card', id: 'receipt' },
    h('h1', { class: 'ok' }, t('received')),
    h('p', {}, t('number') + '：', h('strong', {}, body.number)),
    code ? [h('p', {}, t('tracking') + '：'), h('p', { class: 'code', id: 'tracking-code' }, code), h('p', { class: 'muted' }, t('keep')),
      h('p', {}, h('a', { href: '/r/track/' + encodeURIComponent(code), id: 'track-link' }, t('track')))]
      : h('p', { class: 'muted' }, t('noTracking')),
    failed.length ? h('p', { class: 'error' }, t('photoFailed') + failed.join('、')) : null));
  main.focus();
}

async function trackPage(code) {
  show(h('p', { class: 'muted' }, t('loading')));
  const r = await api('/track/' + encodeURIComponent(code));
  if (r.status === 404) return show(h('p', { class: 'card error', role: 'alert' }, t('unknownTrack')));
  if (!r.ok) return show(h('p', { class: 'card error', role: 'alert' }, t('failed')));
  renderTrack(code, r.body);
}

function renderTrack(code, v, note) {
  const states = t('states');
  const cat = v.category ? (lang === 'zh' ? v.category.nameZh : v.category.nameEn) || v.category.code : '';
  const summary = h('section', { class: 'card' },
    h('h1', {}, `${t('number')} ${v.number}`),
    h('p', {}, h('strong', { id: 'state' }, states[v.state] || v.state), cat ? ` · ${cat}` : ''),
    h('p', { class: 'muted' }, `${t('submittedAt')}：${when(v.submittedAt)}`),
    v.linked ? h('p', { class: 'muted', id: 'linked' }, t('linked'))
      : [h('h2', {}, t('yourReport')), h('p', { class: 'desc' }, v.description || '')]);
  const steps = h('section', { class: 'card' }, h('h2', {}, t('progress')),
    h('ol', { class: 'steps' }, (v.steps || []).map(s => h('li', {},
      h('strong', {}, (t('steps')[s.command]) || states[s.state] || s.state), ` · ${when(s.at)}`, s.comment ? h('div', { class: 'desc muted' }, s.comment) : null))));
  const parts = [summary, steps];
  if (v.rating != null) parts.push(h('section', { class: 'card' }, h('h2', {}, t('rated')),
    h('p', { id: 'rating' }, '★'.repeat(v.rating) + '☆'.repeat(5 - v.rating)), v.ratingComment ? h('p', { class: 'desc' }, v.ratingComment) : null));
  if (note) parts.push(h('p', { class: 'card ok', role: 'status' }, note));
  if (v.canRate) parts.push(ratingForm(code));
  show(...parts);
}

function ratingForm(code) {
  const status = h('p', { role: 'status' });
  const stars = h('fieldset', { class: 'stars' }, h('legend', {}, t('rating')),
    [1, 2, 3, 4, 5].map(n => h('label', {}, h('input', { type: 'radio', name: 'rating', value: n, required: true, 'aria-label': t('star')(n) }), ` ${n}★`)));
  const form = h('form', { class: 'card', id: 'rate' }, h('h2', {}, t('rate')), stars,
    h('label', { for: 'comment' }, t('comment')), h('textarea', { id: 'comment', name: 'comment', maxlength: 500 }),
    h('button', { type: 'submit', class: 'primary' }, t('send')), status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const body = { rating: Number(data.get('rating')) };
    if (data.get('comment').trim()) body.comment = data.get('comment').trim();
    const r = await api(`/track/${encodeURIComponent(code)}/rating`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (r.ok) renderTrack(code, r.body, t('thanks'));
    else { status.className = 'error'; status.textContent = r.status === 409 ? t('cannotRate') : problemText(r); }
  });
  return form;
}

async function route() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.getElementById('brand').textContent = t('brand');
  document.title = t('brand');
  const button = document.getElementById('lang');
  button.textContent = t('other');
  button.lang = lang === 'zh' ? 'en' : 'zh-CN';
  const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent); // ['r', code] or ['r','track',code]
  if (parts[1] === 'track' && parts[2]) return trackPage(parts[2]);
  if (parts[1]) return reportPage(parts[1]);
  show(h('p', { class: 'card' }, t('unknownPlate')));
}

document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('onegrid.lang', lang);
  route().catch(() => show(h('p', { class: 'card error', role: 'alert' }, t('failed'))));
});
route().catch(() => show(h('p', { class: 'card error', role: 'alert' }, t('failed'))));
