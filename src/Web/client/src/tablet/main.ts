import { api, ApiError, newId, useToken, type Counts, type NetworkView, type StationView } from '../lib/api';
import { el } from '../lib/dom';
import { lang, named, t } from '../lib/i18n';
import { pageHeader, routeId } from '../lib/page';
import { serverNow, syncClock } from '../lib/clock';
import { Opening, type OpeningReply } from './opening';
import { Outbox, type SyncState, type Tap } from './outbox';
import { showPairing, tokenKey } from './pairing';
import { isRefused, Recent } from './recent';
import { renderRefused, renderSync } from './status';
import { Supplies } from './supplies';
import './tablet.css';

// The attendant's tablet: pair once, then one big button per service. Every tap is kept on the device first
// (IndexedDB) and sent when the link allows; counts show the server's numbers plus what is still waiting.
// What was just recorded stays in view with its undo: beside the buttons on a tablet; on a phone in a strip
// below them that the layout keeps room for, so it never lies over a button a quick second tap would hit.

const app = document.getElementById('app')!;
const stationId = routeId('/station/');
const cacheKey = (kind: string) => `stationnet.${kind}.${stationId}`;
const QUANTITIES = [1, 2, 3, 5, 10];

let station: (StationView & Partial<OpeningReply>) | undefined;
let network: NetworkView | undefined;
let baseline: { day: string; counts: Counts } = { day: '', counts: {} };
let taps: Tap[] = [];
let sync: SyncState = { kind: 'online' };
let quantity = 1;
let group: string | null = null;
let pairing = false;

const statusEl = el('div', { class: 'sync', role: 'status', 'aria-live': 'polite', id: 'sync' });
const refusedEl = el('div', { class: 'refused', id: 'refused', role: 'alert', hidden: '' });
const grid = el('div', { class: 'services' });
const options = el('div', { class: 'options' });
const attendant = el('input', { id: 'attendant', maxlength: '40', autocomplete: 'name' });
attendant.value = localStorage.getItem('stationnet.attendant') ?? '';
attendant.addEventListener('change', () => localStorage.setItem('stationnet.attendant', attendant.value.trim()));

const recent = new Recent({
  describe: (tap) => `${serviceName(tap.service)} ×${tap.quantity}${tap.workerGroup ? ` · ${named(network?.workerGroups.find((g) => g.id === tap.workerGroup), tap.workerGroup)}` : ''}`,
  timeZone: () => network?.timeZone,
  undo: (tapId) => void outbox.undo(tapId),
  rerender: () => recent.render(taps, today()),
});

const outbox = new Outbox(stationId, () => localStorage.getItem(tokenKey(stationId)), {
  counted: (counts, day) => { baseline = { day, counts }; localStorage.setItem(cacheKey('counts'), JSON.stringify(baseline)); },
  changed: () => { void refreshTaps(); void supplies.changed(); },
  state: (s) => {
    const drained = s.kind === 'online' && sync.kind !== 'online';
    sync = s;
    renderSync(statusEl, sync);
    if (drained) void reconcile();
    if (s.kind === 'unpaired') repair(s.waiting);
  },
});

const supplies = new Supplies(stationId, outbox, today);
const tapsView = el('main', { class: 'tablet' });
const aside = el('aside', { class: 'recent' });
const strip = el('div', { class: 'strip', id: 'strip' });
const narrow = matchMedia('(max-width: 899px)');
narrow.addEventListener('change', placeConfirmation);

/** The confirmation heads the side column on a tablet, and has the strip below the buttons on a phone. */
function placeConfirmation(): void {
  const home = narrow.matches ? strip : aside;
  if (recent.confirmation.parentElement !== home) home.prepend(recent.confirmation);
}
const suppliesButton = el('button', { type: 'button', id: 'supplies-toggle', class: 'supplies-toggle' });
suppliesButton.addEventListener('click', () => { supplies.show(!supplies.shown); render(); });

const opening = new Opening(stationId, () => localStorage.getItem(tokenKey(stationId)), () => network?.timeZone, today,
  () => void outbox.waiting().then((jobs) => repair(jobs.length)));

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: network?.timeZone ?? 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(serverNow());
}

/** The server's counts plus the taps and undos still waiting on this device. */
function counts(): Counts {
  const day = today();
  const shown: Counts = baseline.day === day ? { ...baseline.counts } : {};
  for (const tap of taps) {
    if (tap.day !== day || isRefused(tap)) continue;
    const delta = (tap.state === 'waiting' ? tap.quantity : 0) - (tap.voided === 'waiting' ? tap.quantity : 0);
    shown[tap.service] = (shown[tap.service] ?? 0) + delta;
  }
  return shown;
}

function serviceName(id: string): string {
  return named(network?.services.find((s) => s.id === id), id);
}

