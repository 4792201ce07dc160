import { api, ApiError, newId, useToken, type Counts, type NetworkView, type StationView } from '../lib/api';
import { el } from '../lib/dom';
import { lang, named, t, time } from '../lib/i18n';
import { pageHeader, routeId } from '../lib/page';
import { serverNow, syncClock } from '../lib/clock';
import { Outbox, type SyncState, type Tap } from './outbox';
import { scanner } from './scan';
import './tablet.css';

// The attendant's tablet: pair once, then one big button per service. Every tap is kept on the device first
// (IndexedDB) and sent when the link allows; counts show the server's numbers plus what is still waiting.

const app = document.getElementById('app')!;
let stationId = routeId('/station/');
const tokenKey = (id: string) => `stationnet.tablet.${id}`;
const cacheKey = (kind: string) => `stationnet.${kind}.${stationId}`;
const QUANTITIES = [1, 2, 3, 5, 10];

let station: StationView | undefined;
let network: NetworkView | undefined;
let baseline: { day: string; counts: Counts } = { day: '', counts: {} };
let taps: Tap[] = [];
let sync: SyncState = { kind: 'online' };
let quantity = 1;
let group: string | null = null;
let confirming: string | null = null;

const statusEl = el('div', { class: 'sync', role: 'status', 'aria-live': 'polite', id: 'sync' });
const grid = el('div', { class: 'services' });
const options = el('div', { class: 'options' });
const list = el('section', { class: 'taps' });
const attendant = el('input', { id: 'attendant', maxlength: '40', autocomplete: 'name' });
attendant.value = localStorage.getItem('stationnet.attendant') ?? '';
attendant.addEventListener('change', () => localStorage.setItem('stationnet.attendant', attendant.value.trim()));

const outbox = new Outbox(stationId, () => localStorage.getItem(tokenKey(stationId)), {
  counted: (counts, day) => { baseline = { day, counts }; localStorage.setItem(cacheKey('counts'), JSON.stringify(baseline)); },
  changed: () => void refreshTaps(),
  state: (s) => {
    const drained = s.kind === 'online' && sync.kind !== 'online';
    sync = s;
    renderStatus();
    if (drained) void reconcile();
    if (s.kind === 'unpaired') showPairing(t('pairAgain'));
  },
});

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: network?.timeZone ?? 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(serverNow());
}

/** The server's counts plus the taps and undos still waiting on this device. */
function counts(): Counts {
  const day = today();
  const shown: Counts = baseline.day === day ? { ...baseline.counts } : {};
  for (const tap of taps) {
    if (tap.day !== day || tap.state === 'refused') continue;
    const delta = (tap.state === 'waiting' ? tap.quantity : 0) - (tap.voided === 'waiting' ? tap.quantity : 0);
    shown[tap.service] = (shown[tap.service] ?? 0) + delta;
  }
  return shown;
}

function serviceName(id: string): string {
  return named(network?.services.find((s) => s.id === id), id);
}

function renderStatus(): void {
  const text = {
    online: () => `● ${t('syncOnline')}`,
    syncing: () => `↻ ${t('syncSending')} ${'waiting' in sync ? sync.waiting : 0}`,
    offline: () => `✕ ${t('syncOffline')} ${'waiting' in sync ? sync.waiting : 0} ${t('syncWaiting')}`,
    unpaired: () => `✕ ${t('pairAgain')}`,
  }[sync.kind]();
  statusEl.textContent = text;
  statusEl.dataset.state = sync.kind;
  statusEl.dataset.waiting = String('waiting' in sync ? sync.waiting : 0);
}

function render(): void {
  if (!station || !network) return;
  const shown = counts();
  grid.replaceChildren(...station.services.map((service) => {
    const b = el('button', { class: 'service', 'data-service': service, type: 'button' },
      el('span', { class: 'name' }, serviceName(service)),
      el('span', { class: 'count', 'data-count': service }, String(shown[service] ?? 0)));
    b.addEventListener('click', () => void tap(service));
    return b;
  }));
  const qty = QUANTITIES.map((q) => choice(`×${q}`, q === quantity, () => { quantity = q; render(); }, { 'data-quantity': String(q) }));
  const groups = network.workerGroups.map((g) => choice(named(g, g.id), g.id === group, () => { group = group === g.id ? null : g.id; render(); }, { 'data-group': g.id }));
  options.replaceChildren(
    el('div', { class: 'row' }, el('span', { class: 'label' }, t('quantity')), ...qty),
    el('div', { class: 'row' }, el('span', { class: 'label' }, t('workerGroup')), ...groups),
    el('label', { class: 'row' }, el('span', { class: 'label' }, t('attendant')), attendant));
  renderTaps();
}

