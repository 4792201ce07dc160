import { api, ApiError, total, useToken, type LiveChanges, type LiveSnapshot, type NetworkView, type StationInfo, type TickerItem } from '../lib/api';
import { el } from '../lib/dom';
import { lang, named, t, time } from '../lib/i18n';
import { serverNow, syncClock } from '../lib/clock';
import { LiveFeed } from '../lib/live';
import { pageHeader, routeId } from '../lib/page';
import { HourlyChart } from './chart';
import './wall.css';

// The service centre's wall: runs unattended for weeks at 1920×1080 or 3840×2160 and must never show
// stale numbers as if they were live. Every element is created once and updated in place, so nothing
// grows while it runs; tiles that do not fit rotate page by page.

const app = document.getElementById('app')!;
const networkId = routeId('/wall/');
const params = new URLSearchParams(location.search);
const screenToken = params.get('screen');
const rotateSeconds = Math.max(2, Number(params.get('rotate') ?? '12') || 12);
const quietMinutes = Math.max(5, Number(params.get('quiet') ?? '90') || 90);
const BUSY_WINDOW_MS = 30 * 60_000;
const BUSY_TAPS = 5;
useToken(screenToken);

let network: NetworkView | undefined;
let snapshot: LiveSnapshot | undefined;
let lostSince: Date | null = null;
let page = 0;
let lastMessageAt = Date.now();
const ticker: TickerItem[] = [];
/** When each station's count last went up, as seen by this screen; a bounded ring per station. */
const rises = new Map<string, number[]>();

const lostEl = el('div', { class: 'banner warn', role: 'alert', id: 'lost', hidden: '' });
const clockEl = el('span', { class: 'clock', id: 'clock' });
const totalsEl = el('section', { class: 'totals', id: 'totals' });
const tilesEl = el('section', { class: 'tiles', id: 'tiles' });
const pagerEl = el('div', { class: 'pager', id: 'pager' });
const chartEl = el('div', { class: 'chart', id: 'chart' });
const busiestEl = el('ol', { class: 'busiest', id: 'busiest' });
const groupsEl = el('div', { class: 'groups', id: 'groups' });
const tickerEl = el('ul', { class: 'ticker', id: 'ticker' });
const tiles = new Map<string, HTMLElement>();
let chart: HourlyChart | undefined;

function zone(): string { return network?.timeZone ?? 'Asia/Shanghai'; }