function render(): void {
  if (!station || !network || pairing) return;
  const shown = counts();
  // The service buttons are updated in place, never replaced while the outbox moves: a touch that lands
  // during a redraw still counts.
  if ([...grid.children].map((b) => (b as HTMLElement).dataset.service).join() !== station.services.join()) {
    grid.replaceChildren(...station.services.map((service) => {
      const b = el('button', { class: 'service', 'data-service': service, type: 'button' },
        el('span', { class: 'name' }), el('span', { class: 'count', 'data-count': service }));
      b.addEventListener('click', () => void tap(service));
      return b;
    }));
  }
  for (const b of grid.children) {
    const service = (b as HTMLElement).dataset.service!;
    b.querySelector('.name')!.textContent = serviceName(service);
    b.querySelector('.count')!.textContent = String(shown[service] ?? 0);
  }
  const qty = QUANTITIES.map((q) => choice(`×${q}`, q === quantity, () => { quantity = q; render(); }, { 'data-quantity': String(q) }));
  const groups = network.workerGroups.map((g) => choice(named(g, g.id), g.id === group, () => { group = group === g.id ? null : g.id; render(); }, { 'data-group': g.id }));
  options.replaceChildren(
    el('div', { class: 'row' }, el('span', { class: 'label' }, t('quantity')), ...qty),
    el('div', { class: 'row' }, el('span', { class: 'label' }, t('workerGroup')), ...groups),
    el('label', { class: 'row' }, el('span', { class: 'label' }, t('attendant')), attendant));
  renderSync(statusEl, sync);
  renderRefused(refusedEl, taps, today(), (ids) => void outbox.understand(ids));
  opening.render();
  recent.render(taps, today());
  suppliesButton.textContent = supplies.shown ? `← ${t('backToTaps')}` : t('supplies');
  suppliesButton.setAttribute('aria-expanded', String(supplies.shown));
  tapsView.hidden = supplies.shown;
  strip.hidden = supplies.shown;
  supplies.render();
}

/** A toggle that says it is chosen with a mark and a border, never by colour alone. */
function choice(label: string, chosen: boolean, onClick: () => void, attrs: Record<string, string>): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'choice', 'aria-pressed': String(chosen), ...attrs }, chosen ? `✓ ${label}` : label);
  b.addEventListener('click', onClick);
  return b;
}

async function tap(service: string): Promise<void> {
  await opening.askBeforeTap();
  const entry: Tap = {
    id: newId(), stationId, service, quantity, occurredAt: serverNow().toISOString(), day: today(),
    attendant: attendant.value.trim() || undefined, workerGroup: service === 'visit' && group ? group : undefined,
    state: 'waiting', voided: 'no', made: Date.now(),
  };
  quantity = 1;
  group = null;
  taps = [entry, ...taps];
  recent.show(entry);
  render();
  await outbox.add(entry);
}

async function refreshTaps(): Promise<void> {
  taps = await outbox.taps();
  render();
}

/** When the outbox is empty, the server's numbers are the truth: take them. */
async function reconcile(): Promise<void> {
  try {
    await syncClock();
    const fresh = await api.station(stationId);
    station = fresh;
    baseline = { day: fresh.day, counts: fresh.counts };
    localStorage.setItem(cacheKey('station'), JSON.stringify(fresh));
    localStorage.setItem(cacheKey('counts'), JSON.stringify(baseline));
    opening.know(fresh as Partial<OpeningReply>);
    render();
  } catch { /* offline again: the next drain tries again */ }
}

/** The server no longer knows this tablet: say so, keep the taps, and pair again. */
function repair(waiting: number): void {
  if (pairing) return;
  pairing = true;
  showPairing(app, stationId, waiting);
}

function cached<T>(kind: string): T | undefined {
  const text = localStorage.getItem(cacheKey(kind));
  return text ? (JSON.parse(text) as T) : undefined;
}

/** The station's name on one line; a touch shows it whole (it is also the header's title). */
function header(): HTMLElement {
  const head = pageHeader(() => station!.name, () => station!.township, render);
  const h1 = head.querySelector('h1')!;
  h1.title = station!.name;
  h1.addEventListener('click', () => h1.classList.toggle('whole'));
  return head;
}

async function load(): Promise<void> {
  if (!stationId) {
    const last = localStorage.getItem('stationnet.lastStation');
    if (last && localStorage.getItem(tokenKey(last))) { location.replace(`/station/${encodeURIComponent(last)}`); return; }
    showPairing(app, '', null);
    return;
  }
  const token = localStorage.getItem(tokenKey(stationId));
  if (!token) {
    const waiting = (await outbox.waiting()).length;
    // A tablet with taps kept and no token was told to pair again before; a fresh one just pairs.
    showPairing(app, stationId, waiting > 0 ? waiting : null);
    return;
  }
  useToken(token);
  localStorage.setItem('stationnet.lastStation', stationId);
  try {
    await syncClock();
    station = await api.station(stationId);
    network = await api.network(station.networkId);
    baseline = { day: station.day, counts: station.counts };
    localStorage.setItem(cacheKey('station'), JSON.stringify(station));
    localStorage.setItem(cacheKey('network'), JSON.stringify(network));
    localStorage.setItem(cacheKey('counts'), JSON.stringify(baseline));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) { repair((await outbox.waiting()).length); return; }
    // No network: work from what this device last knew.
    station = cached<StationView>('station');
    network = cached<NetworkView>('network');
    baseline = cached<typeof baseline>('counts') ?? baseline;
    if (!station || !network) {
      app.replaceChildren(el('main', {}, el('p', { class: 'error' }, `${t('notFound')}: ${e instanceof Error ? e.message : String(e)}`)));
      return;
    }
  }
  app.replaceChildren(
    header(),
    el('div', { class: 'statusbar' }, statusEl, opening.element, suppliesButton), refusedEl,
    tapsView, supplies.element, strip);
  aside.replaceChildren(recent.list);
  tapsView.replaceChildren(el('div', { class: 'work' }, grid, options), aside);
  placeConfirmation();
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  opening.know(station);
  taps = await outbox.taps();
  await outbox.prune(today());
  render();
  outbox.kick();
  setInterval(() => { if (sync.kind === 'online') void reconcile(); }, 60_000);
}

if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js?page=station', { scope: '/station' });
void load();