/** A toggle that says it is chosen with a mark and a border, never by colour alone. */
function choice(label: string, chosen: boolean, onClick: () => void, attrs: Record<string, string>): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'choice', 'aria-pressed': String(chosen), ...attrs }, chosen ? `✓ ${label}` : label);
  b.addEventListener('click', onClick);
  return b;
}

function renderTaps(): void {
  const day = today();
  const mine = taps.filter((x) => x.day === day).slice(0, 30);
  list.replaceChildren(el('h2', {}, t('todayTaps')), mine.length === 0 ? el('p', {}, t('noTaps')) : el('ul', {}, ...mine.map((x) => {
    const state = x.voided === 'done' ? t('undone') : x.voided === 'waiting' ? t('undoWaiting')
      : x.state === 'waiting' ? t('tapWaiting') : x.state === 'refused' ? `${t('refused')}: ${x.error ?? ''}` : t('counted');
    const undoable = x.voided === 'no' && x.state !== 'refused';
    const undo = undoable ? el('button', { type: 'button', class: 'undo', 'data-undo': x.id }, confirming === x.id ? t('confirmUndo') : t('undo')) : null;
    undo?.addEventListener('click', () => {
      if (confirming !== x.id) { confirming = x.id; renderTaps(); return; }
      confirming = null;
      void outbox.undo(x.id);
    });
    return el('li', { 'data-tap': x.id, 'data-state': x.voided !== 'no' ? 'voided' : x.state },
      el('span', { class: 'when' }, time(x.occurredAt, network?.timeZone)),
      el('span', { class: 'what' }, `${serviceName(x.service)} ×${x.quantity}${x.workerGroup ? ` · ${named(network?.workerGroups.find((g) => g.id === x.workerGroup), x.workerGroup)}` : ''}`),
      el('span', { class: 'state' }, state), undo);
  })));
}

async function tap(service: string): Promise<void> {
  const now = serverNow();
  const entry: Tap = {
    id: newId(), stationId, service, quantity, occurredAt: now.toISOString(), day: today(),
    attendant: attendant.value.trim() || undefined, workerGroup: service === 'visit' && group ? group : undefined,
    state: 'waiting', voided: 'no',
  };
  quantity = 1;
  group = null;
  taps = [entry, ...taps];
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
    render();
  } catch { /* offline again: the next drain tries again */ }
}

function showPairing(message: string): void {
  localStorage.removeItem(tokenKey(stationId));
  useToken(null);
  app.replaceChildren(pageHeader(() => t('pairTitle'), () => stationId, () => undefined), el('main', {}, pairingForm(message)));
}

function pairingForm(message: string): HTMLElement {
  const code = el('input', { id: 'pair-code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '9', required: '' });
  code.value = new URLSearchParams(location.search).get('pair') ?? '';
  const name = el('input', { id: 'pair-name', maxlength: '40' });
  const submit = el('button', { type: 'submit', id: 'pair-submit' }, t('pair'));
  const note = el('p', { class: 'form-message', role: 'alert' }, message);
  const form = el('form', { class: 'pairing' }, el('h2', {}, t('pairTitle')), el('p', {}, t('pairHelp')),
    el('label', {}, t('pairCode'), code), el('label', {}, t('tabletName'), name), submit, note);
  const scan = scanner((found) => { code.value = found; form.requestSubmit(); });
  if (scan) form.insertBefore(scan, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const paired = await api.pair(code.value.trim(), name.value.trim());
      localStorage.setItem(tokenKey(paired.stationId), paired.token);
      localStorage.setItem('stationnet.lastStation', paired.stationId);
      // The tablet's home is its station's page.
      location.replace(`/station/${encodeURIComponent(paired.stationId)}`);
    } catch (err) {
      note.textContent = err instanceof Error ? err.message : String(err);
      submit.disabled = false;
    }
  });
  return form;
}

function cached<T>(kind: string): T | undefined {
  const text = localStorage.getItem(cacheKey(kind));
  return text ? (JSON.parse(text) as T) : undefined;
}

async function load(): Promise<void> {
  if (!stationId) {
    const last = localStorage.getItem('stationnet.lastStation');
    if (last && localStorage.getItem(tokenKey(last))) { location.replace(`/station/${encodeURIComponent(last)}`); return; }
    showPairing('');
    return;
  }
  const token = localStorage.getItem(tokenKey(stationId));
  if (!token) { showPairing(''); return; }
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
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) { showPairing(t('pairAgain')); return; }
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
    pageHeader(() => station!.name, () => station!.township, render), statusEl,
    el('main', {}, grid, options, list));
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  taps = await outbox.taps();
  await outbox.prune(today());
  renderStatus();
  render();
  outbox.kick();
  setInterval(() => { if (sync.kind === 'online') void reconcile(); }, 60_000);
}

if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js', { scope: '/station' });
void load();