function localNow(): { day: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone(), year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(serverNow());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function isOpen(s: StationInfo): boolean {
  const now = localNow().minutes;
  const opens = minutesOf(s.openingHours.opens);
  const closes = minutesOf(s.openingHours.closes);
  return opens < closes ? now >= opens && now < closes : now >= opens || now < closes;
}

/** Open by its hours, yet nothing logged for a while: the "open but locked" complaint. */
function isQuiet(s: StationInfo, lastEventAt: string | null): boolean {
  if (!isOpen(s)) return false;
  const since = lastEventAt ? (serverNow().getTime() - Date.parse(lastEventAt)) / 60_000 : Infinity;
  const openFor = (localNow().minutes - minutesOf(s.openingHours.opens) + 1440) % 1440;
  return since > quietMinutes && openFor > quietMinutes;
}

function isBusy(stationId: string): boolean {
  const recent = (rises.get(stationId) ?? []).filter((at) => Date.now() - at < BUSY_WINDOW_MS);
  return recent.length >= BUSY_TAPS;
}

function serviceName(id: string): string { return named(network?.services.find((s) => s.id === id), id); }

function stationName(id: string): string { return network?.stations.find((s) => s.id === id)?.name ?? id; }

function setNumber(node: HTMLElement, value: number): void {
  const text = String(value);
  if (node.textContent === text) return;
  const rose = Number(node.textContent) < value;
  node.textContent = text;
  if (rose) {
    node.classList.remove('bump');
    void node.offsetWidth; // restart the animation
    node.classList.add('bump');
  }
}

function renderTotals(): void {
  if (!network || !snapshot) return;
  const verified = snapshot.stations.filter((s) => s.status);
  const openNow = verified.filter((s) => s.status === 'open' || s.status === 'open-silent').length;
  const grand = el('div', { class: 'grand' }, el('span', { class: 'label' }, `${t('networkTotals')} · ${snapshot.day}`),
    el('span', { class: 'n', 'data-total': '' }, String(total(snapshot.totals))),
    verified.length ? el('span', { class: 'label', 'data-open-count': '' }, `${t('open')} ${openNow}/${snapshot.stations.length}`) : null);
  const month = (id: string) => (snapshot!.monthBefore[id] ?? 0) + (snapshot!.totals[id] ?? 0);
  const year = (id: string) => (snapshot!.yearBefore[id] ?? 0) + (snapshot!.totals[id] ?? 0);
  totalsEl.replaceChildren(grand, ...network.services.map((s) => el('div', { class: 'service-total', 'data-service': s.id },
    el('span', { class: 'n' }, String(snapshot!.totals[s.id] ?? 0)),
    el('span', { class: 'label' }, serviceName(s.id)),
    el('span', { class: 'mtd' }, `${t('month')} ${month(s.id)} · ${t('year')} ${year(s.id)}`))));
}

function tileFor(s: StationInfo): HTMLElement {
  let tile = tiles.get(s.id);
  if (!tile) {
    tile = el('article', { class: 'tile', 'data-station': s.id });
    tiles.set(s.id, tile);
    tilesEl.append(tile);
  }
  return tile;
}

function renderTile(stationId: string): void {
  const live = snapshot?.stations.find((x) => x.stationId === stationId);
  const info = network?.stations.find((x) => x.id === stationId);
  if (!live || !info) return;
  const tile = tileFor(info);
  // The station's verified status (its tablet opened it and is heard from) when the server has one; its hours otherwise.
  const open = live.status ? live.status === 'open' || live.status === 'open-silent' : isOpen(info);
  const quiet = isQuiet(info, live.lastEventAt);
  const busy = isBusy(stationId);
  tile.dataset.open = String(open);
  tile.dataset.quiet = String(quiet);
  tile.dataset.busy = String(busy);
  let totalEl = tile.querySelector<HTMLElement>('.tile-total');
  if (!totalEl) {
    totalEl = el('div', { class: 'tile-total', 'data-station-total': stationId });
    tile.replaceChildren(el('h3', {}), el('div', { class: 'township' }), totalEl, el('ul', { class: 'counts' }), el('div', { class: 'badges' }), el('div', { class: 'last' }));
  }
  tile.querySelector('h3')!.textContent = info.name;
  tile.querySelector('.township')!.textContent = info.township;
  setNumber(totalEl, total(live.counts));
  tile.querySelector('.counts')!.replaceChildren(...info.services.map((s) => el('li', { 'data-service': s },
    el('span', { class: 'n' }, String(live.counts[s] ?? 0)), el('span', { class: 'label' }, serviceName(s)))));
  // Due open and not opened, or opened and then not heard from: the two a service centre must act on take the closed badge's place.
  const warning = live.status === 'late' ? (lang() === 'zh' ? '⚠ 未按时开站' : '⚠ Late')
    : live.status === 'unreachable' ? (lang() === 'zh' ? '⚠ 失联' : '⚠ Unreachable') : null;
  const badges = [warning
    ? el('span', { class: 'badge quiet', 'data-status': live.status ?? '' }, warning)
    : el('span', { class: `badge ${open ? 'open' : 'closed'}` }, open ? `● ${t('open')}` : `○ ${t('closed')}`)];
  if (busy) badges.push(el('span', { class: 'badge busy' }, `▲ ${t('busy')}`));
  if (quiet) badges.push(el('span', { class: 'badge quiet' }, `⚠ ${t('quiet')} ${quietMinutes}′`));
  tile.querySelector('.badges')!.replaceChildren(...badges);
  tile.querySelector('.last')!.textContent = `${t('lastActivity')}: ${live.lastEventAt ? time(live.lastEventAt, zone()) : t('never')}`;
}

function renderSide(): void {
  if (!network || !snapshot) return;
  chart?.update(network.services.map((s) => ({ id: s.id, name: serviceName(s.id) })), snapshot.hourly, snapshot.yesterdayHourly, t('yesterday'));
  const top = [...snapshot.stations].sort((a, b) => total(b.counts) - total(a.counts)).slice(0, 5).filter((s) => total(s.counts) > 0);
  const max = Math.max(1, ...top.map((s) => total(s.counts)));
  busiestEl.replaceChildren(...top.map((s) => el('li', { 'data-station': s.stationId },
    el('span', { class: 'name' }, stationName(s.stationId)), el('span', { class: 'bar' }), el('span', { class: 'n' }, String(total(s.counts))))));
  busiestEl.querySelectorAll<HTMLElement>('.bar').forEach((bar, i) => bar.style.setProperty('--w', `${(100 * total(top[i].counts)) / max}%`));
  const visits = Object.values(snapshot.groups).reduce((a, b) => a + b, 0);
  groupsEl.replaceChildren(...network.workerGroups.map((g) => {
    const n = snapshot!.groups[g.id] ?? 0;
    const share = visits ? Math.round((100 * n) / visits) : 0;
    const row = el('div', { class: 'group', 'data-group': g.id }, el('span', { class: 'name' }, named(g, g.id)), el('span', { class: 'bar' }), el('span', { class: 'n' }, `${share}%`));
    row.querySelector<HTMLElement>('.bar')!.style.setProperty('--w', `${share}%`);
    return row;
  }));
  tickerEl.replaceChildren(...ticker.slice(-8).reverse().map((e) => el('li', {},
    el('span', { class: 'when' }, time(e.occurredAt, zone())), el('span', { class: 'where' }, stationName(e.stationId)),
    el('span', { class: 'what' }, `${serviceName(e.service)} ×${e.quantity}${e.workerGroup ? ` · ${named(network!.workerGroups.find((g) => g.id === e.workerGroup), e.workerGroup)}` : ''}`))));
}

/** How many tiles fit, and which page is showing: pages rotate on their own; there is never a scrollbar. */
function layoutPages(): void {
  const ids = snapshot?.stations.map((s) => s.stationId) ?? [];
  const sample = tiles.values().next().value as HTMLElement | undefined;
  if (!sample) return;
  for (const tile of tiles.values()) tile.hidden = false;
  const style = getComputedStyle(tilesEl);
  const gap = parseFloat(style.rowGap) || 0;
  const cols = style.gridTemplateColumns.split(' ').length;
  const rows = Math.max(1, Math.floor((tilesEl.clientHeight + gap) / (sample.offsetHeight + gap)));
  const perPage = Math.max(1, cols * rows);
  const pages = Math.max(1, Math.ceil(ids.length / perPage));
  page %= pages;
  ids.forEach((id, i) => { const tile = tiles.get(id); if (tile) tile.hidden = Math.floor(i / perPage) !== page; });
  pagerEl.textContent = pages > 1 ? `${t('page')} ${page + 1}/${pages}` : '';
  pagerEl.dataset.page = String(page + 1);
  pagerEl.dataset.pages = String(pages);
}

function renderAll(): void {
  renderTotals();
  for (const id of [...tiles.keys()]) if (!snapshot?.stations.some((s) => s.stationId === id)) { tiles.get(id)!.remove(); tiles.delete(id); }
  for (const s of snapshot?.stations ?? []) renderTile(s.stationId);
  renderSide();
  layoutPages();
}

function applyChanges(c: LiveChanges): void {
  if (!snapshot) return;
  const byId = new Map(c.stations.map((s) => [s.stationId, s]));
  for (const s of snapshot.stations) {
    const n = byId.get(s.stationId);
    if (n && total(n.counts) > total(s.counts)) {
      const ring = rises.get(s.stationId) ?? [];
      ring.push(Date.now());
      rises.set(s.stationId, ring.slice(-BUSY_TAPS * 2));
    }
  }
  snapshot = {
    ...snapshot, version: c.version, totals: c.totals, hourly: c.hourly, groups: c.groups,
    stations: snapshot.stations.map((s) => { const n = byId.get(s.stationId); return n ? { ...s, counts: n.counts, lastEventAt: n.lastEventAt, status: n.status ?? s.status } : s; }),
  };
  ticker.push(...c.recent);
  ticker.splice(0, Math.max(0, ticker.length - 20));
  renderTotals();
  for (const id of byId.keys()) renderTile(id);
  renderSide();
  document.body.dataset.version = String(c.version);
}

function setOnline(online: boolean): void {
  if (online) {
    lostSince = null;
    lostEl.hidden = true;
  } else {
    lostSince ??= new Date();
    lostEl.hidden = false;
    lostEl.textContent = `${t('lostSince')} ${time(lostSince.toISOString(), zone())} — ${t('notLive')}`;
  }
  document.body.classList.toggle('stale', !online);
}

function everySecond(feed: LiveFeed): void {
  clockEl.textContent = serverNow().toLocaleTimeString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: zone(), hour12: false });
  // The server repeats its last batch every 5 s; a silent connection is a dead one.
  if (!lostSince && Date.now() - lastMessageAt > 20_000) { lastMessageAt = Date.now(); void feed.restart(); }
  // Past local midnight with no new day from the server yet: ask for the new day.
  if (snapshot && localNow().day > snapshot.day && Date.now() - lastMessageAt > 3_000) { lastMessageAt = Date.now(); void feed.resync().catch(() => undefined); }
}

