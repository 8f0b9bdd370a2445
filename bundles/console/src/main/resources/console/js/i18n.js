// Simplified Chinese first, English second: the catalogues are plain objects with the same keys, the choice is kept
// in localStorage. t('key', {n: 3}) fills {n}; a missing key shows itself, so gaps are visible, not blank.
import zh from './i18n/zh.js';
import en from './i18n/en.js';

const CATALOGUES = { zh, en };
let current = localStorage.getItem('onegrid.lang') === 'en' ? 'en' : 'zh';

export const lang = () => current;
export const locale = () => (current === 'zh' ? 'zh-CN' : 'en-GB');

export function setLang(next) {
  current = next === 'en' ? 'en' : 'zh';
  localStorage.setItem('onegrid.lang', current);
  document.documentElement.lang = locale();
}

export function t(key, vars) {
  let text = CATALOGUES[current][key] ?? CATALOGUES.zh[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

/** The localised name of something with nameZh/nameEn (categories) or titleZh/titleEn (roles, plugins). */
export function named(item) {
  if (!item) return '';
  return (current === 'zh' ? item.nameZh ?? item.titleZh : item.nameEn ?? item.titleEn) ?? item.name ?? item.code ?? '';
}

export const when = iso => (iso ? new Date(iso).toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'short' }) : '');
export const stateName = state => t(`state.${state}`);
