import { api, ApiError, type Me, type NetworkView } from '../lib/api';
import { loginForm } from '../lib/login';
import { el } from '../lib/dom';
import { givenName, lang, named, t } from '../lib/i18n';
import { pageHeader } from '../lib/page';
import { h } from './texts';
import './home.css';

// The front door: what StationNet is and for whom, in a few lines, and the way in for each of them.
// Signed out, the same words and a sign-in link; signed in, the networks this account may see.

const app = document.getElementById('app')!;
const body = el('main', { class: 'home' });
let me: Me | null = null;
let networks: NetworkView[] = [];
let showForm = location.hash === '#signin';

function door(who: string, what: string, link: HTMLElement | string, id: string): HTMLElement {
  return el('li', { class: 'door', 'data-door': id }, el('h3', {}, who), el('p', {}, what), typeof link === 'string' ? el('p', { class: 'muted' }, link) : link);
}

function wallDoor(): HTMLElement {
  const wall = networks.find((n) => n.isSample) ?? networks[0];
  const link = me && wall ? el('a', { href: `/wall/${encodeURIComponent(wall.id)}`, class: 'go', id: 'wall-link' }, wall.isSample ? h('wallLink') : t('wall')) : h('wallNeedsLink');
  return door(h('wallWho'), h('wallWhat'), link, 'wall');
}

function doors(): HTMLElement {
  const admin = me?.role === 'admin';
  return el('section', { class: 'doors' }, el('h2', {}, h('forWhom')), el('ul', {},
    door(h('workerWho'), h('workerWhat'), el('a', { href: '/find', class: 'go', id: 'find-link' }, h('workerLink')), 'worker'),
    door(h('tabletWho'), h('tabletWhat'), el('a', { href: '/station', class: 'go', id: 'tablet-link' }, h('tabletLink')), 'tablet'),
    wallDoor(),
    door(h('manageWho'), h('manageWhat'), el('a', { href: '/manage', class: 'go', id: 'manage-link' }, h('manageLink')), 'manage'),
    door(h('adminWho'), h('adminWhat'), !me || admin ? el('a', { href: '/admin', class: 'go', id: 'admin-link' }, h('adminLink')) : '', 'admin')));
}

function signIn(): HTMLElement {
  if (showForm) return el('section', { class: 'sign-in', id: 'signin' }, loginForm(() => void load()));
  const link = el('a', { href: '#signin', class: 'go', id: 'sign-in-link' }, h('signInLink'));
  link.addEventListener('click', (e) => {
    e.preventDefault();
    showForm = true;
    history.replaceState(null, '', '#signin');
    render();
    document.getElementById('username')?.focus();
  });
  return el('section', { class: 'sign-in', id: 'signin' }, el('p', {}, h('signInPrompt'), ' ', link));
}

function networkList(): HTMLElement {
  const admin = me?.role === 'admin';
  return el('section', { class: 'networks' }, el('h2', {}, h('networks')), ...networks.map((n) => el('section', { class: 'network', 'data-network': n.id },
    el('h3', {}, named(n, n.id), n.isSample ? (lang() === 'zh' ? `（${t('sample')}）` : ` (${t('sample')})`) : ''),
    el('p', {}, el('a', { href: `/wall/${encodeURIComponent(n.id)}` }, t('wall')), ' · ', el('a', { href: '/manage' }, t('manage')),
      ...(admin ? [' · ', el('a', { href: '/admin' }, t('admin'))] : [])),
    el('details', {}, el('summary', {}, `${h('tablets')} (${n.stations.length})`),
      el('ul', {}, ...n.stations.map((s) => el('li', {}, el('a', { href: `/station/${encodeURIComponent(s.id)}` }, `${s.name} · ${s.township}`))))))));
}

function account(): HTMLElement {
  const out = el('button', { type: 'button', id: 'sign-out' }, t('signOut'));
  out.addEventListener('click', async () => { await api.logout(); me = null; networks = []; showForm = false; render(); });
  return el('p', { class: 'account' }, h('signedInAs'), el('strong', {}, givenName(me!.name)), ' ', out);
}

function render(): void {
  body.replaceChildren(
    // A worker looking for a station is the most frequent visitor and the one on a phone: the way to the finder
    // stands under the heading, in the first screen of a phone, not only in the doors further down.
    el('section', { class: 'intro', id: 'intro' }, el('h2', {}, h('title')),
      el('p', { class: 'cta' }, el('a', { href: '/find', class: 'go', id: 'find-now' }, h('findNow'))),
      el('p', {}, h('what')), el('p', { class: 'muted' }, h('privacy'))),
    me ? account() : signIn(),
    doors(),
    ...(me ? [networkList()] : []));
}

async function load(): Promise<void> {
  try {
    me = await api.me();
    if (me.kind !== 'account') me = null;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
    me = null;
  }
  networks = me ? await Promise.all((await api.networks()).map((n) => api.network(n.id))) : [];
  if (me) showForm = false;
  render();
}

app.replaceChildren(pageHeader(() => t('appName'), () => '', render), body);
render();
void load();
