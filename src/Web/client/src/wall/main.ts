import { api, ApiError, total, useToken, type Counts, type LiveSnapshot, type NetworkView } from '../lib/api';
import { el } from '../lib/dom';
import { named, t, time } from '../lib/i18n';
import { LiveFeed } from '../lib/live';
import { pageHeader, routeId } from '../lib/page';
import './wall.css';

// The simple wall of the first slice: network totals and a tile per station, live over SignalR.
// Tiles are updated in place, never re-created per batch, so the page does not grow while it runs.

const app = document.getElementById('app')!;
const networkId = routeId('/wall/');
// An unattended screen opens its screen link, which carries the token; a signed-in manager needs none.
const screenToken = new URLSearchParams(location.search).get('screen');
useToken(screenToken);
let network: NetworkView | undefined;
let snapshot: LiveSnapshot | undefined;
let lostSince: Date | null = null;

const totalsEl = el('section', { class: 'totals' });
const tilesEl = el('section', { class: 'tiles' });
const lostEl = el('div', { class: 'banner warn', role: 'alert', hidden: '' });
const tiles = new Map<string, HTMLElement>();

function serviceName(id: string): string {
  return named(network?.services.find((s) => s.id === id), id);
}

function countsList(counts: Counts, services: string[]): HTMLElement {
  return el('ul', { class: 'counts' }, ...services.map((s) =>
    el('li', { 'data-service': s }, el('span', { class: 'n' }, String(counts[s] ?? 0)), el('span', { class: 'label' }, serviceName(s)))));
}

function renderTotals(): void {
  if (!network || !snapshot) return;
  totalsEl.replaceChildren(
    el('h2', {}, `${t('networkTotals')} · ${snapshot.day}`),
    el('div', { class: 'grand', 'data-total': '' }, String(total(snapshot.totals))),
    countsList(snapshot.totals, network.services.map((s) => s.id)));
}

function renderTile(stationId: string): void {
  const s = snapshot?.stations.find((x) => x.stationId === stationId);
  const info = network?.stations.find((x) => x.id === stationId);
  if (!s || !info) return;
  let tile = tiles.get(stationId);
  if (!tile) {
    tile = el('article', { class: 'tile', 'data-station': stationId });
    tiles.set(stationId, tile);
    tilesEl.append(tile);
  }
  tile.replaceChildren(
    el('h3', {}, info.name),
    el('div', { class: 'township' }, info.township),
    el('div', { class: 'tile-total', 'data-station-total': stationId }, String(total(s.counts))),
    countsList(s.counts, info.services),
    el('div', { class: 'last' }, `${t('lastActivity')}: ${s.lastEventAt ? time(s.lastEventAt, network?.timeZone) : t('never')}`));
}

function renderAll(): void {
  renderTotals();
  for (const id of [...tiles.keys()]) if (!snapshot?.stations.some((s) => s.stationId === id)) { tiles.get(id)!.remove(); tiles.delete(id); }
  for (const s of snapshot?.stations ?? []) renderTile(s.stationId);
}

function setOnline(online: boolean): void {
  if (online) {
    lostSince = null;
    lostEl.hidden = true;
  } else {
    lostSince ??= new Date();
    lostEl.hidden = false;
    lostEl.textContent = `${t('lostSince')} ${time(lostSince.toISOString())}`;
  }
  document.body.classList.toggle('stale', !online);
}

async function load(): Promise<void> {
  try {
    network = await api.network(networkId);
  } catch (e) {
    const denied = e instanceof ApiError && (e.status === 401 || e.status === 403);
    app.replaceChildren(el('main', {}, el('p', { class: 'error' }, denied ? t('needScreenLink') : `${t('notFound')}: ${e instanceof Error ? e.message : String(e)}`),
      denied ? el('a', { href: '/manage' }, t('signIn')) : null));
    return;
  }
  app.replaceChildren(pageHeader(() => named(network, networkId), () => t('wall'), renderAll), lostEl, el('main', {}, totalsEl, tilesEl));
  const feed = new LiveFeed(networkId, screenToken, {
    snapshot: (s) => { snapshot = s; renderAll(); },
    changes: (c) => {
      if (!snapshot) return;
      const byId = new Map(c.stations.map((s) => [s.stationId, s]));
      snapshot = {
        ...snapshot, version: c.version, totals: c.totals,
        stations: snapshot.stations.map((s) => { const n = byId.get(s.stationId); return n ? { ...s, counts: n.counts, lastEventAt: n.lastEventAt } : s; }),
      };
      renderTotals();
      for (const id of byId.keys()) renderTile(id);
      document.body.dataset.version = String(c.version);
    },
    connection: setOnline,
    network: async () => { network = await api.network(networkId); renderAll(); },
  });
  await feed.start();
}

void load();
