import { api } from './api';
import { banner, el } from './dom';
import { langButton } from './i18n';
import './style.css';

/** The header every page shares: a title, a language switch, and the demo-mode notice when data is not kept. */
export function pageHeader(title: () => string, sub: () => string, rerender: () => void): HTMLElement {
  const h1 = el('h1', {}, title());
  const subEl = el('span', { class: 'sub' }, sub());
  const wrap = el('div', { class: 'page-head' }, el('header', { class: 'bar' }, h1, subEl, langButton(() => {
    h1.textContent = title();
    subEl.textContent = sub();
    rerender();
  })));
  void api.about().then((about) => {
    if (!about.dataKept) wrap.append(banner(demoText()));
  }).catch(() => undefined);
  const demoText = () => document.documentElement.lang === 'en'
    ? 'Demo mode: data is kept in memory only and lost on restart; sample data is for demonstration.'
    : '演示模式：数据只保存在内存中，重启后清空；示例数据仅供演示。';
  return wrap;
}

export function routeId(prefix: string): string {
  return decodeURIComponent(location.pathname.slice(prefix.length).split('/')[0] ?? '');
}
