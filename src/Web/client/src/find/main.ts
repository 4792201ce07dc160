import { el } from '../lib/dom';
import { lang } from '../lib/i18n';
import { pageHeader, routeId } from '../lib/page';
import { amapLink, baiduLink, distanceMetres } from './gcj02';
import { ft } from './texts';
import './find.css';

// The public station finder for workers on a phone: no sign-in, nothing about people. The phone's position,
// when shared, only sorts the list here; it is never sent anywhere.

interface ServiceKind { id: string; name: string; nameEn: string; }
interface PublicNetwork { id: string; name: string; nameEn: string; timeZone: string; isSample: boolean; services: ServiceKind[]; }
interface PublicStation {
  id: string; name: string; township: string; address: string; location: { lat: number; lng: number } | null;
  services: string[]; openingHours: { opens: string; closes: string }; is24h: boolean; status: string; openNow: boolean; phone: string;
}
interface Saved { at: string; network: PublicNetwork; stations: PublicStation[]; }
interface NetworkEntry { id: string; name: string; nameEn: string; isSample: boolean; stations: number; parentName: string | null; parentNameEn: string | null; }

const app = document.getElementById('app')!;
const networkId = routeId('/find/');
const storeKey = `stationnet.find.${networkId}`;
let network: PublicNetwork | undefined;
let stations: PublicStation[] = [];
let fetchedAt: Date | null = null;
let offline = false;
let failure = '';
let missing = false;
let here: { lat: number; lng: number } | null = null;
let locating: 'idle' | 'busy' | 'done' | 'failed' | 'denied' = 'idle';
let openOnly = false;
let service = '';

const noticeEl = el('div', { class: 'find-notice', id: 'notice', role: 'status' });
const controlsEl = el('div', { class: 'find-controls' });
const listEl = el('ol', { class: 'find-list', id: 'stations' });

async function getJson<T>(url: string): Promise<T> {
  // Always asks the server (a status may be a minute old in the HTTP cache); offline, the page's own copy says its age.
  const res = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
  if (!res.ok) throw Object.assign(new Error(String(res.status)), { status: res.status });
  return (await res.json()) as T;
}

/**
 * Fetches and keeps what it got, with its time, under key; with no answer, the copy kept last, marked offline with its
 * age. Null when there is neither. A 404 is an answer: it is thrown, never covered by an old copy.
 */
async function fetchKept<T extends object>(key: string, fetchIt: () => Promise<T>): Promise<T | null> {
  try {
    const value = await fetchIt();
    fetchedAt = new Date();
    offline = false;
    failure = '';
    localStorage.setItem(key, JSON.stringify({ at: fetchedAt.toISOString(), ...value }));
    return value;
  } catch (e) {
    if ((e as { status?: number }).status === 404) throw e;
    const saved = localStorage.getItem(key);
    if (!saved) {
      failure = ft('failed');
      return null;
    }
    const { at, ...value } = JSON.parse(saved) as { at: string } & T;
    fetchedAt = new Date(at);
    offline = true;
    return value as unknown as T;
  }
}

async function load(): Promise<void> {
  const base = `/api/public/networks/${encodeURIComponent(networkId)}`;
  try {
    const kept = await fetchKept<Omit<Saved, 'at'>>(storeKey, async () => {
      const [n, s] = await Promise.all([getJson<PublicNetwork>(base), getJson<PublicStation[]>(`${base}/stations`)]);
      return { network: n, stations: s };
    });
    if (kept) ({ network, stations } = kept);
    missing = false;
  } catch {
    failure = ft('notFound');
    missing = true;
  }
  render();
}

function serviceName(id: string): string {
  const s = network?.services.find((x) => x.id === id);
  return s ? (lang() === 'zh' ? s.name : s.nameEn) : id;
}

function statusText(s: PublicStation): string {
  switch (s.status) {
    case 'open': return ft('open');
    case 'open-silent': return ft('openSilent');
    case 'late': return ft('late');
    case 'unreachable': return ft('unreachable');
    default: return ft('closed');
  }
}

