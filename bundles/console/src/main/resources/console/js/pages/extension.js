// A plugin's page or panel: an ES module (its default export mount(element, context) draws into the element) or,
// for any other URL, a frame. Both come from this server only (the console's CSP allows 'self' alone).
// The module's context: api (authorised fetch under /api/v1), lang ('zh'|'en'), t (the console's texts), can(permission),
// me (the signed-in caller), and for a page the route segments after its id (path: #/ext/{id}/a/b → ['a','b']) and the
// query (params), so a plugin can link inside its own page.
import { h } from '../dom.js';
import { t, lang, named } from '../i18n.js';

export function mountExtension(where, extension, { api, can, me, path = [], params = new URLSearchParams() }) {
  if (extension.module === 'module') {
    const host = h('div', { class: 'extension', 'data-extension-host': extension.id });
    where.append(host);
    import(extension.url)
      .then(m => m.default(host, { api, lang: lang(), t, can, me, path, params }))
      .catch(() => host.append(h('p', { class: 'error' }, t('ext.failed'))));
  } else {
    where.append(h('iframe', { src: extension.url, title: named(extension), class: 'extension', loading: 'lazy' }));
  }
}

export default async function extensionPage(main, parts, { api, can, me, params, extensions }) {
  const extension = extensions.find(e => e.id === parts[0] && e.kind === 'PAGE');
  if (!extension) {
    main.append(h('p', { class: 'muted', id: 'extension-gone' }, t('ext.gone')));
    return;
  }
  document.title = named(extension);
  main.append(h('h1', {}, named(extension)));
  mountExtension(main, extension, { api, can, me, path: parts.slice(1), params });
}
