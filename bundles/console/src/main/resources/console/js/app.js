// The console shell: hash routes (#/inbox?state=…), the frame with menu and language switcher, and the signed-in
// caller (GET /me). Pages are ES modules loaded when first opened, so the sign-in page stays light.
import { h } from './dom.js';
import { t, lang, setLang, named } from './i18n.js';
import { api, token, setToken, whenExpired } from './api.js';

const app = document.getElementById('app');
const session = { me: null, extensions: [] };

const can = permission => !!session.me && (session.me.permissions.includes('*') || session.me.permissions.includes(permission));

const MENU = [
  { href: '#/', key: 'nav.dashboard', permission: 'workorder.read' },
  { href: '#/inbox', key: 'nav.inbox', permission: 'workorder.read' },
  { href: '#/registry', key: 'nav.registry', permission: 'region.read' },
  { href: '#/admin/users', key: 'nav.users', permission: 'user.read' },
  { href: '#/admin/roles', key: 'nav.roles', permission: 'role.read' },
  { href: '#/admin/departments', key: 'nav.departments', permission: 'department.read' },
  { href: '#/admin/categories', key: 'nav.categories', permission: 'workorder.read' },
  { href: '#/admin/routing', key: 'nav.routing', permission: 'workorder.read' },
  { href: '#/admin/calendars', key: 'nav.calendars', permission: 'workorder.read' },
];

const PAGES = {
  '': () => import('./pages/dashboard.js'),
  inbox: () => import('./pages/inbox.js'),
  orders: () => import('./pages/order.js'),
  registry: () => import('./pages/registry.js'),
  admin: () => import('./pages/admin.js'),
  ext: () => import('./pages/extension.js'),
};

/** The parsed route: segments of the path after '#/', and the query. */
function current() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = hash.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search) };
}

export function go(hash) {
  if (location.hash === hash) render(); else location.hash = hash;
}

function languageSwitch() {
  const other = lang() === 'zh' ? 'en' : 'zh';
  return h('button', { type: 'button', class: 'lang', lang: other === 'zh' ? 'zh-CN' : 'en', id: 'lang-switch',
    onclick: () => { setLang(other); render(); } }, t('lang.switch'));
}

async function signIn() {
  document.title = t('signin.title');
  const status = h('p', { role: 'alert', class: 'error', id: 'signin-error' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('signin.submit'));
  const form = h('form', { class: 'signin card', 'aria-labelledby': 'signin-h' },
    h('h1', { id: 'signin-h' }, t('app.name')),
    h('p', { class: 'muted' }, t('signin.lead')),
    h('label', { for: 'username' }, t('signin.username')), username,
    h('label', { for: 'password' }, t('signin.password')), password,
    submit, status, languageSwitch());
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    status.textContent = '';
    try {
      const answer = await api('/auth/login', { method: 'POST', body: { username: username.value.trim(), password: password.value } });
      setToken(answer.token);
      session.me = null;
      go('#/');
    } catch (e) {
      status.textContent = e.status === 401 || e.status === 400 ? t('signin.failed') : e.message;
      submit.disabled = false;
      password.select();
    }
  });
  app.replaceChildren(h('main', { id: 'main', class: 'signin-page' }, form));
  username.focus();
}

async function signOut() {
  try { await api('/auth/logout', { method: 'POST' }); } catch { /* ended anyway */ }
  setToken(null);
  session.me = null;
  go('#/signin');
}

/** The menu: the console's pages the caller may open, then the plugins' pages registered right now. */
function menuItems(active) {
  const links = MENU.filter(item => can(item.permission)).map(item =>
    h('a', { href: item.href, 'aria-current': item.href === active ? 'page' : null }, t(item.key)));
  const plugins = session.extensions.filter(e => e.kind === 'PAGE').map(e =>
    h('a', { href: `#/ext/${encodeURIComponent(e.id)}`, 'aria-current': active === `#/ext/${e.id}` ? 'page' : null, 'data-extension': e.id }, named(e)));
  return [links, plugins.length ? [h('hr'), plugins] : null];
}

let activeItem = '#/';

function frame(active) {
  activeItem = active;
  const main = h('main', { id: 'main', tabindex: '-1' });
  const nav = h('nav', { 'aria-label': t('nav.label'), id: 'menu' }, menuItems(active));
  const toggle = h('button', { type: 'button', class: 'menu-toggle', 'aria-controls': 'menu', 'aria-expanded': 'false',
    onclick: () => { const open = nav.classList.toggle('open'); toggle.setAttribute('aria-expanded', String(open)); } }, '☰ ', t('nav.label'));
  app.replaceChildren(
    h('header', { class: 'top' },
      h('a', { class: 'brand', href: '#/' }, t('app.name')), toggle,
      h('span', { class: 'who', id: 'who' }, session.me.displayName || session.me.name),
      languageSwitch(),
      h('button', { type: 'button', onclick: signOut, id: 'sign-out' }, t('signout'))),
    h('div', { class: 'layout' }, nav, main));
  return main;
}

/** What every page module receives. */
function context(params) {
  return { api, t, can, me: session.me, extensions: session.extensions, params, go };
}

async function render() {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  document.getElementById('skip').textContent = t('skip');
  const { parts, params } = current();
  if (parts[0] === 'signin' || !token()) return signIn();
  try {
    if (!session.me) {
      session.me = await api('/me');
      session.extensions = await api('/console/extensions').catch(() => []);
    }
  } catch (e) {
    return e.status === 401 ? undefined : showError(app, e);
  }
  const key = parts[0] || '';
  const loader = PAGES[key];
  const active = key === '' ? '#/' : key === 'admin' || key === 'ext' ? `#/${parts.slice(0, 2).join('/')}` : `#/${key}`;
  const main = frame(active);
  if (!loader) return main.append(h('p', {}, t('notFound')));
  try {
    const page = await loader();
    await page.default(main, parts.slice(1), context(params));
  } catch (e) {
    if (e.status !== 401) showError(main, e);
  }
}

export function showError(where, e) {
  where.append(h('p', { class: 'error', role: 'alert' }, e.status === 403 ? t('error.forbidden') : e.status === 404 ? t('notFound') : `${t('error.generic')} ${e.message}`));
}

/**
 * Refreshes the plugin list now and then, so that a plugin page appears or leaves without a new sign-in; only the
 * menu is redrawn, so a form being filled in stays as it is.
 */
async function refreshExtensions() {
  if (!session.me || !token()) return;
  try {
    const next = await api('/console/extensions');
    if (JSON.stringify(next) !== JSON.stringify(session.extensions)) {
      session.extensions = next;
      document.getElementById('menu')?.replaceChildren(...menuItems(activeItem).flat(Infinity).filter(Boolean));
    }
  } catch { /* next time */ }
}

whenExpired(() => { session.me = null; go('#/signin'); });
window.addEventListener('hashchange', render);
setInterval(refreshExtensions, 30000);
setLang(lang());
render();
