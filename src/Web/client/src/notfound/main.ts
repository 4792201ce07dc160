import { el } from '../lib/dom';
import { lang, t } from '../lib/i18n';
import { pageHeader } from '../lib/page';
import './notfound.css';

// What a browser gets for an address with nothing behind it (a mistyped link, an old bookmark): a page in the
// reader's language that says so and offers the ways in, instead of an API's error. The server answers 404 with it.

const texts = {
  missing: ['该页面不存在', 'This page does not exist'],
  how: ['地址可能输错了，或链接已失效。可以从这里进入：', 'The address may be mistyped, or the link out of date. You can go on from here:'],
  home: ['首页', 'Front door'],
  find: ['找附近的驿站', 'Find a station near you'],
  station: ['值班平板', 'Station tablet'],
  manage: ['管理报表', 'Reports for managers'],
} satisfies Record<string, [string, string]>;

function nt(key: keyof typeof texts): string {
  return texts[key][lang() === 'zh' ? 0 : 1];
}

const body = el('main', { class: 'notfound' });

function render(): void {
  document.title = `${nt('missing')} · ${t('appName')}`;
  body.replaceChildren(
    el('section', { class: 'missing', id: 'not-found', role: 'alert' },
      el('h2', {}, nt('missing')),
      el('p', { class: 'path' }, el('code', {}, location.pathname)),
      el('p', {}, nt('how'))),
    el('ul', { class: 'ways' },
      ...([['/', 'home'], ['/find', 'find'], ['/station', 'station'], ['/manage', 'manage']] as const)
        .map(([href, key]) => el('li', {}, el('a', { href, class: 'go', 'data-way': key }, nt(key))))));
}

document.getElementById('app')!.replaceChildren(pageHeader(() => t('appName'), () => '', render), body);
render();
