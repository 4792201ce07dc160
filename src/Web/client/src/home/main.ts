import { api, ApiError, type NetworkView } from '../lib/api';
import { loginForm } from '../lib/login';
import { el } from '../lib/dom';
import { named, t } from '../lib/i18n';
import { pageHeader } from '../lib/page';

// The front page: every network with links to its wall, its tablets and the reports.

const app = document.getElementById('app')!;
const list = el('main', {});
let networks: NetworkView[] = [];

function render(): void {
  list.replaceChildren(el('h2', {}, t('networks')), ...networks.map((n) => el('section', { class: 'network' },
    el('h3', {}, named(n, n.id), n.isSample ? ` (${t('sample')})` : ''),
    el('p', {}, el('a', { href: `/wall/${n.id}` }, t('wall')), ' · ', el('a', { href: '/manage' }, t('manage')), ' · ', el('a', { href: '/admin' }, t('admin'))),
    el('ul', {}, ...n.stations.map((s) => el('li', {}, el('a', { href: `/station/${s.id}` }, `${s.name} · ${s.township}`)))))));
}

async function load(): Promise<void> {
  let summaries;
  try {
    summaries = await api.networks();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      app.replaceChildren(pageHeader(() => t('appName'), () => '', () => undefined), el('main', {}, loginForm(() => void load())));
      return;
    }
    throw e;
  }
  networks = await Promise.all(summaries.map((n) => api.network(n.id)));
  app.replaceChildren(pageHeader(() => t('appName'), () => '', render), list);
  render();
}

void load();