/**
 * For a station closed now by its hours, when they open it next: "今天 07:00 开门" before its hours, "明天 07:00 开门" after
 * them, by the network's clock. Nothing when it is open, open all day, late within its hours, or the zone is unknown.
 */
function nextOpening(s: PublicStation): string | null {
  if (s.openNow || s.is24h || s.status !== 'closed' || !network) return null;
  let now: string;
  try {
    now = new Intl.DateTimeFormat('en-GB', { timeZone: network.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
  } catch {
    return null;
  }
  const { opens, closes } = s.openingHours;
  const overnight = closes <= opens; // 20:00–06:00: open across midnight
  const today = overnight ? now >= closes && now < opens : now < opens;
  const tomorrow = !overnight && now >= closes;
  return today ? ft('opensToday').replace('{t}', opens) : tomorrow ? ft('opensTomorrow').replace('{t}', opens) : null;
}

function distanceOf(s: PublicStation): number | null {
  return here && s.location ? distanceMetres(here, s.location) : null;
}

function distanceText(metres: number): string {
  return metres < 1000 ? `${Math.round(metres / 10) * 10} ${ft('m')}` : `${(metres / 1000).toFixed(1)} ${ft('km')}`;
}

function visible(): PublicStation[] {
  const list = stations.filter((s) => (!openOnly || s.openNow) && (!service || s.services.includes(service)));
  const name = (a: PublicStation, b: PublicStation) => a.name.localeCompare(b.name, 'zh-CN');
  // Open ones first either way: at night the nearest door is often a closed one, and a worker needs one that opens.
  const open = (a: PublicStation, b: PublicStation) => Number(b.openNow) - Number(a.openNow);
  if (here) {
    return list.sort((a, b) => open(a, b) || (distanceOf(a) ?? Infinity) - (distanceOf(b) ?? Infinity) || name(a, b));
  }
  return list.sort((a, b) => open(a, b) || name(a, b));
}

function card(s: PublicStation): HTMLElement {
  const metres = distanceOf(s);
  const next = nextOpening(s);
  const hours = s.is24h ? ft('allDay') : `${ft('hours')} ${s.openingHours.opens}–${s.openingHours.closes}${next ? ` · ${next}` : ''}`;
  const links = s.location
    ? el('div', { class: 'nav' },
      el('a', { class: 'go amap', href: amapLink(s.location.lat, s.location.lng, s.name), target: '_blank', rel: 'noopener' }, ft('amap')),
      el('a', { class: 'go baidu', href: baiduLink(s.location.lat, s.location.lng, s.name, s.address), target: '_blank', rel: 'noopener' }, ft('baidu')))
    : el('p', { class: 'no-place' }, ft('noPlace'));
  return el('li', { class: 'station', 'data-station': s.id, 'data-status': s.status },
    el('div', { class: 'head' },
      el('h2', {}, s.name),
      // Offline, the status is the one fetched then, and says so: a badge that looks live could send a worker to a closed door.
      offline
        ? el('span', { class: 'status stale', 'data-stale': 'true' }, ft('asOf').replace('{t}', keptTime()).replace('{s}', statusText(s)))
        : el('span', { class: `status ${s.openNow ? 'is-open' : s.status}` }, statusText(s))),
    metres === null ? null : el('p', { class: 'distance' }, distanceText(metres)),
    el('p', { class: 'address' }, [s.township, s.address].filter(Boolean).join(' · ')),
    el('p', { class: 'hours' }, hours),
    el('ul', { class: 'services' }, ...s.services.map((x) => el('li', { 'data-service': x }, serviceName(x)))),
    s.phone ? el('a', { class: 'phone', href: `tel:${s.phone.replace(/[^0-9+]/g, '')}` }, `${ft('call')} ${s.phone}`) : null,
    links);
}

function renderControls(): void {
  const locate = el('button', { type: 'button', class: 'locate', id: 'locate' }, locating === 'busy' ? ft('locating') : ft('locate'));
  locate.addEventListener('click', findMe);
  const open = el('input', { type: 'checkbox', id: 'open-only' });
  open.checked = openOnly;
  open.addEventListener('change', () => { openOnly = open.checked; renderList(); });
  const select = el('select', { id: 'service', 'aria-label': ft('allServices') },
    el('option', { value: '' }, ft('allServices')),
    ...(network?.services ?? []).map((s) => el('option', { value: s.id }, serviceName(s.id))));
  select.value = service;
  select.addEventListener('change', () => { service = select.value; renderList(); });
  controlsEl.replaceChildren(locate, el('label', { class: 'open-only' }, open, ft('openOnly')), select);
}

/** Which city this is, and the way to another: the header says only what the page is. */
const cityEl = el('p', { class: 'city', id: 'city' });

function renderCity(): void {
  cityEl.replaceChildren(...(network ? [el('strong', {}, lang() === 'zh' ? network.name : network.nameEn || network.name), ' ',
    el('a', { href: '/find', id: 'other-city' }, ft('otherCity'))] : failure ? [el('a', { href: '/find', id: 'other-city' }, ft('allCities'))] : []));
}

/** The kept copy's time for a badge: the clock alone when it is today's, else with the date. */
function keptTime(): string {
  if (!fetchedAt) return '';
  const clock = fetchedAt.toLocaleTimeString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
  return fetchedAt.toDateString() === new Date().toDateString() ? clock : fetchedText(fetchedAt);
}

/** When the copy shown was fetched, with the month in words: 1 Dec 18:51, not 01/12 (which reads as January to some). */
function fetchedText(at: Date): string {
  return at.toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

function renderNotice(): void {
  renderCity();
  const lines: string[] = [];
  if (failure) lines.push(failure);
  if (network?.isSample) lines.push(ft('sample'));
  if (offline && fetchedAt) lines.push(`${ft('offline')} ${fetchedText(fetchedAt)}`);
  if (locating === 'done') lines.push(ft('located'));
  if (locating === 'failed') lines.push(ft('noLocation'));
  if (locating === 'denied') lines.push(ft('locationDenied'));
  noticeEl.replaceChildren(...lines.map((l) => el('p', {}, l)));
}

function renderList(): void {
  const list = visible();
  const filtered = openOnly || service !== '';
  const showAll = el('button', { type: 'button', class: 'show-all', id: 'show-all' }, ft('showAll'));
  showAll.addEventListener('click', () => { openOnly = false; service = ''; renderControls(); renderList(); });
  listEl.replaceChildren(...(list.length ? list.map(card)
    : [el('li', { class: 'empty' }, failure ? '' : ft('none'), !failure && filtered && stations.length ? showAll : null)]));
  listEl.setAttribute('aria-label', `${list.length} ${ft('count')}`);
}

function render(): void {
  if (missing) {
    // No such network: a clear message, and no map controls or empty list under it.
    document.title = ft('title');
    noticeEl.replaceChildren(el('section', { class: 'not-found', id: 'not-found', role: 'alert' }, el('h2', {}, ft('notFound')), el('p', {}, ft('notFoundHow')),
      el('a', { class: 'go all-cities', href: '/find', id: 'all-cities' }, ft('allCities'))));
    controlsEl.replaceChildren();
    listEl.replaceChildren();
    return;
  }
  document.title = network ? `${ft('title')} · ${lang() === 'zh' ? network.name : network.nameEn}` : ft('title');
  renderNotice();
  renderControls();
  renderList();
}

function findMe(): void {
  if (!('geolocation' in navigator)) {
    locating = 'failed';
    render();
    return;
  }
  locating = 'busy';
  render();
  navigator.geolocation.getCurrentPosition(
    (p) => { here = { lat: p.coords.latitude, lng: p.coords.longitude }; locating = 'done'; render(); },
    (e) => { here = null; locating = e.code === e.PERMISSION_DENIED ? 'denied' : 'failed'; render(); },
    { enableHighAccuracy: false, timeout: 15_000, maximumAge: 120_000 });
}

// /find with no network (the front door's link): the networks that have stations, to choose from; with one, it opens.
let choices: NetworkEntry[] | null = null;

// The last list fetched, for a phone without network (the colon keeps it apart from the per-network keys, whose ids cannot hold one).
const choicesKey = 'stationnet.find:networks';

async function loadChoices(): Promise<void> {
  try {
    choices = (await fetchKept(choicesKey, async () => ({ choices: await getJson<NetworkEntry[]>('/api/public/networks') })))?.choices ?? null;
  } catch {
    failure = ft('failed'); // a 404 here means a server too old to have the list
  }
  if (choices === null) choices = keptCities();
  const real = choices?.filter((n) => !n.isSample) ?? [];
  const only = real.length === 1 ? real[0] : choices?.length === 1 ? choices[0] : null;
  if (only && !offline) {
    location.replace(`/find/${encodeURIComponent(only.id)}`);
    return;
  }
  renderChoices();
}

/** With no list of cities (offline before one was fetched), the cities whose station lists this phone keeps; null when none. */
function keptCities(): NetworkEntry[] | null {
  const kept: NetworkEntry[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i) ?? '';
    if (!key.startsWith('stationnet.find.') || key.includes(':')) continue;
    try {
      const saved = JSON.parse(localStorage.getItem(key)!) as Saved;
      kept.push({ id: saved.network.id, name: saved.network.name, nameEn: saved.network.nameEn, isSample: saved.network.isSample,
        stations: saved.stations.length, parentName: null, parentNameEn: null });
    } catch { /* not a finder's copy */ }
  }
  if (kept.length === 0) return null;
  failure = ft('keptOnly');
  return kept.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

function renderChoices(): void {
  document.title = ft('title');
  const lines = [
    failure,
    offline && fetchedAt ? `${ft('offline')} ${fetchedText(fetchedAt)}` : '',
    choices?.some((n) => n.isSample) ? ft('sampleNetworks') : '',
  ].filter(Boolean);
  noticeEl.replaceChildren(...lines.map((l) => el('p', {}, l)));
  controlsEl.replaceChildren(el('h2', { class: 'choose', id: 'choose' }, ft('choose')));
  const zh = lang() === 'zh';
  listEl.replaceChildren(...(choices === null ? [] : choices.length === 0 ? [el('li', { class: 'empty' }, ft('noNetworks'))]
    : choices.map((n) => el('li', { class: 'network', 'data-network': n.id },
      el('a', { class: 'go choice', href: `/find/${encodeURIComponent(n.id)}` },
        el('span', { class: 'name' }, zh ? n.name : n.nameEn || n.name, n.isSample ? el('span', { class: 'tag' }, ft('sampleTag')) : null),
        el('span', { class: 'meta' }, [zh ? n.parentName : n.parentNameEn || n.parentName, ft('stationsN').replace('{n}', String(n.stations))].filter(Boolean).join(' · ')))))));
  listEl.setAttribute('aria-label', ft('choose'));
}

if (networkId === '') {
  app.replaceChildren(pageHeader(() => ft('title'), () => ft('sub'), renderChoices), el('main', { class: 'find' }, noticeEl, controlsEl, listEl));
  void loadChoices();
  window.addEventListener('online', () => void loadChoices());
} else {
  app.replaceChildren(pageHeader(() => ft('title'), () => ft('sub'), render), el('main', { class: 'find' }, cityEl, noticeEl, controlsEl, listEl));
  render();
  void load();
  // Back online: fetch at once, so the offline notice and the stale badges go.
  window.addEventListener('online', () => void load());
  // Status changes within minutes; a page left open refreshes itself, and a phone taken out of a pocket at once.
  setInterval(() => { if (document.visibilityState === 'visible') void load(); }, 60_000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && (!fetchedAt || Date.now() - fetchedAt.getTime() > 30_000)) void load();
  });
}
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js?page=find', { scope: '/find' });
