import { api } from './api';
import { banner, el } from './dom';
import { langButton, t } from './i18n';
import './style.css';

/** The header every page shares: a title, a language switch, and the demo-mode notice when data is not kept. */
export function pageHeader(title: () => string, sub: () => string, rerender: () => void): HTMLElement {
  const h1 = el('h1', {}, title());
  // The tab says the heading in the reader's language (the page's HTML title is Chinese); a page with a more
  // particular title (a city, a station) sets it after this, on each render.
  document.title = title();
  const subEl = el('span', { class: 'sub' }, sub());
  let demo: HTMLElement | null = null;
  const wrap = el('div', { class: 'page-head' }, el('header', { class: 'bar' }, h1, subEl, langButton(() => {
    h1.textContent = title();
    document.title = title();
    subEl.textContent = sub();
    if (demo) demo.textContent = t('demoMode'); // the notice follows the language switch like the rest of the page
    rerender();
  })));
  // Offline (a finder or tablet from its service worker), the last answer stands: a demo stays marked as one.
  const showDemo = (dataKept: boolean) => { if (!dataKept && !demo) wrap.append(demo = banner(t('demoMode'))); };
  void api.about().then((about) => {
    localStorage.setItem('stationnet.about:dataKept', String(about.dataKept));
    showDemo(about.dataKept);
  }).catch(() => { if (localStorage.getItem('stationnet.about:dataKept') === 'false') showDemo(false); });
  return wrap;
}

export function routeId(prefix: string): string {
  return decodeURIComponent(location.pathname.slice(prefix.length).split('/')[0] ?? '');
}
