// A plugin's page or panel: an ES module (its default export mount(element, context) draws into the element) or,
// for any other URL, a frame. Both come from this server only (the console's CSP allows 'self' alone).
import { h } from '../dom.js';
import { t, lang, named } from '../i18n.js';

export function mountExtension(where, extension, api) {
  if (extension.module === 'module') {
    const host = h('div', { class: 'extension' });
    where.append(host);
    import(extension.url)
      .then(m => m.default(host, { api, lang: lang(), t }))
      .catch(() => host.append(h('p', { class: 'error' }, t('ext.failed'))));
  } else {
    where.append(h('iframe', { src: extension.url, title: named(extension), class: 'extension', loading: 'lazy' }));
  }
}

export default async function extensionPage(main, parts, { api, extensions }) {
  const extension = extensions.find(e => e.id === parts[0] && e.kind === 'PAGE');
  if (!extension) {
    main.append(h('p', { class: 'muted', id: 'extension-gone' }, t('ext.gone')));
    return;
  }
  document.title = named(extension);
  main.append(h('h1', {}, named(extension)));
  mountExtension(main, extension, api);
}