async function load(): Promise<void> {
  try {
    await syncClock();
    network = await api.network(networkId);
  } catch (e) {
    const denied = e instanceof ApiError && (e.status === 401 || e.status === 403);
    app.replaceChildren(el('main', {}, el('p', { class: 'error' }, denied ? t('needScreenLink') : `${t('notFound')}: ${e instanceof Error ? e.message : String(e)}`),
      denied ? el('a', { href: '/manage' }, t('signIn')) : null));
    return;
  }
  const header = pageHeader(() => named(network, networkId), () => '', renderAll);
  header.querySelector('header')!.append(clockEl);
  app.replaceChildren(header, lostEl, el('main', { class: 'wall' }, totalsEl,
    el('div', { class: 'body' },
      el('div', { class: 'left' }, tilesEl, pagerEl),
      el('aside', { class: 'side' },
        el('h2', {}, t('hourly')), chartEl,
        el('h2', {}, t('busiest')), busiestEl,
        el('h2', {}, t('shares')), groupsEl,
        el('h2', {}, t('ticker')), tickerEl))));
  chart = new HourlyChart(chartEl);
  const feed = new LiveFeed(networkId, screenToken, {
    snapshot: (s) => { lastMessageAt = Date.now(); snapshot = s; ticker.splice(0, ticker.length, ...s.recent); renderAll(); },
    changes: (c) => { lastMessageAt = Date.now(); applyChanges(c); },
    connection: setOnline,
    network: async () => { network = await api.network(networkId); renderAll(); },
    heard: () => { lastMessageAt = Date.now(); },
  });
  window.addEventListener('resize', layoutPages);
  setInterval(() => everySecond(feed), 1000);
  setInterval(() => { page++; layoutPages(); }, rotateSeconds * 1000);
  // Open, busy and quiet change with the clock even when no event comes.
  setInterval(() => {
    void syncClock().catch(() => undefined);
    for (const s of snapshot?.stations ?? []) renderTile(s.stationId);
  }, 30_000);
  await feed.start();
}

// An unattended screen that hits an error it cannot handle starts afresh rather than freeze.
window.addEventListener('error', () => setTimeout(() => location.reload(), 10_000));
window.addEventListener('unhandledrejection', () => setTimeout(() => location.reload(), 10_000));
void load();
