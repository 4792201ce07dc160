import { api, ApiError, newId, useToken, type NetworkView, type StationView } from '../lib/api';
import { el } from '../lib/dom';
import { named, t, time } from '../lib/i18n';
import { pageHeader, routeId } from '../lib/page';
import './tablet.css';

// The simple tablet of the first slice: pairing by code, one big button per service, today's count on it,
// undo of the last tap. The offline outbox, camera scanning and quantity picker come with the tablet issue.

const app = document.getElementById('app')!;
const stationId = routeId('/station/');
const tokenKey = `stationnet.tablet.${stationId}`;
useToken(localStorage.getItem(tokenKey));
let station: StationView | undefined;
let network: NetworkView | undefined;
let lastTap: string | null = sessionStorage.getItem(`stationnet.last.${stationId}`);

const status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
const grid = el('div', { class: 'services' });
const undo = el('button', { class: 'undo' });

function render(): void {
  if (!station || !network) return;
  grid.replaceChildren(...station.services.map((service) => {
    const kind = network!.services.find((s) => s.id === service);
    const b = el('button', { class: 'service', 'data-service': service },
      el('span', { class: 'name' }, named(kind, service)),
      el('span', { class: 'count', 'data-count': service }, String(station!.counts[service] ?? 0)));
    b.addEventListener('click', () => void tap(service));
    return b;
  }));
  undo.textContent = t('undo');
  undo.disabled = lastTap === null;
}

async function tap(service: string): Promise<void> {
  const id = newId();
  try {
    const reply = await api.postEvent(stationId, { id, service });
    station = { ...station!, counts: reply.counts, lastEventAt: reply.lastEventAt };
    lastTap = id;
    sessionStorage.setItem(`stationnet.last.${stationId}`, id);
    status.textContent = `${reply.duplicate ? t('duplicate') : t('counted')} · ${named(network!.services.find((s) => s.id === service), service)} · ${time(new Date().toISOString())}`;
  } catch (e) {
    status.textContent = `${t('failed')}: ${e instanceof ApiError ? e.message : String(e)}`;
  }
  render();
}

undo.addEventListener('click', async () => {
  if (!lastTap) { status.textContent = t('nothingToUndo'); return; }
  try {
    const reply = await api.voidEvent(stationId, lastTap);
    station = { ...station!, counts: reply.counts };
    status.textContent = t('undone');
  } catch (e) {
    status.textContent = `${t('failed')}: ${e instanceof ApiError ? e.message : String(e)}`;
  }
  lastTap = null;
  sessionStorage.removeItem(`stationnet.last.${stationId}`);
  render();
});

function pairingForm(message: string): HTMLElement {
  const code = el('input', { id: 'pair-code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '9', required: '' });
  code.value = new URLSearchParams(location.search).get('pair') ?? '';
  const name = el('input', { id: 'pair-name', maxlength: '40' });
  const submit = el('button', { type: 'submit', id: 'pair-submit' }, t('pair'));
  const note = el('p', { class: 'form-message', role: 'alert' }, message);
  const form = el('form', { class: 'pairing' }, el('h2', {}, t('pairTitle')), el('p', {}, t('pairHelp')),
    el('label', {}, t('pairCode'), code), el('label', {}, t('tabletName'), name), submit, note);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const paired = await api.pair(code.value.trim(), name.value.trim());
      if (paired.stationId !== stationId) throw new Error(`${paired.stationId} ≠ ${stationId}`);
      localStorage.setItem(tokenKey, paired.token);
      useToken(paired.token);
      history.replaceState(null, '', location.pathname);
      await load();
    } catch (err) {
      note.textContent = err instanceof Error ? err.message : String(err);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

async function load(): Promise<void> {
  if (!localStorage.getItem(tokenKey)) {
    app.replaceChildren(pageHeader(() => t('pairTitle'), () => stationId, () => undefined), el('main', {}, pairingForm('')));
    return;
  }
  try {
    station = await api.station(stationId);
    network = await api.network(station.networkId);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      localStorage.removeItem(tokenKey);
      useToken(null);
      app.replaceChildren(pageHeader(() => t('pairTitle'), () => stationId, () => undefined), el('main', {}, pairingForm(t('pairAgain'))));
      return;
    }
    app.replaceChildren(el('main', {}, el('p', { class: 'error' }, `${t('notFound')}: ${e instanceof Error ? e.message : String(e)}`)));
    return;
  }
  app.replaceChildren(
    pageHeader(() => station!.name, () => station!.township, render),
    el('main', {}, grid, el('div', { class: 'actions' }, undo), status));
  render();
}

void load();
